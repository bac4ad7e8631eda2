#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import CryptoPrimitives

/// Decrypts one message as a stream: pass the message's bytes to ``update(_:)`` in pieces of any size, then call
/// ``finish()``. Memory stays at the header plus one frame (or one non-framed body, up to
/// ``DecryptionOptions/maximumNonFramedBodyLength``) plus the current piece, whatever the message length.
///
/// ## The streaming contract
/// - No plaintext from a frame is returned before that frame's tag verified, and none at all before the header
///   authentication tag and (format 2) the key commitment verified.
/// - For unsigned suites, each returned chunk is authentic (``Chunk/isAuthenticated`` is true), but the message
///   is only known to be *complete* when ``finish()`` returns: a stream cut short after a regular frame has
///   released genuine plaintext and then fails in ``finish()``.
/// - For signed suites, chunks are returned with ``Chunk/isAuthenticated`` false: their frame tags verified, so
///   they came from someone who held the data key, but only the footer signature proves they came from the
///   holder of the signing key. ``finish()`` verifies the signature; until it returns, treat the plaintext as
///   unauthenticated (keep it out of anything irreversible), and discard it if ``finish()`` throws. Callers that
///   cannot hold plaintext back can set ``DecryptionOptions/allowSignedMessages`` to false.
/// - After any error the decryptor is failed and refuses further input.
public final class MessageDecryptor {
    /// Decrypted bytes from one call.
    public struct Chunk: Sendable {
        /// The plaintext.
        public let bytes: [UInt8]
        /// Whether the message's authentication is complete for these bytes: true for unsigned suites once the
        /// header is known; false for signed suites (until ``MessageDecryptor/finish()`` verified the footer) and
        /// before the header was read.
        public let isAuthenticated: Bool
    }

    private enum State {
        case header
        case headerAuthentication(MessageHeader)
        case frame
        case nonFramed
        case footer
        case done
        case failed
    }

    private let materialsManager: any CryptographicMaterialsManager
    private let options: DecryptionOptions
    private var state = State.header
    private var buffer: [UInt8] = []
    private var position = 0
    /// The header, once parsed and authenticated.
    public private(set) var header: MessageHeader?
    private var cipher: AES.GCM.KeyedContext?
    private var hasher: MessageDigest.Hasher?
    private var verificationKey: ECDSA.PublicKey?
    private var nextSequenceNumber: UInt32 = 1
    /// The body AAD of regular frames, rewritten in place from frame to frame.
    private var frameAAD: [UInt8] = []
    /// What the body needs from the authenticated header, kept apart so frames do not copy the header.
    private var body = BodyParameters()
    private var needed = 1

    /// A decryptor that gets keys from `materialsManager`.
    public init(materialsManager: any CryptographicMaterialsManager, options: DecryptionOptions = DecryptionOptions()) {
        self.materialsManager = materialsManager
        self.options = options
    }

    /// Whether the message is signed (known once the header was read).
    public var isSigned: Bool { header?.suite.isSigned ?? false }

    /// Consumes `bytes` and returns the plaintext of every frame they completed.
    ///
    /// - Throws: ``EnvelopeError`` with the reason; the decryptor is failed afterwards.
    public func update(_ bytes: some ContiguousBytes) async throws -> Chunk {
        if case .failed = state { throw EnvelopeError(.invalidState, "decryptor failed earlier") }
        if buffer.isEmpty, let array = bytes as? [UInt8] {
            buffer = array  // shares the caller's storage (copy on write): a whole message is not copied again
        } else {
            bytes.withUnsafeBytes { buffer.append(contentsOf: $0) }
        }
        do {
            try await processHeader()
            var output: [UInt8] = []
            if header != nil {
                output = try [UInt8](unsafeUninitializedCapacity: available) { buffer, initialized in
                    initialized = 0
                    initialized = try processBody(into: UnsafeMutableRawBufferPointer(buffer))
                }
            }
            compact()
            return Chunk(bytes: output, isAuthenticated: header.map { !$0.suite.isSigned } ?? false)
        } catch {
            fail()
            throw (error as? EnvelopeError) ?? EnvelopeError(.malformedMessage, "message could not be decrypted")
        }
    }

    /// Confirms that the message ended exactly here: the final frame was read, the footer (signed suites) verified,
    /// and no bytes follow.
    ///
    /// - Throws: ``EnvelopeError/Code/truncatedMessage`` when the message is incomplete.
    public func finish() throws {
        switch state {
        case .done:
            guard position == buffer.count else {
                fail()
                throw EnvelopeError(.malformedMessage, "bytes follow the end of the message")
            }
        case .failed:
            throw EnvelopeError(.invalidState, "decryptor failed earlier")
        default:
            fail()
            throw EnvelopeError(.truncatedMessage, "message ended early")
        }
    }

    private var available: Int { buffer.count - position }

