#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import CryptoPrimitives

extension EnvelopeClient {
    /// A message header with its encrypted data keys replaced, and how many bytes of the original message the old
    /// header (with its authentication) occupied: the new message is `header + message[consumedByteCount...]`,
    /// the body untouched.
    public struct RewrittenHeader: Sendable {
        /// The new header and its authentication tag.
        public let headerBytes: [UInt8]
        /// The length of the original header and its authentication.
        public let consumedByteCount: Int
    }

    /// Replaces the encrypted data keys of an unsigned format-2 message (for example with copies re-wrapped under
    /// a rotated tenant key) without touching its body: the message id, encryption context, framing and key
    /// commitment stay; the header authentication tag is recomputed.
    ///
    /// The header tag is keyed by the data key, so this unwraps the data key (through this client's materials
    /// manager) and checks the old header and commitment first; the body is never decrypted. Signed messages
    /// cannot be rewritten: their footer signature covers the header and the signing key was discarded when the
    /// message was written, so they must be re-encrypted instead.
    ///
    /// - Parameters:
    ///   - message: at least the message's header and header authentication (the whole message is fine).
    ///   - transform: the new encrypted data keys, from the old ones and the encryption context.
    public func rewriteEncryptedDataKeys(
        in message: some ContiguousBytes,
        options: DecryptionOptions = DecryptionOptions(),
        transform: ([EncryptedDataKey], EncryptionContext) async throws -> [EncryptedDataKey]
    ) async throws -> RewrittenHeader {
        let bytes = message.withUnsafeBytes { Array($0) }
        guard case .complete(let header, let length) = try MessageHeader.parse(bytes[...], limits: options) else {
            throw EnvelopeError(.truncatedMessage, "message ended early")
        }
        guard header.version == 2, !header.suite.isSigned else {
            throw EnvelopeError(.unsupportedAlgorithmSuite, "only unsigned committing messages can have their data keys replaced")
        }
        guard bytes.count >= length + header.authenticationByteCount else { throw EnvelopeError(.truncatedMessage, "message ended early") }
        let materials = try await materialsManager.decryptionMaterials(for: DecryptionMaterialsRequest(
            suite: header.suite, encryptedDataKeys: header.encryptedDataKeys, encryptionContext: header.encryptionContext))
        guard let dataKey = materials.plaintextDataKey else { throw EnvelopeError(.noDecryptableDataKey, "no keyring could decrypt a data key") }
        let contentKey = try MessageKeys.authenticate(header, auth: bytes[length..<length + 16], dataKey: dataKey).contentKey
        let keys = try await transform(header.encryptedDataKeys, header.encryptionContext)
        let rewritten = try MessageHeader(suite: header.suite, messageID: header.messageID, encryptionContext: header.encryptionContext,
                                          encryptedDataKeys: keys, contentType: header.contentType, frameLength: header.frameLength,
                                          commitment: header.commitment)
        return RewrittenHeader(headerBytes: rewritten.serialized + (try MessageKeys.headerTag(header: rewritten.serialized, contentKey: contentKey)),
                               consumedByteCount: length + header.authenticationByteCount)
    }
}
