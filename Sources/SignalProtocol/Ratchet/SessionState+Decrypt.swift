import CryptoPrimitives

extension SessionState {
    /// Decrypts `message`, keeping the keys of skipped messages and, for a message under a new ratchet key,
    /// taking a DH ratchet step.
    ///
    /// Nothing is changed unless decryption succeeds: the receiving chain is derived, the message keys taken,
    /// the MAC verified and the body decrypted on local copies first. Only then is a fresh sending ratchet key
    /// drawn from `keyPairs` (so a failed attempt consumes none) and the state updated.
    mutating func decrypt(_ message: SignalMessage, keyPairs: any KeyPairSource) throws -> SecureBytes {
        guard message.messageVersion == sessionVersion else {
            throw SignalError(.invalidVersion, "message version differs from the session's")
        }
        let theirRatchetKey = message.senderRatchetKey
        var chain: ReceiverChain
        var receivingRoot: RootKey?
        let existingIndex = receiverChains.lastIndex { $0.ratchetKey == theirRatchetKey }
        if let existingIndex {
            chain = receiverChains[existingIndex]
        } else {
            guard let sender = senderChain else { throw SignalError(.invalidState, "session has no sending chain") }
            let (root, chainKey) = try rootKey.createChain(theirRatchetKey: theirRatchetKey, ourRatchetKey: sender.ratchetKeyPair.privateKey)
            receivingRoot = root
            chain = ReceiverChain(ratchetKey: theirRatchetKey, chainKey: chainKey, skippedKeys: [])
        }

        let keys = try Self.takeMessageKeys(from: &chain, counter: message.counter)
        guard message.verifyMAC(senderIdentity: remoteIdentityKey, receiverIdentity: localIdentityKey, macKey: keys.macKey) else {
            throw SignalError(.invalidMAC, "message authentication failed")
        }
        let plaintext: SecureBytes
        do {
            plaintext = try AES.CBC.decrypt(message.ciphertext, key: keys.cipherKey, iv: keys.iv)
        } catch {
            throw SignalError(.invalidMessage, "message decryption failed")
        }

        // Success: commit.
        if let existingIndex {
            receiverChains[existingIndex] = chain
        } else if let receivingRoot, let sender = senderChain {
            let newRatchetKeyPair = try keyPairs.nextKeyPair()
            let (sendingRoot, sendingChain) = try receivingRoot.createChain(theirRatchetKey: theirRatchetKey, ourRatchetKey: newRatchetKeyPair.privateKey)
            rootKey = sendingRoot
            receiverChains.append(chain)
            if receiverChains.count > Limits.maximumReceiverChains {
                receiverChains.removeFirst(receiverChains.count - Limits.maximumReceiverChains)
            }
            previousCounter = Swift.max(sender.chainKey.index, 1) - 1
            senderChain = SenderChain(ratchetKeyPair: newRatchetKeyPair, chainKey: sendingChain)
        }
        pendingPreKey = nil
        return plaintext
    }

    /// The message keys for `counter` on `chain`: a stored skipped key, or the chain advanced to it (storing the
    /// newest 2,000 keys it skips).
    private static func takeMessageKeys(from chain: inout ReceiverChain, counter: UInt32) throws -> MessageKeys {
        let current = chain.chainKey.index
        if counter < current {
            guard let position = chain.skippedKeys.firstIndex(where: { $0.counter == counter }) else {
                throw SignalError(.duplicateMessage, "message key already used or not kept")
            }
            let skipped = chain.skippedKeys.remove(at: position)
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
                let (seed, next) = try chainKey.skip()
                chain.skippedKeys.append(SkippedMessageKey(counter: chainKey.index, seed: seed))
                chainKey = next
            } else {
                chainKey = try chainKey.next()
            }
        }
        if chain.skippedKeys.count > Limits.maximumMessageKeys {
            chain.skippedKeys.removeFirst(chain.skippedKeys.count - Limits.maximumMessageKeys)
        }
        let (keys, next) = try chainKey.step()
        chain.chainKey = next
        return keys
    }
}
