public import CryptoPrimitives

/// The storage format of a ``SessionRecord`` (ChatSecurity's own; see `docs/signal.md`). Protobuf encoded:
///
/// ```
/// Record  { 1: Session current, 2: repeated Session previous, 15: uint32 format (= 1) }
/// Session { 1: version, 2: local identity (33), 3: remote identity (33), 4: root key (32),
///           5: previous counter, 6: Chain sender, 7: repeated Chain receivers (oldest first),
///           8: Pending pending pre-key, 9: remote registration id, 10: local registration id,
///           11: alice base key (33) }
/// Chain   { 1: ratchet public (33), 2: ratchet private (32, sender only), 3: chain index, 4: chain key (32),
///           5: repeated Skipped skipped }
/// Skipped { 1: counter, 2: message-key seed (32) }
/// Pending { 1: one-time prekey id (optional), 2: signed prekey id, 3: base key (33), 4: timestamp (s) }
/// ```
///
/// Serialization writes straight into ``SecureBytes``. Parsing bounds every count (40 archived states, 5
/// receiving chains, 2,000 skipped keys per chain) and refuses missing fields and unknown format versions.
extension SessionRecord {
    static let formatVersion: UInt64 = 1

    /// The record's bytes, in secure storage (they hold root, chain and private keys).
    public func serialized() -> SecureBytes {
        var writer = ProtobufWriter<SecureBytes>()
        if let currentState { writer.write(1, bytes: currentState.serialized()) }
        for state in previousStates { writer.write(2, bytes: state.serialized()) }
        writer.write(15, varint: Self.formatVersion)
        return writer.output
    }

    /// Parses stored bytes.
    ///
    /// - Throws: ``SignalError/Code/invalidState`` for anything malformed.
    public init(serialized: SecureBytes) throws {
        var bytes = serialized.unprotectedCopy()
        defer { bytes.withUnsafeMutableBytes { SecureMemory.zero($0) } }
        do {
            var reader = ProtobufReader(bytes[...])
            var current: SessionState?
            var previous: [SessionState] = []
            var format: UInt64?
            while let (field, value) = try reader.next() {
                switch field {
                case 1: current = try SessionState(parsing: value.bytes())
                case 2:
                    guard previous.count < SessionState.Limits.maximumArchivedStates else {
                        throw SignalError(.invalidState, "too many archived states")
                    }
                    previous.append(try SessionState(parsing: value.bytes()))
                case 15: format = try value.uint64()
                default: continue
                }
            }
            guard format == Self.formatVersion else { throw SignalError(.invalidState, "unknown session record format") }
            self.init(currentState: current, previousStates: previous)
        } catch let error as SignalError where error.code == .invalidState {
            throw error
        } catch {
            throw SignalError(.invalidState, "session record is malformed")
        }
    }
}

extension SessionState {
    func serialized() -> SecureBytes {
        var writer = ProtobufWriter<SecureBytes>()
        writer.write(1, varint: UInt64(sessionVersion))
        writer.write(2, bytes: localIdentityKey.serialized)
        writer.write(3, bytes: remoteIdentityKey.serialized)
        writer.write(4, bytes: rootKey.key)
        writer.write(5, varint: UInt64(previousCounter))
        if let senderChain {
            var chain = ProtobufWriter<SecureBytes>()
            chain.write(1, bytes: senderChain.ratchetKeyPair.publicKey.serialized)
            chain.write(2, bytes: senderChain.ratchetKeyPair.privateKey.rawRepresentation)
            chain.write(3, varint: UInt64(senderChain.chainKey.index))
            chain.write(4, bytes: senderChain.chainKey.key)
            writer.write(6, bytes: chain.output)
        }
        for receiver in receiverChains {
            var chain = ProtobufWriter<SecureBytes>()
            chain.write(1, bytes: receiver.ratchetKey.serialized)
            chain.write(3, varint: UInt64(receiver.chainKey.index))
            chain.write(4, bytes: receiver.chainKey.key)
            for skipped in receiver.skippedKeys {
                var entry = ProtobufWriter<SecureBytes>()
                entry.write(1, varint: UInt64(skipped.counter))
                entry.write(2, bytes: skipped.seed)
                chain.write(5, bytes: entry.output)
            }
            writer.write(7, bytes: chain.output)
        }
        if let pendingPreKey {
            var pending = ProtobufWriter<[UInt8]>()
            if let id = pendingPreKey.preKeyID { pending.write(1, varint: UInt64(id)) }
            pending.write(2, varint: UInt64(pendingPreKey.signedPreKeyID))
            pending.write(3, bytes: pendingPreKey.baseKey.serialized)
            pending.write(4, varint: pendingPreKey.timestamp)
            writer.write(8, bytes: pending.output)
        }
        writer.write(9, varint: UInt64(remoteRegistrationID))
        writer.write(10, varint: UInt64(localRegistrationID))
        writer.write(11, bytes: aliceBaseKey)
        return writer.output
    }

