/// Email addresses: an RFC 5321-shaped local part, `@`, and a domain whose last label is a real top-level domain
/// (IANA's list). Obfuscated forms are found too: `jane dot doe at example dot com`, `jane[at]example[dot]com`,
/// `jane (at) example (dot) com`, `jane @ example . com`.
struct EmailDetector: Detector {
    static let at = WordHash.of("at")
    static let dot = WordHash.of("dot")

    @inline(__always) static func isLocal(_ c: UInt8) -> Bool {
        ByteClass.isAlphanumeric(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "%")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "'")
    }
    @inline(__always) static func isDomain(_ c: UInt8) -> Bool { ByteClass.isAlphanumeric(c) || c == UInt8(ascii: "-") }

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        plain(input, &out)
        obfuscated(input, &out)
    }

    /// The end of a domain starting at `i` (labels joined by single dots, last label a TLD), or nil.
    static func domainEnd(_ b: [UInt8], _ i: Int) -> Int? {
        var p = i
        var labels = 0
        var lastLabel = i..<i
        var lastGood: Int?
        while p < b.count {
            let start = p
            while p < b.count, isDomain(b[p]), p - start <= 63 { p += 1 }
            guard p > start, p - start <= 63, b[start] != UInt8(ascii: "-") else { break }
            labels += 1
            lastLabel = start..<p
            if labels >= 2 {
                var h = WordHash.offset
                for c in b[lastLabel] { h = WordHash.step(h, c) }
                if TopLevelDomains.isTLD(h), b[lastLabel].allSatisfy(ByteClass.isASCIILetter) { lastGood = p }
            }
            guard p + 1 < b.count, b[p] == UInt8(ascii: "."), isDomain(b[p + 1]) else { break }
            p += 1
        }
        return lastGood
    }

    private func plain(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        var searchFrom = 0
        var i = 0
        while i < b.count {
            defer { i += 1 }
            guard b[i] == UInt8(ascii: "@"), i > searchFrom else { continue }
            var s = i
            while s > searchFrom, Self.isLocal(b[s - 1]), i - s < 64 { s -= 1 }
            while s < i, b[s] == UInt8(ascii: ".") || b[s] == UInt8(ascii: "'") || b[s] == UInt8(ascii: "-") { s += 1 }
            guard s < i, b[i - 1] != UInt8(ascii: "."), let end = Self.domainEnd(b, i + 1) else { continue }
            out.append(Candidate(type: .email, range: s..<end, score: 1, detector: "email"))
            searchFrom = end
            i = end - 1
        }
    }

    /// `x at y dot com` and bracketed variants, on the token stream.
    private func obfuscated(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        var t = 1
        while t + 2 < tokens.count {
            defer { t += 1 }
            guard tokens[t].hash == Self.at, tokens[t].isAllLetters else { continue }
            // The "at" must be marked: spaced, bracketed, or the user wrote it as a separate word between a handle and a domain.
            let left = b[tokens[t - 1].end..<tokens[t].start], right = b[tokens[t].end..<tokens[t + 1].start]
            guard isObfuscationGap(left), isObfuscationGap(right) else { continue }
            // Domain: label (dot label)+ with the last a TLD.
            var k = t + 1
            var end: Int?
            var labels = 1
            while k + 1 < tokens.count {
                let gap = b[tokens[k].end..<tokens[k + 1].start]
                var next = k + 1
                if tokens[next].hash == Self.dot, isObfuscationGap(gap), next + 1 < tokens.count,
                   isObfuscationGap(b[tokens[next].end..<tokens[next + 1].start]) {
                    next += 1
                } else if !(gap.count == 1 && gap.first == UInt8(ascii: ".")) && !(isDotGap(gap)) {
                    break
                }
                labels += 1
                k = next
                if TopLevelDomains.isTLD(tokens[k].hash), tokens[k].isAllLetters { end = tokens[k].end }
                if labels > 6 { break }
            }
            guard let end else { continue }
            // A web address ("portal at example.com/login") is not an email; a plain " at " needs a handle-like local
            // part ("jane at example.com", not "me at example.com").
            if end < b.count, b[end] == UInt8(ascii: "/") { continue }
            let bracketed = left.contains(where: { $0 != 0x20 }) || right.contains(where: { $0 != 0x20 })
            let spelledDot = (t + 1...k).contains { tokens[$0].hash == Self.dot }
            if !bracketed, !spelledDot, Gazetteer.commonWords.contains(tokens[t - 1].hash) { continue }
            // Local part: the token before "at", joined by "dot" or dots to earlier ones.
            var s = t - 1
            while s >= 2, t - s < 16, tokens[s - 1].hash == Self.dot, isObfuscationGap(b[tokens[s - 2].end..<tokens[s - 1].start]) { s -= 2 }
            while s >= 1, t - s < 16, b[tokens[s - 1].end..<tokens[s].start].allSatisfy({ $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }),
                  tokens[s].start - tokens[s - 1].end == 1 { s -= 1 }
            // Plain prose ("meet at the office dot com") is unlikely, but require the domain to end in a TLD and the
            // local part to touch no sentence punctuation.
            out.append(Candidate(type: .email, range: tokens[s].start..<end, score: 0.85, detector: "email-obfuscated"))
            t = k
        }
    }

    /// Spaces and brackets around a spelled-out `at`/`dot`.
    private func isObfuscationGap(_ gap: ArraySlice<UInt8>) -> Bool {
        guard !gap.isEmpty, gap.count <= 3 else { return false }
        return gap.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "(")
            || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    /// ` . ` between labels.
    private func isDotGap(_ gap: ArraySlice<UInt8>) -> Bool {
        gap.count <= 3 && gap.filter({ $0 == UInt8(ascii: ".") }).count == 1 && gap.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: ".") }
    }
}
