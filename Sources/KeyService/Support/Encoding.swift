import Foundation
import StrictJSON

/// Standard base64 with padding (the Transit API's encoding for plaintext, contexts and ciphertext bodies), as
/// Go's `base64.StdEncoding` reads it: length a multiple of 4, `=` only as final padding, no whitespace.
enum Base64 {
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    /// The 6-bit value of each byte, or 0xFF.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for index in 0..<64 { table[Int(alphabet.utf8Start[index])] = UInt8(index) }
        return table
    }()

    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    static func decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        if input.isEmpty { return [] }
        var padding = 0
        if input[input.count - 1] == UInt8(ascii: "=") { padding = input[input.count - 2] == UInt8(ascii: "=") ? 2 : 1 }
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3)
        let values = Self.values
        var index = 0
        while index < input.count {
            let last = index + 4 == input.count
            let a = values[Int(input[index])], b = values[Int(input[index + 1])]
            let c = last && padding == 2 ? 0 : values[Int(input[index + 2])]
            let d = last && padding >= 1 ? 0 : values[Int(input[index + 3])]
            guard a | b | c | d != 0xFF, a < 64, b < 64, c < 64, d < 64 else { return nil }
            output.append(a << 2 | b >> 4)
            if !(last && padding == 2) { output.append(b << 4 | c >> 2) }
            if !(last && padding >= 1) { output.append(c << 6 | d) }
            index += 4
        }
        return output
    }

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, prefix: "")
    }

    /// `prefix` followed by the encoding of `bytes`, built in one buffer.
    static func encode(_ bytes: some Collection<UInt8>, prefix: String) -> String {
        let count = bytes.count
        let prefixBytes = prefix.utf8
        return String(unsafeUninitializedCapacity: prefixBytes.count + (count + 2) / 3 * 4) { buffer in
            var position = 0
            for byte in prefixBytes {
                buffer[position] = byte
                position += 1
            }
            var iterator = bytes.makeIterator()
            while let first = iterator.next() {
                let second = iterator.next(), third = iterator.next()
                buffer[position] = alphabet.utf8Start[Int(first >> 2)]
                buffer[position + 1] = alphabet.utf8Start[Int((first & 0x03) << 4 | (second ?? 0) >> 4)]
                buffer[position + 2] = second.map { alphabet.utf8Start[Int(($0 & 0x0F) << 2 | (third ?? 0) >> 6)] } ?? UInt8(ascii: "=")
                buffer[position + 3] = third.map { alphabet.utf8Start[Int($0 & 0x3F)] } ?? UInt8(ascii: "=")
                position += 4
            }
            return position
        }
    }

    /// base64url without padding (JWS).
    static func encodeURL(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decodeURL(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return decode(standard)
    }
}

/// Lowercase hex.
enum Hex {
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var position = 0
            for byte in bytes {
                buffer[position] = digits.utf8Start[Int(byte >> 4)]
                buffer[position + 1] = digits.utf8Start[Int(byte & 15)]
                position += 2
            }
            return position
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}

/// Vault durations: an integer number of seconds, or a Go-style string such as `"1h"`, `"90m"`, `"1h30m"`, `"768h"`.
/// At most ``maximumSeconds`` (100 years), so no timestamp arithmetic on a duration can overflow.
enum Duration {
    static let maximumSeconds: Int64 = 100 * 366 * 86400

    static func seconds(from value: JSONValue?) throws -> Int64? {
        guard let value else { return nil }
        if let integer = value.integerValue { return try checked(integer) }
        guard let text = value.stringValue else { throw KeyServiceError(.invalidRequest, "invalid duration") }
        if text.isEmpty { return 0 }
        if let integer = Int64(text) { return try checked(integer) }
        var total: Double = 0
        var number = ""
        var unit = ""
        func flush() throws {
            guard !number.isEmpty, let value = Double(number), value >= 0 else { throw KeyServiceError(.invalidRequest, "invalid duration") }
            let multiplier: Double
            switch unit {
            case "s": multiplier = 1
            case "m": multiplier = 60
            case "h": multiplier = 3600
            case "d": multiplier = 86400
            case "ms": multiplier = 0.001
            default: throw KeyServiceError(.invalidRequest, "invalid duration unit")
            }
            total += value * multiplier
            number = ""
            unit = ""
        }
        for character in text {
            if character.isNumber || character == "." {
                if !unit.isEmpty { try flush() }
                number.append(character)
            } else if character.isLetter {
                unit.append(character)
            } else {
                throw KeyServiceError(.invalidRequest, "invalid duration")
            }
        }
        try flush()
        guard total <= Double(maximumSeconds) else { throw KeyServiceError(.invalidRequest, "duration too large") }
        return Int64(total)
    }

    private static func checked(_ seconds: Int64) throws -> Int64 {
        guard seconds >= 0 else { throw KeyServiceError(.invalidRequest, "durations cannot be negative") }
        guard seconds <= maximumSeconds else { throw KeyServiceError(.invalidRequest, "duration too large") }
        return seconds
    }
}

/// RFC 3339 timestamps as Vault prints them (`2026-11-21T06:44:05Z`), computed with the proleptic Gregorian
/// calendar's day arithmetic (H. Hinnant's `civil_from_days`) instead of a date formatter per call. Years are
/// clamped to 0...9999, the range RFC 3339 can express.
enum Timestamp {
    static func rfc3339(_ seconds: Int64) -> String {
        let limit: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z
        let seconds = min(max(seconds, -62_167_219_200), limit)  // from 0000-01-01T00:00:00Z
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.utf8.count)) + text
        }
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T" + digits(secondOfDay / 3600, 2) + ":"
            + digits(secondOfDay % 3600 / 60, 2) + ":" + digits(secondOfDay % 60, 2) + "Z"
    }
}

extension String {
    /// The `/`-separated segments, split on the byte: paths are compared as bytes everywhere (as Vault does),
    /// never as grapheme clusters (a combining mark after `/` must not hide a separator).
    var slashSegments: [String] {
        var segments: [String] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(String(self[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(String(self[start..<utf8.endIndex]))
        return segments
    }

    /// Whether the UTF-8 bytes start with those of `prefix` (no Unicode equivalence).
    func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// The text after the first `count` UTF-8 bytes (which must end on a character boundary, as ASCII prefixes do).
    func droppingBytes(_ count: Int) -> String { String(decoding: utf8.dropFirst(count), as: UTF8.self) }
}
