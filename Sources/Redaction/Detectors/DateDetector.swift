/// Dates: numeric (`03/14/1985`, `14.03.1985`, `1985-03-14`, `3/14/85`) with month and day ranges checked, and
/// written (`March 14, 1985`, `14th of March`, `Mar. 14`, `March 1985`). A date after a birth keyword is a
/// ``EntityType/dateOfBirth``. Machine timestamps (`2024-05-01T10:22:33Z`, a date followed by a time with seconds)
/// and version strings are left alone.
struct DateDetector: Detector {
    static let birthKeywords = KeywordSet(["dob", "d o b", "date of birth", "birth date", "birthdate", "born", "born on",
                                           "birthday", "bday", "b day", "date of birth is", "birth"])
    /// "23/02/1972 is my birthday", "1/5/80 (DOB)".
    static let birthAfter = KeywordSet(["birthday", "my birthday", "dob", "date of birth", "birthdate", "bday"])
    static let months: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        for (i, name) in full.enumerated() {
            m[WordHash.of(name)] = i + 1
            m[WordHash.of(String(name.prefix(3)))] = i + 1
        }
        m[WordHash.of("sept")] = 9
        return m
    }()
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
    static let of = WordHash.of("of")
    static let mayHash = WordHash.of("may")
    static let marHash = WordHash.of("mar")

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let before = out.count
        numeric(input, &out)
        written(input, &out)
        // Birth context turns dates into dates of birth.
        for k in before..<out.count {
            let t = input.token(at: out[k].range.lowerBound)
            let endToken = input.token(at: out[k].range.upperBound - 1)
            if Self.birthKeywords.occursInSentence(before: t, within: 6, in: input.tokens, bytes: input.bytes)
                || Self.birthAfter.occurs(after: endToken, within: 3, in: input.tokens) {
                out[k].type = .dateOfBirth
                out[k].score = max(out[k].score, 0.95)
                out[k].detector = "date-of-birth"
            }
        }
    }

    private func numeric(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        let b = input.bytes
        var i = 0
        while i < groups.count {
            let g = groups[i]
            defer { i += 1 }
            guard i + 2 < g.chainEnd, !input.letterBefore(g) else { continue }
            guard let s = input.gapIs(chains, i, SeparatorSet(0x2F, 0x2D, 0x2E)), input.gapIs(chains, i + 1, SeparatorSet(s)) != nil else { continue }
            let g2 = groups[i + 1], g3 = groups[i + 2]
            // Exactly three groups joined by this separator: not part of a version string or a longer number.
            if i > g.chainStart, input.gapIs(chains, i - 1, SeparatorSet(s)) != nil { continue }
            if i + 3 < g.chainEnd, input.gapIs(chains, i + 2, SeparatorSet(s)) != nil { continue }
            if input.byte(before: g.start) == UInt8(ascii: "v") || input.byte(before: g.start) == UInt8(ascii: "V") { continue }
            // A timestamp: 2024-05-01T10:22 or a date followed by hh:mm:ss.
            let after = g3.end
            if after < b.count, b[after] == UInt8(ascii: "T") || b[after] == UInt8(ascii: "t") {
                if after + 1 < b.count, ByteClass.isDigit(b[after + 1]) { continue }
            }
            if input.letterAfter(g3) { continue }
            if isTimeWithSeconds(b, after) { continue }
            let v1 = Checks.number(b[g.start..<g.end]), v2 = Checks.number(b[g2.start..<g2.end]), v3 = Checks.number(b[g3.start..<g3.end])
            var valid = false
            if g.length == 4, g2.length <= 2, g3.length <= 2 {
                valid = (1900...2100).contains(v1) && (1...12).contains(v2) && (1...31).contains(v3) && s != 0x2E
            } else if g.length <= 2, g2.length <= 2, g3.length == 4 || (g3.length == 2 && s != 0x2E) {
                let yearOK = g3.length == 2 || (1900...2100).contains(v3)
                valid = yearOK && (((1...12).contains(v1) && (1...31).contains(v2)) || ((1...31).contains(v1) && (1...12).contains(v2)))
            }
            if valid {
                out.append(Candidate(type: .date, range: g.start..<g3.end, score: 0.85, detector: "date-numeric"))
                i += 2
            }
        }
    }

    private func isTimeWithSeconds(_ b: [UInt8], _ at: Int) -> Bool {
        // " hh:mm:ss" right after the date.
        var p = at
        guard p < b.count, b[p] == 0x20 else { return false }
        p += 1
        var colons = 0
        var digitsSeen = 0
        while p < b.count, ByteClass.isDigit(b[p]) || b[p] == UInt8(ascii: ":") {
            if b[p] == UInt8(ascii: ":") { colons += 1 } else { digitsSeen += 1 }
            p += 1
        }
        return colons >= 2 && digitsSeen >= 4
    }

    /// A day-of-month token (`14`, `14th`, `3rd`) → its value.
    private func day(_ input: ScanInput, _ t: Int) -> Int? {
        let tok = input.tokens[t]
        let b = input.bytes
        guard tok.digitCount >= 1, tok.digitCount <= 2 else { return nil }
        let digits = b[tok.start..<(tok.start + tok.digitCount)]
        guard digits.allSatisfy(ByteClass.isDigit) else { return nil }
        if tok.length > tok.digitCount {
            let suffix = String(decoding: b[(tok.start + tok.digitCount)..<tok.end], as: UTF8.self).lowercased()
            guard Self.ordinalSuffixes.contains(suffix) else { return nil }
        }
        let v = Checks.number(digits)
        return (1...31).contains(v) ? v : nil
    }

    private func year(_ input: ScanInput, _ t: Int) -> Bool {
        guard t < input.tokens.count else { return false }
        let tok = input.tokens[t]
        guard tok.isAllDigits, tok.length == 4 else { return false }
        return (1900...2100).contains(Checks.number(input.bytes[tok.start..<tok.end]))
    }

    /// Only spaces, commas and dots (or one hyphen or slash: `17-Aug-2024`) between tokens `a` and `a + 1`.
    private func adjacent(_ input: ScanInput, _ a: Int) -> Bool {
        guard a + 1 < input.tokens.count else { return false }
        let gap = input.bytes[input.tokens[a].end..<input.tokens[a + 1].start]
        if gap.count == 1, gap.first == UInt8(ascii: "-") || gap.first == UInt8(ascii: "/") { return true }
        return gap.count <= 3 && gap.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
    }

    private func written(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            let tok = tokens[t]
            guard tok.isAllLetters, tok.length >= 3, Self.months[tok.hash] != nil else { continue }
            // "may" and "mar" are words too: only capitalized, with a day or year right after.
            let ambiguous = tok.hash == Self.mayHash || tok.hash == Self.marHash
            if ambiguous, !tok.startsUpper { continue }
            var start = tok.start
            var end = tok.end
            var matched = false
            // Day [of] Month [Year]
            if t >= 1 {
                var d = t - 1
                if tokens[d].hash == Self.of, d >= 1 { d -= 1 }
                if day(input, d) != nil, input.bytes[tokens[d].end..<tok.start].allSatisfy({ $0 == 0x20 || ByteClass.isLetter($0) || $0 == UInt8(ascii: "-") }),
                   tok.start - tokens[d].end <= 4 {
                    start = tokens[d].start
                    matched = true
                    if adjacent(input, t), year(input, t + 1) { end = tokens[t + 1].end; t += 1 }
                }
            }
            // Month Day[,] [Year], or Month Year.
            if !matched, adjacent(input, t), day(input, t + 1) != nil {
                end = tokens[t + 1].end
                matched = true
                if adjacent(input, t + 1), year(input, t + 2) { end = tokens[t + 2].end; t += 1 }
                t += 1
            } else if !matched, adjacent(input, t), year(input, t + 1) {
                end = tokens[t + 1].end
                matched = true
                t += 1
            }
            if matched, !ambiguous || end > tok.end || start < tok.start {
                out.append(Candidate(type: .date, range: start..<end, score: 0.85, detector: "date-written"))
            }
        }
    }
}
