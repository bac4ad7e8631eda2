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
        guard let frameLength = options.frameLength else {
            return try Self.encryptNonFramed(plaintext, materials: materials)
        }
        let encryptor = try MessageEncryptor(materials: materials, frameLength: frameLength)
        var message = encryptor.headerBytes
        message += try encryptor.update(plaintext)
        message += try encryptor.finish()
        return message
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

    /// A non-framed message: IV (the sequence number 1) ‖ content length (8) ‖ ciphertext ‖ tag.
    static func encryptNonFramed(_ plaintext: some ContiguousBytes, materials: EncryptionMaterials) throws -> [UInt8] {
        let start = try MessageEncryptor.start(materials: materials, contentType: .nonFramed, frameLength: 0)
        return try plaintext.withUnsafeBytes { input -> [UInt8] in
            guard input.count <= (1 << 36) - 32 else { throw EnvelopeError(.limitExceeded, "non-framed plaintext longer than the format allows") }
            var body: [UInt8] = MessageKeys.frameIV(1)
            body.appendUInt64(UInt64(input.count))
            let aad = BodyAAD.make(messageID: start.header.messageID, content: BodyAAD.singleBlock, sequenceNumber: 1, length: UInt64(input.count))
            let offset = body.count
            body.append(contentsOf: repeatElement(0, count: input.count + 16))
            let iv = MessageKeys.frameIV(1)
            do {
                try body.withUnsafeMutableBytes { out in
                    try iv.withUnsafeBytes { ivBytes in
                        try aad.withUnsafeBytes { aadBytes in
                            try start.cipher.seal(input, nonce: ivBytes, authenticating: aadBytes,
                                                  ciphertext: UnsafeMutableRawBufferPointer(rebasing: out[offset..<offset + input.count]),
                                                  tag: UnsafeMutableRawBufferPointer(rebasing: out[offset + input.count..<offset + input.count + 16]))
                        }
                    }
                }
            } catch {
                throw EnvelopeError(.invalidMaterials, "content encryption failed")
            }
            var message = start.bytes + body
            if let hasher = start.hasher, let key = materials.signingKey, let curve = materials.suite.signingCurve {
                do { try hasher.update(body) } catch { throw EnvelopeError(.invalidMaterials, "message hash failed") }
                let digest: [UInt8]
                do { digest = try hasher.finalize() } catch { throw EnvelopeError(.invalidMaterials, "message hash failed") }
                message += MessageSignature.footer(try MessageSignature.sign(digest: digest, key: key, curve: curve))
            }
            return message
        }
    }
}
