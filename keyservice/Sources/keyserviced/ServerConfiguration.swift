import ArgumentParser
import Foundation
import KeyService
import KeyServiceHTTP
import Logging
import StrictJSON

/// The server configuration file: JSON, documented in keyservice/OPERATIONS.md and keyservice/keyserviced.sample.json.
struct ServerConfiguration {
    enum Storage {
        case file(path: String)
        case postgresql(url: String, maximumConnections: Int, table: String)
        case memory
    }

    var listener: ListenerConfiguration
    var storage: Storage
    var autoRotateInterval: Duration?
    var logLevel: Logger.Level

    static func load(path: String) throws -> ServerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read the configuration file") }
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw ValidationError("the configuration file is not valid JSON") }
        return try parse(json)
    }

    /// Strict: unknown keys and wrongly typed values are errors, so a typo never silently falls back to a default.
    static func parse(_ json: JSONValue) throws -> ServerConfiguration {
        let root = try Section(json, name: "configuration", keys: ["listener", "storage", "auto_rotate_check_interval_seconds", "log_level"])
        let listenerSection = try Section(root.value("listener") ?? [:], name: "listener",
                                          keys: ["address", "port", "tls_cert_file", "tls_key_file", "idle_timeout_seconds", "enable_noop_route"])
        var listener = ListenerConfiguration()
        if let address = try listenerSection.string("address") { listener.host = address }
        if let port = try listenerSection.integer("port") {
            guard (0...65535).contains(port) else { throw ValidationError("listener.port is out of range") }
            listener.port = port
        }
        listener.tlsCertificateFile = try listenerSection.string("tls_cert_file")
        listener.tlsKeyFile = try listenerSection.string("tls_key_file")
        if let idle = try listenerSection.integer("idle_timeout_seconds") {
            guard idle > 0 else { throw ValidationError("listener.idle_timeout_seconds must be positive") }
            listener.idleTimeout = Int64(idle)
        }
        if let enable = try listenerSection.bool("enable_noop_route") { listener.enableNoopRoute = enable }

        let storageSection = try Section(root.value("storage") ?? [:], name: "storage", keys: ["type", "path", "connection_url", "max_connections", "table"])
        let storage: Storage
        switch try storageSection.string("type") ?? "file" {
        case "file":
            guard let path = try storageSection.string("path") else { throw ValidationError("storage.path is required for file storage") }
            storage = .file(path: path)
        case "postgresql":
            guard let url = try storageSection.string("connection_url") else { throw ValidationError("storage.connection_url is required for postgresql storage") }
            let connections = try storageSection.integer("max_connections") ?? 8
            guard (1...256).contains(connections) else { throw ValidationError("storage.max_connections must be between 1 and 256") }
            storage = .postgresql(url: url, maximumConnections: connections, table: try storageSection.string("table") ?? "keyservice_storage")
        case "inmem":
            storage = .memory
        default:
            throw ValidationError("storage.type must be file, postgresql or inmem")
        }
        var interval: Duration? = .seconds(60)
        if let seconds = try root.integer("auto_rotate_check_interval_seconds") { interval = seconds > 0 ? .seconds(seconds) : nil }
        var level = Logger.Level.info
        if let name = try root.string("log_level") {
            guard let parsed = Logger.Level(rawValue: name) else { throw ValidationError("log_level must be one of trace, debug, info, notice, warning, error, critical") }
            level = parsed
        }
        return ServerConfiguration(listener: listener, storage: storage, autoRotateInterval: interval, logLevel: level)
    }

    /// One JSON object of the configuration, with its allowed keys.
    struct Section {
        let members: [String: JSONValue]
        let name: String

        init(_ value: JSONValue, name: String, keys: Set<String>) throws {
            guard let members = value.objectValue else { throw ValidationError("\(name) must be a JSON object") }
            if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
                throw ValidationError("unknown setting \(name == "configuration" ? unknown : "\(name).\(unknown)")")
            }
            self.members = members
            self.name = name
        }

        func value(_ key: String) -> JSONValue? { members[key] }

        func string(_ key: String) throws -> String? {
            guard let value = members[key] else { return nil }
            guard let string = value.stringValue else { throw ValidationError("\(name).\(key) must be a string") }
            return string
        }

        func integer(_ key: String) throws -> Int? {
            guard let value = members[key] else { return nil }
            guard case .integer(let integer) = value, let result = Int(exactly: integer) else { throw ValidationError("\(name).\(key) must be an integer") }
            return result
        }

        func bool(_ key: String) throws -> Bool? {
            guard let value = members[key] else { return nil }
            guard let bool = value.boolValue else { throw ValidationError("\(name).\(key) must be true or false") }
            return bool
        }
    }
}
