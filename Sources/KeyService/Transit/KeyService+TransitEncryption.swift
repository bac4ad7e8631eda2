import CryptoPrimitives
import Foundation
import StrictJSON
import Synchronization

/// One encrypt/decrypt/rewrap item (the top-level request, or one `batch_input` entry).
struct TransitItem {
    var plaintext: [UInt8]?
    var ciphertext: String?
    var context: [UInt8]?
    var nonce: [UInt8]?
    var associatedData: [UInt8]?
    var keyVersion: Int64?
    var reference: JSONValue?

    static func parse(_ value: JSONValue, requirePlaintext: Bool, requireCiphertext: Bool) throws -> TransitItem {
        guard case .object = value else { throw KeyServiceError(.invalidRequest, "batch items must be objects") }
        var item = TransitItem()
        if requirePlaintext {
            guard let text = value["plaintext"]?.stringValue else { throw KeyServiceError(.invalidRequest, "missing plaintext to encrypt") }
            guard let bytes = Base64.decode(text) else { throw KeyServiceError(.invalidRequest, "failed to base64-decode plaintext") }
            item.plaintext = bytes
        }
        if requireCiphertext {
            guard let text = value["ciphertext"]?.stringValue, !text.isEmpty else { throw KeyServiceError(.invalidRequest, "missing ciphertext to decrypt") }
            item.ciphertext = text
        }
        item.context = try decodeOptional(value["context"], "failed to base64-decode context")
        item.nonce = try decodeOptional(value["nonce"], "failed to base64-decode nonce")
        item.associatedData = try decodeOptional(value["associated_data"], "failed to base64-decode associated_data")
        if let version = value["key_version"] {
            guard let number = version.integerValue, number >= 0 else { throw KeyServiceError(.invalidRequest, "invalid key_version") }
            item.keyVersion = number
        }
        item.reference = value["reference"]
        return item
    }

    static func decodeOptional(_ value: JSONValue?, _ error: StaticString) throws -> [UInt8]? {
        guard let value else { return nil }
        guard let text = value.stringValue else { throw KeyServiceError(.invalidRequest, error) }
        if text.isEmpty { return [] }
        guard let bytes = Base64.decode(text) else { throw KeyServiceError(.invalidRequest, error) }
        return bytes
    }
}

/// A parsed `vault:v<N>:<base64>` value.
struct VaultCiphertext {
    let version: UInt32
    let body: [UInt8]

    /// The largest accepted ciphertext body.
    static let maximumLength = 32 << 20

    init(_ text: String, base64URL: Bool = false) throws {
        guard text.utf8.count <= Self.maximumLength, text.hasPrefix("vault:v") else {
            throw KeyServiceError(.invalidRequest, "invalid ciphertext: no prefix")
        }
        let rest = text.dropFirst("vault:v".count)
        guard let colon = rest.firstIndex(of: ":"), let version = UInt32(rest[..<colon]) else {
            throw KeyServiceError(.invalidRequest, "invalid ciphertext: wrong number of fields")
        }
        let encoded = String(rest[rest.index(after: colon)...])
        guard let body = base64URL ? Base64.decodeURL(encoded) : Base64.decode(encoded) else {
            throw KeyServiceError(.invalidRequest, "invalid ciphertext: could not decode")
        }
        self.version = version == 0 ? 1 : version
        self.body = body
    }

    static func format(version: UInt32, body: [UInt8], base64URL: Bool = false) -> String {
        let prefix = "vault:v" + String(version) + ":"
        return base64URL ? prefix + Base64.encodeURL(body) : Base64.encode(body, prefix: prefix)
    }
}

extension KeyService {
    /// The most items in one batch.
    static let maximumBatchItems = 100_000

    func batchItems(_ body: JSONValue?) throws -> [JSONValue]? {
        guard let batch = body?["batch_input"] else { return nil }
        guard let items = batch.arrayValue else { throw KeyServiceError(.invalidRequest, "batch_input must be a list") }
        guard !items.isEmpty else { throw KeyServiceError(.invalidRequest, "missing batch input to process") }
        guard items.count <= Self.maximumBatchItems else { throw KeyServiceError(.invalidRequest, "batch_input has too many items") }
        return items
    }

