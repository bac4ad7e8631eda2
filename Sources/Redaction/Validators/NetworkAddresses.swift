extension Validators {
    /// A dotted-quad IPv4 address (four decimal octets 0–255, no leading zeros on multi-digit octets).
    public static func ipv4(_ value: String) -> Bool {
        let b = Array(value.utf8)
        return NetworkChecks.ipv4Length(b, 0) == b.count
    }

    /// An IPv6 address in any RFC 4291/5952 text form: eight groups, `::` compression, an embedded IPv4 tail.
    public static func ipv6(_ value: String) -> Bool {
        NetworkChecks.ipv6(Array(value.utf8)[...])
    }

    /// A MAC-48 address: six hex pairs separated by one consistent `:` or `-`, or three dotted hex quads.
    public static func mac(_ value: String) -> Bool {
        let b = Array(value.utf8)
        return NetworkChecks.macLength(b, 0) == b.count
    }
}

/// Byte-level IP and MAC parsing; each answers how many bytes the address starting at `i` spans.
enum NetworkChecks {
    /// The length of an IPv4 address at `i`, or 0.
    static func ipv4Length(_ b: [UInt8], _ i: Int) -> Int {
        var p = i
        for part in 0..<4 {
            if part > 0 {
                guard p < b.count, b[p] == UInt8(ascii: ".") else { return 0 }
                p += 1
            }
            let start = p
            var value = 0
            while p < b.count, ByteClass.isDigit(b[p]), p - start < 3 {
                value = value * 10 + ByteClass.digitValue(b[p])
                p += 1
            }
            let len = p - start
            guard len > 0, value <= 255, !(len > 1 && b[start] == 48) else { return 0 }
        }
        return p - i
    }

    static func ipv6(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.count >= 2, s.count <= 45 else { return false }
        var groups = 0
        var compressed = false
        var i = s.startIndex
        let end = s.endIndex
        if s[i] == UInt8(ascii: ":") {
            guard i + 1 < end, s[i + 1] == UInt8(ascii: ":") else { return false }
            compressed = true
            i += 2
            if i == end { return true }
        }
        while i < end {
            // An embedded IPv4 tail.
            var j = i
            while j < end, ByteClass.isHex(s[j]) { j += 1 }
            if j < end, s[j] == UInt8(ascii: ".") {
                let tail = Array(s[i..<end])
                guard ipv4Length(tail, 0) == tail.count else { return false }
                groups += 2
                i = end
                break
            }
            let len = j - i
            guard len >= 1, len <= 4 else { return false }
            groups += 1
            i = j
            if i == end { break }
            guard s[i] == UInt8(ascii: ":") else { return false }
            i += 1
            if i < end, s[i] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                i += 1
                if i == end { break }
            } else if i == end {
                return false
            }
        }
        return compressed ? groups < 8 : groups == 8
    }

    /// The length of a MAC address at `i`, or 0.
    static func macLength(_ b: [UInt8], _ i: Int) -> Int {
        func hex(_ k: Int, _ count: Int) -> Bool {
            guard k + count <= b.count else { return false }
            for x in k..<k + count where !ByteClass.isHex(b[x]) { return false }
            return true
        }
        // Colon or hyphen form.
        if i + 17 <= b.count, hex(i, 2), b[i + 2] == UInt8(ascii: ":") || b[i + 2] == UInt8(ascii: "-") {
            let sep = b[i + 2]
            var ok = true
            for g in 0..<6 {
                let k = i + g * 3
                if !hex(k, 2) || (g < 5 && b[k + 2] != sep) { ok = false; break }
            }
            if ok { return 17 }
        }
        // Cisco dotted form.
        if i + 14 <= b.count, hex(i, 4), b[i + 4] == UInt8(ascii: "."), hex(i + 5, 4), b[i + 9] == UInt8(ascii: "."), hex(i + 10, 4) {
            return 14
        }
        return 0
    }
}
