/// A bounded protobuf reader for hostile input.
///
/// It accepts varint and length-delimited fields, skips unknown fields of wire types 0, 1, 2 and 5 (so newer
/// senders' extra fields are tolerated), and refuses groups, truncated data, over-long varints and lengths
/// past the end. It never allocates more than the input's size.
struct ProtobufReader {
    /// A decoded field.
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case skipped
    }

    private let data: ArraySlice<UInt8>
    private var index: Int

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        index = data.startIndex
    }

    var isAtEnd: Bool { index >= data.endIndex }

    /// The next field number and value, or `nil` at the end.
    mutating func next() throws -> (field: UInt32, value: Value)? {
        guard !isAtEnd else { return nil }
        let key = try readVarint()
        let wireType = UInt8(key & 7)
        let fieldNumber = key >> 3
        guard fieldNumber >= 1, fieldNumber <= 536_870_911 else {
            throw SignalError(.invalidMessage, "protobuf field number out of range")
        }
        let field = UInt32(fieldNumber)
        switch wireType {
        case 0:
            return (field, .varint(try readVarint()))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(data.endIndex - index) else {
                throw SignalError(.invalidMessage, "protobuf length past the end")
            }
            let start = index
            index += Int(length)
            return (field, .bytes(data[start..<index]))
        case 1:
            try skip(8)
            return (field, .skipped)
        case 5:
            try skip(4)
            return (field, .skipped)
        default:
            throw SignalError(.invalidMessage, "unsupported protobuf wire type")
        }
    }

    private mutating func skip(_ count: Int) throws {
        guard data.endIndex - index >= count else { throw SignalError(.invalidMessage, "truncated protobuf field") }
        index += count
    }

    private mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < data.endIndex else { throw SignalError(.invalidMessage, "truncated protobuf varint") }
            let byte = data[index]
            index += 1
            guard shift < 64, !(shift == 63 && byte > 1) else { throw SignalError(.invalidMessage, "protobuf varint too long") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }
}

extension ProtobufReader.Value {
    /// The value as a `uint32`, or an error for another wire type or an out-of-range value.
    func uint32() throws -> UInt32 {
        guard case .varint(let value) = self, value <= UInt64(UInt32.max) else {
            throw SignalError(.invalidMessage, "expected a uint32 protobuf field")
        }
        return UInt32(value)
    }

    /// The value as a `uint64`.
    func uint64() throws -> UInt64 {
        guard case .varint(let value) = self else { throw SignalError(.invalidMessage, "expected a varint protobuf field") }
        return value
    }

    /// The value as bytes.
    func bytes() throws -> ArraySlice<UInt8> {
        guard case .bytes(let value) = self else { throw SignalError(.invalidMessage, "expected a bytes protobuf field") }
        return value
    }
}
