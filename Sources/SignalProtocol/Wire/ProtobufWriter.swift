public import CryptoPrimitives
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a ``ProtobufWriter`` puts bytes: `[UInt8]` for wire messages, ``SecureBytes`` for records that hold
/// secrets (so no unwiped copy is left behind as the buffer grows).
protocol ProtobufOutput {
    init()
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer)
}

extension Array: ProtobufOutput where Element == UInt8 {}

extension SecureBytes: ProtobufOutput {
    init() { self.init(zeros: 0) }
}

/// Writes the subset of the protobuf encoding the Signal formats use: varints (wire type 0) and
/// length-delimited fields (wire type 2), in the order the caller writes them (field-number order).
struct ProtobufWriter<Output: ProtobufOutput> {
    private(set) var output = Output()

    mutating func writeVarint(_ value: UInt64) {
        var buffer: (UInt64, UInt64) = (0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &buffer) { raw in
            var value = value
            while value >= 0x80 {
                raw[count] = UInt8(truncatingIfNeeded: value) | 0x80
                value >>= 7
                count += 1
            }
            raw[count] = UInt8(value)
            count += 1
        }
        withUnsafeBytes(of: &buffer) { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    mutating func writeTag(_ field: UInt32, wireType: UInt8) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType))
    }

    /// A varint field (`uint32`, `uint64`, `bool`).
    mutating func write(_ field: UInt32, varint value: UInt64) {
        writeTag(field, wireType: 0)
        writeVarint(value)
    }

    /// A length-delimited field (`bytes`, `string`, embedded message).
    mutating func write(_ field: UInt32, bytes value: some ContiguousBytes) {
        value.withUnsafeBytes { raw in
            writeTag(field, wireType: 2)
            writeVarint(UInt64(raw.count))
            output.append(contentsOf: raw)
        }
    }
}
