/// A finding before overlap resolution, in normalized-byte offsets.
struct Candidate {
    var type: EntityType
    var range: Range<Int>
    var score: Double
    var detector: String
}

/// What every detector reads: the normalized bytes, their tokens, and the findings of the detectors that ran before
/// it (card details look for cards).
struct ScanInput {
    let text: ScanText
    let tokens: [Token]
    /// For each byte, the index of the token containing it or the next token after it (`tokens.count` at the end).
    let tokenAt: [Int32]
    /// The digit groups and chains, when the text has digits.
    let chains: DigitChains?

    init(_ text: ScanText) {
        self.text = text
        bytes = text.bytes
        tokens = Tokenizer.tokens(text.bytes)
        chains = text.bytes.contains(where: ByteClass.isDigit) ? DigitChains(text.bytes) : nil
        var index = [Int32](repeating: Int32(tokens.count), count: text.bytes.count + 1)
        var t = tokens.count - 1
        var i = text.bytes.count - 1
        while i >= 0 {
            while t >= 0, tokens[t].start > i { t -= 1 }
            // Token t starts at or before i: i is inside it, or after it (then the next token follows).
            if t >= 0, tokens[t].end > i { index[i] = Int32(t) } else { index[i] = Int32(t + 1) }
            i -= 1
        }
        tokenAt = index
    }

    /// The normalized bytes (stored: read in every detector's inner loop).
    let bytes: [UInt8]

    /// The index of the token that starts at or contains byte `i`, or the next one.
    func token(at i: Int) -> Int { Int(tokenAt[min(max(i, 0), tokenAt.count - 1)]) }
}

/// A detector: reads the input and appends candidates. Detectors are stateless values; configuration lives in
/// their stored properties.
protocol Detector: Sendable {
    func detect(_ input: ScanInput, _ candidates: inout [Candidate])
}

/// Shared boundary checks.
extension ScanInput {
    /// No letter or digit touches byte range `range` on either side.
    func isWordBounded(_ range: Range<Int>) -> Bool {
        let b = bytes
        if range.lowerBound > 0, ByteClass.isAlphanumeric(b[range.lowerBound - 1]) { return false }
        if range.upperBound < b.count, ByteClass.isAlphanumeric(b[range.upperBound]) { return false }
        return true
    }

    /// The byte before `i`, or a space.
    func byte(before i: Int) -> UInt8 { i > 0 ? bytes[i - 1] : 0x20 }
    /// The byte at `i`, or a space past the end.
    func byte(at i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0x20 }
}
