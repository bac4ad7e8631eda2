#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A message header (format 1 or 2), without its authentication tag. ``serialized`` is the exact byte string the
/// header authentication tag covers.
///
/// Format 2 (committing suites): version `0x02` ‖ suite (2) ‖ message id (32) ‖ context length (2) ‖ context ‖
/// key count (2) ‖ keys ‖ content type (1) ‖ frame length (4) ‖ commitment (32).
/// Format 1 (legacy, parsed only): version `0x01` ‖ type `0x80` ‖ suite (2) ‖ message id (16) ‖ context length
/// (2) ‖ context ‖ key count (2) ‖ keys ‖ content type (1) ‖ reserved `00000000` ‖ IV length `0x0C` ‖ frame
/// length (4).
public struct MessageHeader: Sendable, CustomStringConvertible {
    /// How the body is laid out.
    public enum ContentType: UInt8, Sendable {
        /// One AES-GCM block for the whole plaintext.
        case nonFramed = 0x01
        /// A sequence of frames of ``MessageHeader/frameLength`` bytes and a final frame.
        case framed = 0x02
    }

    /// The algorithm suite.
    public let suite: AlgorithmSuite
    /// The message id (16 bytes in format 1, 32 in format 2); the salt of the key derivation.
    public let messageID: [UInt8]
    /// The encryption context.
    public let encryptionContext: EncryptionContext
    /// The wrapped data keys.
    public let encryptedDataKeys: [EncryptedDataKey]
    /// Framed or not.
    public let contentType: ContentType
    /// The frame length (0 for non-framed bodies).
    public let frameLength: UInt32
    /// The key commitment (format 2), empty in format 1.
    public let commitment: [UInt8]
    /// The serialized header, as authenticated.
    public let serialized: [UInt8]

    /// Builds and serializes a format-2 header.
    init(suite: AlgorithmSuite, messageID: [UInt8], encryptionContext: EncryptionContext, encryptedDataKeys: [EncryptedDataKey],
         contentType: ContentType, frameLength: UInt32, commitment: [UInt8]) throws {
        guard suite.isCommitting, messageID.count == 32, commitment.count == 32 else {
            throw EnvelopeError(.unsupportedAlgorithmSuite, "only committing suites are written")
        }
        guard !encryptedDataKeys.isEmpty, encryptedDataKeys.count <= 0xFFFF else {
            throw EnvelopeError(.invalidMaterials, "a message needs 1 to 65,535 encrypted data keys")
        }
        self.suite = suite
        self.messageID = messageID
        self.encryptionContext = encryptionContext
        self.encryptedDataKeys = encryptedDataKeys
        self.contentType = contentType
        self.frameLength = frameLength
        self.commitment = commitment
        var output: [UInt8] = [0x02]
        output.appendUInt16(suite.rawValue)
        output += messageID
        let context = try encryptionContext.serialized()
        output.appendUInt16(UInt16(context.count)); output += context
        output.appendUInt16(UInt16(encryptedDataKeys.count))
        for key in encryptedDataKeys { key.serialize(into: &output) }
        output.append(contentType.rawValue)
        output.appendUInt32(frameLength)
        output += commitment
        serialized = output
    }

    private init(suite: AlgorithmSuite, messageID: [UInt8], encryptionContext: EncryptionContext, encryptedDataKeys: [EncryptedDataKey],
                 contentType: ContentType, frameLength: UInt32, commitment: [UInt8], serialized: [UInt8]) {
        self.suite = suite
        self.messageID = messageID
        self.encryptionContext = encryptionContext
        self.encryptedDataKeys = encryptedDataKeys
        self.contentType = contentType
        self.frameLength = frameLength
        self.commitment = commitment
        self.serialized = serialized
    }

    /// The message format version (1 or 2).
    public var version: UInt8 { suite.messageFormatVersion }

    /// The length of the header authentication that follows the header: IV (12) ‖ tag (16) in format 1, the tag
    /// (16) alone in format 2.
    public var authenticationByteCount: Int { version == 1 ? 28 : 16 }

    /// Parses the header at the start of `message` (without verifying anything: the header is authenticated only
    /// when the message is decrypted). Returns the header and its length, not counting the authentication that
    /// follows it. For inspecting messages, for example to see which keys wrapped their data key.
    ///
    /// - Throws: ``EnvelopeError`` when the bytes are not a header or exceed `options`' limits.
    public static func parse(message: some ContiguousBytes, options: DecryptionOptions = DecryptionOptions()) throws -> (header: MessageHeader, byteCount: Int) {
        let bytes = message.withUnsafeBytes { Array($0) }
        guard case .complete(let header, let count) = try parse(bytes[...], limits: options) else {
            throw EnvelopeError(.truncatedMessage, "message ended early")
        }
        return (header, count)
    }

    /// The outcome of trying to parse a header from the bytes received so far.
    enum ParseResult {
        /// The header is complete and used this many bytes.
        case complete(MessageHeader, byteCount: Int)
        /// At least this many bytes (in total) are needed before trying again.
        case needMore(Int)
    }