    init(parsing bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        var version: UInt32?
        var local: IdentityKey?
        var remote: IdentityKey?
        var root: RootKey?
        var previousCounter: UInt32 = 0
        var sender: SenderChain?
        var receivers: [ReceiverChain] = []
        var pending: PendingPreKey?
        var remoteRegistration: UInt32 = 0
        var localRegistration: UInt32 = 0
        var baseKey: [UInt8]?
        while let (field, value) = try reader.next() {
            switch field {
            case 1: version = try value.uint32()
            case 2: local = try IdentityKey(serialized: value.bytes())
            case 3: remote = try IdentityKey(serialized: value.bytes())
            case 4: root = try RootKey(key: SecureBytes(copying: Array(value.bytes())))
            case 5: previousCounter = try value.uint32()
            case 6: sender = try Self.parseSenderChain(value.bytes())
            case 7:
                guard receivers.count < Limits.maximumReceiverChains else { throw SignalError(.invalidState, "too many receiving chains") }
                receivers.append(try Self.parseReceiverChain(value.bytes()))
            case 8: pending = try Self.parsePending(value.bytes())
            case 9: remoteRegistration = try value.uint32()
            case 10: localRegistration = try value.uint32()
            case 11:
                let key = Array(try value.bytes())
                guard key.count == 33 else { throw SignalError(.invalidState, "bad base key") }
                baseKey = key
            default: continue
            }
        }
        guard let version, version == UInt32(SignalMessage.currentVersion), let local, let remote, let root, let baseKey else {
            throw SignalError(.invalidState, "session state lacks a required field")
        }
        self.init(
            sessionVersion: UInt8(version),
            localIdentityKey: local,
            remoteIdentityKey: remote,
            localRegistrationID: localRegistration,
            remoteRegistrationID: remoteRegistration,
            aliceBaseKey: baseKey,
            rootKey: root,
            previousCounter: previousCounter,
            senderChain: sender,
            receiverChains: receivers,
            pendingPreKey: pending
        )
    }

    private static func parseSenderChain(_ bytes: ArraySlice<UInt8>) throws -> SenderChain {
        var reader = ProtobufReader(bytes)
        var privateKey: X25519.PrivateKey?
        var index: UInt32 = 0
        var key: SecureBytes?
        while let (field, value) = try reader.next() {
            switch field {
            case 2: privateKey = try X25519.PrivateKey(rawRepresentation: Array(value.bytes()))
            case 3: index = try value.uint32()
            case 4: key = SecureBytes(copying: Array(try value.bytes()))
            default: continue
            }
        }
        guard let privateKey, let key else { throw SignalError(.invalidState, "sending chain lacks a field") }
        return SenderChain(ratchetKeyPair: CurveKeyPair(privateKey: privateKey), chainKey: try ChainKey(key: key, index: index))
    }

    private static func parseReceiverChain(_ bytes: ArraySlice<UInt8>) throws -> ReceiverChain {
        var reader = ProtobufReader(bytes)
        var ratchetKey: X25519.PublicKey?
        var index: UInt32 = 0
        var key: SecureBytes?
        var skipped: [SkippedMessageKey] = []
        while let (field, value) = try reader.next() {
            switch field {
            case 1: ratchetKey = try X25519.PublicKey(serialized: Array(value.bytes()))
            case 3: index = try value.uint32()
            case 4: key = SecureBytes(copying: Array(try value.bytes()))
            case 5:
                guard skipped.count < Limits.maximumMessageKeys else { throw SignalError(.invalidState, "too many skipped keys") }
                skipped.append(try parseSkipped(value.bytes()))
            default: continue
            }
        }
        guard let ratchetKey, let key else { throw SignalError(.invalidState, "receiving chain lacks a field") }
        return ReceiverChain(ratchetKey: ratchetKey, chainKey: try ChainKey(key: key, index: index), skippedKeys: skipped)
    }

    private static func parseSkipped(_ bytes: ArraySlice<UInt8>) throws -> SkippedMessageKey {
        var reader = ProtobufReader(bytes)
        var counter: UInt32?
        var seed: SecureBytes?
        while let (field, value) = try reader.next() {
            switch field {
            case 1: counter = try value.uint32()
            case 2: seed = SecureBytes(copying: Array(try value.bytes()))
            default: continue
            }
        }
        guard let counter, let seed, seed.count == 32 else { throw SignalError(.invalidState, "skipped key lacks a field") }
        return SkippedMessageKey(counter: counter, seed: seed)
    }

    private static func parsePending(_ bytes: ArraySlice<UInt8>) throws -> PendingPreKey {
        var reader = ProtobufReader(bytes)
        var preKeyID: UInt32?
        var signedPreKeyID: UInt32?
        var baseKey: X25519.PublicKey?
        var timestamp: UInt64 = 0
        while let (field, value) = try reader.next() {
            switch field {
            case 1: preKeyID = try value.uint32()
            case 2: signedPreKeyID = try value.uint32()
            case 3: baseKey = try X25519.PublicKey(serialized: Array(value.bytes()))
            case 4: timestamp = try value.uint64()
            default: continue
            }
        }
        guard let signedPreKeyID, let baseKey else { throw SignalError(.invalidState, "pending prekey lacks a field") }
        return PendingPreKey(preKeyID: preKeyID, signedPreKeyID: signedPreKeyID, baseKey: baseKey, timestamp: timestamp)
    }
}
