/// Payment card numbers (PCI DSS PAN): 12–19 digits in any grouping of spaces, hyphens, dots or line breaks,
/// Luhn-valid and in a known IIN range for that length (``CardNetwork``). Score 1.
struct PaymentCardDetector: Detector {
    /// Words that name some other kind of number ("order", "batch", "account"): a Luhn-valid number right after
    /// one of them is reported only with a card keyword nearby too.
    static let otherNumberKeywords = KeywordSet(["order", "batch", "ref", "reference", "invoice", "tracking", "ticket", "case",
                                                 "job", "build", "confirmation", "transaction", "account", "acct", "serial",
                                                 "imei", "member", "policy", "routing", "mrn", "passport", "license", "npi"])
    static let cardKeywords = KeywordSet(["card", "credit card", "debit card", "cc", "visa", "mastercard", "amex", "discover",
                                          "card number", "card no", "pan", "cc#", "charge", "pay with", "billing card"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        var prefix: [UInt8] = []
        prefix.reserveCapacity(8)
        var i = 0
        while i < groups.count {
            let first = groups[i]
            if input.letterBefore(first) || first.length > 19 || input.byte(before: first.start) == UInt8(ascii: ".") && i > first.chainStart {
                i += 1; continue
            }
            // Luhn sums kept incrementally for both parities (which digits double depends on the final length), and
            // the first six digits for the IIN: each window costs O(1), each start O(19).
            var total = 0
            var best = -1
            var evenRaw = 0, oddRaw = 0, evenDoubled = 0, oddDoubled = 0
            prefix.removeAll(keepingCapacity: true)
            var j = i
            while j < first.chainEnd {
                if j > i {
                    let g = input.gap(chains, j - 1)
                    if g.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) { break }
                }
                let group = groups[j]
                if total + group.length > 19 { break }
                for p in group.start..<group.end {
                    let v = ByteClass.digitValue(input.bytes[p])
                    let doubled = v * 2 > 9 ? v * 2 - 9 : v * 2
                    if total % 2 == 0 { evenRaw += v; evenDoubled += doubled } else { oddRaw += v; oddDoubled += doubled }
                    if prefix.count < 8 { prefix.append(input.bytes[p]) }
                    total += 1
                }
                if total >= 12, !input.letterAfter(group) {
                    // Digits at distance 1, 3, 5… from the right double: even left positions when the length is even.
                    let sum = total % 2 == 0 ? evenDoubled + oddRaw : oddDoubled + evenRaw
                    if sum % 10 == 0, CardNetwork.identify(prefix: prefix[...], length: total) != nil { best = j }
                }
                j += 1
            }
            // A window inside a longer run of groups joined by the same hyphen or dot ("5861-1165-8322-0051") is not
            // a card: the whole run would be.
            if best >= 0 {
                let inside: UInt8? = best > i ? input.gapIs(chains, i, SeparatorSet(0x2D, 0x2E)) : nil
                let after: UInt8? = best + 1 < first.chainEnd ? input.gapIs(chains, best, SeparatorSet(0x2D, 0x2E)) : nil
                let before: UInt8? = i > first.chainStart ? input.gapIs(chains, i - 1, SeparatorSet(0x2D, 0x2E)) : nil
                if (after != nil && (inside == nil || inside == after)) || (before != nil && (inside == nil || inside == before)) {
                    best = -1
                }
            }
            if best >= 0 {
                let t = input.token(at: first.start)
                if Self.otherNumberKeywords.occurs(before: t, within: 2, in: input.tokens), !Self.cardKeywords.occurs(before: t, within: 6, in: input.tokens) {
                    i = best + 1
                    continue
                }
                out.append(Candidate(type: .creditCard, range: first.start..<groups[best].end, score: 1, detector: "payment-card"))
                i = best + 1
            } else {
                i += 1
            }
        }
    }
}
