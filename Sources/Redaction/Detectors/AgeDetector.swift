/// Ages over 89 (HIPAA Safe Harbor): `age 93`, `aged 91`, `93 years old`, `93-year-old`, `93 y/o`, `93yo`.
struct AgeDetector: Detector {
    static let before = KeywordSet(["age", "aged", "age is", "ages", "turned", "turns", "turning", "just turned"])
    /// People whose age a number after "is", "'s", "am" or "(" states: "grandpa is 97", "my father (97)", "I'm 100".
    static let people = KeywordSet(["grandpa", "grandma", "grandmother", "grandfather", "granny", "nana", "mother", "father",
                                    "mom", "dad", "mum", "husband", "wife", "patient", "pt", "he", "she", "he s", "she s", "i m",
                                    "im", "i am", "aunt", "uncle", "holder", "member", "son", "daughter", "resident", "client",
                                    "they", "grandmas", "grandpas", "grandma s", "grandpa s", "mother s", "father s", "who is"])
    static let after = KeywordSet(["years old", "year old", "yrs old", "yr old", "yo", "y o", "years of age", "yrs", "yrs of age",
                                   "years young", "year young", "years of age"])
    static let linkingWords: Set<UInt64> = Set(["is", "s", "am", "was", "are"].map { WordHash.of($0) })
    static let unitSuffixes: Set<String> = ["yo", "y", "yrs", "yr"]

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        for (t, tok) in tokens.enumerated() where tok.digitCount >= 2 && tok.digitCount <= 3 {
            let digits = b[tok.start..<(tok.start + tok.digitCount)]
            guard digits.allSatisfy(ByteClass.isDigit) else { continue }
            let value = Checks.number(digits)
            guard (90...130).contains(value) else { continue }
            if tok.length > tok.digitCount {
                let suffix = String(decoding: b[(tok.start + tok.digitCount)..<tok.end], as: UTF8.self).lowercased()
                if Self.unitSuffixes.contains(suffix) {
                    out.append(Candidate(type: .age, range: tok.start..<tok.end, score: 0.9, detector: "age"))
                }
                continue
            }
            // "grandpa is 97", "she's 98", "my father (97)", "I'm 100": a person word, then is/'s/am or a bracket.
            if t >= 1, tok.start - tokens[t - 1].end <= 3 {
                let gap = b[tokens[t - 1].end..<tok.start]
                let linking = Self.linkingWords.contains(tokens[t - 1].hash) || gap.contains(UInt8(ascii: "("))
                if (linking && Self.people.occurs(before: t, within: 3, in: tokens)) || Self.people.matches(endingAt: t - 1, in: tokens) && gap.contains(UInt8(ascii: "(")) {
                    out.append(Candidate(type: .age, range: tok.start..<tok.end, score: 0.8, detector: "age"))
                    continue
                }
            }
            if Self.before.occurs(before: t, within: 2, in: tokens)
                || (t + 1 < tokens.count && (Self.after.matches(endingAt: t + 1, in: tokens) || Self.after.matches(endingAt: t + 2, in: tokens)
                    || Self.after.matches(endingAt: t + 3, in: tokens)) && tokens[t + 1].start - tok.end <= 2) {
                // "years" alone must be followed by "old" or be after "age" to avoid "90 years of service".
                out.append(Candidate(type: .age, range: tok.start..<tok.end, score: 0.9, detector: "age"))
            }
        }
    }
}
