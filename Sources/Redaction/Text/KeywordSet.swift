/// A set of context phrases ("medical record", "mrn", "date of birth"), matched against the tokens before or after
/// a candidate by word hash, case-insensitively and without allocating.
struct KeywordSet: Sendable {
    /// Last word's hash → the phrases (as hash sequences) ending with it.
    private let byLastWord: [UInt64: [[UInt64]]]

    /// Phrases, each a space-separated lower-case word sequence; punctuation inside a phrase is ignored the same way
    /// the tokenizer ignores it (`d.o.b` is the words `d`, `o`, `b`).
    init(_ phrases: [String]) {
        var map: [UInt64: [[UInt64]]] = [:]
        for phrase in phrases {
            let words = phrase.split(whereSeparator: { c in !(c.isLetter || c.isNumber) }).map { WordHash.of(String($0)) }
            guard let last = words.last else { continue }
            map[last, default: []].append(words)
        }
        byLastWord = map
    }

    /// Whether a phrase ends exactly at token `index`.
    func matches(endingAt index: Int, in tokens: [Token]) -> Bool {
        guard index >= 0, index < tokens.count, let phrases = byLastWord[tokens[index].hash] else { return false }
        for words in phrases where words.count <= index + 1 {
            var ok = true
            var t = index
            for w in words.reversed() {
                if tokens[t].hash != w { ok = false; break }
                t -= 1
            }
            if ok { return true }
        }
        return false
    }

    /// Whether a phrase ends within the `window` tokens before token `index`.
    func occurs(before index: Int, within window: Int, in tokens: [Token]) -> Bool {
        var t = index - 1
        let stop = max(0, index - window)
        while t >= stop {
            if matches(endingAt: t, in: tokens) { return true }
            t -= 1
        }
        return false
    }

    /// Whether a phrase ends within the `window` tokens before token `index` in the same sentence: no `.`, `!` or
    /// `?` followed by a space, and no line break, between the phrase and the token.
    func occursInSentence(before index: Int, within window: Int, in tokens: [Token], bytes: [UInt8]) -> Bool {
        var t = index - 1
        let stop = max(0, index - window)
        while t >= stop {
            let gap = bytes[tokens[t].end..<tokens[t + 1].start]
            if gap.contains(0x0A) { return false }
            var previous: UInt8 = 0
            for c in gap {
                if c == 0x20, previous == UInt8(ascii: ".") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "?") { return false }
                previous = c
            }
            if matches(endingAt: t, in: tokens) { return true }
            t -= 1
        }
        return false
    }

    /// Whether a phrase ends within the `window` tokens after token `index`.
    func occurs(after index: Int, within window: Int, in tokens: [Token]) -> Bool {
        var t = index + 1
        let stop = min(tokens.count - 1, index + window + 2)
        while t <= stop {
            if matches(endingAt: t, in: tokens) { return true }
            t += 1
        }
        return false
    }

    /// Whether the single word `hash` is one of the phrases.
    func contains(word hash: UInt64) -> Bool {
        byLastWord[hash]?.contains(where: { $0.count == 1 }) ?? false
    }
}
