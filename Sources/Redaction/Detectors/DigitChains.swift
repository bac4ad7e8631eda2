/// A maximal run of ASCII digits.
struct DigitGroup {
    let start: Int
    let end: Int
    /// The chain this group belongs to: groups `chainStart..<chainEnd` of ``DigitChains/groups``.
    var chainStart = 0
    var chainEnd = 0
    var length: Int { end - start }
}

/// The text's digit groups, linked into chains: consecutive groups whose gap is one to three separator bytes
/// (space, tab, newline, `-`, `.`, `/`, `(`, `)`), so `4111 1111-1111.1111`, `(212) 555-0100` and `12/05/2024` are
/// each one chain. Built once per scan in one pass; card, ID, phone and date detectors slide bounded windows over
/// the chains, so a scan stays linear in the text however long its digit runs are.
struct DigitChains {
    private(set) var groups: [DigitGroup] = []

    init(_ b: [UInt8]) {
        var i = 0
        let n = b.count
        while i < n {
            guard ByteClass.isDigit(b[i]) else { i += 1; continue }
            let start = i
            while i < n, ByteClass.isDigit(b[i]) { i += 1 }
            groups.append(DigitGroup(start: start, end: i))
        }
        var chainStart = 0
        for k in 0..<groups.count {
            if k > 0, !Self.isSeparatorGap(b, groups[k - 1].end, groups[k].start) {
                for c in chainStart..<k { groups[c].chainStart = chainStart; groups[c].chainEnd = k }
                chainStart = k
            }
        }
        for c in chainStart..<groups.count { groups[c].chainStart = chainStart; groups[c].chainEnd = groups.count }
    }

    static func isSeparator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "/") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
    }

    static func isSeparatorGap(_ b: [UInt8], _ from: Int, _ to: Int) -> Bool {
        let len = to - from
        guard len >= 1, len <= 3 else { return false }
        for i in from..<to where !isSeparator(b[i]) { return false }
        return true
    }
}

extension ScanInput {
    /// The gap bytes between groups `a` and `a + 1`.
    func gap(_ chains: DigitChains, _ a: Int) -> ArraySlice<UInt8> {
        bytes[chains.groups[a].end..<chains.groups[a + 1].start]
    }

    /// The gap is exactly one byte in `allowed`, or (when `spaced`) that byte with spaces around it; returns it.
    func gapIs(_ chains: DigitChains, _ a: Int, _ allowed: SeparatorSet, spaced: Bool = false) -> UInt8? {
        let from = chains.groups[a].end, to = chains.groups[a + 1].start
        let b = bytes
        if to - from == 1, allowed.contains(b[from]) { return b[from] }
        if spaced {
            var found: UInt8?
            for i in from..<to where b[i] != 0x20 {
                guard found == nil, allowed.contains(b[i]) else { return nil }
                found = b[i]
            }
            return found
        }
        return nil
    }

    /// A letter touches the group's left edge.
    func letterBefore(_ g: DigitGroup) -> Bool { g.start > 0 && ByteClass.isLetter(bytes[g.start - 1]) }
    /// A letter touches the group's right edge.
    func letterAfter(_ g: DigitGroup) -> Bool { g.end < bytes.count && ByteClass.isLetter(bytes[g.end]) }

    /// Copies the digits of groups `a...b` into `buffer`.
    func collectDigits(_ chains: DigitChains, _ a: Int, _ b: Int, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        for k in a...b {
            let g = chains.groups[k]
            buffer.append(contentsOf: bytes[g.start..<g.end])
        }
    }
}

/// A set of separator bytes (all below 64), without allocating.
struct SeparatorSet {
    let mask: UInt64
    init(_ a: UInt8) { mask = 1 << UInt64(a & 63) }
    init(_ a: UInt8, _ b: UInt8) { mask = 1 << UInt64(a & 63) | 1 << UInt64(b & 63) }
    init(_ a: UInt8, _ b: UInt8, _ c: UInt8) { mask = 1 << UInt64(a & 63) | 1 << UInt64(b & 63) | 1 << UInt64(c & 63) }
    @inline(__always) func contains(_ byte: UInt8) -> Bool { byte < 64 && mask & (1 << UInt64(byte)) != 0 }
}
