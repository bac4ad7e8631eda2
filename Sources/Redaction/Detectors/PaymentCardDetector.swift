/// Payment card numbers (PCI DSS PAN): 12–19 digits in any grouping of spaces, hyphens, dots or line breaks,
/// Luhn-valid and in a known IIN range for that length (``CardNetwork``). Score 1.
struct PaymentCardDetector: Detector {
    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        var digits: [UInt8] = []
        digits.reserveCapacity(19)
        var i = 0
        while i < groups.count {
            let first = groups[i]
            if input.letterBefore(first) || first.length > 19 || input.byte(before: first.start) == UInt8(ascii: ".") && i > first.chainStart {
                i += 1; continue
            }
            var total = 0
            var best = -1
            var j = i
            while j < first.chainEnd {
                if j > i {
                    let g = input.gap(chains, j - 1)
                    if g.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) { break }
                }
                total += groups[j].length
                if total > 19 { break }
                if total >= 12, !input.letterAfter(groups[j]) {
                    input.collectDigits(chains, i, j, into: &digits)
                    if Checks.luhn(digits[...]), CardNetwork.identify(digits[...]) != nil { best = j }
                }
                j += 1
            }
            if best >= 0 {
                out.append(Candidate(type: .creditCard, range: first.start..<groups[best].end, score: 1, detector: "payment-card"))
                i = best + 1
            } else {
                i += 1
            }
        }
    }
}
