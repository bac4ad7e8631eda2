import Foundation

/// Standard base64 (the Transit API's encoding for plaintext, contexts and ciphertext bodies).
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        return [UInt8](data)
    }

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        Data(bytes).base64EncodedString()
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
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
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

/// RFC 3339 timestamps as Vault prints them.
enum Timestamp {
    static func rfc3339(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
