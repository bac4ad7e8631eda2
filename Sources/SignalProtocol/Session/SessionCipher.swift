public import CryptoPrimitives
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Encrypts and decrypts Signal messages for one local identity, backed by its ``SignalStores``.
///
/// Every operation on a remote address runs load → process → store under that address's lock, so thousands
/// of concurrent calls stay correct; different addresses run in parallel. Use one `SessionCipher` per set of
/// stores. Nothing is stored unless the whole operation succeeded: a failed decryption leaves the stored
/// session record byte-identical.
public final class SessionCipher: Sendable {
    /// The stores.
    public let stores: SignalStores
    let keyPairs: any KeyPairSource
    let clock: @Sendable () -> UInt64
    let locks = AddressLocks()

    /// A cipher over `stores`.
    ///
    /// - Parameters:
    ///   - keyPairs: the source of fresh ratchet and base keys (random unless replaying vectors).
    ///   - clock: seconds since the Unix epoch (for prekey-message expiry).
    public init(
        stores: SignalStores,
        keyPairs: any KeyPairSource = RandomKeyPairSource(),
        clock: @escaping @Sendable () -> UInt64 = SessionCipher.systemClock
    ) {
        self.stores = stores
        self.keyPairs = keyPairs
        self.clock = clock
    }

    /// Encrypts `plaintext` for `address`. While the peer has not replied, the result is a PreKey message.
    ///
    /// - Throws: ``SignalError/Code/noSession`` without a session; ``SignalError/Code/untrustedIdentity`` when the
    ///   peer's identity is no longer trusted.
    public func encrypt(_ plaintext: [UInt8], for address: ProtocolAddress) async throws -> CiphertextMessage {
        try await locks.withLock(address) {
            guard var record = try await load(address), var state = record.currentState else {
                throw SignalError(.noSession, "no session with this address")
            }
            guard try await stores.identities.isTrustedIdentity(state.remoteIdentityKey, for: address, direction: .sending) else {
                throw SignalError(.untrustedIdentity, "the peer's identity key changed")
            }
            let message = try state.encrypt(plaintext, now: clock())
            record.currentState = state
            try await store(record, address)
            return message
        }
    }

    /// Decrypts a message from `address`. A PreKey message may start a new session.
    ///
    /// - Throws: a ``SignalError``: `invalidMessage`, `invalidMAC`, `duplicateMessage`, `noSession`,
    ///   `untrustedIdentity`, `invalidKeyID`, `tooFarInFuture` or `invalidVersion`. The stored session is left
    ///   exactly as it was.
    public func decrypt(_ message: CiphertextMessage, from address: ProtocolAddress) async throws -> SecureBytes {
        switch message {
        case .signal(let signal): try await decryptSignalMessage(signal, from: address)
        case .preKey(let preKey): try await decryptPreKeyMessage(preKey, from: address)
        }
    }

    /// Archives the current session with `address` (the next message to it needs a new bundle).
    public func archiveSession(for address: ProtocolAddress) async throws {
        try await locks.withLock(address) {
            guard var record = try await load(address) else { return }
            record.archiveCurrentState()
            try await store(record, address)
        }
    }

    /// Whether there is a session that can send to `address`.
    public func hasSession(with address: ProtocolAddress) async throws -> Bool {
        try await load(address)?.hasCurrentState ?? false
    }

    /// Seconds since the Unix epoch, from the system clock.
    public static let systemClock: @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970) }

    // MARK: - Decryption

    private func decryptSignalMessage(_ message: SignalMessage, from address: ProtocolAddress) async throws -> SecureBytes {
        try await locks.withLock(address) {
            guard var record = try await load(address) else { throw SignalError(.noSession, "no session with this address") }
            let plaintext = try decrypt(message, with: &record)
            try await commitDecryption(record, from: address)
            return plaintext
        }
    }

    private func decryptPreKeyMessage(_ message: PreKeySignalMessage, from address: ProtocolAddress) async throws -> SecureBytes {
        try await locks.withLock(address) {
            var record = try await load(address) ?? SessionRecord()
            guard try await stores.identities.isTrustedIdentity(message.identityKey, for: address, direction: .receiving) else {
                throw SignalError(.untrustedIdentity, "the peer's identity key changed")
            }
            let usedPreKeyID = try await processPreKeyMessage(message, into: &record)
            let plaintext = try decrypt(message.message, with: &record)
            try await commitDecryption(record, from: address)
            if let usedPreKeyID { try await stores.preKeys.removePreKey(id: usedPreKeyID) }
            return plaintext
        }
    }

    /// Trial decryption: the current state, then each archived state; the first that decrypts becomes current.
    private func decrypt(_ message: SignalMessage, with record: inout SessionRecord) throws -> SecureBytes {
        var failures: [SignalError] = []
        if var state = record.currentState {
            do {
                let plaintext = try state.decrypt(message, keyPairs: keyPairs)
                record.currentState = state
                return plaintext
            } catch let error as SignalError {
                if error.code == .duplicateMessage { throw error }
                failures.append(error)
            }
        }
        for (index, archived) in record.previousStates.enumerated() {
            var state = archived
            do {
                let plaintext = try state.decrypt(message, keyPairs: keyPairs)
                record.promoteArchivedState(at: index, replacingWith: state)
                return plaintext
            } catch let error as SignalError {
                if error.code == .duplicateMessage { throw error }
                failures.append(error)
            }
        }
        guard !failures.isEmpty else { throw SignalError(.noSession, "the record has no session state") }
        for code in [SignalError.Code.tooFarInFuture, .invalidMAC, .invalidVersion, .invalidKey] {
            if let failure = failures.first(where: { $0.code == code }) { throw failure }
        }
        throw failures[0]
    }

    /// After a successful decryption: the identity must (still) be trusted; then the identity and the record are
    /// saved.
    private func commitDecryption(_ record: SessionRecord, from address: ProtocolAddress) async throws {
        guard let remote = record.currentState?.remoteIdentityKey else { throw SignalError(.invalidState, "decrypted without a current state") }
        guard try await stores.identities.isTrustedIdentity(remote, for: address, direction: .receiving) else {
            throw SignalError(.untrustedIdentity, "the peer's identity key changed")
        }
        try await stores.identities.saveIdentity(remote, for: address)
        try await store(record, address)
    }

    // MARK: - Storage

    func load(_ address: ProtocolAddress) async throws -> SessionRecord? {
        do {
            return try await stores.sessions.loadSession(for: address)
        } catch let error as SignalError {
            throw error
        } catch {
            throw SignalError(.storageFailure, "loading the session failed")
        }
    }

    func store(_ record: SessionRecord, _ address: ProtocolAddress) async throws {
        do {
            try await stores.sessions.storeSession(record, for: address)
        } catch let error as SignalError {
            throw error
        } catch {
            throw SignalError(.storageFailure, "storing the session failed")
        }
    }
}
