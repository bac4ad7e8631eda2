import CryptoPrimitives

/// The standard materials manager over one keyring: adds a fresh signing key (and its public half to the
/// encryption context) for signed suites, asks the keyring for the data key, and checks what comes back.
public struct DefaultMaterialsManager: CryptographicMaterialsManager {
    /// The keyring.
    public let keyring: any Keyring

    /// A manager over `keyring`.
    public init(keyring: any Keyring) { self.keyring = keyring }

    /// Materials to encrypt one message.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidEncryptionContext`` when the caller's context uses a reserved key;
    ///   ``EnvelopeError/Code/invalidMaterials`` when the keyring produced no data key, a key of the wrong
    ///   length, or no encrypted data key.
    public func encryptionMaterials(for request: EncryptionMaterialsRequest) async throws -> EncryptionMaterials {
        guard request.suite.isCommitting else {
            throw EnvelopeError(.unsupportedAlgorithmSuite, "only committing suites are used to encrypt")
        }
        guard !request.encryptionContext.hasReservedKey else {
            throw EnvelopeError(.invalidEncryptionContext, "encryption context keys beginning with aws-crypto- are reserved")
        }
        var context = request.encryptionContext
        var signingKey: ECDSA.PrivateKey? = nil
        if let curve = request.suite.signingCurve {
            let key: ECDSA.PrivateKey
            do {
                key = try ECDSA.PrivateKey.generate(curve: MessageSignature.curve(curve))
            } catch {
                throw EnvelopeError(.invalidMaterials, "signing key generation failed")
            }
            signingKey = key
            context = try context.setting(EncryptionContext.publicKeyKey, to: try MessageSignature.encodedPublicKey(key.publicKey))
        }
        let materials = try await keyring.onEncrypt(EncryptionMaterials(suite: request.suite, encryptionContext: context, signingKey: signingKey))
        guard let key = materials.plaintextDataKey, key.byteCount == request.suite.keyByteCount else {
            throw EnvelopeError(.invalidMaterials, "keyring produced no data key of the suite's length")
        }
        guard !materials.encryptedDataKeys.isEmpty else { throw EnvelopeError(.invalidMaterials, "keyring produced no encrypted data key") }
        guard materials.encryptionContext == context, materials.suite == request.suite else {
            throw EnvelopeError(.invalidMaterials, "keyring changed the suite or encryption context")
        }
        return materials
    }

    /// Materials to decrypt one message.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidEncryptionContext`` when a signed message lacks its verification key
    ///   or an unsigned one carries one; ``EnvelopeError/Code/noDecryptableDataKey`` when the keyring unwrapped
    ///   nothing.
    public func decryptionMaterials(for request: DecryptionMaterialsRequest) async throws -> DecryptionMaterials {
        var verificationKey: ECDSA.PublicKey? = nil
        let encoded = request.encryptionContext[EncryptionContext.publicKeyKey]
        if let curve = request.suite.signingCurve {
            guard let encoded else { throw EnvelopeError(.invalidEncryptionContext, "signed message without its verification key") }
            verificationKey = try MessageSignature.publicKey(fromContextValue: encoded, curve: curve)
        } else if encoded != nil {
            throw EnvelopeError(.invalidEncryptionContext, "unsigned message carries a verification key")
        }
        let materials = try await keyring.onDecrypt(
            DecryptionMaterials(suite: request.suite, encryptionContext: request.encryptionContext, verificationKey: verificationKey),
            encryptedDataKeys: request.encryptedDataKeys
        )
        guard let key = materials.plaintextDataKey else { throw EnvelopeError(.noDecryptableDataKey, "no keyring could decrypt a data key") }
        guard key.byteCount == request.suite.keyByteCount else { throw EnvelopeError(.invalidMaterials, "unwrapped data key has the wrong length") }
        return materials
    }
}
