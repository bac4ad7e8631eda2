import Foundation
@testable import KeyService
import StrictJSON
import Testing

/// The response envelope written around its data without building the document first.
@Suite("Vault response serialization")
struct ResponseSerializationTests {
    @Test func envelopeFastPathMatchesTheDocument() async throws {
        let vault = try await TestVault.make()
        for response in [
            await vault.request("POST", "transit/keys/k"),
            await vault.request("POST", "transit/encrypt/k", ["plaintext": b64("x\u{1}\"é")]),
            await vault.request("POST", "auth/token/create", ["policies": ["default"]]),
            await vault.request("GET", "sys/mounts"),
            await vault.request("GET", "transit/keys/missing"),
        ] {
            let fast = try #require(response.serializedBody())
            #expect(fast == response.body?.serializedBytes())
            #expect(try JSONValue.parse(fast) == response.body)
        }
    }

}
