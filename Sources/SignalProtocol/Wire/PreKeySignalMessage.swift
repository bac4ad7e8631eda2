public import CryptoPrimitives

/// A `PreKeySignalMessage`: `version || protobuf`, sent by a session's initiator until the peer replies.
///
/// Protobuf fields: `pre_key_id = 1` (optional), `base_key = 2`, `identity_key = 3`, `message = 4` (a complete
/// ``SignalMessage``), `registration_id = 5`, `signed_pre_key_id = 6`; `kyber_pre_key_id = 7` and
/// `kyber_ciphertext = 8` belong to PQXDH and are tolerated like any unknown field. Fields are written in
/// field-number order.
public struct PreKeySignalMessage: Sendable {
    /// The message version.
    public let messageVersion: UInt8
    /// The sender's registration id.
    public let registrationID: UInt32
    /// The one-time prekey used, if any.
    public let preKeyID: UInt32?
    /// The signed prekey used.
    public let signedPreKeyID: UInt32
    /// The sender's base (ephemeral) key.
    public let baseKey: X25519.PublicKey
    /// The sender's identity key.
    public let identityKey: IdentityKey
    /// The embedded message.
    public let message: SignalMessage
    /// The complete serialized message.
    public let serialized: [UInt8]

    /// Parses a received PreKey message.
    public init(serialized bytes: [UInt8]) throws {
        guard bytes.count <= SignalMessage.maximumByteCount + 1024 else { throw SignalError(.invalidMessage, "message too large") }
        guard bytes.count > 1 else { throw SignalError(.invalidMessage, "message too short") }
        let version = try SignalMessage.checkVersionByte(bytes[0])
        var reader = ProtobufReader(bytes[1...])
        var preKeyID: UInt32?
        var baseKey: ArraySlice<UInt8>?
        var identityKey: ArraySlice<UInt8>?
        var message: ArraySlice<UInt8>?
        var registrationID: UInt32 = 0
        var signedPreKeyID: UInt32?
        while let (field, value) = try reader.next() {
            switch field {
            case 1: preKeyID = try value.uint32()
            case 2: baseKey = try value.bytes()
            case 3: identityKey = try value.bytes()
            case 4: message = try value.bytes()
            case 5: registrationID = try value.uint32()
            case 6: signedPreKeyID = try value.uint32()
            default: continue
            }
        }
        guard let baseKey, let identityKey, let message, let signedPreKeyID else {
            throw SignalError(.invalidMessage, "PreKey message lacks a required field")
        }
        do {
            self.baseKey = try X25519.PublicKey(serialized: Array(baseKey))
            self.identityKey = try IdentityKey(serialized: identityKey)
        } catch {
            throw SignalError(.invalidMessage, "PreKey message carries an invalid key")
        }
        self.message = try SignalMessage(serialized: Array(message))
        guard self.message.messageVersion == version else {
            throw SignalError(.invalidMessage, "embedded message version differs")
        }
        messageVersion = version
        self.registrationID = registrationID
        self.preKeyID = preKeyID
        self.signedPreKeyID = signedPreKeyID
        serialized = bytes
    }

    /// Builds an outgoing PreKey message around `message`.
    init(
        messageVersion: UInt8,
        registrationID: UInt32,
        preKeyID: UInt32?,
        signedPreKeyID: UInt32,
        baseKey: X25519.PublicKey,
        identityKey: IdentityKey,
        message: SignalMessage
    ) {
        var writer = ProtobufWriter<[UInt8]>()
        if let preKeyID { writer.write(1, varint: UInt64(preKeyID)) }
        writer.write(2, bytes: baseKey.serialized)
        writer.write(3, bytes: identityKey.serialized)
        writer.write(4, bytes: message.serialized)
        writer.write(5, varint: UInt64(registrationID))
        writer.write(6, varint: UInt64(signedPreKeyID))
        self.messageVersion = messageVersion
        self.registrationID = registrationID
        self.preKeyID = preKeyID
        self.signedPreKeyID = signedPreKeyID
        self.baseKey = baseKey
        self.identityKey = identityKey
        self.message = message
        serialized = [messageVersion << 4 | SignalMessage.currentVersion] + writer.output
    }
}
