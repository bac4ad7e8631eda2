import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    static func digest(_ name: String?) throws -> MessageDigest {
        guard let name, !name.isEmpty else { return .sha2_256 }
        guard let digest = MessageDigest(rawValue: name) else { throw KeyServiceError(.invalidRequest, "unsupported hash algorithm") }
        return digest
    }

    static func input(_ value: JSONValue) throws -> [UInt8] {
        guard let text = value["input"]?.stringValue, let bytes = Base64.decode(text) else {
            throw KeyServiceError(.invalidRequest, "unable to decode input as base64")
        }
        return bytes
    }

    /// The HMAC key of a version: the key itself for `hmac` keys, the version's HMAC key otherwise.
    static func hmacKey(_ key: TransitKey, _ version: KeyVersion) -> SecureBytes {
        key.metadata.type == .hmac ? version.material : version.hmacKey
    }

    /// `POST hmac/:name(/:algorithm)`.
    func hmac(_ context: RequestContext, _ mount: TransitMount, name: String, pathAlgorithm: String?) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        let defaultAlgorithm = try Self.digest(pathAlgorithm ?? context.body?["algorithm"]?.stringValue)
        let one: (JSONValue) throws -> [String: JSONValue] = { item in
            let input = try Self.input(item)
            let number = try key.encryptionVersion(item["key_version"]?.integerValue ?? context.body?["key_version"]?.integerValue)
            let version = try key.version(number)
            let mac = defaultAlgorithm.authenticationCode(key: Self.hmacKey(key, version), message: input)
            return ["hmac": .string(VaultCiphertext.format(version: number, body: mac.unprotectedCopy()))]
        }
        if let batch = try batchItems(context.body) { return try await runBatch(context, batch) { try one($0) } }
        return .ok(.object(try one(context.body ?? [:])), mountType: "transit")
    }

    /// `POST sign/:name(/:hash)`.
    func sign(_ context: RequestContext, _ mount: TransitMount, name: String, pathAlgorithm: String?) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        guard key.metadata.type.supportsSigning else { throw KeyServiceError(.invalidRequest, "key type does not support signing") }
        let body = context.body ?? [:]
        let algorithm = try Self.digest(pathAlgorithm ?? body["hash_algorithm"]?.stringValue ?? body["algorithm"]?.stringValue)
        let options = try SignatureOptions(body, algorithm: algorithm, type: key.metadata.type)
        let one: (JSONValue) throws -> [String: JSONValue] = { item in
            let input = try Self.input(item)
            let number = try key.encryptionVersion(item["key_version"]?.integerValue ?? body["key_version"]?.integerValue)
            let contextBytes = try TransitItem.decodeOptional(item["context"] ?? body["context"], "failed to base64-decode context")
            let signature = try self.signature(key, number, input: input, context: contextBytes, options: options)
            return [
                "signature": .string(VaultCiphertext.format(version: number, body: signature, base64URL: options.jws)),
                "key_version": .integer(Int64(number)),
            ]
        }
        if let batch = try batchItems(body) { return try await runBatch(context, batch) { try one($0) } }
        return .ok(.object(try one(body)), mountType: "transit")
    }

    /// `POST verify/:name(/:hash)`: a `signature` (asymmetric keys) or an `hmac`.
    func verify(_ context: RequestContext, _ mount: TransitMount, name: String, pathAlgorithm: String?) async throws -> VaultResponse {
        let (key, _) = try await requireKey(mount, name)
        let body = context.body ?? [:]
        let algorithm = try Self.digest(pathAlgorithm ?? body["hash_algorithm"]?.stringValue ?? body["algorithm"]?.stringValue)
        let one: (JSONValue) throws -> [String: JSONValue] = { item in
            let input = try Self.input(item)
            if let macText = item["hmac"]?.stringValue {
                let parsed = try VaultCiphertext(macText)
                let version = try key.decryptionVersion(parsed.version)
                let expected = algorithm.authenticationCode(key: Self.hmacKey(key, version), message: input)
                return ["valid": .bool(SecureMemory.constantTimeEquals(expected, parsed.body))]
            }
            guard let signatureText = item["signature"]?.stringValue else {
                throw KeyServiceError(.invalidRequest, "missing signature or hmac to verify")
            }
            guard key.metadata.type.supportsSigning else { throw KeyServiceError(.invalidRequest, "key type does not support verification") }
            let options = try SignatureOptions(body.merging(item), algorithm: algorithm, type: key.metadata.type)
            let parsed = try VaultCiphertext(signatureText, base64URL: options.jws)
            _ = try key.decryptionVersion(parsed.version)
            let contextBytes = try TransitItem.decodeOptional(item["context"] ?? body["context"], "failed to base64-decode context")
            return ["valid": .bool(try self.verifySignature(key, parsed.version, signature: parsed.body, input: input, context: contextBytes, options: options))]
        }
        if let batch = try batchItems(body) { return try await runBatch(context, batch) { try one($0) } }
        return .ok(.object(try one(body)), mountType: "transit")
    }

    /// Signing parameters: hash, prehashing, RSA padding and salt, ECDSA marshaling.
    struct SignatureOptions {
        var algorithm: MessageDigest
        var prehashed: Bool
        var rsaPadding: RSA.SignaturePadding
        var jws: Bool

        init(_ body: JSONValue, algorithm: MessageDigest, type: TransitKeyType) throws {
            self.algorithm = algorithm
            prehashed = body["prehashed"]?.boolValue ?? false
            if prehashed && type == .ed25519 { throw KeyServiceError(.invalidRequest, "prehashed is not supported for ed25519 keys") }
            switch body["signature_algorithm"]?.stringValue ?? "pss" {
            case "pss":
                var salt: Int?
                if let text = body["salt_length"]?.stringValue ?? body["salt_length"]?.integerValue.map(String.init) {
                    switch text {
                    case "auto", "-1": salt = nil
                    case "hash": salt = algorithm.digestByteCount
                    default:
                        guard let value = Int(text), value >= 0, value <= 1024 else { throw KeyServiceError(.invalidRequest, "invalid salt_length") }
                        salt = value
                    }
                }
                rsaPadding = .pss(saltLength: salt)
            case "pkcs1v15":
                rsaPadding = .pkcs1v15
            default:
                throw KeyServiceError(.invalidRequest, "unsupported signature algorithm")
            }
            switch body["marshaling_algorithm"]?.stringValue ?? "asn1" {
            case "asn1": jws = false
            case "jws":
                guard type.isECDSA else { throw KeyServiceError(.invalidRequest, "jws marshaling is only supported for ECDSA keys") }
                jws = true
            default: throw KeyServiceError(.invalidRequest, "unsupported marshaling algorithm")
            }
        }
    }

    func ed25519Key(_ key: TransitKey, _ number: UInt32, context: [UInt8]?) throws -> Ed25519.PrivateKey {
        let version = try key.version(number)
        guard key.metadata.derived else { return try key.parsed.ed25519Key(number, version) }
        guard let context, !context.isEmpty else { throw KeyServiceError(.invalidRequest, "missing 'context' for key derivation") }
        return try Ed25519.PrivateKey(seed: HKDF<SHA256>.deriveKey(inputKeyMaterial: version.material, salt: [UInt8](), info: context, outputByteCount: 32))
    }

    func signature(_ key: TransitKey, _ number: UInt32, input: [UInt8], context: [UInt8]?, options: SignatureOptions) throws -> [UInt8] {
        let version = try key.version(number)
        switch key.metadata.type {
        case .ed25519:
            return try ed25519Key(key, number, context: context).signature(for: input)
        case .ecdsaP256, .ecdsaP384:
            guard let curve = key.metadata.type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
            let ecdsa = try key.parsed.ecdsaKey(number, version, curve: curve)
            let encoding: ECDSA.SignatureEncoding = options.jws ? .raw : .der
            return options.prehashed
                ? try ecdsa.signature(forDigest: input, algorithm: options.algorithm, encoding: encoding)
                : try ecdsa.signature(for: input, digest: options.algorithm, encoding: encoding)
        case .rsa2048, .rsa3072, .rsa4096:
            let rsa = try key.parsed.rsaKey(number, version)
            return options.prehashed
                ? try rsa.signature(forDigest: input, algorithm: options.algorithm, padding: options.rsaPadding)
                : try rsa.signature(for: input, digest: options.algorithm, padding: options.rsaPadding)
        default:
            throw KeyServiceError(.invalidRequest, "key type does not support signing")
        }
    }

    func verifySignature(_ key: TransitKey, _ number: UInt32, signature: [UInt8], input: [UInt8], context: [UInt8]?, options: SignatureOptions) throws -> Bool {
        let version = try key.version(number)
        switch key.metadata.type {
        case .ed25519:
            return try ed25519Key(key, number, context: context).publicKey.isValidSignature(signature, for: input)
        case .ecdsaP256, .ecdsaP384:
            guard let curve = key.metadata.type.curve else { throw KeyServiceError(.internalFailure, "no curve") }
            let publicKey = try key.parsed.ecdsaKey(number, version, curve: curve).publicKey
            let encoding: ECDSA.SignatureEncoding = options.jws ? .raw : .der
            return options.prehashed
                ? publicKey.isValidSignature(signature, forDigest: input, algorithm: options.algorithm, encoding: encoding)
                : publicKey.isValidSignature(signature, for: input, digest: options.algorithm, encoding: encoding)
        case .rsa2048, .rsa3072, .rsa4096:
            let publicKey = try key.parsed.rsaKey(number, version).publicKey
            return options.prehashed
                ? publicKey.isValidSignature(signature, forDigest: input, algorithm: options.algorithm, padding: options.rsaPadding)
                : publicKey.isValidSignature(signature, for: input, digest: options.algorithm, padding: options.rsaPadding)
        default:
            throw KeyServiceError(.invalidRequest, "key type does not support verification")
        }
    }
}

extension JSONValue {
    /// This object with `other`'s members added (other wins).
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let extra) = other else { return other }
        for (key, value) in extra { members[key] = value }
        return .object(members)
    }
}
