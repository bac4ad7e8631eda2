import CryptoPrimitives
import Foundation
@testable import KeyService
import Testing
import StrictJSON

@Suite("Transit engine")
struct TransitTests {
    @Test("Encrypt and decrypt for every encryption key type, with associated data, rotation and min versions")
    func encryption() async throws {
        let vault = try await TestVault.make()
        for type in ["aes256-gcm96", "aes128-gcm96", "chacha20-poly1305", "rsa-2048"] {
            let name = "k-\(type)"
            _ = await vault.data("POST", "transit/keys/\(name)", ["type": .string(type)])
            let aad: JSONValue? = type.hasPrefix("rsa") ? Optional<JSONValue>.none : b64("header")
            var body: [String: JSONValue] = ["plaintext": b64("secret message")]
            if let aad { body["associated_data"] = aad }
            let v1 = await vault.data("POST", "transit/encrypt/\(name)", .object(body))["ciphertext"]?.stringValue ?? ""
            #expect(v1.hasPrefix("vault:v1:"), "\(type)")
            var decryptBody: [String: JSONValue] = ["ciphertext": .string(v1)]
            if let aad { decryptBody["associated_data"] = aad }
            #expect(unb64(await vault.data("POST", "transit/decrypt/\(name)", .object(decryptBody))["plaintext"]) == Array("secret message".utf8))
            if aad != nil {
                let withoutAAD = await vault.request("POST", "transit/decrypt/\(name)", ["ciphertext": .string(v1)])
                #expect(withoutAAD.status == 400, "\(type): AAD is authenticated \(String(decoding: withoutAAD.body?.serialized() ?? Data(), as: UTF8.self))")
            }
            _ = await vault.data("POST", "transit/keys/\(name)/rotate")
            let v2 = await vault.data("POST", "transit/encrypt/\(name)", .object(body))["ciphertext"]?.stringValue ?? ""
            #expect(v2.hasPrefix("vault:v2:"))
            let rewrapped = await vault.data("POST", "transit/rewrap/\(name)", .object(decryptBody))["ciphertext"]?.stringValue ?? ""
            #expect(rewrapped.hasPrefix("vault:v2:"))
            _ = await vault.data("POST", "transit/keys/\(name)/config", ["min_decryption_version": 2])
            #expect(await vault.request("POST", "transit/decrypt/\(name)", .object(decryptBody)).status == 400, "v1 below the minimum")
        }
    }

    @Test("The shared nonce pool hands every nonce out once, across refills and concurrent callers")
    func noncePoolNeverRepeats() async throws {
        let perTask = 700  // several refills of 256 per task
        let drawn = try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<8 { group.addTask { try (0..<perTask).map { _ in try NoncePool.shared.next() } } }
            var all: [[UInt8]] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(drawn.count == 8 * perTask)
        #expect(drawn.allSatisfy { $0.count == 12 })
        #expect(Set(drawn).count == drawn.count, "a nonce was handed out twice")
    }

