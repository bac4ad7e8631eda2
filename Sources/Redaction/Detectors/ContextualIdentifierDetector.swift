/// Identifiers that have no checksum or shape of their own and are found by the words before them: medical record
/// numbers, health-plan member/policy numbers, account numbers, licence and certificate numbers, passport numbers,
/// licence plates and device serial numbers. The value is the first code after the keyword (skipping `number`,
/// `no`, `#`, `:`, `is`, …): 4–20 letters, digits and hyphens with at least three digits (licence plates: two),
/// written as one token or as digit groups joined by spaces or hyphens.
struct ContextualIdentifierDetector: Detector {
    struct Rule {
        let type: EntityType
        let keywords: KeywordSet
        let minDigits: Int
        let score: Double
        let name: String
    }

    static let rules: [Rule] = [
        Rule(type: .medicalRecordNumber, keywords: KeywordSet(["mrn", "medical record", "medical record number", "med rec",
             "medical rec", "chart number", "chart", "patient id", "patient number", "record number", "mr", "emr", "ehr", "hospital number"]),
             minDigits: 3, score: 0.85, name: "medical-record-number"),
        Rule(type: .healthPlanID, keywords: KeywordSet(["member id", "member number", "member", "policy number", "policy", "policy no",
             "insurance id", "insurance number", "subscriber id", "subscriber", "group number", "group id", "health plan", "plan id",
             "beneficiary", "beneficiary id", "medicare", "medicaid", "mbi", "hicn", "insurance", "coverage id", "health insurance",
             "plan", "my plan", "insurance card", "member card", "medicare number", "medicaid number", "insurance card says"]),
             minDigits: 3, score: 0.85, name: "health-plan-id"),
        Rule(type: .accountNumber, keywords: KeywordSet(["account", "account number", "acct", "acct no", "account no", "a c",
             "bank account", "checking", "checking account", "savings", "savings account", "acc", "acc no", "billing account",
             "customer number", "customer id", "loan number"]),
             minDigits: 4, score: 0.8, name: "account-number"),
        Rule(type: .licenseNumber, keywords: KeywordSet(["license", "licence", "license number", "licence number", "driver license",
             "drivers license", "driver s license", "driving licence", "dl", "dl number", "certificate", "certificate number",
             "cert", "license no", "permit", "permit number", "registration number", "board certification", "medical license", "state license",
             "driver licence", "drivers licence", "dl#", "dln", "id card", "state id"]),
             minDigits: 1, score: 0.8, name: "license-number"),
        Rule(type: .passport, keywords: KeywordSet(["passport", "passport number", "passport no", "passport #", "passport id",
             "pasport", "passport num", "travel document", "passport card"]),
             minDigits: 3, score: 0.85, name: "passport"),
        Rule(type: .licensePlate, keywords: KeywordSet(["plate", "license plate", "licence plate", "plate number", "plates", "tag number", "reg plate"]),
             minDigits: 1, score: 0.8, name: "license-plate"),
        Rule(type: .deviceID, keywords: KeywordSet(["serial", "serial number", "serial no", "s n", "sn", "device id", "device serial",
             "udid", "meid", "esn", "mac id", "android id", "device number", "pump serial", "pacemaker serial", "implant serial", "model serial"]),
             minDigits: 3, score: 0.8, name: "device-id"),
    ]

    static let fillers: Set<UInt64> = Set(["number", "no", "num", "nbr", "is", "was", "id", "my", "the", "his", "her", "their",
                                           "our", "your", "ending", "in", "of", "for", "s", "its", "it", "new", "old", "full",
                                           "ok", "card", "says", "shows", "on", "file", "is", "now", "one"].map { WordHash.of($0) })

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            var tok = tokens[t]
            var valueStart = t
            // A short upper-case prefix and a number: "HSC 259919937", "QAD 507645629".
            if tok.digitCount == 0, tok.isAllUpper, tok.length <= 4, !Self.fillers.contains(tok.hash),
               !Self.rules.contains(where: { $0.keywords.matches(endingAt: t, in: tokens) }), t + 1 < tokens.count, tokens[t + 1].isAllDigits,
               tokens[t + 1].length >= 4, tokens[t + 1].start == tok.end + 1, b[tok.end] == 0x20 {
                valueStart = t
                tok = tokens[t + 1]
            }
            guard tok.digitCount >= 1, tok.length <= 20 else { continue }
            // Find the rule whose keyword ends right before this token (fillers allowed in between).
            var k = valueStart - 1
            var skipped = 0
            var rule: Rule?
            while k >= 0, skipped <= 3 {
                if let r = Self.rules.first(where: { $0.keywords.matches(endingAt: k, in: tokens) }) { rule = r; break }
                guard Self.fillers.contains(tokens[k].hash) else { break }
                k -= 1; skipped += 1
            }
            guard let rule else { continue }
            // Extend over digit groups and hyphen- or space-joined parts of one code ("4417 1234 5678", "A12-345-678").
            let first = valueStart
            var end = valueStart == t ? t : t + 1
            var digits = tok.digitCount
            var length = tokens[first].start == tok.start ? tok.length : tok.end - tokens[first].start
            while end + 1 < tokens.count {
                let next = tokens[end + 1]
                let gap = b[tokens[end].end..<next.start]
                guard gap.count == 1, gap.first == UInt8(ascii: "-") || (gap.first == 0x20 && next.isAllDigits && tokens[end].digitCount > 0),
                      next.digitCount > 0 || gap.first == UInt8(ascii: "-"), length + next.length + 1 <= 24 else { break }
                end += 1
                digits += next.digitCount
                length += next.length + 1
            }
            guard digits >= rule.minDigits, length >= (rule.type == .licensePlate ? 2 : 4) else { continue }
            // A code is not a date, an amount or a plain year: leave those to their own detectors.
            if tokens[t].isAllDigits, end == t, tok.length == 4, rule.type != .licensePlate, rule.type != .deviceID {
                let v = Checks.number(b[tok.start..<tok.end])
                if (1900...2100).contains(v) { continue }
            }
            if tok.start > 0, b[tok.start - 1] == UInt8(ascii: "$") { continue }
            out.append(Candidate(type: rule.type, range: tokens[first].start..<tokens[end].end, score: rule.score, detector: rule.name))
            t = end
        }
    }
}