    /// Runs `single` over a batch (or the top-level item) with Vault's batch semantics: results in input order with
    /// `reference` echoed; if any item failed, the status is 400 (or `partial_failure_response_code` when some
    /// succeeded) and the body keeps the normal envelope with `batch_results`.
    func runBatch(
        _ context: RequestContext,
        _ items: [JSONValue],
        _ single: (JSONValue) async throws -> [String: JSONValue]
    ) async throws -> VaultResponse {
        var results: [JSONValue] = []
        results.reserveCapacity(items.count)
        var failures = 0
        for item in items {
            var result: [String: JSONValue]
            do {
                result = try await single(item)
            } catch let error as KeyServiceError {
                if error.code == .sealed || error.code == .internalFailure { throw error }
                failures += 1
                result = ["error": .string(error.text)]
            } catch let error as CryptoError {
                failures += 1
                result = ["error": .string(error.code == .authenticationFailure ? "cipher: message authentication failed" : "invalid request")]
            }
            if let reference = item["reference"] { result["reference"] = reference } else { result["reference"] = "" }
            results.append(.object(result))
        }
        var response = VaultResponse.ok(["batch_results": .array(results)], mountType: "transit")
        if failures > 0 {
            response.status = 400
            if failures < items.count, let code = context.body?["partial_failure_response_code"]?.integerValue, (200...599).contains(code) {
                response.status = Int(code)
            }
        }
        return response
    }

    /// The key to use for one item: derived keys need a context (HKDF-SHA256, empty salt, info = context); the
    /// convergent HMAC key follows the encryption key in the same HKDF output.
    func symmetricKey(_ key: TransitKey, _ version: KeyVersion, context: [UInt8]?) throws -> (SecretKey, SecureBytes?) {
        let meta = key.metadata
        if !meta.derived { return (SecretKey(bytes: version.material), nil) }
        guard let context, !context.isEmpty else { throw KeyServiceError(.invalidRequest, "missing 'context' for key derivation; the key was created using a derived key, which means additional, per-request information must be included in order to perform operations with the key") }
        let size = meta.type.symmetricKeySize
        let derived = try HKDF<SHA256>.deriveKey(inputKeyMaterial: version.material, salt: [UInt8](), info: context, outputByteCount: size + (meta.convergentEncryption ? 32 : 0))
        return (SecretKey(bytes: derived.prefix(size)), meta.convergentEncryption ? derived.slice(size..<(size + 32)) : nil)
    }

    func encryptItem(_ key: TransitKey, _ item: TransitItem) throws -> [String: JSONValue] {
        guard key.metadata.type.supportsEncryption else { throw KeyServiceError(.invalidRequest, "key type does not support encryption") }
        let number = try key.encryptionVersion(item.keyVersion)
        let version = try key.version(number)
        let plaintext = item.plaintext ?? []
        if key.metadata.type.isRSA {
            guard item.context == nil || item.context == [] else { throw KeyServiceError(.invalidRequest, "context is not supported for RSA keys") }
            let publicKey = try key.parsed.rsaKey(number, version).publicKey
            let ciphertext = try publicKey.encryptOAEP(plaintext, digest: .sha256)
            return ["ciphertext": .string(VaultCiphertext.format(version: number, body: ciphertext)), "key_version": .integer(Int64(number))]
        }
        let (cipherKey, convergentKey) = try symmetricKey(key, version, context: item.context)
        let nonce: [UInt8]
        if let convergentKey {
            nonce = Array(SHA256.authenticationCode(key: convergentKey, message: plaintext).prefix(12).unprotectedCopy())
        } else {
            guard item.nonce == nil || item.nonce == [] else { throw KeyServiceError(.invalidRequest, "provided nonce not allowed for this key") }
            nonce = try NoncePool.shared.next()
        }
        let aad = item.associatedData ?? []
        let box = key.metadata.type == .chacha20Poly1305
            ? try ChaChaPoly.seal(plaintext, key: cipherKey, nonce: nonce, authenticating: aad)
            : try AES.GCM.seal(plaintext, key: cipherKey, nonce: nonce, authenticating: aad)
        var body = nonce
        body.reserveCapacity(nonce.count + box.ciphertext.count + box.tag.count)
        body.append(contentsOf: box.ciphertext)
        body.append(contentsOf: box.tag)
        return ["ciphertext": .string(VaultCiphertext.format(version: number, body: body)), "key_version": .integer(Int64(number))]
    }

