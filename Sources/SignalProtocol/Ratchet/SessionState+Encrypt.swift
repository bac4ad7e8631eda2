import CryptoPrimitives

extension SessionState {
    /// Encrypts `plaintext` on the sending chain and advances it. The result is a PreKey message while the
    /// peer has not replied yet.
    ///
    /// - Parameter now: seconds since the Unix epoch, to expire sessions never acknowledged within 30 days.
    mutating func encrypt(_ plaintext: [UInt8], now: UInt64) throws -> CiphertextMessage {
        guard let sender = senderChain else { throw SignalError(.noSession, "session has no sending chain") }
        if let pending = pendingPreKey, now > pending.timestamp, now - pending.timestamp > Limits.unacknowledgedSessionMaximumAge {
            throw SignalError(.noSession, "session was never acknowledged and has expired")
        }
        let (keys, nextChainKey) = try sender.chainKey.step()
        let ciphertext: [UInt8]
        do {
            ciphertext = try AES.CBC.encrypt(plaintext, key: keys.cipherKey, iv: keys.iv)
        } catch {
            throw SignalError(.invalidState, "message encryption failed")
        }
        let message = try SignalMessage(
            messageVersion: sessionVersion,
            macKey: keys.macKey,
            senderRatchetKey: sender.ratchetKeyPair.publicKey,
            counter: keys.counter,
            previousCounter: previousCounter,
            ciphertext: ciphertext,
            senderIdentity: localIdentityKey,
            receiverIdentity: remoteIdentityKey
        )
        senderChain?.chainKey = nextChainKey
        guard let pending = pendingPreKey else { return .signal(message) }
        return .preKey(PreKeySignalMessage(
            messageVersion: sessionVersion,
            registrationID: localRegistrationID,
            preKeyID: pending.preKeyID,
            signedPreKeyID: pending.signedPreKeyID,
            baseKey: pending.baseKey,
            identityKey: localIdentityKey,
            message: message
        ))
    }
}
