import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing

@Suite("Tokens, ACL policies and namespaces")
struct AuthTests {
    @Test("Vault's glob precedence")
    func globPrecedence() throws {
        let policy = try ACLPolicy(name: "p", text: """
        {"path": {
          "transit/*": {"capabilities": ["read"]},
          "transit/encrypt/*": {"capabilities": ["update"]},
          "transit/encrypt/secret": {"capabilities": ["deny"]},
          "transit/+/orders": {"capabilities": ["list"]},
          "transit/keys/orders*": {"capabilities": ["create", "update"]}
        }}
        """)
        let acl = ACL(policies: [policy], isRoot: false)
        #expect(acl.allows(.update, on: "transit/encrypt/orders"))
        #expect(!acl.allows(.read, on: "transit/encrypt/orders"), "the longer glob wins, not the union")
        #expect(!acl.allows(.update, on: "transit/encrypt/secret"), "exact deny")
        #expect(acl.allows(.read, on: "transit/decrypt/other"))
        #expect(acl.allows(.list, on: "transit/hmac/orders"), "+ matches one segment")
        #expect(acl.allows(.create, on: "transit/keys/orders-2024"))
        #expect(!acl.allows(.read, on: "sys/mounts"))
        #expect(throws: KeyServiceError.self) { try ACLPolicy(name: "bad", text: #"path "x" { capabilities = ["read"] }"#) }
        #expect(throws: KeyServiceError.self) { try ACLPolicy(name: "bad", text: #"{"path": {"a/*/b": {"capabilities": ["read"]}}}"#) }
        #expect(throws: KeyServiceError.self) { try ACLPolicy(name: "bad", text: #"{"path": {"a": {"capabilities": ["fly"]}}}"#) }
    }