    /// Parses a header from the start of `bytes`, which may hold only part of it. Lengths and counts are checked
    /// against `limits` as soon as they are read, before waiting for (or touching) the bytes they declare.
    static func parse(_ bytes: ArraySlice<UInt8>, limits: DecryptionOptions) throws -> ParseResult {
        var parser = Parser(bytes: bytes, limits: limits)
        do {
            return .complete(try parser.parse(), byteCount: parser.reader.consumed)
        } catch let error as EnvelopeError where error.code == .truncatedMessage {
            let needed = max(parser.needed, bytes.count + 1)
            guard needed <= limits.maximumHeaderByteCount else {
                throw EnvelopeError(.limitExceeded, "header longer than the configured maximum")
            }
            return .needMore(needed)
        }
    }

    private struct Parser {
        var reader: ByteReader
        let limits: DecryptionOptions
        let bytes: ArraySlice<UInt8>
        let start: Int
        /// The total length known to be needed so far.
        var needed = 0

        init(bytes: ArraySlice<UInt8>, limits: DecryptionOptions) {
            reader = ByteReader(bytes)
            self.limits = limits
            self.bytes = bytes
            start = bytes.startIndex
        }

        /// Records that `count` more bytes are needed from the current offset, then reads them.
        mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
            needed = max(needed, reader.consumed + count)
            guard needed <= limits.maximumHeaderByteCount else {
                throw EnvelopeError(.limitExceeded, "header longer than the configured maximum")
            }
            return try reader.bytes(count)
        }

        mutating func u8() throws -> UInt8 { try take(1).first ?? 0 }
        mutating func u16() throws -> UInt16 { let b = try take(2); return UInt16(b[b.startIndex]) << 8 | UInt16(b[b.startIndex + 1]) }
        mutating func u32() throws -> UInt32 { try take(4).reduce(0) { $0 << 8 | UInt32($1) } }

        mutating func parse() throws -> MessageHeader {
            let version = try u8()
            guard version == 1 || version == 2 else { throw EnvelopeError(.malformedMessage, "unknown message format version") }
            if version == 1 {
                guard try u8() == 0x80 else { throw EnvelopeError(.malformedMessage, "unknown message type") }
            }
            guard let suite = AlgorithmSuite(rawValue: try u16()) else {
                throw EnvelopeError(.unsupportedAlgorithmSuite, "unknown algorithm suite")
            }
            guard suite.messageFormatVersion == version else {
                throw EnvelopeError(.malformedMessage, "algorithm suite does not match the message format version")
            }
            guard limits.commitmentPolicy.allowsDecrypt(suite) else {
                throw EnvelopeError(.unsupportedAlgorithmSuite, "non-committing suite refused by the commitment policy")
            }
            let messageID = Array(try take(suite.messageIDByteCount))
            let contextLength = Int(try u16())
            let context = try EncryptionContext(serialized: try take(contextLength))
            let keyCount = Int(try u16())
            guard keyCount > 0 else { throw EnvelopeError(.malformedMessage, "message has no encrypted data keys") }
            guard keyCount <= limits.maximumEncryptedDataKeys else {
                throw EnvelopeError(.limitExceeded, "more encrypted data keys than the configured maximum")
            }
            var keys: [EncryptedDataKey] = []
            for _ in 0..<keyCount {
                let provider = try take(Int(try u16()))
                guard let providerID = String(validating: provider, as: UTF8.self) else {
                    throw EnvelopeError(.malformedMessage, "provider id is not UTF-8")
                }
                let info = Array(try take(Int(try u16())))
                let ciphertext = Array(try take(Int(try u16())))
                keys.append(try EncryptedDataKey(providerID: providerID, providerInfo: info, ciphertext: ciphertext))
            }
            guard let contentType = MessageHeader.ContentType(rawValue: try u8()) else {
                throw EnvelopeError(.malformedMessage, "unknown content type")
            }
            if version == 1 {
                guard try u32() == 0 else { throw EnvelopeError(.malformedMessage, "reserved field not zero") }
                guard try u8() == 12 else { throw EnvelopeError(.malformedMessage, "IV length does not match the suite") }
            }
            let frameLength = try u32()
            switch contentType {
            case .nonFramed:
                guard frameLength == 0 else { throw EnvelopeError(.malformedMessage, "non-framed message with a frame length") }
            case .framed:
                guard frameLength > 0, frameLength <= 0x7FFF_FFFF else { throw EnvelopeError(.malformedMessage, "frame length out of range") }
                guard frameLength <= limits.maximumFrameLength else {
                    throw EnvelopeError(.limitExceeded, "frame length above the configured maximum")
                }
            }
            let commitment = Array(try take(suite.suiteDataByteCount))
            let serialized = Array(bytes[start..<reader.offset])
            return MessageHeader(suite: suite, messageID: messageID, encryptionContext: context, encryptedDataKeys: keys,
                                 contentType: contentType, frameLength: frameLength, commitment: commitment, serialized: serialized)
        }
    }

    /// Suite, format, framing and counts; never the context, message id or keys.
    public var description: String {
        "MessageHeader(v\(version), suite \(suite), \(contentType == .framed ? "framed \(frameLength)" : "non-framed"), \(encryptedDataKeys.count) data keys, \(encryptionContext))"
    }
}