    func decryptItem(_ key: TransitKey, _ item: TransitItem) throws -> SecureBytes {
        guard key.metadata.type.supportsEncryption else { throw KeyServiceError(.invalidRequest, "key type does not support decryption") }
        let parsed = try VaultCiphertext(item.ciphertext ?? "")
        let version = try key.decryptionVersion(parsed.version)
        if key.metadata.type.isRSA {
            return try key.parsed.rsaKey(max(parsed.version, 1), version).decryptOAEP(parsed.body, digest: .sha256)
        }
        guard parsed.body.count >= 12 + 16 else { throw KeyServiceError(.invalidRequest, "invalid ciphertext: too short") }
        let (cipherKey, _) = try symmetricKey(key, version, context: item.context)
        let box = AEADSealedBox(ciphertext: Array(parsed.body[12..<(parsed.body.count - 16)]), tag: Array(parsed.body.suffix(16)))
        let nonce = Array(parsed.body.prefix(12))
        let aad = item.associatedData ?? []
        do {
            return key.metadata.type == .chacha20Poly1305
                ? try ChaChaPoly.open(box, key: cipherKey, nonce: nonce, authenticating: aad)
                : try AES.GCM.open(box, key: cipherKey, nonce: nonce, authenticating: aad)
        } catch {
            throw KeyServiceError(.invalidRequest, "cipher: message authentication failed")
        }
    }

    /// `POST encrypt/:name` with upsert.
    func encrypt(_ context: RequestContext, _ mount: TransitMount, name: String, aclPath: String) async throws -> VaultResponse {
        let batch = try batchItems(context.body)
        var loaded = try await loadKey(mount, name)
        if loaded == nil {
            // Upsert: create the key if the token may create on this path and upsert is not disabled.
            guard context.allows(.create, aclPath) else { throw KeyServiceError(.permissionDenied, "permission denied") }
            guard !(try await transitConfig(mount).0.disableUpsert) else { throw KeyServiceError(.invalidRequest, "encryption key not found") }
            // As Vault: only `type` and `convergent_encryption` come from the request, and the key is derived when
            // a non-empty context is given (Tink sends `context: ""` and must get a plain key).
            func nonEmptyContext(_ item: JSONValue) -> Bool { !(item["context"]?.stringValue ?? "").isEmpty }
            let derived = context.body.map(nonEmptyContext) == true || (batch?.contains(where: nonEmptyContext) ?? false)
            var members: [String: JSONValue] = ["derived": .bool(derived)]
            if let type = context.body?["type"] { members["type"] = type }
            if let convergent = context.body?["convergent_encryption"] { members["convergent_encryption"] = convergent }
            _ = try await createKey(mount, name: name, body: .object(members))
            loaded = try await loadKey(mount, name)
        } else {
            try context.require(.update, aclPath)
        }
        guard let (key, _) = loaded else { throw KeyServiceError(.internalFailure, "key vanished") }
        if let batch {
            let contexts = batch.map { !($0["context"]?.stringValue ?? "").isEmpty }
            if key.metadata.derived, contexts.contains(false) {
                throw KeyServiceError(.invalidRequest, "context must be provided in every batch item or in none")
            }
            return try await runBatch(context, batch) { item in
                try self.encryptItem(key, try TransitItem.parse(item, requirePlaintext: true, requireCiphertext: false))
            }
        }
        let item = try TransitItem.parse(context.body ?? [:], requirePlaintext: true, requireCiphertext: false)
        return .ok(.object(try encryptItem(key, item)), mountType: "transit")
    }

