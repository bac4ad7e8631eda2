internal import CryptoPrimitives

extension Validators {
    /// A Bitcoin address: Base58Check (P2PKH `1…`, P2SH `3…`, version bytes 0x00/0x05, double-SHA-256 checksum) or
    /// segwit Bech32/Bech32m (`bc1…`, BIP 173/350 checksum).
    public static func bitcoinAddress(_ value: String) -> Bool {
        let b = Array(value.utf8)
        return CryptoAddressChecks.base58Check(b[...]) || CryptoAddressChecks.bech32(b[...])
    }
}

/// Cryptocurrency address checksums (checksums, not cryptography: SHA-256 comes from CryptoPrimitives).
enum CryptoAddressChecks {
    private static let base58Alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let base58Index: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in base58Alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    static func base58Check(_ s: ArraySlice<UInt8>) -> Bool {
        guard (26...35).contains(s.count), s.first == UInt8(ascii: "1") || s.first == UInt8(ascii: "3") else { return false }
        // Decode into 25 bytes (version + 20-byte hash + 4-byte checksum).
        var bytes = [UInt8](repeating: 0, count: 25)
        for c in s {
            let v = base58Index[Int(c)]
            guard v >= 0 else { return false }
            var carry = Int(v)
            for k in stride(from: 24, through: 0, by: -1) {
                carry += 58 * Int(bytes[k])
                bytes[k] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            guard carry == 0 else { return false }
        }
        // Leading '1's are leading zero bytes.
        let ones = s.prefix(while: { $0 == UInt8(ascii: "1") }).count
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        guard ones == zeros, bytes[0] == 0x00 || bytes[0] == 0x05 else { return false }
        let digest = SHA256.hash(parts: [SHA256.hash(parts: [Array(bytes[0..<21])])])
        return Array(digest[0..<4]) == Array(bytes[21..<25])
    }

    private static let bech32Charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let bech32Index: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in bech32Charset.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    static func bech32(_ raw: ArraySlice<UInt8>) -> Bool {
        guard raw.count >= 14, raw.count <= 74 else { return false }
        let hasLower = raw.contains(where: ByteClass.isLower), hasUpper = raw.contains(where: ByteClass.isUpper)
        guard !(hasLower && hasUpper) else { return false }
        let s = raw.map(ByteClass.lower)
        guard s.starts(with: Array("bc1".utf8)) || s.starts(with: Array("tb1".utf8)) else { return false }
        let hrp = Array(s[0..<2])
        let data = s[3...]
        var values: [UInt8] = []
        for c in data {
            let v = bech32Index[Int(c)]
            guard v >= 0 else { return false }
            values.append(UInt8(v))
        }
        guard values.count >= 7 else { return false }
        var expanded: [UInt8] = hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
        expanded += values
        let generators: [UInt32] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        var chk: UInt32 = 1
        for v in expanded {
            let top = chk >> 25
            chk = (chk & 0x1ffffff) << 5 ^ UInt32(v)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { chk ^= generators[i] }
        }
        // Witness version 0 uses Bech32 (constant 1), later versions Bech32m.
        let version = values[0]
        return version == 0 ? chk == 1 : (version <= 16 && chk == 0x2bc830a3)
    }
}
