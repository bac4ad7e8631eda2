import ArgumentParser
import CryptoPrimitives
import Foundation
import KeyService
import KeyServiceHTTP
import KeyServicePostgres
import Logging

/// `keyserviced`: a Vault Transit–compatible key service.
@main
struct Keyserviced: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyserviced",
        abstract: "A key service whose HTTP API is compatible with HashiCorp Vault's Transit engine.",
        subcommands: [Dev.self, Server.self]
    )
}

/// `keyserviced dev`: an initialized, unsealed service with `transit/` mounted, like `vault server -dev`.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a development server: initialized, unsealed, transit/ mounted. Not for production.")

    @Option(help: "Address to listen on (loopback only without TLS).") var address = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free port).") var port = 8200
    @Option(name: .customLong("data-dir"), help: "Keep data in this directory instead of memory.") var dataDirectory: String?
    @Option(name: .customLong("port-file"), help: "Write the bound port to this file once listening.") var portFile: String?
    @Flag(name: .customLong("enable-noop-route"), help: "Serve POST /v1/sys/noop (benchmark baseline).") var enableNoopRoute = false
    @Option(name: .customLong("log-level")) var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "keyserviced")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let storage: any StorageBackend = try dataDirectory.map { try FileStorage(directory: URL(fileURLWithPath: $0)) } ?? InMemoryStorage()
        let service = KeyService(storage: storage)
        try await service.start()
        let result = try await service.initialize(shares: 1, threshold: 1)
        _ = try await service.unseal(share: result.keys[0])
        let mounted = await service.handle(VaultRequest(method: "POST", path: "sys/mounts/transit", token: result.rootToken, body: ["type": "transit"]))
        guard mounted.status == 204 else { throw ValidationError("could not mount transit/") }
        let unsealKey = Data(result.keys[0].unprotectedCopy()).base64EncodedString()
        let listener = ListenerConfiguration(host: address, port: port, enableNoopRoute: enableNoopRoute)
        let portFile = self.portFile
        let address = self.address
        let app = try buildApplication(service: service, listener: listener, logger: logger) { boundPort in
            Console.write("""
            keyserviced is running in development mode: data is \(storage is InMemoryStorage ? "in memory" : "in the data directory"), \
            the service is unsealed, and transit/ is mounted. Do not use dev mode in production.

                export VAULT_ADDR='http://\(address):\(boundPort)'
                export VAULT_TOKEN='\(result.rootToken)'

            Unseal key: \(unsealKey)
            Root token: \(result.rootToken)

            Try it with any Vault client, e.g. curl:

                curl -s -H "X-Vault-Token: $VAULT_TOKEN" -X POST $VAULT_ADDR/v1/transit/keys/orders
                curl -s -H "X-Vault-Token: $VAULT_TOKEN" -d '{"plaintext":"aGVsbG8="}' $VAULT_ADDR/v1/transit/encrypt/orders

            or Python: hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"]).secrets.transit.encrypt_data(...)

            """)
            if let portFile { try? String(boundPort).write(toFile: portFile, atomically: true, encoding: .utf8) }
        }
        try await app.runService()
    }
}

/// `keyserviced server --config FILE`.
struct Server: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the key service from a configuration file (see keyservice/keyserviced.sample.json).")

    @Option(help: "The configuration file (JSON).") var config: String
    @Option(name: .customLong("port-file"), help: "Write the bound port to this file once listening.") var portFile: String?

    func run() async throws {
        let settings = try ServerConfiguration.load(path: config)
        var logger = Logger(label: "keyserviced")
        logger.logLevel = settings.logLevel
        let storage: any StorageBackend
        switch settings.storage {
        case .file(let path): storage = try FileStorage(directory: URL(fileURLWithPath: path))
        case .postgresql(let url, let connections, let table): storage = try await PostgresStorage(url: url, maximumConnections: connections, table: table)
        case .memory: storage = InMemoryStorage()
        }
        let service = KeyService(storage: storage)
        try await service.start()
        logger.info("keyserviced starting", metadata: ["initialized": "\(service.isInitialized)", "sealed": "\(service.isSealed)"])
        let portFile = self.portFile
        let app = try buildApplication(service: service, listener: settings.listener, autoRotationInterval: settings.autoRotateInterval, logger: logger) { port in
            if let portFile { try? String(port).write(toFile: portFile, atomically: true, encoding: .utf8) }
        }
        try await app.runService()
    }
}

/// Writes to standard output (the dev banner; never used for secrets outside dev mode).
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
