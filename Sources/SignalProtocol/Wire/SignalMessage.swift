public import CryptoPrimitives

/// A `SignalMessage` (formerly `WhisperMessage`): `version || protobuf || MAC(8)`.
///
/// Protobuf fields: `ratchet_key = 1` (33 bytes), `counter = 2`, `previous_counter = 3`, `ciphertext = 4`;
/// unknown fields (libsignal's newer `pq_ratchet = 5`, `addresses = 6`, …) are tolerated. The MAC is the first 8
/// bytes of `HMAC-SHA256(mac key, sender identity || receiver identity || version || protobuf)`, computed over
/// the bytes exactly as received.
public struct SignalMessage: Sendable {
    /// The only message version this library speaks.
    public static let currentVersion: UInt8 = 3
    /// The MAC length.
    public static let macByteCount = 8
    /// The largest serialized message accepted (1 MiB).
    public static let maximumByteCount = 1 << 20

    /// The message version (high nibble of the first byte).
    public let messageVersion: UInt8
    /// The sender's current ratchet public key.
    public let senderRatchetKey: X25519.PublicKey
    /// The message's position on the sender's chain.
    public let counter: UInt32
    /// The length of the sender's previous chain.
    public let previousCounter: UInt32
    /// The AES-256-CBC ciphertext.
    public let ciphertext: [UInt8]
    /// The complete serialized message, as built or as received.
    public let serialized: [UInt8]

    /// Parses a received message, keeping its bytes for the MAC check.
    ///
    /// - Throws: ``SignalError/Code/invalidVersion`` for versions other than 3; ``SignalError/Code/invalidMessage``
    ///   for anything malformed.
    public init(serialized bytes: [UInt8]) throws {
        guard bytes.count <= Self.maximumByteCount else { throw SignalError(.invalidMessage, "message too large") }
        guard bytes.count > 1 + Self.macByteCount else { throw SignalError(.invalidMessage, "message too short") }
        let version = try Self.checkVersionByte(bytes[0])
        var reader = ProtobufReader(bytes[1..<(bytes.count - Self.macByteCount)])
        var ratchetKey: ArraySlice<UInt8>?
        var counter: UInt32?
        var previousCounter: UInt32 = 0
        var ciphertext: ArraySlice<UInt8>?
        while let (field, value) = try reader.next() {
            switch field {
            case 1: ratchetKey = try value.bytes()
            case 2: counter = try value.uint32()
            case 3: previousCounter = try value.uint32()
            case 4: ciphertext = try value.bytes()
            default: continue
            }
        }
        guard let ratchetKey, let counter, let ciphertext else {
            throw SignalError(.invalidMessage, "message lacks a required field")
        }
        do {
            senderRatchetKey = try X25519.PublicKey(serialized: Array(ratchetKey))
        } catch {
            throw SignalError(.invalidMessage, "message carries an invalid ratchet key")
        }
        messageVersion = version
        self.counter = counter
        self.previousCounter = previousCounter
        self.ciphertext = Array(ciphertext)
        serialized = bytes
    }

    /// Builds and authenticates an outgoing message.
    init(
        messageVersion: UInt8,
        macKey: SecureBytes,
        senderRatchetKey: X25519.PublicKey,
        counter: UInt32,
        previousCounter: UInt32,
        ciphertext: [UInt8],
        senderIdentity: IdentityKey,
        receiverIdentity: IdentityKey
    ) throws {
        var writer = ProtobufWriter<[UInt8]>()
        writer.write(1, bytes: senderRatchetKey.serialized)
        writer.write(2, varint: UInt64(counter))
        writer.write(3, varint: UInt64(previousCounter))
        writer.write(4, bytes: ciphertext)
        var bytes = [messageVersion << 4 | Self.currentVersion]
        bytes.reserveCapacity(1 + writer.output.count + Self.macByteCount)
        bytes.append(contentsOf: writer.output)
        let mac = SHA256.authenticationCode(key: macKey, parts: [senderIdentity.serialized, receiverIdentity.serialized, bytes])
        bytes.append(contentsOf: mac.prefix(Self.macByteCount).unprotectedCopy())
        self.messageVersion = messageVersion
        self.senderRatchetKey = senderRatchetKey
        self.counter = counter
        self.previousCounter = previousCounter
        self.ciphertext = ciphertext
        serialized = bytes
    }

    /// Checks the 8-byte MAC over the message as received, in constant time.
    func verifyMAC(senderIdentity: IdentityKey, receiverIdentity: IdentityKey, macKey: SecureBytes) -> Bool {
        let body = Array(serialized[0..<(serialized.count - Self.macByteCount)])
        let mac = Array(serialized[(serialized.count - Self.macByteCount)...])
        return SHA256.isValidAuthenticationCode(mac, key: macKey, parts: [senderIdentity.serialized, receiverIdentity.serialized, body])
    }

    /// The message version from a version byte: only 3 is accepted.
    static func checkVersionByte(_ byte: UInt8) throws -> UInt8 {
        let version = byte >> 4
        guard version == currentVersion else {
            throw SignalError(.invalidVersion, "unsupported message version")
        }
        return version
    }
}
