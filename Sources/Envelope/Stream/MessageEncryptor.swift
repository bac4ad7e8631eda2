#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import CryptoPrimitives

/// Encrypts one message as a stream: write ``headerBytes`` first, then what each ``update(_:)`` returns, then
/// what ``finish()`` returns. Memory stays at one frame of buffered plaintext plus the output of the current call,
/// whatever the message length.
///
/// Frames: every time a whole frame of plaintext is available it is written as a regular frame; ``finish()``
/// writes the final frame with the remainder (0 to frame length − 1 bytes, so an empty plaintext or one that
/// is an exact multiple of the frame length ends with an empty final frame, as the AWS Encryption SDK for
/// Python writes it) and, for signed suites, the footer.
public final class MessageEncryptor {
    /// The header.
    public let header: MessageHeader
    /// The serialized header and its authentication tag: the first bytes of the message.
    public let headerBytes: [UInt8]
    private let cipher: AES.GCM.KeyedContext
    private let frameLength: Int
    private var pending: [UInt8] = []
    private var sequenceNumber: UInt32 = 1
    private var hasher: MessageDigest.Hasher?
    private let signingKey: ECDSA.PrivateKey?
    /// The AAD of regular frames, rewritten in place per frame (``BodyAAD/update(_:sequenceNumber:length:)``).
    private var frameAAD: [UInt8]
    private var finished = false
    private var failed = false

