import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeyService
import KeyServiceHTTP
import Logging
import NIOCore
import Testing
import StrictJSON

/// An initialized, unsealed in-memory service with `transit/` mounted, served by ``buildApplication``.
struct TestServer {
    let service: KeyService
    let rootToken: String

    static func make(initialize: Bool = true) async throws -> TestServer {
        let service = KeyService(storage: InMemoryStorage())
        try await service.start()
        guard initialize else { return TestServer(service: service, rootToken: "") }
        let result = try await service.initialize(shares: 1, threshold: 1)
        _ = try await service.unseal(share: result.keys[0])
        let mount = await service.handle(VaultRequest(method: "POST", path: "sys/mounts/transit", token: result.rootToken, body: ["type": "transit"]))
        #expect(mount.status == 204)
        return TestServer(service: service, rootToken: result.rootToken)
    }

    func application(maximumBodySize: Int = 32 << 20, enableNoopRoute: Bool = false) throws -> some ApplicationProtocol {
        var logger = Logger(label: "keyserviced-test")
        logger.logLevel = .critical
        return try buildApplication(
            service: service,
            listener: ListenerConfiguration(host: "127.0.0.1", port: 0, maximumBodySize: maximumBodySize, enableNoopRoute: enableNoopRoute),
            autoRotationInterval: nil,
            logger: logger
        )
    }

    var headers: HTTPFields { [HTTPField.Name("X-Vault-Token")!: rootToken] }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue? { try? JSONValue.parse(Data(buffer: body)) }
}

extension ByteBuffer {
    init(json: JSONValue) { self.init(data: json.serialized()) }
}
