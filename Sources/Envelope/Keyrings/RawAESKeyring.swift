public import CryptoPrimitives

/// Wraps data keys with AES-GCM under a key the application holds (the AWS Encryption SDK's raw AES keyring).
///
/// Encrypted data key: provider id = key namespace; provider info = key name ‖ tag length in bits (4 bytes,
/// 128) ‖ IV length (4 bytes, 12) ‖ IV (12 random bytes); ciphertext = AES-GCM(wrapping key, data key, AAD =
/// the serialized encryption context) ‖ tag. Wrapping keys are 16, 24 or 32 bytes.
public struct RawAESKeyring: Keyring {
    /// The key namespace (provider id). Must not be `aws-kms`.
    public let keyNamespace: String
    /// The key name.
    public let keyName: String
    private let wrappingKey: SecretKey

    /// A keyring for `wrappingKey` named `keyNamespace`/`keyName`.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` for a wrapping key that is not 16, 24 or 32 bytes, a
    ///   reserved namespace, or a name too long for the format.
    public init(keyNamespace: String, keyName: String, wrappingKey: SecretKey) throws {
        guard [16, 24, 32].contains(wrappingKey.byteCount) else { throw EnvelopeError(.invalidMaterials, "AES wrapping key must be 16, 24 or 32 bytes") }
        guard !keyNamespace.utf8.starts(with: "aws-kms".utf8) else { throw EnvelopeError(.invalidMaterials, "the aws-kms namespace is reserved") }
        guard keyNamespace.utf8.count <= 0xFFFF, keyName.utf8.count <= 0xFFFF - 20 else { throw EnvelopeError(.invalidMaterials, "key namespace or name too long") }
        self.keyNamespace = keyNamespace
        self.keyName = keyName
        self.wrappingKey = wrappingKey
    }

    /// Generates the data key if needed and wraps it.
    public func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials {
        var materials = materials
        let dataKey = try materials.dataKeyGeneratingIfNeeded()
        let aad = try materials.encryptionContext.serialized()
        do {
            let iv = try SecureRandom.bytes(count: 12)
            let sealed = try AES.GCM.seal(dataKey, key: wrappingKey, nonce: iv, authenticating: aad)
            var info = Array(keyName.utf8)
            info.appendUInt32(128)
            info.appendUInt32(12)
            info += iv
            materials.encryptedDataKeys.append(try EncryptedDataKey(providerID: keyNamespace, providerInfo: info, ciphertext: sealed.ciphertext + sealed.tag))
        } catch let error as EnvelopeError {
            throw error
        } catch {
            throw EnvelopeError(.wrappingFailed, "AES-GCM wrapping failed")
        }
        return materials
    }

    /// Unwraps the first encrypted data key made by this keyring that verifies.
    public func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials {
        guard materials.plaintextDataKey == nil else { return materials }
        let name = Array(keyName.utf8)
        let aad = try materials.encryptionContext.serialized()
        var materials = materials
        for key in encryptedDataKeys where key.providerID.utf8.elementsEqual(keyNamespace.utf8) {
            let info = key.providerInfo
            guard info.count == name.count + 20, info.starts(with: name) else { continue }
            var reader = ByteReader(info[name.count...])
            guard (try? reader.uint32()) == 128, (try? reader.uint32()) == 12, let iv = try? reader.bytes(12) else { continue }
            let length = materials.suite.keyByteCount
            guard key.ciphertext.count == length + 16 else { continue }
            let box = AEADSealedBox(ciphertext: Array(key.ciphertext.prefix(length)), tag: Array(key.ciphertext.suffix(16)))
            if let dataKey = try? AES.GCM.open(box, key: wrappingKey, nonce: Array(iv), authenticating: aad) {
                materials.plaintextDataKey = SecretKey(bytes: dataKey)
                return materials
            }
        }
        return materials
    }
}
