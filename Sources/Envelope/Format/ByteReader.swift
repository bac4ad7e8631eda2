/// A bounds-checked big-endian reader over bytes already in memory. Every read checks the remaining length
/// first, so declared lengths never cause an allocation larger than the input itself.
struct ByteReader {
    private let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }
    var remaining: Int { bytes.endIndex - offset }
    /// Bytes consumed so far.
    var consumed: Int { offset - bytes.startIndex }

    mutating func uint8() throws -> UInt8 {
        guard remaining >= 1 else { throw ByteReader.short }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws -> UInt16 {
        guard remaining >= 2 else { throw ByteReader.short }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32() throws -> UInt32 {
        guard remaining >= 4 else { throw ByteReader.short }
        var value: UInt32 = 0
        for index in 0..<4 { value = value << 8 | UInt32(bytes[offset + index]) }
        offset += 4
        return value
    }

    mutating func uint64() throws -> UInt64 {
        guard remaining >= 8 else { throw ByteReader.short }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return value
    }

    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw ByteReader.short }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// Thrown when the input ends early; incremental parsers catch it and wait for more bytes.
    static let short = EnvelopeError(.truncatedMessage, "message ended early")
}

extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8)); append(UInt8(value & 0xFF))
    }

    mutating func appendUInt32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func appendUInt64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
