import CryptoPrimitives
public import Envelope

/// Wraps data keys with a tenant's key in keyserviced or Vault's Transit engine (BYOK): the wrapping key never
/// leaves the key service.
///
/// Encrypted data key: provider id `vault-transit`; provider info = the key reference's canonical string
/// (`vault://<mount>/keys/<name>[?namespace=<ns>]`, UTF-8); ciphertext = the Transit ciphertext
/// (`vault:vN:…`, UTF-8). The serialized encryption context is sent as Transit `associated_data` (binding each
/// wrapped key to the message's context, as the raw AES keyring does with its AAD) and, for keys created with
/// `derived=true`, also as the key-derivation `context`. Decrypting still works after the tenant key is rotated:
/// Transit keeps old versions until they are trimmed.
public struct TransitKeyring: Keyring {
    /// The provider id of encrypted data keys made by this keyring.
    public static let providerID = "vault-transit"

    /// The client.
    public let client: TransitClient
    /// The key.
    public let key: TransitKeyReference
    /// Whether the key was created with `derived=true` (the encryption context is then its derivation context).
    public let derived: Bool

    /// A keyring for `key` through `client`.
    public init(client: TransitClient, key: TransitKeyReference, derived: Bool = false) {
        self.client = client
        self.key = key
        self.derived = derived
    }

    /// Generates the data key in the key service (`datakey/plaintext`) when none exists, else wraps it (`encrypt`).
    public func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials {
        var materials = materials
        let context = try materials.encryptionContext.serialized()
        let derivation = derived ? context : nil
        let ciphertext: String
        do {
            if let existing = materials.plaintextDataKey {
                ciphertext = try await client.encrypt(key, plaintext: existing.bytes, context: derivation, associatedData: context)
            } else {
                let generated = try await client.generateDataKey(key, bits: materials.suite.keyByteCount * 8, context: derivation, associatedData: context)
                guard generated.plaintext.count == materials.suite.keyByteCount else {
                    throw EnvelopeError(.invalidMaterials, "key service returned a data key of the wrong length")
                }
                materials.plaintextDataKey = SecretKey(bytes: generated.plaintext)
                ciphertext = generated.ciphertext
            }
        } catch let error as EnvelopeError {
            throw error
        } catch {
            throw EnvelopeError(.keyServiceFailure, "key service could not wrap the data key")
        }
        materials.encryptedDataKeys.append(try EncryptedDataKey(providerID: Self.providerID, providerInfo: Array(key.description.utf8), ciphertext: Array(ciphertext.utf8)))
        return materials
    }

    /// Unwraps the first encrypted data key for this key that the key service decrypts.
    public func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials {
        guard materials.plaintextDataKey == nil else { return materials }
        var materials = materials
        let context = try materials.encryptionContext.serialized()
        for candidate in encryptedDataKeys where matches(candidate) {
            guard let ciphertext = String(validating: candidate.ciphertext, as: UTF8.self), ciphertext.hasPrefix("vault:v") else { continue }
            if let plaintext = try? await client.decrypt(key, ciphertext: ciphertext, context: derived ? context : nil, associatedData: context),
               plaintext.count == materials.suite.keyByteCount {
                materials.plaintextDataKey = SecretKey(bytes: plaintext)
                return materials
            }
        }
        return materials
    }

    /// Whether `encryptedDataKey` was made by a keyring for this key.
    public func matches(_ encryptedDataKey: EncryptedDataKey) -> Bool {
        encryptedDataKey.providerID == Self.providerID && encryptedDataKey.providerInfo == Array(key.description.utf8)
    }

    /// Re-wraps one encrypted data key under the key's latest version inside the key service (Transit `rewrap`):
    /// the data key is never returned to this process. Keys made by other keyrings come back unchanged.
    public func rewrap(_ encryptedDataKey: EncryptedDataKey, encryptionContext: EncryptionContext) async throws -> EncryptedDataKey {
        guard matches(encryptedDataKey) else { return encryptedDataKey }
        guard let ciphertext = String(validating: encryptedDataKey.ciphertext, as: UTF8.self) else {
            throw EnvelopeError(.malformedMessage, "Transit ciphertext is not UTF-8")
        }
        let context = try encryptionContext.serialized()
        do {
            let rewrapped = try await client.rewrap(key, ciphertext: ciphertext, context: derived ? context : nil, associatedData: context)
            return try EncryptedDataKey(providerID: Self.providerID, providerInfo: encryptedDataKey.providerInfo, ciphertext: Array(rewrapped.utf8))
        } catch let error as EnvelopeError {
            throw error
        } catch {
            throw EnvelopeError(.keyServiceFailure, "key service could not rewrap the data key")
        }
    }
}

extension TransitKeyring {
    /// Re-wraps the data keys this keyring made in an unsigned message under the key's latest version, without
    /// decrypting the body: Transit `rewrap` moves each wrapped copy, and `client` (which must be able to unwrap
    /// the data key, for example through this keyring) re-authenticates the header. Returns the whole new message.
    /// Signed messages are refused (see ``EnvelopeClient/rewriteEncryptedDataKeys(in:options:transform:)``).
    public func rewrapMessage(_ message: [UInt8], client envelope: EnvelopeClient, options: DecryptionOptions = DecryptionOptions()) async throws -> [UInt8] {
        let rewritten = try await envelope.rewriteEncryptedDataKeys(in: message, options: options) { keys, context in
            var result: [EncryptedDataKey] = []
            for key in keys { result.append(try await rewrap(key, encryptionContext: context)) }
            return result
        }
        return rewritten.headerBytes + message[rewritten.consumedByteCount...]
    }
}
