/// Card verification codes and expiry dates (PCI DSS: never stored after authorization): after their keywords
/// (`cvv`, `cvc`, `security code`; `exp`, `expires`, `valid thru`), or right after a card number found by
/// ``PaymentCardDetector`` (which must run first).
struct CardDetailsDetector: Detector {
    static let cvvKeywords = KeywordSet(["cvv", "cvc", "cvv2", "cvc2", "csc", "cid", "security code", "card code",
                                         "verification code", "cvn", "cav2", "cvd", "3 digit code", "code on the back"])
    static let cardWords = KeywordSet(["card", "credit card", "debit card", "visa", "mastercard", "amex", "discover", "cc",
                                       "cvv", "cvc", "card number", "cardholder"])
    /// Words that mean the verification code only right after a card ("code 4892", "SEC 398").
    static let nearCardKeywords = KeywordSet(["code", "sec", "security", "cvv code", "cv", "digits on the back", "back"])
    static let expiryKeywords = KeywordSet(["exp", "expiry", "expires", "expiration", "expiration date", "exp date",
                                            "valid thru", "valid through", "good thru", "valid until", "expiring", "exp."])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        let b = input.bytes
        // Where card numbers (and then expiries) end: details must follow within this many bytes.
        let cardEnds = out.filter { $0.type == .creditCard }.map(\.range.upperBound).sorted()
        var lastExpiryEnd = -1
        /// The nearest card or expiry end at or before `start` (binary search: no quadratic blow-up on many cards).
        func anchor(before start: Int) -> Int? {
            var lo = 0, hi = cardEnds.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cardEnds[mid] <= start { lo = mid + 1 } else { hi = mid }
            }
            let card = lo > 0 ? cardEnds[lo - 1] : -1
            let best = max(card, lastExpiryEnd <= start ? lastExpiryEnd : -1)
            return best >= 0 ? best : nil
        }
        func nearAnchor(_ start: Int, _ window: Int) -> Bool {
            guard let a = anchor(before: start) else { return false }
            return start - a <= window
        }
        let cardContext = !cardEnds.isEmpty || input.tokens.indices.contains { Self.cardWords.matches(endingAt: $0, in: input.tokens) }
        var i = 0
        while i < groups.count {
            let g = groups[i]
            defer { i += 1 }
            guard !input.letterBefore(g), input.byte(before: g.start) != UInt8(ascii: "."), input.byte(before: g.start) != UInt8(ascii: ",") else { continue }
            let t = input.token(at: g.start)
            // An expiry keyword counts only in a message about a card ("Lot 4J88213 exp 11/2026" is a medicine).
            let expiryKeyword = Self.expiryKeywords.occurs(before: t, within: 3, in: input.tokens) && cardContext
            // MMYY after an expiry keyword ("expiry 1128", "valid thru 0830").
            if g.length == 4, expiryKeyword, g.chainEnd - i == 1 || input.gapIs(chains, i, SeparatorSet(0x2F, 0x2D)) == nil, !input.letterAfter(g),
               (1...12).contains(Checks.number(b[g.start..<(g.start + 2)])) {
                out.append(Candidate(type: .cardExpiry, range: g.start..<g.end, score: 0.9, detector: "card-expiry"))
                lastExpiryEnd = g.end
                continue
            }
            // MM/YY or MM/YYYY (also "02 / 29"), not the tail of a DD/MM/YYYY date.
            let partOfDate = i > g.chainStart && input.gapIs(chains, i - 1, SeparatorSet(0x2F, 0x2D, 0x2E)) != nil
            if i + 1 < g.chainEnd, g.length <= 2, !partOfDate, input.gapIs(chains, i, SeparatorSet(0x2F, 0x2D), spaced: true) != nil {
                let y = groups[i + 1]
                let month = Checks.number(b[g.start..<g.end])
                let closed = i + 2 >= g.chainEnd || input.gapIs(chains, i + 1, SeparatorSet(0x2F, 0x2D)) == nil
                if (1...12).contains(month), y.length == 2 || y.length == 4, closed, !input.letterAfter(y) {
                    let keyword = expiryKeyword
                    if keyword || nearAnchor(g.start, 40) {
                        out.append(Candidate(type: .cardExpiry, range: g.start..<y.end, score: keyword ? 0.95 : 0.8, detector: "card-expiry"))
                        lastExpiryEnd = y.end
                        i += 1
                        continue
                    }
                }
            }
            // CVV: three or four digits standing alone.
            guard g.length == 3 || g.length == 4, !input.letterAfter(g),
                  input.byte(at: g.end) != UInt8(ascii: ".") || !ByteClass.isDigit(input.byte(at: g.end + 1)),
                  input.byte(at: g.end) != UInt8(ascii: "/"), input.byte(at: g.end) != UInt8(ascii: "-") || i + 1 >= g.chainEnd else { continue }
            if Self.cvvKeywords.occurs(before: t, within: 3, in: input.tokens)
                || (nearAnchor(g.start, 60) && Self.nearCardKeywords.occurs(before: t, within: 2, in: input.tokens)) {
                out.append(Candidate(type: .cardVerificationCode, range: g.start..<g.end, score: 0.95, detector: "card-cvv"))
            } else if nearAnchor(g.start, 24), b[(anchor(before: g.start) ?? g.start)..<g.start].allSatisfy({ !ByteClass.isDigit($0) }) {
                out.append(Candidate(type: .cardVerificationCode, range: g.start..<g.end, score: 0.7, detector: "card-cvv"))
            }
        }
    }
}
