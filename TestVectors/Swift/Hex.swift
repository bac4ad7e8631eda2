/// Hex decoding for vector files.
public enum Hex {
    /// A hex string that is not valid.
    public struct InvalidHex: Error, CustomStringConvertible {
        /// Why the string was rejected.
        public let description: String
    }

    /// Decodes lowercase or uppercase hex (an empty string is zero bytes).
    public static func decode(_ text: String) throws -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { throw InvalidHex(description: "odd-length hex string") }
        var bytes = [UInt8]()
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else {
                throw InvalidHex(description: "non-hex character")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Lowercase hex of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A hex string in a JSON vector file, decoded on load.
public struct HexBytes: Decodable, Sendable, Hashable, CustomStringConvertible {
    /// The decoded bytes.
    public let bytes: [UInt8]

    /// Decodes from a JSON string.
    public init(from decoder: any Decoder) throws {
        bytes = try Hex.decode(decoder.singleValueContainer().decode(String.self))
    }

    /// The hex text.
    public var description: String { Hex.encode(bytes) }
}
