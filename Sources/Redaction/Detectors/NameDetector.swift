/// Person names, from three kinds of evidence, strongest first:
///
/// 1. an honorific (`Dr.`, `Mrs`, `Prof.`) before capitalized words (score 0.9);
/// 2. an introducing phrase: strong ones (`my name is`, `I'm`, `patient`, `signed`, `dear`) before a capitalized or
///    gazetteer word (0.85), weak ones (`hi`, `thanks`, `with`, `from`) before a gazetteer first name, in any case (0.75);
/// 3. the gazetteers (US Census first names and surnames) with capitalization: `First Last` (0.85), an unknown
///    capitalized word before a census surname (0.7), a lone capitalized first name (0.7, or 0.55 at the start of a
///    sentence), `first last` in lower case or `FIRST LAST` (0.6/0.7).
///
/// Common English words that are also names (`Will`, `May`, `Grace`, `Bill`) need a surname or context to count.
struct NameDetector: Detector {
    static let honorifics: Set<UInt64> = Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
                                              "rev", "reverend", "madam", "mister", "doctor", "nurse", "sr", "sra", "srta", "fr"].map { WordHash.of($0) })
    static let strong = KeywordSet(["my name is", "name is", "name", "names", "i am", "i m", "im", "this is", "call me", "named", "patient",
                                    "pt", "patient name", "signed", "regards", "sincerely", "best", "dear", "attn", "attention",
                                    "caregiver", "guardian", "mother", "father", "son", "daughter", "wife", "husband", "spouse",
                                    "it s", "its", "referred by", "seen by", "assigned to", "contact", "ask for", "speak with",
                                    "spoke with", "spoke to", "speak to", "talk to", "talked to", "emergency contact", "next of kin",
                                    "full name", "first name", "last name", "surname", "legal name", "patient is", "client", "customer",
                                    "user", "employee", "tenant", "resident", "member", "beneficiary", "insured", "cardholder",
                                    "account holder", "recipient", "sender", "driver", "passenger", "guest", "visitor"])
    static let weak = KeywordSet(["hi", "hello", "hey", "thanks", "thank you", "thx", "from", "with", "by", "for", "meet", "met",
                                  "saw", "see", "told", "tell", "ask", "asked", "cc", "and", "or", "ping", "cc", "via", "to",
                                  "bye", "love", "xoxo", "cheers", "congrats", "welcome", "sorry", "morning", "evening", "night",
                                  "friend", "colleague", "manager", "boss", "brother", "sister", "aunt", "uncle", "cousin",
                                  "grandma", "grandpa", "mom", "dad", "nephew", "niece", "neighbor", "roommate", "coworker"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        var t = 0
        while t < tokens.count {
            if let (end, score, detector) = match(input, t) {
                out.append(Candidate(type: .person, range: tokens[t].start..<tokens[end].end, score: score, detector: detector))
                t = end + 1
            } else {
                t += 1
            }
        }
    }

    /// Grammatical words that are also names ("Will you…", "May I…"): never a name without a surname.
    static let functionWords: Set<UInt64> = Set(["will", "may", "can", "must", "might", "shall", "so", "and", "or", "but", "the",
                                                 "a", "an", "to", "of", "in", "on", "at", "for", "by", "with", "is", "are", "was",
                                                 "be", "do", "did", "ok", "yes", "no", "hi", "hey", "my", "me", "we", "us"].map { WordHash.of($0) })
    /// Words that make a following name a place ("East Amy", "Lake Juan", "Port Stephen").
    static let placePrefixes: Set<UInt64> = Set(["north", "south", "east", "west", "lake", "port", "new", "fort", "mount", "saint",
                                                 "st", "san", "santa", "los", "las", "el", "la", "new", "glen", "mount", "point"].map { WordHash.of($0) })

    /// The word is part of a place name: after a capitalized place prefix, or before ", ST" (a US state).
    private func placeContext(_ input: ScanInput, _ t: Int) -> Bool {
        let tokens = input.tokens
        if t >= 1, tokens[t - 1].startsUpper, Self.placePrefixes.contains(tokens[t - 1].hash), joined(input, t - 1, t, allowPunctuation: false) { return true }
        var end = t
        while end + 1 < tokens.count, tokens[end + 1].isCapitalized, joined(input, end, end + 1, allowPunctuation: false), end - t < 3 { end += 1 }
        if end + 1 < tokens.count, tokens[end + 1].isAllUpper, tokens[end + 1].length == 2, AddressDetector.states.contains(tokens[end + 1].hash) {
            let gap = input.bytes[tokens[end].end..<tokens[end + 1].start]
            if gap.elementsEqual([UInt8(ascii: ","), 0x20]) { return true }
        }
        return false
    }

    private func isFirst(_ tok: Token) -> Bool { Gazetteer.firstNames[tok.hash] != nil }
    private func isSurname(_ tok: Token) -> Bool { Gazetteer.surnames[tok.hash] != nil }
    private func isCommon(_ tok: Token) -> Bool { Gazetteer.commonWords.contains(tok.hash) }

    /// Only spaces (or a comma and spaces, or a colon) between two tokens.
    private func joined(_ input: ScanInput, _ a: Int, _ b: Int, allowPunctuation: Bool) -> Bool {
        let gap = input.bytes[input.tokens[a].end..<input.tokens[b].start]
        guard !gap.isEmpty, gap.count <= 3 else { return false }
        return gap.allSatisfy { $0 == 0x20 || (allowPunctuation && ($0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "."))) }
    }

    private func sentenceInitial(_ input: ScanInput, _ t: Int) -> Bool {
        var p = input.tokens[t].start - 1
        let b = input.bytes
        while p >= 0, b[p] == 0x20 || b[p] == UInt8(ascii: "\"") || b[p] == UInt8(ascii: "'") || b[p] == UInt8(ascii: "(") { p -= 1 }
        return p < 0 || b[p] == UInt8(ascii: ".") || b[p] == UInt8(ascii: "!") || b[p] == UInt8(ascii: "?") || b[p] == 0x0A || b[p] == UInt8(ascii: ":")
    }

    /// A word that can continue a name: capitalized, letters only, not a common word (unless a census surname that
    /// is not common), or a middle initial.
    private func continues(_ input: ScanInput, _ t: Int) -> Bool {
        let tok = input.tokens[t]
        guard tok.isAllLetters else { return false }
        if tok.length == 1, tok.startsUpper { return true }
        if tok.isCapitalized { return !isCommon(tok) || (isSurname(tok) && Gazetteer.surnames[tok.hash, default: .max] < 2000 && !isFirst(tok)) }
        if tok.isAllUpper, tok.length >= 2 { return isSurname(tok) && !isCommon(tok) }
        return false
    }

    /// Extends a name starting at token `t` over following name words (at most three more).
    private func extend(_ input: ScanInput, _ t: Int, allowLowercaseSurname: Bool = false) -> Int {
        var end = t
        let tokens = input.tokens
        while end + 1 < tokens.count, end - t < 3, joined(input, end, end + 1, allowPunctuation: false) || initialDot(input, end) {
            let next = tokens[end + 1]
            if continues(input, end + 1) {
                // A single-letter word continues only as a middle initial followed by a surname.
                if next.length == 1 {
                    guard end + 2 < tokens.count, continues(input, end + 2), tokens[end + 2].length > 1 else { break }
                }
                end += 1
            } else if allowLowercaseSurname, next.isAllLower, isSurname(next), !isCommon(next) {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    /// `J. Smith`: a one-letter token followed by a dot and a space.
    private func initialDot(_ input: ScanInput, _ t: Int) -> Bool {
        let tok = input.tokens[t]
        guard tok.length == 1, t + 1 < input.tokens.count else { return false }
        let gap = input.bytes[tok.end..<input.tokens[t + 1].start]
        return gap.elementsEqual([UInt8(ascii: "."), 0x20])
    }

    private func match(_ input: ScanInput, _ t: Int) -> (Int, Double, String)? {
        let tokens = input.tokens
        let tok = tokens[t]
        guard tok.isAllLetters, tok.length >= 2 else { return nil }
        // 1. Honorific.
        if t >= 1, Self.honorifics.contains(tokens[t - 1].hash), tokens[t - 1].startsUpper || tokens[t - 1].isAllLower,
           joined(input, t - 1, t, allowPunctuation: true),
           ((tok.isCapitalized || tok.isAllUpper) && (!isCommon(tok) || isSurname(tok))) || (tok.isAllLower && isSurname(tok) && !isCommon(tok)) {
            return (extend(input, t), 0.9, "name-honorific")
        }
        // 2. Introducing phrase.
        if t >= 1, joined(input, t - 1, t, allowPunctuation: true) {
            let surnameNext = t + 1 < tokens.count && joined(input, t, t + 1, allowPunctuation: false) && isSurname(tokens[t + 1])
                && !isCommon(tokens[t + 1]) && tokens[t + 1].length >= 2
            let function = Self.functionWords.contains(tok.hash)
            if Self.strong.matches(endingAt: t - 1, in: tokens), !function {
                if (tok.isCapitalized && (!isCommon(tok) || isFirst(tok))) || (isFirst(tok) && (!isCommon(tok) || surnameNext)) {
                    return (extend(input, t, allowLowercaseSurname: tok.isAllLower), 0.85, "name-context")
                }
            }
            // A name that is also a word ("Amber", "Holly") counts after a greeting only when the sentence does not go
            // on as if it were a word: "hi Amber!" and "thanks Holly ty", not "hey, Amber alert".
            let standsAlone = t + 1 >= tokens.count || !joined(input, t, t + 1, allowPunctuation: false) || isCommon(tokens[t + 1])
            if Self.weak.matches(endingAt: t - 1, in: tokens), isFirst(tok), !function, !isCommon(tok) || surnameNext || (standsAlone && tok.isCapitalized),
               (tok.isCapitalized && !placeContext(input, t)) || tok.isAllLower {
                return (extend(input, t, allowLowercaseSurname: tok.isAllLower), 0.75, "name-context")
            }
        }
        // 3. Gazetteers and capitalization.
        if tok.isCapitalized, !placeContext(input, t) {
            let first = isFirst(tok), common = isCommon(tok)
            let nextContinues = t + 1 < tokens.count && joined(input, t, t + 1, allowPunctuation: false) && continues(input, t + 1) && tokens[t + 1].length > 1
            if first, nextContinues, !common || isSurname(tokens[t + 1]) {
                return (extend(input, t), 0.85, "name-gazetteer")
            }
            if first, !common {
                return (t, sentenceInitial(input, t) ? 0.55 : 0.7, "name-gazetteer")
            }
            if !common, nextContinues, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), !sentenceInitial(input, t) || isSurname(tok) {
                return (extend(input, t), 0.7, "name-gazetteer")
            }
        } else if tok.isAllUpper, tok.length >= 3, isFirst(tok), !isCommon(tok), t + 1 < tokens.count,
                  tokens[t + 1].isAllUpper, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), joined(input, t, t + 1, allowPunctuation: false) {
            return (t + 1, 0.7, "name-gazetteer")
        } else if tok.isAllLower, tok.length >= 3, isFirst(tok), !isCommon(tok), t + 1 < tokens.count,
                  tokens[t + 1].isAllLower, tokens[t + 1].length >= 3, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), !isFirst(tokens[t + 1]),
                  joined(input, t, t + 1, allowPunctuation: false) {
            return (t + 1, 0.6, "name-gazetteer")
        }
        return nil
    }
}
