/// IPv4 (dotted quad, octets ≤ 255, not part of a longer dotted number such as a version string), IPv6 (every RFC
/// 4291 text form, validated) and MAC addresses (colon, hyphen or Cisco dotted form).
struct NetworkDetector: Detector {
    static let versionKeywords = KeywordSet(["version", "firmware", "build", "release", "ver", "ios", "android", "patch",
                                             "app version", "firmware is", "version is", "upgrade to", "updated to", "update to"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            let boundary = i == 0 || !(ByteClass.isAlphanumeric(b[i - 1]) || b[i - 1] == UInt8(ascii: ".") || b[i - 1] == UInt8(ascii: ":") || b[i - 1] == UInt8(ascii: "-"))
            guard boundary, ByteClass.isHex(c) || c == UInt8(ascii: ":") else { i += 1; continue }
            // MAC first: its hex pairs would otherwise read as a partial IPv6.
            let mac = NetworkChecks.macLength(b, i)
            if mac > 0, isEnd(b, i + mac, allowDot: true) {
                out.append(Candidate(type: .macAddress, range: i..<(i + mac), score: 0.9, detector: "mac-address"))
                i += mac; continue
            }
            if ByteClass.isDigit(c) {
                let v4 = NetworkChecks.ipv4Length(b, i)
                if v4 > 0, isEnd(b, i + v4, allowDot: false) || isPort(b, i + v4), i == 0 || (b[i - 1] != UInt8(ascii: "v") && b[i - 1] != UInt8(ascii: "V")) {
                    var end = i + v4
                    // CIDR suffix.
                    if end + 1 < n, b[end] == UInt8(ascii: "/"), ByteClass.isDigit(b[end + 1]) {
                        var p = end + 1
                        while p < n, ByteClass.isDigit(b[p]), p - end <= 2 { p += 1 }
                        if Checks.number(b[(end + 1)..<p]) <= 32, p - end <= 3 { end = p }
                    }
                    // "firmware is 2.4.10.3": a version, not an address.
                    if Self.versionKeywords.occursInSentence(before: input.token(at: i), within: 3, in: input.tokens, bytes: b) { i = end; continue }
                    out.append(Candidate(type: .ipAddress, range: i..<end, score: 0.9, detector: "ipv4"))
                    i = end; continue
                }
            }
            // IPv6: the longest run of hex digits, colons and dots, if it contains "::" or seven colons.
            var p = i
            var colons = 0
            while p < n, p - i < 45, ByteClass.isHex(b[p]) || b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: ".") {
                if b[p] == UInt8(ascii: ":") { colons += 1 }
                p += 1
            }
            while p > i, b[p - 1] == UInt8(ascii: ".") { p -= 1 }
            if colons >= 2, p < n ? !ByteClass.isAlphanumeric(b[p]) : true {
                let candidate = b[i..<p]
                let hasDoubleColon = zip(candidate, candidate.dropFirst()).contains { $0 == UInt8(ascii: ":") && $1 == UInt8(ascii: ":") }
                if (hasDoubleColon || colons == 7), NetworkChecks.ipv6(candidate),
                   candidate.contains(where: { $0 != UInt8(ascii: ":") }) {
                    out.append(Candidate(type: .ipAddress, range: i..<p, score: 0.9, detector: "ipv6"))
                    i = p; continue
                }
            }
            // Skip the rest of this word.
            i += 1
            while i < n, ByteClass.isAlphanumeric(b[i]) { i += 1 }
        }
    }

    /// A port after an IPv4 address: `:5432` and then nothing address-like.
    private func isPort(_ b: [UInt8], _ i: Int) -> Bool {
        guard i + 1 < b.count, b[i] == UInt8(ascii: ":"), ByteClass.isDigit(b[i + 1]) else { return false }
        var p = i + 1
        while p < b.count, ByteClass.isDigit(b[p]), p - i <= 5 { p += 1 }
        return p - i <= 6 && (p >= b.count || !(ByteClass.isAlphanumeric(b[p]) || b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: ".")))
    }

    /// Nothing address-like continues at `i`.
    private func isEnd(_ b: [UInt8], _ i: Int, allowDot: Bool) -> Bool {
        guard i < b.count else { return true }
        let c = b[i]
        if ByteClass.isAlphanumeric(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: "-") { return false }
        if c == UInt8(ascii: "."), i + 1 < b.count, ByteClass.isAlphanumeric(b[i + 1]) { return false }
        return true
    }
}
