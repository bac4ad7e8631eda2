/// Payment card networks by IIN range and length (ISO/IEC 7812; the ranges PCI DSS scoping uses).
public enum CardNetwork: String, Sendable, CaseIterable {
    case visa, mastercard, americanExpress, discover, jcb, dinersClub, unionPay, maestro, mir, uatp, rupay, verve

    /// The network of a card number's digits (ASCII), or `nil` when no range and length matches.
    static func identify(_ d: ArraySlice<UInt8>) -> CardNetwork? { identify(prefix: d, length: d.count) }

    /// The network for a number of `length` digits starting with `d` (at least its first six digits).
    static func identify(prefix d: ArraySlice<UInt8>, length n: Int) -> CardNetwork? {
        guard d.count >= 6 else { return nil }
        var p6 = 0
        var i = d.startIndex
        for _ in 0..<6 { p6 = p6 * 10 + ByteClass.digitValue(d[i]); i += 1 }
        let p1 = p6 / 100_000, p2 = p6 / 10_000, p3 = p6 / 1_000, p4 = p6 / 100
        if p1 == 4 { return [13, 16, 19].contains(n) ? .visa : nil }
        if (51...55).contains(p2) || (2221...2720).contains(p4) { return n == 16 ? .mastercard : nil }
        if p2 == 34 || p2 == 37 { return n == 15 ? .americanExpress : nil }
        if p4 == 6011 || (644...649).contains(p3) || p2 == 65 { return (16...19).contains(n) ? .discover : nil }
        if (622126...622925).contains(p6) { return (16...19).contains(n) ? .discover : nil }
        if (3528...3589).contains(p4) { return (16...19).contains(n) ? .jcb : nil }
        if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39 || p4 == 3095 { return (14...19).contains(n) ? .dinersClub : nil }
        if p2 == 62 || p2 == 81 { return (16...19).contains(n) ? .unionPay : nil }
        if (2200...2204).contains(p4) { return (16...19).contains(n) ? .mir : nil }
        if p2 == 60 || p2 == 65 || p2 == 81 || p2 == 82 || p3 == 508 || p3 == 353 || p3 == 356 {
            if (16...19).contains(n) { return .rupay }
        }
        if (506099...506198).contains(p6) || (650002...650027).contains(p6) || (507865...507964).contains(p6) {
            return (16...19).contains(n) ? .verve : nil
        }
        if p2 == 50 || (56...69).contains(p2) { return (12...19).contains(n) ? .maestro : nil }
        if p1 == 1 { return n == 15 ? .uatp : nil }
        return nil
    }
}
