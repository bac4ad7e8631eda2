public import Foundation

/// One log entry: an event with its position, time and predecessor, in exactly one byte encoding. The leaf hash
/// of the tree is SHA-256(0x00 ‖ ``encoded``), so the stored bytes are the hashed bytes.
///
/// Encoding (`docs/audit-log.md`), all integers big-endian:
///
///     "CSA1" | index (8) | time, ms since the Unix epoch, UTC (8) | predecessor leaf hash (32)
///     | outcome (1: 0 success, 1 failure)
///     | tenant | actor | event type | origin address | origin client | resource | request id | reason
///     | attribute count (2) | attributes: name | value, sorted by name bytes, names unique
///
/// where each string is `length (2) | UTF-8 bytes`, at most 4096 bytes, and the whole entry at most 65536
/// bytes. Parsing refuses anything else (unknown magic, invalid UTF-8, unsorted or repeated attribute names,
/// trailing bytes), so one event has one encoding.
public struct AuditEntry: Sendable, Hashable {
    /// Position in the log (0-based).
    public let index: UInt64
    /// Milliseconds since the Unix epoch, UTC.
    public let timeMilliseconds: Int64
    /// The leaf hash of entry `index - 1` (all zeros for the first entry).
    public let previousLeafHash: TreeHash
    /// The event.
    public let event: AuditEvent

    /// The magic prefix of encoding version 1.
    public static let magic: [UInt8] = Array("CSA1".utf8)
    /// The longest field.
    public static let maximumFieldLength = 4096
    /// The longest entry.
    public static let maximumEncodedLength = 65536
    /// The most attributes.
    public static let maximumAttributes = 64

    /// An entry; fields are checked when encoded.
    public init(index: UInt64, timeMilliseconds: Int64, previousLeafHash: TreeHash, event: AuditEvent) {
        self.index = index
        self.timeMilliseconds = timeMilliseconds
        self.previousLeafHash = previousLeafHash
        self.event = event
    }

    /// The canonical bytes.
    public func encoded() throws(AuditError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        output += Self.magic
        output += Self.bigEndian(index)
        output += Self.bigEndian(UInt64(bitPattern: timeMilliseconds))
        output += previousLeafHash.bytes
        output.append(event.outcome == .success ? 0 : 1)
        for field in [event.tenant, event.actor, event.eventType, event.originAddress, event.originClient, event.resource, event.requestID, event.reason] {
            try Self.appendString(field, to: &output)
        }
        guard event.attributes.count <= Self.maximumAttributes else { throw AuditError(.invalidEntry) }
        output += Self.bigEndian(UInt16(event.attributes.count))
        for name in event.attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            try Self.appendString(name, to: &output)
            try Self.appendString(event.attributes[name] ?? "", to: &output)
        }
        guard output.count <= Self.maximumEncodedLength else { throw AuditError(.invalidEntry) }
        return output
    }

    /// Parses canonical bytes; anything not produced by ``encoded()`` is refused.
    public init(decoding bytes: some Collection<UInt8>) throws(AuditError) {
        let bytes = Array(bytes)
        guard bytes.count <= Self.maximumEncodedLength, bytes.count >= 4 + 8 + 8 + 32 + 1 + 8 * 2 + 2,
              bytes.starts(with: Self.magic) else { throw AuditError(.invalidEntry) }
        var reader = ByteReader(bytes: bytes, position: 4)
        index = try reader.uint64()
        timeMilliseconds = Int64(bitPattern: try reader.uint64())
        guard let previous = TreeHash(bytes: try reader.bytes(32)) else { throw AuditError(.invalidEntry) }
        previousLeafHash = previous
        guard let outcomeByte = try reader.bytes(1).first else { throw AuditError(.invalidEntry) }
        guard outcomeByte <= 1 else { throw AuditError(.invalidEntry) }
        var fields: [String] = []
        for _ in 0..<8 { fields.append(try reader.string()) }
        let count = Int(try reader.uint16())
        guard count <= Self.maximumAttributes else { throw AuditError(.invalidEntry) }
        var attributes: [String: String] = [:]
        var previousName: [UInt8]?
        for _ in 0..<count {
            let name = try reader.string()
            let value = try reader.string()
            let nameBytes = Array(name.utf8)
            if let previousName { guard previousName.lexicographicallyPrecedes(nameBytes) else { throw AuditError(.invalidEntry) } }
            previousName = nameBytes
            // Names that differ in bytes but are canonically equivalent are one `String` key: refused, so that
            // decoding never drops an attribute the bytes hold.
            guard attributes.updateValue(value, forKey: name) == nil else { throw AuditError(.invalidEntry) }
        }
        guard reader.isAtEnd else { throw AuditError(.invalidEntry) }
        event = AuditEvent(tenant: fields[0], actor: fields[1], eventType: fields[2], outcome: outcomeByte == 0 ? .success : .failure,
                           originAddress: fields[3], originClient: fields[4], resource: fields[5], requestID: fields[6], reason: fields[7],
                           attributes: attributes)
    }

    /// The time as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(timeMilliseconds) / 1000) }

    static func appendString(_ text: String, to output: inout [UInt8]) throws(AuditError) {
        let utf8 = Array(text.utf8)
        guard utf8.count <= maximumFieldLength else { throw AuditError(.invalidEntry) }
        output += bigEndian(UInt16(utf8.count))
        output += utf8
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) } }
    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
}

/// Bounds-checked reading of big-endian fields.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    var isAtEnd: Bool { position == bytes.count }

    mutating func bytes(_ count: Int) throws(AuditError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - position >= count else { throw AuditError(.invalidEntry) }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func uint64() throws(AuditError) -> UInt64 {
        try bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func uint16() throws(AuditError) -> UInt16 {
        try bytes(2).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func string() throws(AuditError) -> String {
        let length = Int(try uint16())
        guard length <= AuditEntry.maximumFieldLength else { throw AuditError(.invalidEntry) }
        guard let text = String(validating: try bytes(length), as: UTF8.self) else { throw AuditError(.invalidEntry) }
        return text
    }
}

extension ByteReader {
    mutating func uint32() throws(AuditError) -> UInt32 {
        try bytes(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}

extension AuditEntry: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The index, time, event type and outcome only.
    public var description: String { "AuditEntry(#\(index), \(timeMilliseconds) ms, \(event))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Only the index is mirrored.
    public var customMirror: Mirror { Mirror(self, children: ["index": index], displayStyle: .struct) }
}
