/// A statement parameter or a column value, sent and received in PostgreSQL's binary format.
public enum PostgresValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// `boolean`.
    case bool(Bool)
    /// `smallint`.
    case int16(Int16)
    /// `integer`.
    case int32(Int32)
    /// `bigint`.
    case int64(Int64)
    /// `double precision`.
    case float64(Double)
    /// `text` (UTF-8; NUL characters are not allowed by PostgreSQL).
    case text(String)
    /// `bytea`: arbitrary bytes, zeros included, sent in binary.
    case bytea([UInt8])
    /// `timestamptz`: microseconds since 1970-01-01T00:00:00Z.
    case timestamp(microsecondsSinceEpoch: Int64)
    /// `uuid`: 16 bytes.
    case uuid([UInt8])
    /// A value of a type this wrapper does not decode: the OID and the raw binary bytes.
    case other(oid: UInt32, bytes: [UInt8])

    /// The type OID sent with a parameter (0 lets the server infer it, used for NULL).
    var oid: UInt32 {
        switch self {
        case .null: 0
        case .bool: PostgresOID.bool
        case .int16: PostgresOID.int2
        case .int32: PostgresOID.int4
        case .int64: PostgresOID.int8
        case .float64: PostgresOID.float8
        case .text: PostgresOID.text
        case .bytea: PostgresOID.bytea
        case .timestamp: PostgresOID.timestamptz
        case .uuid: PostgresOID.uuid
        case .other(let oid, _): oid
        }
    }

    /// Whether this is NULL.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as `Bool`, or `nil` for another type.
    public var bool: Bool? { if case .bool(let v) = self { v } else { nil } }

    /// Any integer column as `Int64`.
    public var int64: Int64? {
        switch self {
        case .int16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .int64(let v): v
        default: nil
        }
    }

    /// Any integer column as `Int`.
    public var int: Int? { int64.map { Int($0) } }

    /// The value as `Double`, or `nil`.
    public var double: Double? { if case .float64(let v) = self { v } else { nil } }

    /// The value as `String`, or `nil`.
    public var string: String? { if case .text(let v) = self { v } else { nil } }

    /// The value as bytes (`bytea` or `uuid`), or `nil`.
    public var bytes: [UInt8]? {
        switch self {
        case .bytea(let v), .uuid(let v): v
        default: nil
        }
    }

    /// A `timestamptz` as microseconds since the Unix epoch, or `nil`.
    public var microsecondsSinceEpoch: Int64? { if case .timestamp(let v) = self { v } else { nil } }
}

/// The type OIDs of `pg_type` that ``PostgresValue`` handles.
enum PostgresOID {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let varchar: UInt32 = 1043
    static let bpchar: UInt32 = 1042
    static let name: UInt32 = 19
    static let float8: UInt32 = 701
    static let timestamptz: UInt32 = 1184
    static let uuid: UInt32 = 2950
}
