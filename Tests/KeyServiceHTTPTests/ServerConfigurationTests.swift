import Foundation
import KeyService
import Logging
@testable import keyserviced
import Testing
import StrictJSON

/// `keyserviced server --config`: strict JSON, so a typo never silently falls back to a default.
@Suite struct ServerConfigurationTests {
    @Test func fullConfiguration() throws {
        let json = try JSONValue.parse(Data("""
            {"listener": {"address": "0.0.0.0", "port": 8443, "tls_cert_file": "/etc/c.pem", "tls_key_file": "/etc/k.pem",
                          "idle_timeout_seconds": 30, "enable_noop_route": false},
             "storage": {"type": "postgresql", "connection_url": "postgresql://ks@db/ks", "max_connections": 16, "table": "ks_prod"},
             "auto_rotate_check_interval_seconds": 300, "log_level": "notice"}
            """.utf8))
        let config = try ServerConfiguration.parse(json)
        #expect(config.listener.host == "0.0.0.0")
        #expect(config.listener.port == 8443)
        #expect(config.listener.tlsCertificateFile == "/etc/c.pem")
        #expect(config.listener.idleTimeout == 30)
        #expect(config.autoRotateInterval == .seconds(300))
        #expect(config.logLevel == Logger.Level.notice)
        guard case .postgresql(let url, let connections, let table) = config.storage else {
            Issue.record("storage type")
            return
        }
        #expect(url == "postgresql://ks@db/ks" && connections == 16 && table == "ks_prod")
    }

    @Test func sampleConfigurationParses() throws {
        let config = try ServerConfiguration.load(path: KeyServiceInterop.packageRoot.appendingPathComponent("keyservice/keyserviced.sample.json").path)
        guard case .file = config.storage else {
            Issue.record("the sample uses file storage")
            return
        }
    }

    @Test(arguments: [
        #"{"listner": {}}"#,
        #"{"listener": {"port": "8200"}}"#,
        #"{"listener": {"port": 70000}}"#,
        #"{"listener": {"adress": "127.0.0.1"}}"#,
        #"{"listener": {"idle_timeout_seconds": 0}}"#,
        #"{"storage": {"type": "file"}}"#,
        #"{"storage": {"type": "raft", "path": "/x"}}"#,
        #"{"storage": {"type": "postgresql"}}"#,
        #"{"storage": {"type": "postgresql", "connection_url": "postgresql://x", "max_connections": 0}}"#,
        #"{"storage": {"type": "file", "path": "/x", "pathh": "/y"}}"#,
        #"{"log_level": "verbose"}"#,
        #"{"storage": {"type": "file", "path": 5}}"#,
        #"[]"#,
    ])
    func rejected(text: String) throws {
        let json = try JSONValue.parse(Data(text.utf8))
        #expect(throws: (any Error).self) { try ServerConfiguration.parse(json) }
    }

    @Test func errorsNameTheSettingNotTheValue() throws {
        let json = try JSONValue.parse(Data(#"{"storage": {"type": "postgresql", "connection_url": 42}}"#.utf8))
        do {
            _ = try ServerConfiguration.parse(json)
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("storage.connection_url"))
        }
    }
}
