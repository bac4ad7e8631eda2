import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing
import StrictJSON

/// Attacks found in review, each pinned by a test: overflowing durations, path tricks past the ACL, tenants
/// acting on the whole service, token lifetimes, stale caches, crafted backups.
@Suite("Hardening")
struct HardeningTests {
    static func token(_ vault: TestVault, _ body: JSONValue, namespace: String? = nil, token: String? = nil) async -> String {
        await vault.request("POST", "auth/token/create", body, token: token, namespace: namespace).body?["auth"]?["client_token"]?.stringValue ?? ""
    }

    @Test("Durations are bounded: no timestamp arithmetic can overflow")
    func durationBounds() async throws {
        let vault = try await TestVault.make()
        let token = await Self.token(vault, ["policies": ["default"], "ttl": "1h"])
        for increment: JSONValue in [.integer(Int64.max), "9223372036854775807", "277777777777h", .integer(-1)] {
            #expect(await vault.request("POST", "auth/token/renew-self", ["increment": increment], token: token).status == 400)
        }
        #expect(await vault.request("POST", "auth/token/create", ["ttl": .integer(Int64.max)]).status == 400)
        #expect(await vault.request("POST", "transit/keys/k", ["auto_rotate_period": .integer(Int64.max)]).status == 400)
        // Within range, a renewal never goes past 768 hours from creation.
        let renewed = await vault.request("POST", "auth/token/renew-self", ["increment": "8760h"], token: token)
        #expect(renewed.status == 200)
        #expect((renewed.body?["auth"]?["lease_duration"]?.integerValue ?? .max) <= 768 * 3600)
    }

    @Test("Empty, `.` and `..` path segments are refused before any ACL check")
    func pathSegments() async throws {
        let vault = try await TestVault.make()
        let policy = #"{"path": {"sys/mounts/*": {"capabilities": ["create", "read", "update", "delete", "sudo"]}, "sys/mounts/transit": {"capabilities": ["deny"]}}}"#
        #expect(await vault.request("PUT", "sys/policy/mounts-admin", ["policy": .string(policy)]).status == 204)
        let admin = await Self.token(vault, ["policies": ["mounts-admin"]])
        for path in ["sys/mounts//transit", "sys/mounts/./transit", "sys/mounts/x/../transit", "transit//keys", "sys//mounts"] {
            #expect(await vault.request("DELETE", path, token: admin).status == 400, "\(path)")
        }
        #expect(await vault.request("DELETE", "sys/mounts/transit", token: admin).status == 403)
        #expect(await vault.data("GET", "sys/mounts")["transit/"] != nil, "still mounted")
    }

    @Test("Sealing and keyring rotation only from the root namespace with a root-namespace token")
    func globalOperationsAreRootOnly() async throws {
        let vault = try await TestVault.make()
        #expect(await vault.request("POST", "sys/namespaces/tenant").status == 200)
        #expect(await vault.request("PUT", "sys/policy/all", ["policy": #"{"path": {"*": {"capabilities": ["create", "read", "update", "delete", "list", "sudo"]}}}"#], namespace: "tenant").status == 204)
        let tenantAdmin = await Self.token(vault, ["policies": ["all"]], namespace: "tenant")
        let tenantRoot = await Self.token(vault, ["policies": ["root"]], namespace: "tenant")
        for token in [tenantAdmin, tenantRoot] {
            for path in ["sys/seal", "sys/rotate"] {
                #expect(await vault.request("POST", path, token: token, namespace: "tenant").status == 403)
            }
        }
        #expect(await vault.request("POST", "sys/seal", namespace: "tenant").status == 403, "the root token, but in a tenant's namespace")
        #expect(!vault.service.isSealed)
        #expect(await vault.request("POST", "sys/rotate").status == 204)
    }

    @Test("A revoked token cannot be renewed back to life")
    func renewAfterRevoke() async throws {
        let vault = try await TestVault.make()
        let token = await Self.token(vault, ["policies": ["default"], "ttl": "1h"])
        let lookup = await vault.request("GET", "auth/token/lookup-self", token: token)
        #expect(lookup.status == 200)
        #expect(await vault.request("POST", "auth/token/revoke", ["token": .string(token)]).status == 204)
        #expect(await vault.request("POST", "auth/token/renew-self", token: token).status == 403)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: token).status == 403)
    }

