import CryptoPrimitives

extension SessionCipher {
    /// Starts a session with `address` from its published bundle (we are the initiator, "Alice").
    ///
    /// - Throws: ``SignalError/Code/invalidSignature`` when the signed prekey's signature does not verify;
    ///   ``SignalError/Code/untrustedIdentity`` when the bundle's identity differs from the trusted one.
    public func processBundle(_ bundle: PreKeyBundle, for address: ProtocolAddress) async throws {
        try await locks.withLock(address) {
            guard try await stores.identities.isTrustedIdentity(bundle.identityKey, for: address, direction: .sending) else {
                throw SignalError(.untrustedIdentity, "the bundle's identity key differs from the trusted one")
            }
            guard bundle.identityKey.verifySignature(bundle.signedPreKeySignature, for: bundle.signedPreKey.serialized) else {
                throw SignalError(.invalidSignature, "the signed prekey's signature does not verify")
            }
            let identity = try await stores.identities.identityKeyPair()
            let registrationID = try await stores.identities.localRegistrationID()
            let baseKey = try keyPairs.nextKeyPair()
            let sendingRatchetKey = try keyPairs.nextKeyPair()
            var state = try X3DH.initializeAlice(
                .init(
                    ourIdentity: identity,
                    ourBaseKey: baseKey,
                    theirIdentity: bundle.identityKey,
                    theirSignedPreKey: bundle.signedPreKey,
                    theirOneTimePreKey: bundle.preKey,
                    theirRatchetKey: bundle.signedPreKey
                ),
                sendingRatchetKey: sendingRatchetKey,
                localRegistrationID: registrationID,
                remoteRegistrationID: bundle.registrationID
            )
            state.pendingPreKey = .init(
                preKeyID: bundle.preKeyID,
                signedPreKeyID: bundle.signedPreKeyID,
                baseKey: baseKey.publicKey,
                timestamp: clock()
            )
            var record = try await load(address) ?? SessionRecord()
            record.promoteState(state)
            try await stores.identities.saveIdentity(bundle.identityKey, for: address)
            try await store(record, address)
        }
    }

    /// Brings `record` to the session a PreKey message belongs to (we are the responder, "Bob"): an existing
    /// state with the same base key, or a new one from X3DH. Returns the one-time prekey id to remove after a
    /// successful decryption.
    func processPreKeyMessage(_ message: PreKeySignalMessage, into record: inout SessionRecord) async throws -> UInt32? {
        if record.promoteMatchingState(version: message.messageVersion, aliceBaseKey: message.baseKey.serialized) {
            return nil
        }
        guard let signedPreKey = try await stores.signedPreKeys.signedPreKey(id: message.signedPreKeyID) else {
            throw SignalError(.invalidKeyID, "unknown signed prekey id")
        }
        var oneTimePreKey: PreKeyRecord?
        if let id = message.preKeyID {
            guard let record = try await stores.preKeys.preKey(id: id) else {
                throw SignalError(.invalidKeyID, "unknown one-time prekey id")
            }
            oneTimePreKey = record
        }
        let identity = try await stores.identities.identityKeyPair()
        let registrationID = try await stores.identities.localRegistrationID()
        let state = try X3DH.initializeBob(
            .init(
                ourIdentity: identity,
                ourSignedPreKey: signedPreKey.keyPair,
                ourOneTimePreKey: oneTimePreKey?.keyPair,
                ourRatchetKey: signedPreKey.keyPair,
                theirIdentity: message.identityKey,
                theirBaseKey: message.baseKey
            ),
            localRegistrationID: registrationID,
            remoteRegistrationID: message.registrationID
        )
        record.promoteState(state)
        return message.preKeyID
    }
}