    @Test("Policies grant exactly what they say; a token without policies is refused everywhere")
    func policies() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/orders")
        _ = await vault.data("POST", "transit/keys/payroll")
        let policy = #"{"path": {"transit/encrypt/orders": {"capabilities": ["update"]}, "transit/decrypt/orders": {"capabilities": ["update"]}}}"#
        #expect(await vault.request("PUT", "sys/policy/orders-app", ["policy": .string(policy)]).status == 204)
        let token = await vault.request("POST", "auth/token/create", ["policies": ["orders-app"], "ttl": "1h"]).body?["auth"]?["client_token"]?.stringValue ?? ""
        let ciphertext = await vault.data("POST", "transit/encrypt/orders", ["plaintext": b64("x")], token: token)["ciphertext"] ?? nil
        #expect(unb64(await vault.data("POST", "transit/decrypt/orders", ["ciphertext": ciphertext], token: token)["plaintext"]) == Array("x".utf8))
        #expect(await vault.request("POST", "transit/encrypt/payroll", ["plaintext": b64("x")], token: token).status == 403)
        #expect(await vault.request("POST", "transit/encrypt/brand-new", ["plaintext": b64("x")], token: token).status == 403, "no create: no upsert")
        #expect(await vault.request("GET", "transit/keys/orders", token: token).status == 403)
        #expect(await vault.data("GET", "auth/token/lookup-self", token: token)["policies"] == ["default", "orders-app"])
        // A token with no policy at all (not even default) is refused on every endpoint, including lookup-self.
        let bare = await vault.request("POST", "auth/token/create", ["policies": [], "no_default_policy": true]).body?["auth"]?["client_token"]?.stringValue ?? ""
        for (method, path) in [("GET", "auth/token/lookup-self"), ("POST", "transit/encrypt/orders"), ("GET", "sys/mounts"), ("LIST", "transit/keys"),
                               ("POST", "auth/token/create"), ("GET", "sys/policy"), ("POST", "sys/seal"), ("GET", "transit/wrapping_key")] {
            #expect(await vault.request(method, path, ["plaintext": b64("x")], token: bare).status == 403, "\(method) \(path)")
        }
        #expect(await vault.request("GET", "sys/mounts", token: "hvs.not-a-token").status == 403)
        #expect(await vault.service.handle(VaultRequest(method: "GET", path: "sys/mounts", token: nil)).status == 403, "no token at all")
    }

    @Test("Child tokens: subset of the parent's policies; revocation takes the children; TTLs expire")
    func tokenTree() async throws {
        let clock = TestClock()
        let vault = try await TestVault.make(clock: { clock.now })
        #expect(await vault.request("PUT", "sys/policy/a", ["policy": #"{"path": {"auth/token/create": {"capabilities": ["update"]}}}"#]).status == 204)
        let parent = await vault.request("POST", "auth/token/create", ["policies": ["a"]]).body?["auth"]?["client_token"]?.stringValue ?? ""
        #expect(await vault.request("POST", "auth/token/create", ["policies": ["root"]], token: parent).status == 403)
        let child = await vault.request("POST", "auth/token/create", ["policies": ["a"], "ttl": "2h"], token: parent).body?["auth"]?["client_token"]?.stringValue ?? ""
        #expect(await vault.data("GET", "auth/token/lookup-self", token: child)["ttl"] == 7200)
        #expect(await vault.request("POST", "auth/token/revoke", ["token": .string(parent)]).status == 204)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: child).status == 403, "revoking the parent revokes the child")
        let short = await vault.request("POST", "auth/token/create", ["ttl": "1h"]).body?["auth"]?["client_token"]?.stringValue ?? ""
        clock.advance(3601)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: short).status == 403, "expired")
    }

    @Test("Namespaces isolate tenants: keys, mounts, policies and tokens of one are invisible to another")
    func namespaces() async throws {
        let vault = try await TestVault.make()
        for tenant in ["tenant-a", "tenant-b"] {
            #expect(await vault.request("POST", "sys/namespaces/\(tenant)").status == 200)
            #expect(await vault.request("POST", "sys/mounts/transit", ["type": "transit"], namespace: tenant).status == 204)
            _ = await vault.data("POST", "transit/keys/shared-name", namespace: tenant)
            #expect(await vault.request("PUT", "sys/policy/app", ["policy": #"{"path": {"transit/*": {"capabilities": ["create", "read", "update", "list"]}}}"#], namespace: tenant).status == 204)
        }
        let tokenA = await vault.request("POST", "auth/token/create", ["policies": ["app"]], namespace: "tenant-a").body?["auth"]?["client_token"]?.stringValue ?? ""
        let ciphertextA = await vault.data("POST", "transit/encrypt/shared-name", ["plaintext": b64("a's data")], token: tokenA, namespace: "tenant-a")["ciphertext"] ?? nil
        // Tenant A's token is unknown in tenant B (and in the root namespace).
        #expect(await vault.request("POST", "transit/decrypt/shared-name", ["ciphertext": ciphertextA], token: tokenA, namespace: "tenant-b").status == 403)
        #expect(await vault.request("LIST", "transit/keys", token: tokenA, namespace: "tenant-b").status == 403)
        #expect(await vault.request("GET", "sys/mounts", token: tokenA).status == 403)
        // The same key name in B is a different key: A's ciphertext does not decrypt there even for root.
        #expect(await vault.request("POST", "transit/decrypt/shared-name", ["ciphertext": ciphertextA], namespace: "tenant-b").status == 400)
        #expect(unb64(await vault.data("POST", "transit/decrypt/shared-name", ["ciphertext": ciphertextA], namespace: "tenant-a")["plaintext"]) == Array("a's data".utf8))
        #expect(await vault.request("POST", "transit/encrypt/x", ["plaintext": b64("x")], namespace: "no-such-namespace").status == 404)
        #expect(await vault.data("LIST", "sys/namespaces")["keys"] == ["tenant-a/", "tenant-b/"])
        #expect(await vault.request("DELETE", "sys/namespaces/tenant-b").status == 204)
        #expect(await vault.request("LIST", "transit/keys", namespace: "tenant-b").status == 404)
    }
}

/// A settable clock for TTL tests.
final class TestClock: Sendable {
    private let value = Mutex<Int64>(1_800_000_000)
    var now: Int64 { value.withLock { $0 } }
    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
}

import Synchronization
