public import CryptoPrimitives

extension SessionState {
    /// Decrypts `message`, performing a DH ratchet step when it carries a new ratchet key and keeping the keys
    /// of skipped messages. Callers run this on a copy and keep the copy only on success.
    mutating func decrypt(_ message: SignalMessage, keyPairs: any KeyPairSource) throws -> SecureBytes {
        guard message.messageVersion == sessionVersion else {
            throw SignalError(.invalidVersion, "message version differs from the session's")
        }
        let chainIndex = try receiverChainIndex(for: message.senderRatchetKey, keyPairs: keyPairs)
        let keys = try takeMessageKeys(chainIndex: chainIndex, counter: message.counter)
        guard message.verifyMAC(senderIdentity: remoteIdentityKey, receiverIdentity: localIdentityKey, macKey: keys.macKey) else {
            throw SignalError(.invalidMAC, "message authentication failed")
        }
        let plaintext: SecureBytes
        do {
            plaintext = try AES.CBC.decrypt(message.ciphertext, key: keys.cipherKey, iv: keys.iv)
        } catch {
            throw SignalError(.invalidMessage, "message decryption failed")
        }
        pendingPreKey = nil
        return plaintext
    }

    /// The index of the receiving chain for `theirRatchetKey`, creating it with a DH ratchet step if needed.
    private mutating func receiverChainIndex(for theirRatchetKey: X25519.PublicKey, keyPairs: any KeyPairSource) throws -> Int {
        if let index = receiverChains.lastIndex(where: { $0.ratchetKey == theirRatchetKey }) {
            return index
        }
        guard let sender = senderChain else { throw SignalError(.invalidState, "session has no sending chain") }
        let (receivingRoot, receivingChain) = try rootKey.createChain(theirRatchetKey: theirRatchetKey, ourRatchetKey: sender.ratchetKeyPair.privateKey)
        let newRatchetKeyPair = try keyPairs.nextKeyPair()
        let (sendingRoot, sendingChain) = try receivingRoot.createChain(theirRatchetKey: theirRatchetKey, ourRatchetKey: newRatchetKeyPair.privateKey)
        rootKey = sendingRoot
        receiverChains.append(ReceiverChain(ratchetKey: theirRatchetKey, chainKey: receivingChain, skippedKeys: []))
        if receiverChains.count > Limits.maximumReceiverChains {
            receiverChains.removeFirst(receiverChains.count - Limits.maximumReceiverChains)
        }
        previousCounter = Swift.max(sender.chainKey.index, 1) - 1
        senderChain = SenderChain(ratchetKeyPair: newRatchetKeyPair, chainKey: sendingChain)
        return receiverChains.count - 1
    }

    /// The message keys for `counter` on a receiving chain: a stored skipped key, or the chain advanced to it
    /// (storing the newest 2,000 keys it skips).
    private mutating func takeMessageKeys(chainIndex: Int, counter: UInt32) throws -> MessageKeys {
        var chain = receiverChains[chainIndex]
        let current = chain.chainKey.index
        if counter < current {
            guard let position = chain.skippedKeys.firstIndex(where: { $0.counter == counter }) else {
                throw SignalError(.duplicateMessage, "message key already used or not kept")
            }
            let skipped = chain.skippedKeys.remove(at: position)
            receiverChains[chainIndex] = chain
            return try MessageKeys(seed: skipped.seed, counter: counter)
        }
        guard counter - current <= Limits.maximumForwardJumps else {
            throw SignalError(.tooFarInFuture, "message counter too far ahead of its chain")
        }
        // Skipped keys older than the newest 2,000 would be dropped at once; do not derive them.
        let keepFrom = counter > UInt32(Limits.maximumMessageKeys) ? counter - UInt32(Limits.maximumMessageKeys) : 0
        var chainKey = chain.chainKey
        while chainKey.index < counter {
            if chainKey.index >= keepFrom {
                chain.skippedKeys.append(SkippedMessageKey(counter: chainKey.index, seed: chainKey.messageKeySeed()))
            }
            chainKey = try chainKey.next()
        }
        if chain.skippedKeys.count > Limits.maximumMessageKeys {
            chain.skippedKeys.removeFirst(chain.skippedKeys.count - Limits.maximumMessageKeys)
        }
        let keys = try chainKey.messageKeys()
        chain.chainKey = try chainKey.next()
        receiverChains[chainIndex] = chain
        return keys
    }
}
