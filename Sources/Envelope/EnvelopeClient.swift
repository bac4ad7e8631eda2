#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import CryptoPrimitives

/// Encrypts and decrypts AWS Encryption SDK messages (format 2 written; formats 1 and 2 read) with the keys a
/// materials manager supplies.
///
/// ```swift
/// let keyring = try RawAESKeyring(keyNamespace: "chat", keyName: "tenant-42", wrappingKey: key)
/// let client = EnvelopeClient(keyring: keyring)
/// let message = try await client.encrypt(body, encryptionContext: ["tenant": "42"])
/// let plaintext = try await client.decrypt(message).plaintext
/// ```
public struct EnvelopeClient: Sendable {
    /// Where materials come from.
    public let materialsManager: any CryptographicMaterialsManager

    /// A client over a materials manager (for example ``CachingMaterialsManager``).
    public init(materialsManager: any CryptographicMaterialsManager) { self.materialsManager = materialsManager }

    /// A client over a keyring, through ``DefaultMaterialsManager``.
    public init(keyring: any Keyring) { materialsManager = DefaultMaterialsManager(keyring: keyring) }

    /// A decrypted message.
    public struct Decrypted: Sendable {
        /// The plaintext.
        public let plaintext: [UInt8]
        /// The authenticated header (its encryption context includes the verification key of signed suites).
        public let header: MessageHeader
    }

    /// Encrypts `plaintext` held in memory.
    ///
    /// - Throws: ``EnvelopeError`` (a reserved or oversized encryption context, keyring failures, limits).
    public func encrypt(_ plaintext: some ContiguousBytes, encryptionContext: [String: String] = [:], options: EncryptionOptions = EncryptionOptions()) async throws -> [UInt8] {
        let length = plaintext.withUnsafeBytes { $0.count }
        let materials = try await materialsManager.encryptionMaterials(for: EncryptionMaterialsRequest(
            encryptionContext: try EncryptionContext(encryptionContext), suite: options.suite, plaintextLength: UInt64(length)))
        return try MessageEncryptor(materials: materials, frameLength: options.frameLength).sealWhole(plaintext)
    }

    /// An encryptor for a message streamed in pieces. Pass `plaintextLength` when known, so a caching materials
    /// manager can account for it (streams of unknown length bypass the cache, as in the AWS Encryption SDK).
    public func encryptor(encryptionContext: [String: String] = [:], options: EncryptionOptions = EncryptionOptions(), plaintextLength: UInt64? = nil) async throws -> MessageEncryptor {
        guard let frameLength = options.frameLength else {
            throw EnvelopeError(.invalidMaterials, "streamed messages are framed")
        }
        let materials = try await materialsManager.encryptionMaterials(for: EncryptionMaterialsRequest(
            encryptionContext: try EncryptionContext(encryptionContext), suite: options.suite, plaintextLength: plaintextLength))
        return try MessageEncryptor(materials: materials, frameLength: frameLength)
    }

    /// Decrypts a whole message held in memory. Returns only after every tag and (signed suites) the footer
    /// signature verified, and only if nothing follows the message.
    public func decrypt(_ message: some ContiguousBytes, options: DecryptionOptions = DecryptionOptions()) async throws -> Decrypted {
        let decryptor = MessageDecryptor(materialsManager: materialsManager, options: options)
        let chunk = try await decryptor.update(message)
        try decryptor.finish()
        guard let header = decryptor.header else { throw EnvelopeError(.truncatedMessage, "message ended early") }
        return Decrypted(plaintext: chunk.bytes, header: header)
    }

    /// A decryptor for a message streamed in pieces (see ``MessageDecryptor`` for the streaming contract).
    public func decryptor(options: DecryptionOptions = DecryptionOptions()) -> MessageDecryptor {
        MessageDecryptor(materialsManager: materialsManager, options: options)
    }
}
