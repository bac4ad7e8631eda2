/// Standard base64 (RFC 4648 §4) that can decode straight into secure storage, for PEM-armored private keys.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [Int16] = {
        var table = [Int16](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = Int16(index) }
        return table
    }()

    /// Encodes `bytes`, appending the characters to `output` through `emit`.
    static func encode(_ bytes: UnsafeRawBufferPointer, emit: (UInt8) -> Void) {
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            emit(alphabet[Int(value >> 18 & 63)]); emit(alphabet[Int(value >> 12 & 63)])
            emit(alphabet[Int(value >> 6 & 63)]); emit(alphabet[Int(value & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            let value = UInt32(bytes[index]) << 16
            emit(alphabet[Int(value >> 18 & 63)]); emit(alphabet[Int(value >> 12 & 63)]); emit(UInt8(ascii: "=")); emit(UInt8(ascii: "="))
        } else if remaining == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            emit(alphabet[Int(value >> 18 & 63)]); emit(alphabet[Int(value >> 12 & 63)])
            emit(alphabet[Int(value >> 6 & 63)]); emit(UInt8(ascii: "="))
        }
    }

    /// Decodes canonical, padded base64 (no whitespace) into secure storage; `nil` for anything else.
    static func decodeSecure(_ text: [UInt8]) -> SecureBytes? {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.last == UInt8(ascii: "=") { padding += 1 }
        if text.count >= 2, text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        let outputCount = text.count / 4 * 3 - padding
        var valid = true
        let result = SecureBytes(unsafeUninitializedCapacity: outputCount) { out, initialized in
            var written = 0
            var index = 0
            while index < text.count {
                var value: UInt32 = 0
                for offset in 0..<4 {
                    let character = text[index + offset]
                    let isPad = character == UInt8(ascii: "=") && index + 4 == text.count && offset >= 4 - padding
                    let digit = isPad ? 0 : decodeTable[Int(character)]
                    if digit < 0 { valid = false }
                    value = value << 6 | UInt32(Swift.max(digit, 0))
                }
                let produced = index + 4 == text.count ? 3 - padding : 3
                // Non-canonical encodings leave padding bits set.
                if produced == 2, value & 0xff != 0 { valid = false }
                if produced == 1, value & 0xffff != 0 { valid = false }
                for shift in [16, 8, 0].prefix(produced) where written < outputCount {
                    out[written] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
                    written += 1
                }
                index += 4
            }
            initialized = written
        }
        return valid ? result : nil
    }
}