    @Test("Batches keep order, echo references and fail with 400 (or the partial code) per item")
    func batches() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/b")
        let items: [JSONValue] = (0..<5).map { ["plaintext": b64("item \($0)"), "reference": .string("r\($0)")] }
        let results = await vault.data("POST", "transit/encrypt/b", ["batch_input": .array(items), "plaintext": nil])["batch_results"]?.arrayValue ?? []
        #expect(results.count == 5)
        #expect(results.map { $0["reference"]?.stringValue } == (0..<5).map { "r\($0)" })
        var decryptItems = results.map { JSONValue.object(["ciphertext": $0["ciphertext"] ?? nil]) }
        decryptItems.append(["ciphertext": "vault:v1:AAAA"])
        let response = await vault.request("POST", "transit/decrypt/b", ["batch_input": .array(decryptItems)])
        #expect(response.status == 400)
        let decrypted = response.body?["data"]?["batch_results"]?.arrayValue ?? []
        #expect(decrypted.count == 6)
        #expect(unb64(decrypted[2]["plaintext"]) == Array("item 2".utf8))
        #expect(decrypted[5]["error"]?.stringValue != nil)
        let partial = await vault.request("POST", "transit/decrypt/b", ["batch_input": .array(decryptItems), "partial_failure_response_code": 207])
        #expect(partial.status == 207)
    }

    @Test("Derived and convergent encryption: context required, deterministic when convergent")
    func derivation() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/d", ["derived": true, "convergent_encryption": true])
        #expect(await vault.request("POST", "transit/encrypt/d", ["plaintext": b64("x")]).status == 400)
        let a = await vault.data("POST", "transit/encrypt/d", ["plaintext": b64("x"), "context": b64("tenant-1")])["ciphertext"]
        let b = await vault.data("POST", "transit/encrypt/d", ["plaintext": b64("x"), "context": b64("tenant-1")])["ciphertext"]
        let c = await vault.data("POST", "transit/encrypt/d", ["plaintext": b64("x"), "context": b64("tenant-2")])["ciphertext"]
        #expect(a == b && a != c)
        #expect(await vault.request("POST", "transit/decrypt/d", ["ciphertext": a ?? nil, "context": b64("tenant-2")]).status == 400)
        #expect(unb64(await vault.data("POST", "transit/decrypt/d", ["ciphertext": a ?? nil, "context": b64("tenant-1")])["plaintext"]) == Array("x".utf8))
    }

    @Test("Sign and verify with every signing type and option; HMAC and hash")
    func signing() async throws {
        let vault = try await TestVault.make()
        let input = b64("sign me")
        for (type, options) in [
            ("ed25519", [JSONValue.object([:])]),
            ("ecdsa-p256", [[:], ["marshaling_algorithm": "jws"], ["hash_algorithm": "sha2-512"]]),
            ("ecdsa-p384", [[:], ["hash_algorithm": "sha2-384", "marshaling_algorithm": "jws"]]),
            ("rsa-2048", [[:], ["signature_algorithm": "pkcs1v15"], ["salt_length": "hash"], ["hash_algorithm": "sha3-256"]]),
        ] {
            _ = await vault.data("POST", "transit/keys/s-\(type)", ["type": .string(type)])
            for option in options {
                let body = JSONValue.object(["input": input]).merging(option)
                let signature = await vault.data("POST", "transit/sign/s-\(type)", body)["signature"] ?? nil
                #expect(signature.stringValue?.hasPrefix("vault:v1:") == true, "\(type) \(option)")
                let valid = await vault.data("POST", "transit/verify/s-\(type)", body.merging(["signature": signature]))["valid"]
                #expect(valid == true, "\(type) \(option)")
                let invalid = await vault.data("POST", "transit/verify/s-\(type)", body.merging(["signature": signature, "input": b64("other")]))["valid"]
                #expect(invalid == false, "\(type) \(option)")
            }
            let info = await vault.data("GET", "transit/keys/s-\(type)")
            #expect(info["keys"]?["1"]?["public_key"]?.stringValue?.isEmpty == false)
        }
        _ = await vault.data("POST", "transit/keys/h", ["type": "hmac", "key_size": 64])
        let mac = await vault.data("POST", "transit/hmac/h", ["input": input, "algorithm": "sha2-512"])["hmac"] ?? nil
        #expect(await vault.data("POST", "transit/verify/h", ["input": input, "hmac": mac, "algorithm": "sha2-512"])["valid"] == true)
        #expect(await vault.data("POST", "transit/verify/h", ["input": b64("x"), "hmac": mac, "algorithm": "sha2-512"])["valid"] == false)
        let sum = await vault.data("POST", "transit/hash", ["input": b64("abc"), "algorithm": "sha2-256"])["sum"]?.stringValue
        #expect(sum == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let random = await vault.data("POST", "transit/random/64", ["format": "hex"])["random_bytes"]?.stringValue
        #expect(random?.count == 128)
    }

    @Test("Export, backup and restore, trim and delete")
    func exportBackup() async throws {
        let vault = try await TestVault.make()
        _ = await vault.data("POST", "transit/keys/e", ["exportable": true, "allow_plaintext_backup": true])
        _ = await vault.data("POST", "transit/keys/e/rotate")
        let exported = await vault.data("GET", "transit/export/encryption-key/e")["keys"]?.objectValue ?? [:]
        #expect(exported.count == 2 && unb64(exported["1"])?.count == 32)
        let ciphertext = await vault.data("POST", "transit/encrypt/e", ["plaintext": b64("keep me")])["ciphertext"] ?? nil
        let backup = await vault.data("GET", "transit/backup/e")["backup"] ?? nil
        _ = await vault.data("POST", "transit/keys/e/config", ["deletion_allowed": true])
        #expect(await vault.request("DELETE", "transit/keys/e").status == 204)
        #expect(await vault.request("GET", "transit/keys/e").status == 404)
        #expect(await vault.request("POST", "transit/restore", ["backup": backup]).status == 204)
        #expect(unb64(await vault.data("POST", "transit/decrypt/e", ["ciphertext": ciphertext])["plaintext"]) == Array("keep me".utf8))
        #expect(await vault.request("POST", "transit/restore", ["backup": backup]).status == 400, "exists without force")
        _ = await vault.data("POST", "transit/keys/e/config", ["min_decryption_version": 2, "min_encryption_version": 2])
        let trimmed = await vault.data("POST", "transit/keys/e/trim", ["min_available_version": 2])
        #expect(trimmed["keys"]?.objectValue?.keys.sorted() == ["2"])
        _ = await vault.data("POST", "transit/keys/ne")
        #expect(await vault.request("GET", "transit/export/encryption-key/ne").status == 400, "not exportable")
        #expect(await vault.request("DELETE", "transit/keys/ne").status == 400, "deletion not allowed")
    }

    @Test("BYOK import through the wrapping key for symmetric and asymmetric keys")
    func byok() async throws {
        let vault = try await TestVault.make()
        let pem = await vault.data("GET", "transit/wrapping_key")["public_key"]?.stringValue ?? ""
        let wrappingKey = try RSA.PublicKey(pemRepresentation: pem)
        func wrap(_ target: [UInt8], hash: RSA.Digest = .sha256) throws -> JSONValue {
            let ephemeral = try SecretKey.generate(byteCount: 32)
            let wrappedKey = try wrappingKey.encryptOAEP(ephemeral, digest: hash)
            #expect(wrappedKey.count == 512)
            return b64(wrappedKey + (try AES.KeyWrap.wrap(target, kek: ephemeral)))
        }
        let aesKey = try SecureRandom.bytes(count: 32)
        #expect(await vault.request("POST", "transit/keys/imported/import", ["ciphertext": try wrap(aesKey)]).status == 204)
        let ciphertext = await vault.data("POST", "transit/encrypt/imported", ["plaintext": b64("byok")])["ciphertext"]?.stringValue ?? ""
        // Decrypt independently with the imported key: vault:v1:base64(nonce || ciphertext || tag).
        let body = try #require(unb64(.string(String(ciphertext.dropFirst("vault:v1:".count)))))
        let box = AEADSealedBox(ciphertext: Array(body[12..<(body.count - 16)]), tag: Array(body.suffix(16)))
        #expect(try AES.GCM.open(box, key: SecretKey(copying: aesKey), nonce: Array(body.prefix(12))).unprotectedCopy() == Array("byok".utf8))
        #expect(await vault.request("POST", "transit/keys/imported/import", ["ciphertext": try wrap(aesKey)]).status == 400, "exists")
        #expect(await vault.request("POST", "transit/keys/imported/rotate").status == 400, "imported keys do not rotate by default")
        #expect(await vault.request("POST", "transit/keys/imported/import_version", ["ciphertext": try wrap(try SecureRandom.bytes(count: 32))]).status == 204)
        #expect(await vault.data("GET", "transit/keys/imported")["latest_version"] == 2)
        let ec = try ECDSA.PrivateKey.generate(curve: .p384)
        #expect(await vault.request("POST", "transit/keys/ec/import", ["type": "ecdsa-p384", "hash_function": "SHA512", "ciphertext": try wrap(try ec.pkcs8DERRepresentation().unprotectedCopy(), hash: .sha512)]).status == 204)
        let signature = await vault.data("POST", "transit/sign/ec", ["input": b64("m"), "hash_algorithm": "sha2-384"])["signature"]?.stringValue ?? ""
        let der = try #require(unb64(.string(String(signature.dropFirst("vault:v1:".count)))))
        #expect(try ec.publicKey.isValidSignature(der, for: Array("m".utf8), digest: .sha2_384))
        #expect(await vault.request("POST", "transit/keys/bad/import", ["ciphertext": try wrap(try SecureRandom.bytes(count: 31))]).status == 400)
        #expect(await vault.request("POST", "transit/keys/bad2/import", ["ciphertext": b64(try SecureRandom.bytes(count: 600))]).status == 400)
    }

    @Test("Upsert creates on encrypt unless disabled; datakeys")
    func upsertAndDatakeys() async throws {
        let vault = try await TestVault.make()
        #expect(await vault.data("POST", "transit/encrypt/new-key", ["plaintext": b64("x")])["ciphertext"]?.stringValue?.hasPrefix("vault:v1:") == true)
        #expect(await vault.data("GET", "transit/keys/new-key")["type"] == "aes256-gcm96")
        _ = await vault.data("POST", "transit/config/keys", ["disable_upsert": true])
        #expect(await vault.request("POST", "transit/encrypt/other-key", ["plaintext": b64("x")]).status == 400)
        let datakey = await vault.data("POST", "transit/datakey/plaintext/new-key", ["bits": 512])
        let plaintext = unb64(datakey["plaintext"])
        #expect(plaintext?.count == 64)
        #expect(unb64(await vault.data("POST", "transit/decrypt/new-key", ["ciphertext": datakey["ciphertext"] ?? nil])["plaintext"]) == plaintext)
        #expect(await vault.data("POST", "transit/datakey/wrapped/new-key")["plaintext"] == nil)
    }
}
