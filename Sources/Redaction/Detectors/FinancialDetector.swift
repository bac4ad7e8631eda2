/// IBANs (country code, check digits and BBAN, written compact or in groups of four; per-country length and mod 97)
/// and ABA routing numbers (nine digits with the 3-7-1 checksum, after a routing keyword).
struct FinancialDetector: Detector {
    static let routingKeywords = KeywordSet(["routing", "routing number", "routing no", "aba", "rtn", "routing transit",
                                             "transit number", "routing #", "aba number", "wire routing", "ach routing", "ach",
                                             "wire", "direct deposit", "autopay", "credit union", "bank", "checking", "instead of"])

    /// "Is 270868140 the right routing number?": the keyword after the number.
    static let routingAfter = KeywordSet(["routing", "routing number", "aba", "rtn", "routing transit"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        iban(input, &out)
        routing(input, &out)
    }

    private func iban(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        var compact: [UInt8] = []
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            let tok = tokens[t]
            guard tok.length >= 4, ByteClass.isASCIILetter(b[tok.start]), ByteClass.isASCIILetter(b[tok.start + 1]),
                  ByteClass.isDigit(b[tok.start + 2]), ByteClass.isDigit(b[tok.start + 3]) else { continue }
            guard tok.start == 0 || !ByteClass.isAlphanumeric(b[tok.start - 1]) else { continue }
            // Take tokens joined by single spaces (or hyphens) while the total stays within 34 characters.
            compact.removeAll(keepingCapacity: true)
            var k = t
            var best: Int?
            while k < tokens.count {
                if k > t {
                    let gap = b[tokens[k - 1].end..<tokens[k].start]
                    guard gap.count == 1, gap.first == 0x20 || gap.first == UInt8(ascii: "-") else { break }
                }
                compact.append(contentsOf: b[tokens[k].start..<tokens[k].end])
                if compact.count > 34 { break }
                if compact.count >= 15, Checks.iban(compact[...]) { best = k }
                k += 1
            }
            if let best {
                out.append(Candidate(type: .iban, range: tok.start..<tokens[best].end, score: 1, detector: "iban"))
                t = best
            }
        }
    }

    private func routing(_ input: ScanInput, _ out: inout [Candidate]) {
        for (t, tok) in input.tokens.enumerated() where tok.length == 9 && tok.isAllDigits {
            let d = input.bytes[tok.start..<tok.end]
            guard Checks.aba(d), Self.routingKeywords.occurs(before: t, within: 8, in: input.tokens)
                || Self.routingAfter.occurs(after: t, within: 4, in: input.tokens) else { continue }
            out.append(Candidate(type: .abaRouting, range: tok.start..<tok.end, score: 0.95, detector: "aba-routing"))
        }
    }
}
