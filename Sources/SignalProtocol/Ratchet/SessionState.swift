public import CryptoPrimitives

/// The state of one Double Ratchet session: a value type, so a failed decryption that worked on a copy leaves
/// the stored state untouched.
public struct SessionState: Sendable {
    /// Signal's limits (libsignal `consts.rs`).
    public enum Limits {
        /// Skipped message keys kept per receiving chain.
        public static let maximumMessageKeys = 2000
        /// How far ahead of its chain a message counter may be.
        public static let maximumForwardJumps: UInt32 = 25_000
        /// Receiving chains kept per session.
        public static let maximumReceiverChains = 5
        /// Archived states kept per record.
        public static let maximumArchivedStates = 40
        /// How long an initiator keeps sending PreKey messages without a reply before the session is unusable.
        public static let unacknowledgedSessionMaximumAge: UInt64 = 30 * 24 * 60 * 60
    }

    /// The sending chain: our current ratchet key pair and its chain key.
    struct SenderChain: Sendable {
        var ratchetKeyPair: CurveKeyPair
        var chainKey: ChainKey
    }

    /// A skipped message's key seed, kept until the message arrives.
    struct SkippedMessageKey: Sendable {
        let counter: UInt32
        let seed: SecureBytes
    }

    /// A receiving chain: the peer's ratchet public key, its chain key and the keys of skipped messages.
    struct ReceiverChain: Sendable {
        let ratchetKey: X25519.PublicKey
        var chainKey: ChainKey
        var skippedKeys: [SkippedMessageKey]
    }

    /// What an initiator repeats in every message until the peer replies.
    struct PendingPreKey: Sendable {
        let preKeyID: UInt32?
        let signedPreKeyID: UInt32
        let baseKey: X25519.PublicKey
        let timestamp: UInt64
    }

    /// The message version (3).
    public internal(set) var sessionVersion: UInt8
    /// Our identity key.
    public internal(set) var localIdentityKey: IdentityKey
    /// The peer's identity key.
    public internal(set) var remoteIdentityKey: IdentityKey
    /// Our registration id.
    public internal(set) var localRegistrationID: UInt32
    /// The peer's registration id.
    public internal(set) var remoteRegistrationID: UInt32
    /// The initiator's base key (33 bytes): identifies the session a PreKey message belongs to.
    public internal(set) var aliceBaseKey: [UInt8]

    var rootKey: RootKey
    var previousCounter: UInt32
    var senderChain: SenderChain?
    /// Oldest first.
    var receiverChains: [ReceiverChain]
    var pendingPreKey: PendingPreKey?

    init(
        sessionVersion: UInt8,
        localIdentityKey: IdentityKey,
        remoteIdentityKey: IdentityKey,
        localRegistrationID: UInt32,
        remoteRegistrationID: UInt32,
        aliceBaseKey: [UInt8],
        rootKey: RootKey,
        previousCounter: UInt32 = 0,
        senderChain: SenderChain?,
        receiverChains: [ReceiverChain] = [],
        pendingPreKey: PendingPreKey? = nil
    ) {
        self.sessionVersion = sessionVersion
        self.localIdentityKey = localIdentityKey
        self.remoteIdentityKey = remoteIdentityKey
        self.localRegistrationID = localRegistrationID
        self.remoteRegistrationID = remoteRegistrationID
        self.aliceBaseKey = aliceBaseKey
        self.rootKey = rootKey
        self.previousCounter = previousCounter
        self.senderChain = senderChain
        self.receiverChains = receiverChains
        self.pendingPreKey = pendingPreKey
    }

    /// Whether we are still waiting for the peer's first reply (so our messages are PreKey messages).
    public var hasUnacknowledgedPreKey: Bool { pendingPreKey != nil }

    /// Whether the session can encrypt.
    public var hasSenderChain: Bool { senderChain != nil }

    /// The current sending chain key (for tests and diagnostics of known-answer vectors).
    public var senderChainKey: ChainKey? { senderChain?.chainKey }

    /// The receiving chain key for a peer ratchet key, if the session has that chain.
    public func receiverChainKey(for ratchetKey: X25519.PublicKey) -> ChainKey? {
        receiverChains.last { $0.ratchetKey == ratchetKey }?.chainKey
    }
}
