import CryptoPrimitives

/// A safety number, exactly as libsignal computes it: a 60-digit displayable string both parties see alike, and
/// a scannable encoding (QR code payload) each party compares with the other's.
///
/// Per party: `h = 0x0000 || identity key (33) || stable identifier`, then `iterations` times
/// `h = SHA-512(h || identity key)`. The displayable half is six 5-byte big-endian chunks of `h[0..<30]`, each
/// reduced mod 100,000 and zero-padded to 5 digits; the smaller half comes first. The scannable form is the
/// protobuf `{1: version, 2: {1: local h[0..<32]}, 3: {1: remote h[0..<32]}}`.
public struct NumericFingerprint: Sendable {
    /// The 60 digits both parties display.
    public let displayable: String
    /// This party's scannable encoding.
    public let scannable: ScannableFingerprint

    /// libsignal's default number of hash iterations.
    public static let defaultIterations = 5200

    /// Computes the safety number of a local and a remote identity.
    ///
    /// - Parameters:
    ///   - version: the scannable format version (1 or 2; it does not change the digits).
    ///   - iterations: hash iterations (libsignal uses 5,200; 2...1,000,000 accepted).
    public init(
        version: UInt32 = 2,
        iterations: Int = defaultIterations,
        localIdentifier: [UInt8],
        localKey: IdentityKey,
        remoteIdentifier: [UInt8],
        remoteKey: IdentityKey
    ) throws {
        guard iterations > 1, iterations <= 1_000_000 else {
            throw SignalError(.invalidState, "fingerprint iterations out of range")
        }
        let local = Self.hash(iterations: iterations, key: localKey, identifier: localIdentifier)
        let remote = Self.hash(iterations: iterations, key: remoteKey, identifier: remoteIdentifier)
        let localDigits = Self.digits(local)
        let remoteDigits = Self.digits(remote)
        displayable = localDigits <= remoteDigits ? localDigits + remoteDigits : remoteDigits + localDigits
        scannable = ScannableFingerprint(version: version, local: Array(local.prefix(32)), remote: Array(remote.prefix(32)))
    }

    private static func hash(iterations: Int, key: IdentityKey, identifier: [UInt8]) -> [UInt8] {
        let keyBytes = key.serialized
        var digest = SHA512.hash(parts: [[0, 0] as [UInt8], keyBytes, identifier, keyBytes])
        for _ in 1..<iterations {
            digest = SHA512.hash(parts: [digest, keyBytes])
        }
        return digest
    }

    private static func digits(_ hash: [UInt8]) -> String {
        var text = ""
        for chunk in 0..<6 {
            var value: UInt64 = 0
            for byte in hash[(chunk * 5)..<(chunk * 5 + 5)] { value = value << 8 | UInt64(byte) }
            let number = String(value % 100_000)
            text += String(repeating: "0", count: 5 - number.count) + number
        }
        return text
    }
}

/// The scannable (QR) form of a safety number.
public struct ScannableFingerprint: Sendable, Hashable {
    /// The format version.
    public let version: UInt32
    /// The first 32 bytes of the encoding party's hash.
    public let local: [UInt8]
    /// The first 32 bytes of the other party's hash.
    public let remote: [UInt8]

    /// A fingerprint from its parts.
    public init(version: UInt32, local: [UInt8], remote: [UInt8]) {
        self.version = version
        self.local = local
        self.remote = remote
    }

    /// The protobuf encoding (fields in field-number order).
    public var serialized: [UInt8] {
        var localMessage = ProtobufWriter<[UInt8]>()
        localMessage.write(1, bytes: local)
        var remoteMessage = ProtobufWriter<[UInt8]>()
        remoteMessage.write(1, bytes: remote)
        var writer = ProtobufWriter<[UInt8]>()
        writer.write(1, varint: UInt64(version))
        writer.write(2, bytes: localMessage.output)
        writer.write(3, bytes: remoteMessage.output)
        return writer.output
    }

    /// Parses a scanned encoding.
    public init(serialized: [UInt8]) throws {
        guard serialized.count <= 1024 else { throw SignalError(.invalidMessage, "fingerprint encoding too large") }
        var reader = ProtobufReader(serialized[...])
        var version: UInt32?
        var local: [UInt8]?
        var remote: [UInt8]?
        while let (field, value) = try reader.next() {
            switch field {
            case 1: version = try value.uint32()
            case 2: local = try Self.content(value.bytes())
            case 3: remote = try Self.content(value.bytes())
            default: continue
            }
        }
        guard let version, let local, let remote else { throw SignalError(.invalidMessage, "fingerprint encoding lacks a field") }
        self.init(version: version, local: local, remote: remote)
    }

    /// Whether the other party's scanned encoding matches ours: same version, and their local is our remote and
    /// their remote our local (compared in constant time).
    ///
    /// - Throws: ``SignalError/Code/invalidVersion`` when the versions differ (the user should update), rather
    ///   than reporting a mismatch.
    public func matches(_ scanned: ScannableFingerprint) throws -> Bool {
        guard scanned.version == version else { throw SignalError(.invalidVersion, "fingerprint versions differ") }
        return SecureMemory.constantTimeEquals(scanned.local, remote) && SecureMemory.constantTimeEquals(scanned.remote, local)
    }

    private static func content(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        var reader = ProtobufReader(bytes)
        var content: [UInt8]?
        while let (field, value) = try reader.next() {
            if field == 1 { content = Array(try value.bytes()) }
        }
        guard let content else { throw SignalError(.invalidMessage, "fingerprint part lacks its content") }
        return content
    }
}
