/// A tenant-supplied pattern in a small regular-expression subset that cannot blow up: a sequence of literals and
/// character classes, each with a *bounded* repetition. Matching runs an automaton over the pattern's expanded
/// positions (at most ``maximumPositions``), so a scan costs O(text length × positions) whatever the input.
///
/// Syntax: literal characters; `\d` `\w` `\s` `\D` `\W` `\S`; escaped punctuation (`\.`, `\-`, `\#`); `.` (any
/// byte but a line break); classes `[A-Z0-9_-]` and negated classes `[^…]`; quantifiers `?`, `{n}`, `{n,m}` (with
/// m ≤ 64). Not supported, and refused with ``RedactionError/Code/invalidPattern``: `*`, `+`, `{n,}`, alternation,
/// groups, anchors, backreferences, lookaround.
///
/// Patterns match the scanner's normalized text (NFKC, ASCII digits), so `\d` also finds full-width digits.
public struct BoundedPattern: Sendable, Hashable {
    /// The pattern as written.
    public let source: String
    /// Whether letters match regardless of case.
    public let caseInsensitive: Bool
    /// One 256-bit byte set per expanded position, and whether that position may be skipped.
    let classes: [ByteSet]
    /// For an optional position: the first position after its element (skipping every remaining optional copy).
    let skipTo: [Int]

    /// The largest number of expanded positions (sum of every element's maximum repetition) a pattern may have.
    public static let maximumPositions = 256

    /// Compiles `source`.
    /// - Throws: ``RedactionError`` with code `invalidPattern` when the pattern uses unsupported syntax, is empty, or
    ///   exceeds ``maximumPositions``.
    public init(_ source: String, caseInsensitive: Bool = false) throws {
        self.source = source
        self.caseInsensitive = caseInsensitive
        var elements: [(ByteSet, Int, Int)] = []
        let s = Array(source.utf8)
        guard !s.isEmpty, s.count <= 1024 else { throw RedactionError(.invalidPattern, "empty or longer than 1024 bytes") }
        var i = 0
        while i < s.count {
            var set: ByteSet
            let c = s[i]
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < s.count else { throw RedactionError(.invalidPattern, "dangling escape") }
                set = try Self.escape(s[i + 1])
                i += 2
            case UInt8(ascii: "["):
                (set, i) = try Self.bracket(s, i + 1)
            case UInt8(ascii: "."):
                set = ByteSet.all.subtracting(ByteSet(bytes: [0x0A]))
                i += 1
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?"), UInt8(ascii: "]"):
                throw RedactionError(.invalidPattern, "unsupported or misplaced operator (only bounded repetition is allowed)")
            default:
                set = ByteSet(bytes: [c])
                i += 1
            }
            var minimum = 1, maximum = 1
            if i < s.count, s[i] == UInt8(ascii: "?") {
                minimum = 0; i += 1
            } else if i < s.count, s[i] == UInt8(ascii: "{") {
                (minimum, maximum, i) = try Self.braces(s, i + 1)
            }
            if caseInsensitive { set = set.caseFolded() }
            elements.append((set, minimum, maximum))
        }
        var classes: [ByteSet] = []
        var skipTo: [Int] = []
        for (set, minimum, maximum) in elements {
            let end = classes.count + maximum
            for k in 0..<maximum {
                classes.append(set)
                skipTo.append(k >= minimum ? end : -1)
            }
        }
        guard classes.count <= Self.maximumPositions else { throw RedactionError(.invalidPattern, "pattern too long once repetitions are expanded") }
        guard skipTo.contains(-1) else { throw RedactionError(.invalidPattern, "the pattern can match the empty string") }
        self.classes = classes
        self.skipTo = skipTo
    }

    private static func escape(_ c: UInt8) throws -> ByteSet {
        switch c {
        case UInt8(ascii: "d"): return ByteSet.digits
        case UInt8(ascii: "D"): return ByteSet.all.subtracting(.digits)
        case UInt8(ascii: "w"): return ByteSet.word
        case UInt8(ascii: "W"): return ByteSet.all.subtracting(.word)
        case UInt8(ascii: "s"): return ByteSet.space
        case UInt8(ascii: "S"): return ByteSet.all.subtracting(.space)
        default:
            guard !ByteClass.isAlphanumeric(c) else { throw RedactionError(.invalidPattern, "unknown escape") }
            return ByteSet(bytes: [c])
        }
    }

    private static func bracket(_ s: [UInt8], _ start: Int) throws -> (ByteSet, Int) {
        var i = start
        var negated = false
        if i < s.count, s[i] == UInt8(ascii: "^") { negated = true; i += 1 }
        var set = ByteSet()
        var first = true
        while i < s.count, s[i] != UInt8(ascii: "]") || first {
            first = false
            var lo = s[i]
            if lo == UInt8(ascii: "\\") {
                guard i + 1 < s.count else { throw RedactionError(.invalidPattern, "dangling escape") }
                let e = try escape(s[i + 1])
                i += 2
                if e.count > 1 { set = set.union(e); continue }
                lo = e.first
            } else {
                i += 1
            }
            if i + 1 < s.count, s[i] == UInt8(ascii: "-"), s[i + 1] != UInt8(ascii: "]") {
                let hi = s[i + 1]
                guard hi >= lo else { throw RedactionError(.invalidPattern, "reversed range") }
                set = set.union(ByteSet(range: lo...hi))
                i += 2
            } else {
                set = set.union(ByteSet(bytes: [lo]))
            }
        }
        guard i < s.count else { throw RedactionError(.invalidPattern, "unterminated class") }
        return (negated ? ByteSet.all.subtracting(set) : set, i + 1)
    }

    private static func braces(_ s: [UInt8], _ start: Int) throws -> (Int, Int, Int) {
        var i = start
        func number() throws -> Int {
            let from = i
            var v = 0
            while i < s.count, ByteClass.isDigit(s[i]), i - from < 3 { v = v * 10 + ByteClass.digitValue(s[i]); i += 1 }
            guard i > from else { throw RedactionError(.invalidPattern, "bad repetition count") }
            return v
        }
        let minimum = try number()
        var maximum = minimum
        if i < s.count, s[i] == UInt8(ascii: ",") {
            i += 1
            maximum = try number()
        }
        guard i < s.count, s[i] == UInt8(ascii: "}") else { throw RedactionError(.invalidPattern, "unterminated or unbounded repetition") }
        guard maximum >= minimum, maximum >= 1, maximum <= 64 else { throw RedactionError(.invalidPattern, "repetition bounds out of range") }
        return (minimum, maximum, i + 1)
    }

    /// Leftmost-longest, non-overlapping matches in `bytes`.
    func matches(in bytes: [UInt8]) -> [Range<Int>] {
        let positions = classes.count
        var results: [Range<Int>] = []
        // state[p] = earliest start of a thread waiting at position p, or -1.
        var current = [Int](repeating: -1, count: positions + 1)
        var next = current
        var from = 0
        while from < bytes.count {
            for p in 0...positions { current[p] = -1 }
            var best: Range<Int>?
            var i = from
            var active = false
            while i <= bytes.count {
                // New thread at i (lower priority than existing ones: they started earlier).
                if best == nil { add(&current, 0, i) }
                if current[positions] >= 0 {
                    let start = current[positions]
                    if best == nil || start < best!.lowerBound || (start == best!.lowerBound && i > best!.upperBound) { best = start..<i }
                }
                guard i < bytes.count else { break }
                let c = bytes[i]
                for p in 0...positions { next[p] = -1 }
                active = false
                for p in 0..<positions where current[p] >= 0 {
                    let start = current[p]
                    if let b = best, start > b.lowerBound { continue }
                    if classes[p].contains(c) { add(&next, p + 1, start); active = true }
                }
                swap(&current, &next)
                i += 1
                if !active, best != nil { break }
            }
            guard let b = best else { break }
            results.append(b)
            from = max(b.upperBound, b.lowerBound + 1)
        }
        return results
    }

    /// Adds a thread at position `p` with `start`, following skips of optional positions; keeps the earliest start.
    private func add(_ states: inout [Int], _ p: Int, _ start: Int) {
        var q = p
        while true {
            if states[q] >= 0, states[q] <= start { return }
            states[q] = start
            guard q < classes.count, skipTo[q] >= 0 else { return }
            q = skipTo[q]
        }
    }
}