    /// `POST decrypt/:name`.
    func decrypt(_ context: RequestContext, _ mount: TransitMount, name: String) async throws -> VaultResponse {
        let batch = try batchItems(context.body)
        let (key, _) = try await requireKey(mount, name)
        if let batch {
            return try await runBatch(context, batch) { item in
                let plaintext = try self.decryptItem(key, try TransitItem.parse(item, requirePlaintext: false, requireCiphertext: true))
                return ["plaintext": .string(Base64.encode(plaintext.unprotectedCopy()))]
            }
        }
        let item = try TransitItem.parse(context.body ?? [:], requirePlaintext: false, requireCiphertext: true)
        let plaintext = try decryptItem(key, item)
        return .ok(["plaintext": .string(Base64.encode(plaintext.unprotectedCopy()))], mountType: "transit")
    }

    /// `POST rewrap/:name`: decrypts and encrypts again with the latest (or the requested) version, never releasing
    /// the plaintext.
    func rewrap(_ context: RequestContext, _ mount: TransitMount, name: String) async throws -> VaultResponse {
        let batch = try batchItems(context.body)
        let (key, _) = try await requireKey(mount, name)
        let rewrapOne: (JSONValue) throws -> [String: JSONValue] = { value in
            var item = try TransitItem.parse(value, requirePlaintext: false, requireCiphertext: true)
            let plaintext = try self.decryptItem(key, item)
            item.plaintext = plaintext.unprotectedCopy()
            item.nonce = nil
            defer { item.plaintext?.withUnsafeMutableBytes { SecureMemory.zero($0) } }
            return try self.encryptItem(key, item)
        }
        if let batch { return try await runBatch(context, batch) { try rewrapOne($0) } }
        return .ok(.object(try rewrapOne(context.body ?? [:])), mountType: "transit")
    }

    /// `POST datakey/(plaintext|wrapped)/:name`: a fresh random key, returned wrapped (and in plaintext when asked).
    func dataKey(_ context: RequestContext, _ mount: TransitMount, name: String, returnPlaintext: Bool) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        let bits = context.body?["bits"]?.integerValue ?? 256
        guard bits == 128 || bits == 256 || bits == 512 else { throw KeyServiceError(.invalidRequest, "invalid bits length; must be 128, 256 or 512") }
        var item = try TransitItem.parse(context.body ?? [:], requirePlaintext: false, requireCiphertext: false)
        let secret = try SecureRandom.secureBytes(count: Int(bits / 8))
        item.plaintext = secret.unprotectedCopy()
        defer { item.plaintext?.withUnsafeMutableBytes { SecureMemory.zero($0) } }
        var result = try encryptItem(key, item)
        if returnPlaintext { result["plaintext"] = .string(Base64.encode(secret.unprotectedCopy())) }
        return .ok(.object(result), mountType: "transit")
    }
}

/// Random 12-byte nonces for every encryption in the process, drawn from the generator 256 at a time: one call to
/// the DRBG per 256 encryptions instead of one per item (single-item requests used to pay for a whole refill each).
/// Nonces are public values; each is handed out exactly once, under a lock.
final class NoncePool: Sendable {
    private struct State {
        var buffer: [UInt8] = []
        var offset = 0
    }

    private static let perRefill = 256
    private let state = Mutex(State())

    /// The pool every Transit encryption draws from.
    static let shared = NoncePool()

    func next() throws -> [UInt8] {
        try state.withLock { state in
            if state.offset == state.buffer.count {
                state.buffer = try SecureRandom.bytes(count: 12 * Self.perRefill)
                state.offset = 0
            }
            defer { state.offset += 12 }
            return Array(state.buffer[state.offset..<(state.offset + 12)])
        }
    }
}