    /// Reads and authenticates the header (the only step that waits: on the materials manager).
    private func processHeader() async throws {
        while true {
            switch state {
            case .header:
                guard available >= needed else { return }
                switch try MessageHeader.parse(buffer[position...], limits: options) {
                case .needMore(let count):
                    needed = count
                    return
                case .complete(let parsed, let count):
                    try checkPolicy(parsed)
                    try consume(count)
                    state = .headerAuthentication(parsed)
                }
            case .headerAuthentication(let parsed):
                guard available >= parsed.authenticationByteCount else { return }
                let auth = buffer[position..<position + parsed.authenticationByteCount]
                try await authenticate(parsed, auth: auth)
                try consume(parsed.authenticationByteCount)
                header = parsed
                body = BodyParameters(parsed)
                frameAAD = BodyAAD.make(messageID: parsed.messageID, content: BodyAAD.frame, sequenceNumber: 0, length: 0)
                state = parsed.contentType == .framed ? .frame : .nonFramed
                return
            case .failed:
                throw EnvelopeError(.invalidState, "decryptor failed earlier")
            default:
                return
            }
        }
    }

    /// Decrypts every complete frame (or the non-framed body) and checks the footer, writing plaintext to `out`
    /// (which has room for all buffered bytes); returns how many plaintext bytes were written.
    private func processBody(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while true {
            switch state {
            case .frame:
                guard let frame = try nextFrame() else { return written }
                written += try open(frame, into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                try consume(frame.totalLength)
                if frame.label == .finalFrame {
                    state = body.isSigned ? .footer : .done
                } else {
                    nextSequenceNumber += 1
                }
            case .nonFramed:
                guard let element = try nonFramedBody() else { return written }
                written += try open(element, into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                try consume(element.totalLength)
                state = body.isSigned ? .footer : .done
            case .footer:
                guard available >= 2 else { return written }
                let length = Int(buffer[position]) << 8 | Int(buffer[position + 1])
                guard length > 0, length <= MessageSignature.maximumSignatureByteCount else {
                    throw EnvelopeError(.signatureInvalid, "footer signature length out of range")
                }
                guard available >= 2 + length else { return written }
                let signature = Array(buffer[position + 2..<position + 2 + length])
                guard let hasher, let verificationKey, let curve = header?.suite.signingCurve else {
                    throw EnvelopeError(.invalidState, "no verification key")
                }
                let digest = try hasher.finalize()
                guard verificationKey.isValidSignature(signature, forDigest: digest, algorithm: MessageSignature.digest(curve)) else {
                    throw EnvelopeError(.signatureInvalid, "footer signature does not verify")
                }
                position += 2 + length
                state = .done
            case .done:
                guard available == 0 else { throw EnvelopeError(.malformedMessage, "bytes follow the end of the message") }
                return written
            case .failed:
                throw EnvelopeError(.invalidState, "decryptor failed earlier")
            case .header, .headerAuthentication:
                return written
            }
        }
    }

    /// Checks what the caller demands of the header before any key is requested.
    private func checkPolicy(_ parsed: MessageHeader) throws {
        if parsed.suite.isSigned && !options.allowSignedMessages {
            throw EnvelopeError(.unsupportedAlgorithmSuite, "signed messages are not allowed by the options")
        }
        guard parsed.encryptionContext.contains(options.requiredEncryptionContext) else {
            throw EnvelopeError(.invalidEncryptionContext, "encryption context lacks a required pair")
        }
    }

    /// Gets the data key, checks the commitment and the header tag, and prepares the content cipher.
    private func authenticate(_ parsed: MessageHeader, auth: ArraySlice<UInt8>) async throws {
        let materials = try await materialsManager.decryptionMaterials(for: DecryptionMaterialsRequest(
            suite: parsed.suite, encryptedDataKeys: parsed.encryptedDataKeys, encryptionContext: parsed.encryptionContext))
        guard let dataKey = materials.plaintextDataKey, materials.suite == parsed.suite else {
            throw EnvelopeError(.noDecryptableDataKey, "no keyring could decrypt a data key")
        }
        cipher = try MessageKeys.authenticate(parsed, auth: auth, dataKey: dataKey).opener
        if let curve = parsed.suite.signingCurve {
            guard let key = materials.verificationKey else { throw EnvelopeError(.invalidEncryptionContext, "signed message without its verification key") }
            verificationKey = key
            do {
                let running = try MessageDigest.Hasher(MessageSignature.digest(curve))
                try running.update(parsed.serialized)  // the authentication is added when it is consumed
                hasher = running
            } catch {
                throw EnvelopeError(.invalidMaterials, "message hash setup failed")
            }
        }
    }

    /// The header fields the body depends on.
    private struct BodyParameters {
        var frameLength = 0
        var version: UInt8 = 0
        var messageID: [UInt8] = []
        var isSigned = false

        init() {}

        init(_ header: MessageHeader) {
            frameLength = Int(header.frameLength)
            version = header.version
            messageID = header.messageID
            isSigned = header.suite.isSigned
        }
    }

    /// The content string of an element's AAD.
    private enum Label {
        case frame, finalFrame, singleBlock

        var bytes: [UInt8] {
            switch self {
            case .frame: BodyAAD.frame
            case .finalFrame: BodyAAD.finalFrame
            case .singleBlock: BodyAAD.singleBlock
            }
        }
    }

    /// One body element located in the buffer.
    private struct Element {
        var label: Label
        var sequenceNumber: UInt32
        var iv: Range<Int>
        var content: Range<Int>
        var totalLength: Int
    }

    private func nextFrame() throws -> Element? {
        guard available >= 4 else { return nil }
        var reader = ByteReader(buffer[position...])
        let first = try reader.uint32()
        let final = first == UInt32.max
        var sequenceNumber = first
        if final {
            guard available >= 8 else { return nil }
            sequenceNumber = try reader.uint32()
        }
        guard sequenceNumber == nextSequenceNumber else { throw EnvelopeError(.malformedMessage, "frames out of order") }
        let fixed = final ? 4 + 4 + 12 + 4 : 4 + 12
        guard available >= fixed else { return nil }
        let ivStart = position + reader.consumed
        _ = try reader.bytes(12)
        var length = body.frameLength
        if final {
            length = Int(try reader.uint32())
            guard length <= body.frameLength else { throw EnvelopeError(.malformedMessage, "final frame longer than the frame length") }
        }
        if body.version == 2 {
            guard MessageKeys.isFrameIV(buffer, at: ivStart, sequenceNumber) else {
                throw EnvelopeError(.malformedMessage, "frame IV is not its sequence number")
            }
        }
        guard available >= fixed + length + 16 else { return nil }
        let contentStart = position + fixed
        return Element(label: final ? .finalFrame : .frame, sequenceNumber: sequenceNumber, iv: ivStart..<ivStart + 12,
                       content: contentStart..<contentStart + length, totalLength: fixed + length + 16)
    }

    private func nonFramedBody() throws -> Element? {
        guard available >= 20 else { return nil }
        var reader = ByteReader(buffer[position + 12..<position + 20])
        let length = try reader.uint64()
        guard length <= (1 << 36) - 32 else { throw EnvelopeError(.malformedMessage, "non-framed body longer than the format allows") }
        guard length <= options.maximumNonFramedBodyLength else { throw EnvelopeError(.limitExceeded, "non-framed body longer than the configured maximum") }
        if body.version == 2 {
            guard MessageKeys.isFrameIV(buffer, at: position, 1) else {
                throw EnvelopeError(.malformedMessage, "body IV is not its sequence number")
            }
        }
        guard available >= 20 + Int(length) + 16 else { return nil }
        return Element(label: .singleBlock, sequenceNumber: 1, iv: position..<position + 12, content: position + 20..<position + 20 + Int(length),
                       totalLength: 20 + Int(length) + 16)
    }

    /// Verifies and decrypts one element into the start of `out`; returns the plaintext length.
    private func open(_ element: Element, into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let cipher else { throw EnvelopeError(.invalidState, "no content key") }
        if element.label == .frame {
            // Regular frames share one AAD buffer, rewritten in place.
            BodyAAD.update(&frameAAD, sequenceNumber: element.sequenceNumber, length: UInt64(element.content.count))
            try frameAAD.withUnsafeBytes { try open(element, aad: $0, cipher: cipher, into: out) }
        } else {
            let aad = BodyAAD.make(messageID: body.messageID, content: element.label.bytes, sequenceNumber: element.sequenceNumber,
                                   length: UInt64(element.content.count))
            try aad.withUnsafeBytes { try open(element, aad: $0, cipher: cipher, into: out) }
        }
        return element.content.count
    }

    private func open(_ element: Element, aad: UnsafeRawBufferPointer, cipher: AES.GCM.KeyedContext, into out: UnsafeMutableRawBufferPointer) throws {
        do {
            try buffer.withUnsafeBytes { input in
                try cipher.open(UnsafeRawBufferPointer(rebasing: input[element.content]),
                                tag: UnsafeRawBufferPointer(rebasing: input[element.content.upperBound..<element.content.upperBound + 16]),
                                nonce: UnsafeRawBufferPointer(rebasing: input[element.iv]),
                                authenticating: aad,
                                plaintext: UnsafeMutableRawBufferPointer(rebasing: out[0..<element.content.count]))
            }
        } catch {
            throw EnvelopeError(.bodyAuthenticationFailed, "body authentication tag does not verify")
        }
    }

    /// Marks `count` bytes at the current position consumed, adding them to the signature hash.
    private func consume(_ count: Int) throws {
        if let hasher {
            do { try hasher.update(buffer[position..<position + count]) } catch {
                throw EnvelopeError(.invalidMaterials, "message hash failed")
            }
        }
        position += count
        needed = 1
    }

    private func compact() {
        guard position > 0 else { return }
        if position == buffer.count {
            // Everything was consumed: drop the reference (the storage may be the caller's whole message; removing
            // elements from a shared array would first copy it).
            buffer = []
        } else {
            buffer = Array(buffer[position...])
        }
        position = 0
    }

    private func fail() {
        state = .failed
        buffer = []  // ciphertext only: plaintext is never held here
        position = 0
        cipher = nil
    }
}
