/// A word of the normalized text: a maximal run of letters and digits (non-ASCII bytes count as letters).
struct Token {
    /// Byte offsets in the normalized text.
    let start: Int
    let end: Int
    /// FNV-1a hash of the lower-cased bytes: keywords and gazetteers are looked up by it without allocating.
    let hash: UInt64
    /// Shape flags.
    let digitCount: Int
    let letterCount: Int
    let upperCount: Int
    /// The first byte is an upper-case ASCII letter.
    let startsUpper: Bool

    var length: Int { end - start }
    var isAllDigits: Bool { digitCount == length }
    var isAllLetters: Bool { letterCount == length }
    /// `Smith`: an upper-case initial and lower-case letters after it.
    var isCapitalized: Bool { startsUpper && upperCount == 1 && letterCount == length && length >= 2 }
    /// `SMITH`.
    var isAllUpper: Bool { upperCount == length && length >= 2 }
    /// `smith`.
    var isAllLower: Bool { upperCount == 0 && letterCount == length }
}

/// FNV-1a over lower-cased bytes; the hash tokens and keywords share.
enum WordHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(ByteClass.lower(byte))) &* prime
    }

    /// The hash of a word given as a string.
    static func of(_ word: String) -> UInt64 {
        var h = offset
        for b in word.utf8 { h = step(h, b) }
        return h
    }
}

/// Splits normalized bytes into tokens, in one pass.
enum Tokenizer {
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5 + 1)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            guard ByteClass.isAlphanumeric(b) else { i += 1; continue }
            let start = i
            var h = WordHash.offset
            var digits = 0, letters = 0, upper = 0
            while i < n {
                let c = bytes[i]
                if ByteClass.isDigit(c) { digits += 1 } else if ByteClass.isLetter(c) {
                    letters += 1
                    if ByteClass.isUpper(c) { upper += 1 }
                } else { break }
                h = WordHash.step(h, c)
                i += 1
            }
            tokens.append(Token(start: start, end: i, hash: h, digitCount: digits, letterCount: letters,
                                upperCount: upper, startsUpper: ByteClass.isUpper(b)))
        }
        return tokens
    }
}
