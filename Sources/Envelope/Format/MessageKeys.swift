import CryptoPrimitives

/// The per-message keys: the content key derived from the data key, and (format 2) the key commitment.
enum MessageKeys {
    static let deriveLabel = Array("DERIVEKEY".utf8)
    static let commitLabel = Array("COMMITKEY".utf8)

    /// The content key for `suite` and `messageID` from the plaintext data key.
    static func contentKey(dataKey: SecretKey, suite: AlgorithmSuite, messageID: [UInt8]) throws -> SecretKey {
        guard dataKey.byteCount == suite.keyByteCount else { throw EnvelopeError(.invalidMaterials, "data key length does not match the suite") }
        var suiteID: [UInt8] = []
        suiteID.appendUInt16(suite.rawValue)
        do {
            switch suite.keyDerivation {
            case .identity:
                return dataKey
            case .hkdfSHA256:
                return SecretKey(bytes: try HKDF<SHA256>.deriveKey(inputKeyMaterial: dataKey, salt: [UInt8](), info: suiteID + messageID, outputByteCount: suite.keyByteCount))
            case .hkdfSHA384:
                return SecretKey(bytes: try HKDF<SHA384>.deriveKey(inputKeyMaterial: dataKey, salt: [UInt8](), info: suiteID + messageID, outputByteCount: suite.keyByteCount))
            case .hkdfSHA512Committing:
                return SecretKey(bytes: try HKDF<SHA512>.deriveKey(inputKeyMaterial: dataKey, salt: messageID, info: suiteID + deriveLabel, outputByteCount: suite.keyByteCount))
            }
        } catch let error as EnvelopeError {
            throw error
        } catch {
            throw EnvelopeError(.invalidMaterials, "content key derivation failed")
        }
    }

    /// The content key and the 32-byte key commitment of a committing (format 2) suite from one HKDF-SHA512
    /// extract: both take the data key as input and the message id as salt; only the expand labels differ
    /// ("DERIVEKEY" after the suite id, "COMMITKEY"), so a message pays for one PRK, not two.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` for a non-committing suite or a data key of the wrong length.
    static func committedKeys(dataKey: SecretKey, suite: AlgorithmSuite, messageID: [UInt8]) throws -> (contentKey: SecretKey, commitment: [UInt8]) {
        guard suite.keyDerivation == .hkdfSHA512Committing else {
            throw EnvelopeError(.invalidMaterials, "suite has no key commitment")
        }
        guard dataKey.byteCount == suite.keyByteCount else { throw EnvelopeError(.invalidMaterials, "data key length does not match the suite") }
        var info: [UInt8] = []
        info.appendUInt16(suite.rawValue)
        info += deriveLabel
        let prk = HKDF<SHA512>.extract(inputKeyMaterial: dataKey, salt: messageID)
        let key: SecretKey
        do {
            key = SecretKey(bytes: try HKDF<SHA512>.expand(pseudoRandomKey: prk, info: info, outputByteCount: suite.keyByteCount))
        } catch {
            throw EnvelopeError(.invalidMaterials, "content key derivation failed")
        }
        do {
            return (key, try HKDF<SHA512>.expand(pseudoRandomKey: prk, info: commitLabel, outputByteCount: 32).unprotectedCopy())
        } catch {
            throw EnvelopeError(.invalidMaterials, "key commitment derivation failed")
        }
    }

