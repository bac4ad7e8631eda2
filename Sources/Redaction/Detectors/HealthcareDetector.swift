/// NPI (ten digits, Luhn over the 80840 prefix, after an NPI/provider keyword) and DEA registration numbers (two
/// letters and seven digits with the DEA checksum; the checksum alone is enough).
struct HealthcareDetector: Detector {
    static let npiKeywords = KeywordSet(["npi", "npi number", "npi #", "national provider identifier", "provider id",
                                         "provider number", "prescriber npi", "rendering npi", "billing npi"])

    static let prescriberKeywords = KeywordSet(["dr", "doctor", "prescriber", "physician", "md", "provider", "practitioner",
                                                "np", "pa", "dds", "do", "surgeon", "clinic", "office"])
    static let deaKeywords = KeywordSet(["dea", "dea number", "dea no", "dea registration", "dea #", "prescriber dea"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        for (t, tok) in input.tokens.enumerated() {
            if tok.length == 10, tok.isAllDigits {
                if Checks.npi(b[tok.start..<tok.end]) {
                    if Self.npiKeywords.occurs(before: t, within: 4, in: input.tokens) {
                        out.append(Candidate(type: .npi, range: tok.start..<tok.end, score: 0.95, detector: "npi"))
                    } else if Self.prescriberKeywords.occurs(before: t, within: 4, in: input.tokens) {
                        // Ten NPI-valid digits right after a doctor ("Dr. White (2367587906)"): more likely the NPI
                        // than a bare phone number (which scores 0.5).
                        out.append(Candidate(type: .npi, range: tok.start..<tok.end, score: 0.7, detector: "npi"))
                    }
                }
            } else if tok.length == 9, tok.digitCount == 7, ByteClass.isASCIILetter(b[tok.start]), Checks.dea(b[tok.start..<tok.end]) {
                let keyword = Self.deaKeywords.occurs(before: t, within: 4, in: input.tokens)
                out.append(Candidate(type: .dea, range: tok.start..<tok.end, score: keyword ? 0.95 : 0.75, detector: "dea"))
            }
        }
    }
}
