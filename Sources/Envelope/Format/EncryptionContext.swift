/// The encryption context: UTF-8 key–value pairs bound to a message as additional authenticated data, stored in
/// its header in the clear (so it must never hold secrets or PII), serialized as a 2-byte pair count followed by
/// `[keyLength(2) key valueLength(2) value]` sorted by key bytes. The empty context serializes to no bytes.
///
/// Keys that begin with `aws-crypto-` are reserved: ``publicKeyKey`` carries a signed message's verification key.
/// Keys are compared by their UTF-8 bytes; two keys that Swift would consider equal but whose bytes differ
/// (canonically equivalent Unicode) are refused when parsed, so a parsed context always re-serializes to the
/// bytes it came from.
public struct EncryptionContext: Sendable, Hashable, CustomStringConvertible {
    /// The key under which signed suites carry the base64 compressed verification key.
    public static let publicKeyKey = "aws-crypto-public-key"
    /// The prefix reserved for the format.
    public static let reservedPrefix = "aws-crypto-"
    /// The largest serialized context (the header's 2-byte length field).
    public static let maximumSerializedByteCount = 0xFFFF

    /// The pairs, sorted by key bytes.
    public private(set) var pairs: [(key: String, value: String)]

    /// An empty context.
    public init() { pairs = [] }

    /// A context from a dictionary.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidEncryptionContext`` when a key or value is longer than 65,535 bytes,
    ///   there are more than 65,535 pairs, or the serialization would exceed 65,535 bytes.
    public init(_ dictionary: [String: String]) throws {
        pairs = dictionary.map { (key: $0.key, value: $0.value) }.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        _ = try serialized()
    }

    /// The context as a dictionary.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for pair in pairs { result[pair.key] = pair.value }
        return result
    }

    /// The value for `key` (compared by bytes).
    public subscript(key: String) -> String? {
        let bytes = Array(key.utf8)
        return pairs.first { Array($0.key.utf8) == bytes }?.value
    }

    /// Whether the context is empty.
    public var isEmpty: Bool { pairs.isEmpty }

    /// Whether any key starts with the reserved prefix.
    public var hasReservedKey: Bool { pairs.contains { $0.key.utf8.starts(with: Self.reservedPrefix.utf8) } }

    /// Returns the context with `value` set for `key` (replacing an existing pair with the same bytes).
    public func setting(_ key: String, to value: String) throws -> EncryptionContext {
        var dictionary: [[UInt8]: (String, String)] = [:]
        for pair in pairs { dictionary[Array(pair.key.utf8)] = (pair.key, pair.value) }
        dictionary[Array(key.utf8)] = (key, value)
        var copy = EncryptionContext()
        copy.pairs = dictionary.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { (key: $0.value.0, value: $0.value.1) }
        _ = try copy.serialized()
        return copy
    }

    /// The canonical serialization (empty for the empty context).
    public func serialized() throws -> [UInt8] {
        guard !pairs.isEmpty else { return [] }
        guard pairs.count <= 0xFFFF else { throw EnvelopeError(.invalidEncryptionContext, "too many encryption context pairs") }
        var output: [UInt8] = []
        output.appendUInt16(UInt16(pairs.count))
        for pair in pairs {
            let key = Array(pair.key.utf8), value = Array(pair.value.utf8)
            guard key.count <= 0xFFFF, value.count <= 0xFFFF else {
                throw EnvelopeError(.invalidEncryptionContext, "encryption context key or value longer than 65,535 bytes")
            }
            output.appendUInt16(UInt16(key.count)); output += key
            output.appendUInt16(UInt16(value.count)); output += value
        }
        guard output.count <= Self.maximumSerializedByteCount else {
            throw EnvelopeError(.invalidEncryptionContext, "serialized encryption context longer than 65,535 bytes")
        }
        return output
    }

    /// Parses a serialized context: exact length, strict UTF-8, keys strictly increasing by bytes (so no
    /// duplicates), no canonically equivalent keys, no trailing bytes. Empty input is the empty context.
    public init(serialized bytes: ArraySlice<UInt8>) throws {
        pairs = []
        guard !bytes.isEmpty else { return }
        var reader = ByteReader(bytes)
        let count = try reader.uint16()
        guard count > 0 else { throw EnvelopeError(.malformedMessage, "encryption context with zero pairs must be empty") }
        var previous: [UInt8]? = nil
        var seen = Set<String>()
        for _ in 0..<count {
            let key = try reader.bytes(Int(try reader.uint16()))
            let value = try reader.bytes(Int(try reader.uint16()))
            guard let keyString = String(validating: key, as: UTF8.self), let valueString = String(validating: value, as: UTF8.self) else {
                throw EnvelopeError(.malformedMessage, "encryption context is not UTF-8")
            }
            let keyBytes = Array(key)
            if let previous, !previous.lexicographicallyPrecedes(keyBytes) {
                throw EnvelopeError(.malformedMessage, "encryption context keys unsorted or repeated")
            }
            guard seen.insert(keyString).inserted else {
                throw EnvelopeError(.malformedMessage, "encryption context keys canonically equivalent")
            }
            previous = keyBytes
            pairs.append((key: keyString, value: valueString))
        }
        guard reader.isAtEnd else { throw EnvelopeError(.malformedMessage, "trailing bytes in encryption context") }
    }

    /// Whether every pair of `required` is present in this context with the same bytes.
    public func contains(_ required: EncryptionContext) -> Bool {
        required.pairs.allSatisfy { pair in
            let key = Array(pair.key.utf8)
            return pairs.contains { Array($0.key.utf8) == key && Array($0.value.utf8) == Array(pair.value.utf8) }
        }
    }

    /// Equal when the serializations are equal.
    public static func == (lhs: EncryptionContext, rhs: EncryptionContext) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy {
            Array($0.key.utf8) == Array($1.key.utf8) && Array($0.value.utf8) == Array($1.value.utf8)
        }
    }

    /// Hashes the bytes.
    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(Array(pair.key.utf8))
            hasher.combine(Array(pair.value.utf8))
        }
    }

    /// The number of pairs only: contexts may carry tenant identifiers, so their contents are never printed.
    public var description: String { "EncryptionContext(\(pairs.count) pairs)" }
}
