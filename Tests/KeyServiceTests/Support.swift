import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing
import StrictJSON

/// An initialized, unsealed service on in-memory storage with `transit/` mounted, and its root token.
struct TestVault {
    let service: KeyService
    let rootToken: String
    let keys: [SecureBytes]

    static func make(shares: Int = 1, threshold: Int = 1, storage: any StorageBackend = InMemoryStorage(), clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) async throws -> TestVault {
        let service = KeyService(storage: storage, clock: clock)
        try await service.start()
        let result = try await service.initialize(shares: shares, threshold: threshold)
        for key in result.keys.prefix(threshold) { _ = try await service.unseal(share: key) }
        let vault = TestVault(service: service, rootToken: result.rootToken, keys: result.keys)
        let mount = await vault.request("POST", "sys/mounts/transit", ["type": "transit"])
        #expect(mount.status == 204)
        return vault
    }

    func request(_ method: String, _ path: String, _ body: JSONValue? = nil, token: String? = nil, namespace: String? = nil, query: [String: String] = [:]) async -> VaultResponse {
        await service.handle(VaultRequest(method: method, path: path, query: query, token: token ?? rootToken, namespace: namespace, body: body))
    }

    /// `data` of a 200 response (records an issue otherwise).
    func data(_ method: String, _ path: String, _ body: JSONValue? = nil, token: String? = nil, namespace: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async -> JSONValue {
        let response = await request(method, path, body, token: token, namespace: namespace)
        #expect(response.status == 200, "\(method) \(path): \(response.status) \(String(decoding: response.body?.serialized() ?? Data(), as: UTF8.self))", sourceLocation: sourceLocation)
        return response.body?["data"] ?? .null
    }
}

func b64(_ text: String) -> JSONValue { .string(Data(text.utf8).base64EncodedString()) }
func b64(_ bytes: [UInt8]) -> JSONValue { .string(Data(bytes).base64EncodedString()) }
func unb64(_ value: JSONValue?) -> [UInt8]? { value?.stringValue.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }
