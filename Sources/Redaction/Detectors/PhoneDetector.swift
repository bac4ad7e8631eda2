/// Telephone and fax numbers.
///
/// - International (`+44 20 7946 0958`, `+1-212-555-0100`, `0044 …`): a known country calling code and a national
///   number of a length that country uses (``PhoneNumberValidator``). Score 0.9.
/// - North American: `(212) 555-0100`, `212-555-0100`, `212.555.0100`, `1 212 555 0100` with NANP area-code and
///   exchange rules. Score 0.85, 0.95 after a phone keyword; ten bare digits score 0.85 after a keyword, 0.5
///   otherwise.
/// - Other national formats (`020 7946 0958`, `06 12 34 56 78`) and seven-digit local numbers: after a phone
///   keyword only. Score 0.7.
struct PhoneDetector: Detector {
    static let keywords = KeywordSet(["phone", "phone number", "call", "call me", "tel", "telephone", "mobile", "cell",
                                      "cellphone", "fax", "whatsapp", "text", "text me", "sms", "reach me", "reach",
                                      "ring", "my number", "the number", "your number", "his number", "her number", "contact number",
                                      "callback number", "home number", "work number", "cell number", "mobile number", "contact",
                                      "dial", "landline", "ph", "mob", "cell no", "phone no", "number is"])

    /// Numbers that name something else: "part number is 572-706-1939", "Pedido 9309794288".
    static let otherNumbers = KeywordSet(["part number", "part", "model", "model number", "sku", "order", "order number",
                                          "pedido", "commande", "bestellung", "item", "invoice", "tracking", "ticket", "case",
                                          "confirmation", "booking", "reservation", "serial", "isbn", "upc", "asset tag"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        var digits: [UInt8] = []
        var i = 0
        while i < groups.count {
            let g = groups[i]
            if input.letterBefore(g) { i += 1; continue }
            if g.start == 0 || input.byte(before: g.start) != UInt8(ascii: "+"),
               Self.otherNumbers.occurs(before: input.token(at: g.start), within: 3, in: input.tokens), !hasKeyword(input, g.start) {
                i = g.chainEnd; continue
            }
            if let end = international(input, chains, i, &digits, &out)
                ?? northAmerican(input, chains, i, &digits, &out)
                ?? national(input, chains, i, &digits, &out) {
                i = end + 1
            } else {
                i += 1
            }
        }
    }

    /// Separators a phone number may use between groups: not `/` (dates) and not a line break.
    private func phoneGap(_ input: ScanInput, _ chains: DigitChains, _ a: Int) -> Bool {
        let g = input.gap(chains, a)
        return !g.contains(UInt8(ascii: "/")) && !g.contains(0x0A)
    }

    private func hasKeyword(_ input: ScanInput, _ start: Int) -> Bool {
        Self.keywords.occurs(before: input.token(at: start), within: 4, in: input.tokens)
    }

    private func international(_ input: ScanInput, _ chains: DigitChains, _ i: Int, _ digits: inout [UInt8], _ out: inout [Candidate]) -> Int? {
        let groups = chains.groups
        let g = groups[i]
        let b = input.bytes
        var start = g.start
        if input.byte(before: g.start) == UInt8(ascii: "+") { start = g.start - 1 }
        else if g.start >= 2, b[g.start - 1] == 0x20, b[g.start - 2] == UInt8(ascii: "+") { start = g.start - 2 }
        let plus = start != g.start
        // "00" international prefix: the first group of its chain, "00" plus a country code, two more groups.
        let doubleZero = !plus && i == g.chainStart && (2...5).contains(g.length) && b[g.start] == 48 && b[g.start + 1] == 48 && i + 2 < g.chainEnd
        guard plus || doubleZero else { return nil }
        var best: Int?
        var total = 0
        var j = i
        while j < g.chainEnd {
            if j > i, !phoneGap(input, chains, j - 1) { break }
            total += groups[j].length
            if total > (doubleZero ? 17 : 15) { break }
            if !input.letterAfter(groups[j]) {
                input.collectDigits(chains, i, j, into: &digits)
                let number = doubleZero ? digits.dropFirst(2) : digits[...]
                if number.count >= (doubleZero ? 9 : 7), PhoneNumberValidator.isPossibleInternational(number) { best = j }
            }
            j += 1
        }
        guard let best else { return nil }
        out.append(Candidate(type: .phone, range: start..<groups[best].end, score: doubleZero ? 0.7 : 0.9, detector: "phone-international"))
        return best
    }

    private func northAmerican(_ input: ScanInput, _ chains: DigitChains, _ i: Int, _ digits: inout [UInt8], _ out: inout [Candidate]) -> Int? {
        let groups = chains.groups
        var k = i
        var start = groups[i].start
        // An optional trunk prefix 1.
        if groups[k].length == 1, input.bytes[groups[k].start] == 49, k + 1 < groups[k].chainEnd, phoneGap(input, chains, k) { k += 1 }
        let area = groups[k]
        if area.length == 10, !input.letterAfter(area), k == i || input.gapIs(chains, i, SeparatorSet(0x20, 0x2D, 0x2E)) != nil {
            // Ten bare digits.
            let d = input.bytes[area.start..<area.end]
            guard PhoneNumberValidator.isNANP(d) else { return nil }
            if k + 1 < area.chainEnd, input.gapIs(chains, k, SeparatorSet(0x2D, 0x2E)) != nil { return nil }
            let score = hasKeyword(input, start) ? 0.85 : 0.5
            out.append(Candidate(type: .phone, range: start..<area.end, score: score, detector: "phone-nanp"))
            return k
        }
        // "206-6695153": area code, then the seven-digit number in one group.
        if area.length == 3, k + 1 < area.chainEnd, groups[k + 1].length == 7, !input.letterAfter(groups[k + 1]), phoneGap(input, chains, k),
           k + 2 >= area.chainEnd || !phoneGap(input, chains, k + 1) {
            input.collectDigits(chains, k, k + 1, into: &digits)
            if PhoneNumberValidator.isNANP(digits[...]) {
                if input.byte(before: area.start) == UInt8(ascii: "(") && k == i { start = area.start - 1 }
                out.append(Candidate(type: .phone, range: start..<groups[k + 1].end, score: hasKeyword(input, start) ? 0.9 : 0.8, detector: "phone-nanp"))
                return k + 1
            }
        }
        guard area.length == 3, k + 2 < area.chainEnd else { return nil }
        let exchange = groups[k + 1], line = groups[k + 2]
        guard exchange.length == 3, line.length == 4, !input.letterAfter(line),
              phoneGap(input, chains, k), phoneGap(input, chains, k + 1) else { return nil }
        // Separators: (212) 555-0100, 212-555-0100, 212.555.0100, 212 555 0100.
        let g1 = input.gap(chains, k)
        let parenthesized = input.byte(before: area.start) == UInt8(ascii: "(") && g1.first == UInt8(ascii: ")")
        if !parenthesized, g1.contains(UInt8(ascii: "(")) || g1.contains(UInt8(ascii: ")")) { return nil }
        guard input.gapIs(chains, k + 1, SeparatorSet(0x2D, 0x2E, 0x20), spaced: true) != nil else { return nil }
        // Not inside a longer chain (a card or an account number written in groups).
        if k + 3 < area.chainEnd, phoneGap(input, chains, k + 2), input.gap(chains, k + 2).count == 1 { return nil }
        input.collectDigits(chains, k, k + 2, into: &digits)
        guard PhoneNumberValidator.isNANP(digits[...]) else { return nil }
        if parenthesized && k == i { start = area.start - 1 }
        if input.byte(before: start) == UInt8(ascii: "+") { start -= 1 }
        let score = hasKeyword(input, start) ? 0.95 : 0.85
        out.append(Candidate(type: .phone, range: start..<line.end, score: score, detector: "phone-nanp"))
        return k + 2
    }

    private func national(_ input: ScanInput, _ chains: DigitChains, _ i: Int, _ digits: inout [UInt8], _ out: inout [Candidate]) -> Int? {
        let groups = chains.groups
        let g = groups[i]
        guard hasKeyword(input, g.start) else { return nil }
        var total = 0
        var best: Int?
        var j = i
        while j < g.chainEnd {
            if j > i, !phoneGap(input, chains, j - 1) { break }
            total += groups[j].length
            if total > 12 { break }
            if !input.letterAfter(groups[j]), j > i || total >= 9 {
                if (total == 7 && input.bytes[g.start] != 48) || (total >= 9 && total <= 12 && input.bytes[g.start] == 48) { best = j }
            }
            j += 1
        }
        guard let best else { return nil }
        if best + 1 < g.chainEnd, phoneGap(input, chains, best) { return nil }
        out.append(Candidate(type: .phone, range: g.start..<groups[best].end, score: 0.7, detector: "phone-national"))
        return best
    }
}