    /// An encryptor for one message from `materials`: framed with `frameLength`, or non-framed when it is nil
    /// (non-framed messages are written only whole, by ``sealWhole(_:)``).
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` when the materials are incomplete or the frame length is
    ///   out of range; ``EnvelopeError/Code/unsupportedAlgorithmSuite`` for a non-committing suite.
    init(materials: EncryptionMaterials, frameLength: UInt32?) throws {
        if let frameLength {
            guard frameLength > 0, frameLength <= 0x7FFF_FFFF else { throw EnvelopeError(.invalidMaterials, "frame length must be 1 to 2^31 - 1") }
        }
        let built = try Self.start(materials: materials, contentType: frameLength == nil ? .nonFramed : .framed, frameLength: frameLength ?? 0)
        header = built.header
        headerBytes = built.bytes
        cipher = built.cipher
        hasher = built.hasher
        signingKey = materials.signingKey
        self.frameLength = Int(frameLength ?? 0)
        frameAAD = BodyAAD.make(messageID: built.header.messageID, content: BodyAAD.frame, sequenceNumber: 0, length: 0)
        pending.reserveCapacity(Swift.min(self.frameLength, 1 << 20))
    }

    struct Start {
        let header: MessageHeader
        let bytes: [UInt8]
        let cipher: AES.GCM.KeyedContext
        let hasher: MessageDigest.Hasher?
    }

    /// Header, header tag, content cipher and (signed suites) the running hash over the header.
    static func start(materials: EncryptionMaterials, contentType: MessageHeader.ContentType, frameLength: UInt32) throws -> Start {
        let suite = materials.suite
        guard suite.isCommitting else { throw EnvelopeError(.unsupportedAlgorithmSuite, "only committing suites are used to encrypt") }
        guard let dataKey = materials.plaintextDataKey else { throw EnvelopeError(.invalidMaterials, "materials have no data key") }
        guard (materials.signingKey != nil) == suite.isSigned else { throw EnvelopeError(.invalidMaterials, "signing key does not match the suite") }
        let messageID: [UInt8]
        do { messageID = try SecureRandom.bytes(count: suite.messageIDByteCount) } catch {
            throw EnvelopeError(.invalidMaterials, "message id generation failed")
        }
        let (contentKey, commitment) = try MessageKeys.committedKeys(dataKey: dataKey, suite: suite, messageID: messageID)
        let header = try MessageHeader(suite: suite, messageID: messageID, encryptionContext: materials.encryptionContext,
                                       encryptedDataKeys: materials.encryptedDataKeys, contentType: contentType,
                                       frameLength: frameLength, commitment: commitment)
        let cipher: AES.GCM.KeyedContext
        do { cipher = try AES.GCM.KeyedContext(key: contentKey, encrypting: true) } catch {
            throw EnvelopeError(.invalidMaterials, "content cipher setup failed")
        }
        // The header tag comes from the content cipher itself (all-zero IV, which no frame uses: frame IVs count from 1).
        let bytes = header.serialized + (try MessageKeys.headerTag(header: header.serialized, cipher: cipher))
        var hasher: MessageDigest.Hasher? = nil
        if let curve = suite.signingCurve {
            do {
                let running = try MessageDigest.Hasher(MessageSignature.digest(curve))
                try running.update(bytes)
                hasher = running
            } catch {
                throw EnvelopeError(.invalidMaterials, "message hash setup failed")
            }
        }
        return Start(header: header, bytes: bytes, cipher: cipher, hasher: hasher)
    }

    /// Encrypts `plaintext`, returning every frame that became complete (possibly none).
    ///
    /// - Throws: ``EnvelopeError/Code/invalidState`` after ``finish()`` or a failure;
    ///   ``EnvelopeError/Code/limitExceeded`` past 2³² − 2 regular frames.
    public func update(_ plaintext: some ContiguousBytes) throws -> [UInt8] {
        guard !finished, !failed, frameLength > 0 else { throw EnvelopeError(.invalidState, "encryptor already finished, failed, or not framed") }
        do {
            let output = try plaintext.withUnsafeBytes { input -> [UInt8] in
                let frames = (pending.count + input.count) / frameLength
                let size = frames * (4 + 12 + frameLength + 16)
                var offset = 0
                return try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                    initialized = 0
                    let out = UnsafeMutableRawBufferPointer(buffer)
                    var written = 0
                    if !pending.isEmpty {
                        let take = Swift.min(frameLength - pending.count, input.count)
                        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<take]))
                        offset = take
                        if pending.count == frameLength {
                            written += try pending.withUnsafeBytes { try writeFrame($0, final: false, into: UnsafeMutableRawBufferPointer(rebasing: out[written...])) }
                            pending.withUnsafeMutableBytes { SecureMemory.zero($0) }
                            pending.removeAll(keepingCapacity: true)
                        }
                    }
                    while input.count - offset >= frameLength {
                        written += try writeFrame(UnsafeRawBufferPointer(rebasing: input[offset..<offset + frameLength]), final: false,
                                                  into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                        offset += frameLength
                    }
                    if offset < input.count { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset...])) }
                    initialized = written
                }
            }
            try hasher?.update(output)
            return output
        } catch {
            failed = true
            throw Self.mapped(error)
        }
    }

    /// Writes the final frame and, for signed suites, the footer. The encryptor cannot be used afterwards.
    public func finish() throws -> [UInt8] {
        guard !finished, !failed, frameLength > 0 else { throw EnvelopeError(.invalidState, "encryptor already finished, failed, or not framed") }
        finished = true
        do {
            let size = 4 + 4 + 12 + 4 + pending.count + 16
            var output = try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                initialized = 0
                initialized = try pending.withUnsafeBytes { try writeFrame($0, final: true, into: UnsafeMutableRawBufferPointer(buffer)) }
            }
            pending.withUnsafeMutableBytes { SecureMemory.zero($0) }
            pending.removeAll()
            try hasher?.update(output)
            output += try footer()
            return output
        } catch {
            failed = true
            throw Self.mapped(error)
        }
    }

    /// The footer of a signed suite (empty otherwise), from everything hashed so far.
    private func footer() throws -> [UInt8] {
        guard let hasher, let signingKey, let curve = header.suite.signingCurve else { return [] }
        return MessageSignature.footer(try MessageSignature.sign(digest: try hasher.finalize(), key: signingKey, curve: curve))
    }

    /// The whole message for a plaintext held in memory, written into one buffer sized in advance (header, frames
    /// or the non-framed body, footer): the one-shot path, without the copies ``update(_:)`` and ``finish()``
    /// would make. The encryptor cannot be used afterwards.
    func sealWhole(_ plaintext: some ContiguousBytes) throws -> [UInt8] {
        guard !finished, !failed, pending.isEmpty else { throw EnvelopeError(.invalidState, "encryptor already used") }
        finished = true
        do {
            return try plaintext.withUnsafeBytes { input -> [UInt8] in
                let bodySize: Int
                if frameLength > 0 {
                    let frames = input.count / frameLength
                    bodySize = frames * (4 + 12 + frameLength + 16) + (4 + 4 + 12 + 4) + (input.count - frames * frameLength) + 16
                } else {
                    guard input.count <= (1 << 36) - 32 else { throw EnvelopeError(.limitExceeded, "non-framed plaintext longer than the format allows") }
                    bodySize = 12 + 8 + input.count + 16
                }
                let footerRoom = header.suite.signingCurve.map { 2 + MessageSignature.staticLength($0) } ?? 0
                var message = try [UInt8](unsafeUninitializedCapacity: headerBytes.count + bodySize + footerRoom) { buffer, initialized in
                    initialized = 0
                    let out = UnsafeMutableRawBufferPointer(buffer)
                    headerBytes.withUnsafeBytes { out.copyMemory(from: $0) }
                    var written = headerBytes.count
                    if frameLength > 0 {
                        var offset = 0
                        while input.count - offset >= frameLength {
                            written += try writeFrame(UnsafeRawBufferPointer(rebasing: input[offset..<offset + frameLength]), final: false,
                                                      into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                            offset += frameLength
                        }
                        written += try writeFrame(UnsafeRawBufferPointer(rebasing: input[offset...]), final: true,
                                                  into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                    } else {
                        written += try writeNonFramedBody(input, into: UnsafeMutableRawBufferPointer(rebasing: out[written...]))
                    }
                    initialized = written
                }
                try hasher?.update(message[headerBytes.count...])
                message += try footer()
                return message
            }
        } catch {
            failed = true
            throw Self.mapped(error)
        }
    }

    /// IV (the sequence number 1) ‖ content length (8) ‖ ciphertext ‖ tag, AAD "… Single Block"; returns its length.
    private func writeNonFramedBody(_ plaintext: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws -> Int {
        FrameBytes.storeIV(1, into: out, at: 0)
        FrameBytes.store(UInt32(truncatingIfNeeded: UInt64(plaintext.count) >> 32), into: out, at: 12)
        FrameBytes.store(UInt32(truncatingIfNeeded: UInt64(plaintext.count)), into: out, at: 16)
        let aad = BodyAAD.make(messageID: header.messageID, content: BodyAAD.singleBlock, sequenceNumber: 1, length: UInt64(plaintext.count))
        try aad.withUnsafeBytes { aadBytes in
            try cipher.seal(plaintext, nonce: UnsafeRawBufferPointer(rebasing: out[0..<12]), authenticating: aadBytes,
                            ciphertext: UnsafeMutableRawBufferPointer(rebasing: out[20..<20 + plaintext.count]),
                            tag: UnsafeMutableRawBufferPointer(rebasing: out[20 + plaintext.count..<20 + plaintext.count + 16]))
        }
        return 20 + plaintext.count + 16
    }

    /// Writes one frame at the start of `out`; returns its length.
    private func writeFrame(_ plaintext: UnsafeRawBufferPointer, final: Bool, into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard final || sequenceNumber < UInt32.max else {
            throw EnvelopeError(.limitExceeded, "too many frames for one message")
        }
        var offset = 0
        if final {
            FrameBytes.store(UInt32.max, into: out, at: offset)
            offset += 4
        }
        FrameBytes.store(sequenceNumber, into: out, at: offset)
        offset += 4
        let ivStart = offset
        FrameBytes.storeIV(sequenceNumber, into: out, at: ivStart)
        offset += 12
        if final {
            FrameBytes.store(UInt32(plaintext.count), into: out, at: offset)
            offset += 4
        }
        let body = UnsafeMutableRawBufferPointer(rebasing: out[offset..<offset + plaintext.count + 16])
        let iv = UnsafeRawBufferPointer(rebasing: out[ivStart..<ivStart + 12])
        if final {
            let aad = BodyAAD.make(messageID: header.messageID, content: BodyAAD.finalFrame, sequenceNumber: sequenceNumber,
                                   length: UInt64(plaintext.count))
            try aad.withUnsafeBytes { try sealFrameBody(plaintext, iv: iv, aad: $0, into: body) }
        } else {
            BodyAAD.update(&frameAAD, sequenceNumber: sequenceNumber, length: UInt64(plaintext.count))
            try frameAAD.withUnsafeBytes { try sealFrameBody(plaintext, iv: iv, aad: $0, into: body) }
        }
        sequenceNumber &+= 1
        return offset + plaintext.count + 16
    }

    /// Ciphertext then tag into `body` (plaintext length + 16 bytes).
    private func sealFrameBody(_ plaintext: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
                               into body: UnsafeMutableRawBufferPointer) throws {
        try cipher.seal(plaintext, nonce: iv, authenticating: aad,
                        ciphertext: UnsafeMutableRawBufferPointer(rebasing: body[0..<plaintext.count]),
                        tag: UnsafeMutableRawBufferPointer(rebasing: body[plaintext.count...]))
    }

    static func mapped(_ error: any Error) -> EnvelopeError {
        (error as? EnvelopeError) ?? EnvelopeError(.invalidMaterials, "content encryption failed")
    }
}

/// Big-endian stores into frame buffers, without intermediate arrays.
enum FrameBytes {
    static func store(_ value: UInt32, into out: UnsafeMutableRawBufferPointer, at offset: Int) {
        out[offset] = UInt8(truncatingIfNeeded: value >> 24)
        out[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        out[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        out[offset + 3] = UInt8(truncatingIfNeeded: value)
    }

    /// The 12-byte IV of a frame: eight zero bytes, then the sequence number.
    static func storeIV(_ sequenceNumber: UInt32, into out: UnsafeMutableRawBufferPointer, at offset: Int) {
        for index in 0..<8 { out[offset + index] = 0 }
        store(sequenceNumber, into: out, at: offset + 8)
    }
}