    @Test("Revoking a parent revokes children it created in a child namespace")
    func crossNamespaceChildren() async throws {
        let vault = try await TestVault.make()
        #expect(await vault.request("POST", "sys/namespaces/tenant").status == 200)
        #expect(await vault.request("PUT", "sys/policy/tenant-ops", ["policy": #"{"path": {"tenant/*": {"capabilities": ["create", "read", "update", "list", "sudo"]}}}"#]).status == 204)
        let parent = await Self.token(vault, ["policies": ["tenant-ops", "root"]])
        let child = await Self.token(vault, ["policies": ["default"]], namespace: "tenant", token: parent)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: child, namespace: "tenant").status == 200)
        #expect(await vault.request("POST", "auth/token/revoke", ["token": .string(parent)]).status == 204)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: child, namespace: "tenant").status == 403, "the child went with its parent")
    }

    @Test("A child's renewal stops at its parent's expiry")
    func renewBoundedByParent() async throws {
        let clock = TestClock()
        let vault = try await TestVault.make(clock: { clock.now })
        #expect(await vault.request("PUT", "sys/policy/maker", ["policy": #"{"path": {"auth/token/create": {"capabilities": ["update"]}}}"#]).status == 204)
        let parent = await Self.token(vault, ["policies": ["maker"], "ttl": "2h"])
        let child = await Self.token(vault, ["policies": ["default"], "ttl": "1h"], token: parent)
        clock.advance(1800)
        let renewed = await vault.request("POST", "auth/token/renew-self", ["increment": "24h"], token: child)
        #expect(renewed.status == 200)
        #expect((renewed.body?["auth"]?["lease_duration"]?.integerValue ?? .max) <= 5400, "no further than the parent's remaining 90 minutes")
    }

    @Test("num_uses is enforced: the last use revokes the token")
    func numUses() async throws {
        let vault = try await TestVault.make()
        let token = await Self.token(vault, ["policies": ["default"], "num_uses": 2])
        #expect(await vault.request("GET", "auth/token/lookup-self", token: token).status == 200)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: token).status == 200)
        #expect(await vault.request("GET", "auth/token/lookup-self", token: token).status == 403)
    }

    @Test("A policy deleted and written again with narrower rules is enforced at once")
    func policyRecreated() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/k")
        let wide = #"{"path": {"transit/encrypt/k": {"capabilities": ["update"]}}}"#
        let narrow = #"{"path": {"transit/decrypt/k": {"capabilities": ["update"]}}}"#
        #expect(await vault.request("PUT", "sys/policy/app", ["policy": .string(wide)]).status == 204)
        let token = await Self.token(vault, ["policies": ["app"]])
        #expect(await vault.request("POST", "transit/encrypt/k", ["plaintext": b64("x")], token: token).status == 200)
        #expect(await vault.request("DELETE", "sys/policy/app").status == 204)
        #expect(await vault.request("PUT", "sys/policy/app", ["policy": .string(narrow)]).status == 204)
        #expect(await vault.request("POST", "transit/encrypt/k", ["plaintext": b64("x")], token: token).status == 403)
    }

    @Test("Policy names are case-insensitive for the ACL too")
    func policyNameCase() async throws {
        let vault = try await TestVault.make()
        let policy = #"{"path": {"sys/policy/*": {"capabilities": ["create", "update", "read"]}, "sys/policy/admin": {"capabilities": ["deny"]}}}"#
        #expect(await vault.request("PUT", "sys/policy/policy-editor", ["policy": .string(policy)]).status == 204)
        let editor = await Self.token(vault, ["policies": ["policy-editor"]])
        let escalation = #"{"path": {"*": {"capabilities": ["sudo", "create", "update", "read", "delete", "list"]}}}"#
        for name in ["admin", "ADMIN", "Admin"] {
            #expect(await vault.request("PUT", "sys/policy/\(name)", ["policy": .string(escalation)], token: editor).status == 403, "\(name)")
        }
        #expect(await vault.request("PUT", "sys/policy/other", ["policy": .string(escalation)], token: editor).status == 204)
    }

    @Test("Namespaces are created one level at a time")
    func namespaceLevels() async throws {
        let vault = try await TestVault.make()
        #expect(await vault.request("POST", "sys/namespaces/a/b/c").status == 400)
        #expect(await vault.request("POST", "sys/namespaces/a").status == 200)
        #expect(await vault.request("POST", "sys/namespaces/b", namespace: "a").status == 200)
        #expect(await vault.request("DELETE", "sys/namespaces/a").status == 204)
        #expect(await vault.request("GET", "sys/mounts", namespace: "a/b").status == 404, "gone with its parent")
    }

    @Test("Upsert takes only type and convergent_encryption; an empty context (as Tink sends) makes a plain key")
    func upsertFields() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/encrypt/tink-key", ["plaintext": b64("x"), "context": "", "exportable": true, "derived": true])
        let info = await vault.data("GET", "transit/keys/tink-key")
        #expect(info["derived"] == false && info["exportable"] == false)
        _ = await vault.data("POST", "transit/encrypt/ctx-key", ["plaintext": b64("x"), "context": b64("tenant")])
        #expect(await vault.data("GET", "transit/keys/ctx-key")["derived"] == true)
    }

    @Test("LIST is checked on the path with a trailing slash, as in Vault")
    func listTrailingSlash() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/k")
        #expect(await vault.request("PUT", "sys/policy/no-slash", ["policy": #"{"path": {"transit/keys": {"capabilities": ["list"]}}}"#]).status == 204)
        #expect(await vault.request("PUT", "sys/policy/slash", ["policy": #"{"path": {"transit/keys/": {"capabilities": ["list"]}}}"#]).status == 204)
        let without = await Self.token(vault, ["policies": ["no-slash"]])
        let with = await Self.token(vault, ["policies": ["slash"]])
        #expect(await vault.request("LIST", "transit/keys", token: without).status == 403)
        #expect(await vault.data("LIST", "transit/keys", token: with)["keys"] == ["k"])
    }

    @Test("Importing a new key needs create, not just update")
    func importNeedsCreate() async throws {
        let vault = try await TestVault.make()
        #expect(await vault.request("PUT", "sys/policy/updater", ["policy": #"{"path": {"transit/keys/*": {"capabilities": ["update"]}}}"#]).status == 204)
        let updater = await Self.token(vault, ["policies": ["updater"]])
        #expect(await vault.request("POST", "transit/keys/new/import", ["ciphertext": "AAAA"], token: updater).status == 403)
    }

    @Test("Crafted backups are refused", arguments: [
        ["minDecryptionVersion": .integer(0)], ["minDecryptionVersion": .integer(9)], ["autoRotatePeriod": .integer(Int64.max)],
        ["autoRotatePeriod": .integer(5)], ["hmacKeySize": .integer(1 << 40)], ["minAvailableVersion": .integer(2)],
        ["latestVersion": .integer(Int64(UInt32.max))],
    ] as [[String: JSONValue]])
    func craftedBackups(change: [String: JSONValue]) async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/k", ["exportable": true, "allow_plaintext_backup": true])
        let backup = await vault.data("GET", "transit/backup/k")["backup"]?.stringValue ?? ""
        var document = try JSONValue.parse(Data(base64Encoded: backup) ?? Data())
        guard case .object(var members) = document, case .object(var metadata)? = members["metadata"] else {
            Issue.record("backup layout")
            return
        }
        for (field, value) in change { metadata[field] = value }
        members["metadata"] = .object(metadata)
        document = .object(members)
        let crafted = document.serialized().base64EncodedString()
        #expect(await vault.request("POST", "transit/restore/crafted", ["backup": .string(crafted)]).status == 400)
        // The unmodified backup restores.
        #expect(await vault.request("POST", "transit/restore/copy", ["backup": .string(backup)]).status == 204)
    }

    @Test("Processes sharing storage rotate a due key once, not once each")
    func autoRotationOnce() async throws {
        let clock = TestClock()
        let storage = InMemoryStorage()
        let first = try await TestVault.make(storage: storage, clock: { clock.now })
        let second = KeyService(storage: storage, clock: { clock.now })
        try await second.start()
        _ = try await second.unseal(share: first.keys[0])
        _ = await first.data("POST", "transit/keys/k", ["auto_rotate_period": "1h"])
        clock.advance(3601)
        async let one = first.service.rotateDueKeys()
        async let two = second.rotateDueKeys()
        let total = try await one + two
        #expect(total == 1)
        #expect(await first.data("GET", "transit/keys/k")["latest_version"] == 2)
    }

    @Test("A value decrypted before a seal is not cached after it")
    func cacheGenerations() {
        let caches = Caches()
        let before = caches.generation
        caches.removeAll()
        caches.store(document: "secret", path: "p", version: 1, generation: before)
        #expect((caches.document(path: "p", version: 1) as String?) == nil)
        caches.store(document: "fresh", path: "p", version: 1, generation: caches.generation)
        #expect((caches.document(path: "p", version: 1) as String?) == "fresh")
    }

    @Test("Bodies are parsed only after authentication")
    func bodyAfterAuthentication() async throws {
        let vault = try await TestVault.make()
        let garbage = VaultRequest(method: "POST", path: "transit/encrypt/k", token: "hvs.unknown", bodyData: Data("{not json".utf8))
        #expect(await vault.service.handle(garbage).status == 403)
        let authenticated = VaultRequest(method: "POST", path: "transit/encrypt/k", token: vault.rootToken, bodyData: Data("{not json".utf8))
        #expect(await vault.service.handle(authenticated).status == 400)
        let array = VaultRequest(method: "POST", path: "transit/encrypt/k", token: vault.rootToken, bodyData: Data("[1]".utf8))
        #expect(await vault.service.handle(array).body == ["errors": ["request body must be a JSON object"]])
    }
}