/// A set of bytes, as a 256-bit bitmap.
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}
    init(bytes: [UInt8]) { for b in bytes { insert(b) } }
    init(range: ClosedRange<UInt8>) { for b in range { insert(b) } }

    static let all: ByteSet = ByteSet(range: 0...255)
    static let digits = ByteSet(range: 48...57)
    static let space = ByteSet(bytes: [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C])
    static let word: ByteSet = ByteSet(range: 48...57).union(ByteSet(range: 65...90)).union(ByteSet(range: 97...122)).union(ByteSet(bytes: [95]))

    mutating func insert(_ b: UInt8) {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    func union(_ o: ByteSet) -> ByteSet {
        var r = ByteSet()
        r.words = (words.0 | o.words.0, words.1 | o.words.1, words.2 | o.words.2, words.3 | o.words.3)
        return r
    }

    func subtracting(_ o: ByteSet) -> ByteSet {
        var r = ByteSet()
        r.words = (words.0 & ~o.words.0, words.1 & ~o.words.1, words.2 & ~o.words.2, words.3 & ~o.words.3)
        return r
    }

    func caseFolded() -> ByteSet {
        var r = self
        for b in UInt8(65)...UInt8(90) where contains(b) || contains(b | 0x20) { r.insert(b); r.insert(b | 0x20) }
        return r
    }

    var count: Int { words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount }
    var first: UInt8 {
        for b in 0...255 where contains(UInt8(b)) { return UInt8(b) }
        return 0
    }

    static func == (a: ByteSet, b: ByteSet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}