    /// The header authentication tag: AES-GCM under the content key over no plaintext, with the serialized header
    /// as AAD and an all-zero IV.
    static func headerTag(header: [UInt8], cipher: AES.GCM.KeyedContext) throws -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: AES.GCM.tagByteCount)
        let iv = [UInt8](repeating: 0, count: AES.GCM.nonceByteCount)
        do {
            try iv.withUnsafeBytes { nonce in
                try header.withUnsafeBytes { aad in
                    try tag.withUnsafeMutableBytes { out in
                        try cipher.seal(UnsafeRawBufferPointer(start: nil, count: 0), nonce: nonce, authenticating: aad,
                                        ciphertext: UnsafeMutableRawBufferPointer(start: nil, count: 0), tag: out)
                    }
                }
            }
        } catch {
            throw EnvelopeError(.invalidMaterials, "header authentication failed to compute")
        }
        return tag
    }

    /// The header tag under `contentKey` (a one-off sealing cipher: for header rewrites).
    static func headerTag(header: [UInt8], contentKey: SecretKey) throws -> [UInt8] {
        let cipher: AES.GCM.KeyedContext
        do { cipher = try AES.GCM.KeyedContext(key: contentKey, encrypting: true) } catch {
            throw EnvelopeError(.invalidMaterials, "header authentication failed to compute")
        }
        return try headerTag(header: header, cipher: cipher)
    }

    /// A parsed header checked against its data key, with what decrypting the body needs.
    struct Authenticated {
        /// The content key.
        let contentKey: SecretKey
        /// An opening cipher under the content key: it verified the header tag and opens the frames.
        let opener: AES.GCM.KeyedContext
    }

    /// Checks a parsed header against its data key: the key commitment (format 2, in constant time), then the
    /// header authentication (`auth`: IV ‖ tag in format 1, the tag in format 2), with the same opening cipher the
    /// body will use (one key schedule per message).
    static func authenticate(_ header: MessageHeader, auth: ArraySlice<UInt8>, dataKey: SecretKey) throws -> Authenticated {
        let key: SecretKey
        if header.suite.isCommitting {
            let derived = try committedKeys(dataKey: dataKey, suite: header.suite, messageID: header.messageID)
            guard SecureMemory.constantTimeEquals(derived.commitment, header.commitment) else {
                throw EnvelopeError(.commitmentMismatch, "key commitment does not match the data key")
            }
            key = derived.contentKey
        } else {
            key = try contentKey(dataKey: dataKey, suite: header.suite, messageID: header.messageID)
        }
        let opener: AES.GCM.KeyedContext
        do { opener = try AES.GCM.KeyedContext(key: key, encrypting: false) } catch {
            throw EnvelopeError(.invalidMaterials, "content cipher setup failed")
        }
        let iv: [UInt8] = header.version == 1 ? Array(auth.prefix(12)) : [UInt8](repeating: 0, count: 12)
        let tag = Array(auth.suffix(16))
        do {
            try iv.withUnsafeBytes { nonce in
                try tag.withUnsafeBytes { tagBytes in
                    try header.serialized.withUnsafeBytes { aad in
                        try opener.open(UnsafeRawBufferPointer(start: nil, count: 0), tag: tagBytes, nonce: nonce, authenticating: aad,
                                        plaintext: UnsafeMutableRawBufferPointer(start: nil, count: 0))
                    }
                }
            }
        } catch {
            throw EnvelopeError(.headerAuthenticationFailed, "header authentication tag does not verify")
        }
        return Authenticated(contentKey: key, opener: opener)
    }

    /// The 12-byte frame IV: the sequence number, big-endian, right-aligned.
    /// Whether the 12 bytes at `iv` are the frame IV of `sequenceNumber` (compared in place, without allocating).
    static func isFrameIV(_ bytes: [UInt8], at iv: Int, _ sequenceNumber: UInt32) -> Bool {
        guard iv >= 0, iv + 12 <= bytes.count else { return false }
        for k in 0..<8 where bytes[iv + k] != 0 { return false }
        return bytes[iv + 8] == UInt8(truncatingIfNeeded: sequenceNumber >> 24) && bytes[iv + 9] == UInt8(truncatingIfNeeded: sequenceNumber >> 16)
            && bytes[iv + 10] == UInt8(truncatingIfNeeded: sequenceNumber >> 8) && bytes[iv + 11] == UInt8(truncatingIfNeeded: sequenceNumber)
    }

    static func frameIV(_ sequenceNumber: UInt32) -> [UInt8] {
        var iv = [UInt8](repeating: 0, count: 8)
        iv.appendUInt32(sequenceNumber)
        return iv
    }
}

/// The additional authenticated data of body frames: message id ‖ content string ‖ sequence number (4) ‖
/// content length (8).
enum BodyAAD {
    /// "AWSKMSEncryptionClient Frame".
    static let frame = Array("AWSKMSEncryptionClient Frame".utf8)
    /// "AWSKMSEncryptionClient Final Frame".
    static let finalFrame = Array("AWSKMSEncryptionClient Final Frame".utf8)
    /// "AWSKMSEncryptionClient Single Block".
    static let singleBlock = Array("AWSKMSEncryptionClient Single Block".utf8)

    /// Rewrites the last 12 bytes of `aad` (made by ``make(messageID:content:sequenceNumber:length:)`` for the same
    /// message and content string) for another frame: frames reuse one buffer instead of allocating their AAD.
    static func update(_ aad: inout [UInt8], sequenceNumber: UInt32, length: UInt64) {
        let at = aad.count - 12
        for k in 0..<4 { aad[at + k] = UInt8(truncatingIfNeeded: sequenceNumber >> UInt32(24 - 8 * k)) }
        for k in 0..<8 { aad[at + 4 + k] = UInt8(truncatingIfNeeded: length >> UInt64(56 - 8 * k)) }
    }

    static func make(messageID: [UInt8], content: [UInt8], sequenceNumber: UInt32, length: UInt64) -> [UInt8] {
        var aad = messageID + content
        aad.appendUInt32(sequenceNumber)
        aad.appendUInt64(length)
        return aad
    }
}
