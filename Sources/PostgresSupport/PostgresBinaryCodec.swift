/// PostgreSQL's binary wire format for the types of ``PostgresValue`` (big-endian integers, IEEE doubles,
/// `timestamptz` as microseconds since 2000-01-01 with integer datetimes, the server default since 8.4).
enum PostgresBinaryCodec {
    /// Microseconds between 1970-01-01 and 2000-01-01.
    static let postgresEpochOffset: Int64 = 946_684_800_000_000

    /// The binary encoding of a parameter, or `nil` for NULL.
    static func encode(_ value: PostgresValue) throws -> [UInt8]? {
        switch value {
        case .null: return nil
        case .bool(let v): return [v ? 1 : 0]
        case .int16(let v): return bigEndianBytes(v)
        case .int32(let v): return bigEndianBytes(v)
        case .int64(let v): return bigEndianBytes(v)
        case .float64(let v): return bigEndianBytes(v.bitPattern)
        case .text(let v):
            let bytes = Array(v.utf8)
            guard !bytes.contains(0) else { throw PostgresError(.invalidParameter, "text values cannot contain NUL") }
            return bytes
        case .bytea(let v): return v
        case .timestamp(let micros):
            let (shifted, overflow) = micros.subtractingReportingOverflow(postgresEpochOffset)
            guard !overflow else { throw PostgresError(.invalidParameter, "timestamp out of range") }
            return bigEndianBytes(shifted)
        case .uuid(let v):
            guard v.count == 16 else { throw PostgresError(.invalidParameter, "uuid must be 16 bytes") }
            return v
        case .other(_, let bytes): return bytes
        }
    }

    /// Decodes a binary column value of type `oid`.
    static func decode(oid: UInt32, bytes: UnsafeRawBufferPointer) throws -> PostgresValue {
        switch oid {
        case PostgresOID.bool:
            guard bytes.count == 1 else { throw malformed }
            return .bool(bytes[0] != 0)
        case PostgresOID.int2: return .int16(try integer(bytes))
        case PostgresOID.int4: return .int32(try integer(bytes))
        case PostgresOID.int8: return .int64(try integer(bytes))
        case PostgresOID.float8: return .float64(Double(bitPattern: try integer(bytes)))
        case PostgresOID.text, PostgresOID.varchar, PostgresOID.bpchar, PostgresOID.name:
            return .text(String(decoding: bytes, as: UTF8.self))
        case PostgresOID.bytea: return .bytea(Array(bytes))
        case PostgresOID.timestamptz:
            let raw: Int64 = try integer(bytes)
            let (micros, overflow) = raw.addingReportingOverflow(postgresEpochOffset)
            guard !overflow else { throw malformed }
            return .timestamp(microsecondsSinceEpoch: micros)
        case PostgresOID.uuid:
            guard bytes.count == 16 else { throw malformed }
            return .uuid(Array(bytes))
        default:
            return .other(oid: oid, bytes: Array(bytes))
        }
    }

    private static let malformed = PostgresError(.unexpectedResult, "binary column value has the wrong length")

    private static func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    private static func integer<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer) throws -> T {
        guard bytes.count == MemoryLayout<T>.size else { throw malformed }
        var value: T = 0
        for byte in bytes { value = value << 8 | T(byte) }
        return value
    }
}
