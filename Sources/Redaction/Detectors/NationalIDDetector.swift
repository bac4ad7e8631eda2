/// US SSN and ITIN (`123-45-6789`, `123 45 6789`, or nine bare digits after a keyword), Canadian SIN and UK NHS
/// numbers (with their keywords), each validated by its rules in ``Validators``.
struct NationalIDDetector: Detector {
    static let ssnKeywords = KeywordSet(["ssn", "ss", "ss#", "social security", "social security number", "social",
                                         "ssn#", "itin", "tin", "tax id", "taxpayer id", "taxpayer identification number", "soc sec"])
    static let sinKeywords = KeywordSet(["sin", "social insurance", "social insurance number", "nas"])
    static let nhsKeywords = KeywordSet(["nhs", "nhs number", "nhs no", "nhs #"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        var digits: [UInt8] = []
        var i = 0
        while i < groups.count {
            let g = groups[i]
            defer { i += 1 }
            if input.letterBefore(g) { continue }
            let t = input.token(at: g.start)
            // Bare nine or ten digits after a keyword (not the start of a dotted number).
            let dottedAfter = i + 1 < g.chainEnd && input.gapIs(chains, i, SeparatorSet(0x2E)) != nil
            if !input.letterAfter(g), !dottedAfter {
                let d = input.bytes[g.start..<g.end]
                if g.length == 9, Self.sinKeywords.occurs(before: t, within: 4, in: input.tokens), Validators.caSIN(String(decoding: d, as: UTF8.self)) {
                    out.append(Candidate(type: .caSIN, range: g.start..<g.end, score: 0.9, detector: "ca-sin")); continue
                }
                if g.length == 9, Self.ssnKeywords.occurs(before: t, within: 4, in: input.tokens) {
                    if Checks.itin(d) { out.append(Candidate(type: .usITIN, range: g.start..<g.end, score: 0.9, detector: "us-itin")) }
                    else if Checks.ssn(d) { out.append(Candidate(type: .usSSN, range: g.start..<g.end, score: 0.9, detector: "us-ssn")) }
                    continue
                }
                if g.length == 10, Self.nhsKeywords.occurs(before: t, within: 4, in: input.tokens), Checks.nhs(d) {
                    out.append(Candidate(type: .ukNHS, range: g.start..<g.end, score: 0.95, detector: "uk-nhs")); continue
                }
            }
            guard i + 2 < g.chainEnd else { continue }
            let g2 = groups[i + 1], g3 = groups[i + 2]
            guard let s1 = input.gapIs(chains, i, SeparatorSet(0x2D, 0x20, 0x2E)), let s2 = input.gapIs(chains, i + 1, SeparatorSet(0x2D, 0x20, 0x2E)),
                  s1 == s2, !input.letterAfter(g3) else { continue }
            // Not a window of a longer chain joined by the same separator (a phone, a card, a version string).
            if i + 3 < g.chainEnd, input.gapIs(chains, i + 2, SeparatorSet(s1)) != nil { continue }
            if i > g.chainStart, input.gapIs(chains, i - 1, SeparatorSet(s1)) != nil { continue }
            input.collectDigits(chains, i, i + 2, into: &digits)
            let range = g.start..<g3.end
            if g.length == 3, g2.length == 2, g3.length == 4 {
                let context = Self.ssnKeywords.occurs(before: t, within: 4, in: input.tokens)
                let score = context ? 1.0 : (s1 == 0x2D ? 0.85 : 0.6)
                if Checks.itin(digits[...]) { out.append(Candidate(type: .usITIN, range: range, score: score, detector: "us-itin")) }
                else if Checks.ssn(digits[...]) { out.append(Candidate(type: .usSSN, range: range, score: score, detector: "us-ssn")) }
                i += 2
            } else if g.length == 3, g2.length == 3, g3.length == 3, Self.sinKeywords.occurs(before: t, within: 4, in: input.tokens),
                      Validators.caSIN(String(decoding: digits, as: UTF8.self)) {
                out.append(Candidate(type: .caSIN, range: range, score: 0.9, detector: "ca-sin"))
                i += 2
            } else if g.length == 3, g2.length == 3, g3.length == 4, Checks.nhs(digits[...]) {
                if Self.nhsKeywords.occurs(before: t, within: 4, in: input.tokens) {
                    out.append(Candidate(type: .ukNHS, range: range, score: 0.95, detector: "uk-nhs"))
                    i += 2
                } else if s1 == 0x20, !PhoneNumberValidator.isNANP(digits[...]) {
                    out.append(Candidate(type: .ukNHS, range: range, score: 0.6, detector: "uk-nhs"))
                    i += 2
                }
            }
        }
    }
}
