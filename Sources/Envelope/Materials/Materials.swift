public import CryptoPrimitives

/// What encrypting one message needs: the suite, the encryption context (including the verification key of a
/// signed suite), the plaintext data key and its wrapped copies, and the signing key.
public struct EncryptionMaterials: Sendable {
    /// The algorithm suite.
    public let suite: AlgorithmSuite
    /// The encryption context as it will be written.
    public let encryptionContext: EncryptionContext
    /// The plaintext data key, once a keyring generated it.
    public var plaintextDataKey: SecretKey?
    /// The wrapped copies of the data key, one per keyring that wrapped it.
    public var encryptedDataKeys: [EncryptedDataKey]
    /// The message signing key (signed suites).
    public let signingKey: ECDSA.PrivateKey?

    /// Materials before any keyring ran.
    public init(suite: AlgorithmSuite, encryptionContext: EncryptionContext, plaintextDataKey: SecretKey? = nil,
                encryptedDataKeys: [EncryptedDataKey] = [], signingKey: ECDSA.PrivateKey? = nil) {
        self.suite = suite
        self.encryptionContext = encryptionContext
        self.plaintextDataKey = plaintextDataKey
        self.encryptedDataKeys = encryptedDataKeys
        self.signingKey = signingKey
    }

    /// The data key, generated (of the suite's length) and stored in the materials if none is there yet: what a
    /// keyring's `onEncrypt` does first whether it is the generator or not.
    public mutating func dataKeyGeneratingIfNeeded() throws -> SecretKey {
        if let plaintextDataKey { return plaintextDataKey }
        do {
            let key = try SecretKey.generate(byteCount: suite.keyByteCount)
            plaintextDataKey = key
            return key
        } catch {
            throw EnvelopeError(.invalidMaterials, "data key generation failed")
        }
    }
}

/// What decrypting one message needs: the suite, its encryption context, the plaintext data key once a keyring
/// unwrapped it, and the verification key of a signed suite.
public struct DecryptionMaterials: Sendable {
    /// The algorithm suite.
    public let suite: AlgorithmSuite
    /// The message's encryption context.
    public let encryptionContext: EncryptionContext
    /// The plaintext data key, once a keyring unwrapped it.
    public var plaintextDataKey: SecretKey?
    /// The verification key (signed suites).
    public let verificationKey: ECDSA.PublicKey?

    /// Materials before any keyring ran.
    public init(suite: AlgorithmSuite, encryptionContext: EncryptionContext, plaintextDataKey: SecretKey? = nil, verificationKey: ECDSA.PublicKey? = nil) {
        self.suite = suite
        self.encryptionContext = encryptionContext
        self.plaintextDataKey = plaintextDataKey
        self.verificationKey = verificationKey
    }
}

/// Generates, wraps and unwraps data keys (the AWS Encryption SDK's keyring interface).
///
/// `onEncrypt` generates the data key when the materials have none (and wraps it), or wraps the one they have.
/// `onDecrypt` returns the materials unchanged when they already hold a data key; otherwise it tries the
/// encrypted data keys it recognizes and sets the first one it unwraps. A keyring that recognizes none returns
/// the materials unchanged; unwrap failures are not errors (another keyring may succeed), and are never
/// described beyond "could not decrypt".
public protocol Keyring: Sendable {
    /// Generates and/or wraps the data key.
    func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials
    /// Unwraps one of `encryptedDataKeys` if it can.
    func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials
}

/// A request for encryption materials.
public struct EncryptionMaterialsRequest: Sendable {
    /// The caller's encryption context (no reserved keys).
    public var encryptionContext: EncryptionContext
    /// The suite.
    public var suite: AlgorithmSuite
    /// The plaintext length, when known in advance (caching uses it to account bytes).
    public var plaintextLength: UInt64?

    /// A request.
    public init(encryptionContext: EncryptionContext, suite: AlgorithmSuite, plaintextLength: UInt64?) {
        self.encryptionContext = encryptionContext
        self.suite = suite
        self.plaintextLength = plaintextLength
    }
}

/// A request for decryption materials: what the header says.
public struct DecryptionMaterialsRequest: Sendable {
    /// The suite.
    public var suite: AlgorithmSuite
    /// The wrapped data keys.
    public var encryptedDataKeys: [EncryptedDataKey]
    /// The message's encryption context.
    public var encryptionContext: EncryptionContext

    /// A request.
    public init(suite: AlgorithmSuite, encryptedDataKeys: [EncryptedDataKey], encryptionContext: EncryptionContext) {
        self.suite = suite
        self.encryptedDataKeys = encryptedDataKeys
        self.encryptionContext = encryptionContext
    }
}

/// Supplies materials for each message (the AWS Encryption SDK's cryptographic materials manager).
public protocol CryptographicMaterialsManager: Sendable {
    /// Materials to encrypt one message.
    func encryptionMaterials(for request: EncryptionMaterialsRequest) async throws -> EncryptionMaterials
    /// Materials to decrypt one message.
    func decryptionMaterials(for request: DecryptionMaterialsRequest) async throws -> DecryptionMaterials
}
