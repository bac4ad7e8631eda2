import ArgumentParser
import Foundation
import KeyService
import KeyServiceHTTP
import Logging

/// The server configuration file: JSON, documented in keyservice/OPERATIONS.md and keyservice/keyserviced.sample.json.
struct ServerConfiguration {
    enum Storage {
        case file(path: String)
        case postgresql(url: String, maximumConnections: Int)
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
        let listenerJSON = json["listener"] ?? [:]
        var listener = ListenerConfiguration()
        if let address = listenerJSON["address"]?.stringValue { listener.host = address }
        if let port = listenerJSON["port"]?.integerValue {
            guard (0...65535).contains(port) else { throw ValidationError("listener.port is out of range") }
            listener.port = Int(port)
        }
        listener.tlsCertificateFile = listenerJSON["tls_cert_file"]?.stringValue
        listener.tlsKeyFile = listenerJSON["tls_key_file"]?.stringValue
        if let idle = listenerJSON["idle_timeout_seconds"]?.integerValue, idle > 0 { listener.idleTimeout = idle }
        if let enable = listenerJSON["enable_noop_route"]?.boolValue { listener.enableNoopRoute = enable }

        let storageJSON = json["storage"] ?? [:]
        let storage: Storage
        switch storageJSON["type"]?.stringValue ?? "file" {
        case "file":
            guard let path = storageJSON["path"]?.stringValue else { throw ValidationError("storage.path is required for file storage") }
            storage = .file(path: path)
        case "postgresql":
            guard let url = storageJSON["connection_url"]?.stringValue else { throw ValidationError("storage.connection_url is required for postgresql storage") }
            storage = .postgresql(url: url, maximumConnections: Int(storageJSON["max_connections"]?.integerValue ?? 8))
        case "inmem":
            storage = .memory
        default:
            throw ValidationError("storage.type must be file, postgresql or inmem")
        }
        var interval: Duration? = .seconds(60)
        if let seconds = json["auto_rotate_check_interval_seconds"]?.integerValue { interval = seconds > 0 ? .seconds(seconds) : nil }
        let level = json["log_level"]?.stringValue.flatMap(Logger.Level.init(rawValue:)) ?? .info
        return ServerConfiguration(listener: listener, storage: storage, autoRotateInterval: interval, logLevel: level)
    }
}
