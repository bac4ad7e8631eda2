public import CryptoPrimitives

/// Wraps data keys with RSA under a key pair the application holds (the AWS Encryption SDK's raw RSA keyring).
///
/// Encrypted data key: provider id = key namespace; provider info = key name; ciphertext = the RSA encryption of
/// the data key. Encrypting needs the public key, decrypting the private key.
public struct RawRSAKeyring: Keyring {
    /// The padding schemes the format defines.
    public enum Padding: String, Sendable, CaseIterable {
        /// RSAES-PKCS1-v1_5 (for reading and writing what older peers use; prefer OAEP).
        case pkcs1 = "pkcs1"
        /// OAEP with SHA-1 and MGF1-SHA-1.
        case oaepSHA1 = "oaep-sha1"
        /// OAEP with SHA-256 and MGF1-SHA-256.
        case oaepSHA256 = "oaep-sha256"
        /// OAEP with SHA-384 and MGF1-SHA-384.
        case oaepSHA384 = "oaep-sha384"
        /// OAEP with SHA-512 and MGF1-SHA-512.
        case oaepSHA512 = "oaep-sha512"

        var digest: RSA.Digest? {
            switch self {
            case .pkcs1: nil
            case .oaepSHA1: .sha1
            case .oaepSHA256: .sha256
            case .oaepSHA384: .sha384
            case .oaepSHA512: .sha512
            }
        }
    }

    /// The key namespace (provider id).
    public let keyNamespace: String
    /// The key name (provider info).
    public let keyName: String
    /// The padding.
    public let padding: Padding
    private let publicKey: RSA.PublicKey?
    private let privateKey: RSA.PrivateKey?

    /// A keyring with a public key (to encrypt), a private key (to decrypt and encrypt), or both.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` when neither key is given, the two do not match, or the
    ///   namespace is reserved.
    public init(keyNamespace: String, keyName: String, padding: Padding, publicKey: RSA.PublicKey? = nil, privateKey: RSA.PrivateKey? = nil) throws {
        guard publicKey != nil || privateKey != nil else { throw EnvelopeError(.invalidMaterials, "RSA keyring needs a public or private key") }
        guard !keyNamespace.utf8.starts(with: "aws-kms".utf8) else { throw EnvelopeError(.invalidMaterials, "the aws-kms namespace is reserved") }
        guard keyNamespace.utf8.count <= 0xFFFF, keyName.utf8.count <= 0xFFFF else { throw EnvelopeError(.invalidMaterials, "key namespace or name too long") }
        if let publicKey, let privateKey {
            let same = (try? publicKey.spkiDERRepresentation) == (try? privateKey.publicKey.spkiDERRepresentation) && (try? publicKey.spkiDERRepresentation) != nil
            guard same else { throw EnvelopeError(.invalidMaterials, "RSA public and private keys do not match") }
        }
        self.keyNamespace = keyNamespace
        self.keyName = keyName
        self.padding = padding
        if let publicKey {
            self.publicKey = publicKey
        } else {
            do { self.publicKey = try privateKey?.publicKey } catch { throw EnvelopeError(.invalidMaterials, "RSA private key has no usable public key") }
        }
        self.privateKey = privateKey
    }

    /// Generates the data key if needed and wraps it with the public key.
    public func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials {
        guard let publicKey else { throw EnvelopeError(.invalidMaterials, "RSA keyring has no public key") }
        var materials = materials
        let dataKey = try materials.dataKeyGeneratingIfNeeded()
        do {
            let wrapped: [UInt8]
            if let digest = padding.digest {
                wrapped = try publicKey.encryptOAEP(dataKey, digest: digest)
            } else {
                wrapped = try publicKey.encryptPKCS1v15(dataKey)
            }
            materials.encryptedDataKeys.append(try EncryptedDataKey(providerID: keyNamespace, providerInfo: Array(keyName.utf8), ciphertext: wrapped))
        } catch let error as EnvelopeError {
            throw error
        } catch {
            throw EnvelopeError(.wrappingFailed, "RSA wrapping failed")
        }
        return materials
    }

    /// Unwraps the first encrypted data key made by this keyring that decrypts to a key of the suite's length.
    public func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials {
        guard materials.plaintextDataKey == nil, let privateKey else { return materials }
        var materials = materials
        let name = Array(keyName.utf8)
        for key in encryptedDataKeys where key.providerID.utf8.elementsEqual(keyNamespace.utf8) && key.providerInfo == name {
            let unwrapped: SecureBytes?
            if let digest = padding.digest {
                unwrapped = try? privateKey.decryptOAEP(key.ciphertext, digest: digest)
            } else {
                unwrapped = try? privateKey.decryptPKCS1v15(key.ciphertext)
            }
            if let unwrapped, unwrapped.count == materials.suite.keyByteCount {
                materials.plaintextDataKey = SecretKey(bytes: unwrapped)
                return materials
            }
        }
        return materials
    }
}
