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
                                              "rev", "reverend", "madam", "mister", "doctor", "nurse", "sr", "sra", "srta", "fr",
                                              "doc", "dra", "mme", "mlle", "herr", "frau", "sgt", "capt", "coach"].map { WordHash.of($0) })
    static let abbreviatedHonorifics: Set<UInt64> = Set(["mr", "mrs", "ms", "mx", "dr", "prof", "doc", "dra", "rev", "sr", "sra", "srta", "mme", "mlle"].map { WordHash.of($0) })
    static let strong = KeywordSet(["my name is", "name is", "name", "names", "i am", "i m", "im", "this is", "call me", "named", "patient",
                                    "pt", "patient name", "signed", "regards", "sincerely", "best", "dear", "attn", "attention",
                                    "caregiver", "guardian", "mother", "father", "son", "daughter", "wife", "husband", "spouse",
                                    "it s", "its", "referred by", "seen by", "assigned to", "contact", "ask for", "speak with",
                                    "spoke with", "spoke to", "speak to", "talk to", "talked to", "emergency contact", "next of kin",
                                    "full name", "first name", "last name", "surname", "legal name", "patient is", "client", "customer",
                                    "user", "employee", "tenant", "resident", "member", "beneficiary", "insured", "cardholder",
                                    "account holder", "recipient", "sender", "driver", "passenger", "guest", "visitor", "agent",
                                    "support agent", "rep", "representative", "neighbor", "neighbour", "grandson", "granddaughter",
                                    "nephew", "niece", "pcp", "provider", "technician", "pharmacist", "doctor is", "authorized user",
                                    "my son", "my daughter", "my mom", "my dad", "my wife", "my husband", "caller", "applicant",
                                    "name:", "patient name", "pt name", "insured name", "forwarding from", "on behalf of",
                                    "holder is", "policy holder", "policyholder", "account holder is", "asking for", "claim for",
                                    "accountant", "lawyer", "attorney", "dentist", "therapist", "tech", "pharmacy tech",
                                    "assistant", "coordinator", "advisor", "adviser", "officer", "nurse practitioner",
                                    "case manager", "social worker", "caseworker", "surgeon", "physician", "my son", "my daughter",
                                    "brother", "sister", "son", "daughter", "wife", "husband", "partner", "fiance", "fiancee"])
    /// Weak phrases that address a person directly: unknown capitalized words after them count as names.
    static let addressing = KeywordSet(["hi", "hello", "hey", "thanks", "thank you", "thx", "ty", "ask", "tell", "told", "ping",
                                        "gracias", "merci", "danke", "obrigado", "obrigada", "hola", "bonjour", "hallo", "ciao",
                                        "cc", "love", "bye", "congrats", "welcome", "sorry", "dear", "xoxo", "cheers", "yo",
                                        "neighbor", "neighbour", "colleague", "coworker", "roommate", "friend", "cousin", "aunt",
                                        "uncle", "brother", "sister", "boss", "manager"])
    static let weak = KeywordSet(["hi", "hello", "hey", "thanks", "thank you", "thx", "from", "with", "by", "for", "meet", "met",
                                  "saw", "see", "told", "tell", "ask", "asked", "cc", "and", "or", "ping", "cc", "via", "to",
                                  "bye", "love", "xoxo", "cheers", "congrats", "welcome", "sorry", "morning", "evening", "night",
                                  "friend", "colleague", "manager", "boss", "brother", "sister", "aunt", "uncle", "cousin",
                                  "grandma", "grandpa", "mom", "dad", "nephew", "niece", "neighbor", "roommate", "coworker"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        var detector = self
        detector.addressEnds = Set(out.filter { $0.type == .streetAddress }.map(\.range.upperBound))
        detector.run(input, &out)
    }

    /// Where street addresses found earlier end (for "Dr." as a street suffix).
    var addressEnds: Set<Int> = []

    private func run(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        var t = 0
        while t < tokens.count {
            if let (start, end, score, detector) = matchInitial(input, t) ?? match(input, t).map({ (t, $0.0, $0.1, $0.2) })
                ?? matchSignOff(input, t) ?? matchPossessive(input, t) {
                out.append(Candidate(type: .person, range: tokens[start].start..<tokens[end].end, score: score, detector: detector))
                t = end + 1
                // "Venkatesh & Thandiwe", "Agnieszka and Kwame": a second name joined to the first.
                if t + 1 < tokens.count, Self.conjunctions.contains(tokens[t].hash) || input.bytes[tokens[end].end..<tokens[t].start].contains(UInt8(ascii: "&")) {
                    let joiner = Self.conjunctions.contains(tokens[t].hash) ? t : t - 1
                    let next = joiner + 1
                    if next < tokens.count, next > end, isNameCased(input, tokens[next]), !isCommon(tokens[next]), !Self.brands.contains(tokens[next].hash),
                       tokens[next].start - tokens[end].end <= 6 {
                        let last = extendLoose(input, next)
                        out.append(Candidate(type: .person, range: tokens[next].start..<tokens[last].end, score: max(score - 0.1, 0.6), detector: detector))
                        t = last + 1
                    }
                }
            } else {
                t += 1
            }
        }
    }

    static let particles: Set<UInt64> = Set(["van", "von", "den", "der", "de", "da", "di", "du", "la", "le", "del", "della",
                                             "bin", "binti", "al", "el", "ter", "ten", "dos", "das"].map { WordHash.of($0) })
    /// A name starts with a letter: ASCII, or a two- or three-byte UTF-8 letter — not an emoji (four-byte) or a symbol
    /// or punctuation from U+2000–U+2FFF (lead byte 0xE2).
    static func canStartName(_ lead: UInt8) -> Bool { lead < 0x80 || (lead >= 0xC3 && lead < 0xF0 && lead != 0xE2) }

    /// "Don't", "Won't": a word followed by 't.
    private func isContraction(_ input: ScanInput, _ t: Int) -> Bool {
        let b = input.bytes
        let end = input.tokens[t].end
        if end + 1 < b.count, b[end] == UInt8(ascii: "'"), b[end + 1] | 0x20 == UInt8(ascii: "t") { return true }
        if end + 3 < b.count, b[end] == 0xE2, b[end + 1] == 0x80, b[end + 2] == 0x99, b[end + 3] | 0x20 == UInt8(ascii: "t") { return true }
        return false
    }

    /// A message that ends with "- zawadi wanjiku" or "— Niamh": one to three name-like words after a dash at the end.
    private func matchSignOff(_ input: ScanInput, _ t: Int) -> (Int, Int, Double, String)? {
        let tokens = input.tokens
        let b = input.bytes
        guard t >= 1 || tokens[t].start > 0 else { return nil }
        let before = b[(t >= 1 ? tokens[t - 1].end : 0)..<tokens[t].start]
        // " - name" or " — name": the dash stands apart from the word before it (not "3-pack").
        guard before.first == 0x20 || t == 0, before.contains(UInt8(ascii: "-")) || before.contains(0xE2) else { return nil }
        var end = t
        while end + 1 < tokens.count, end - t < 2, joined(input, end, end + 1, allowPunctuation: false) { end += 1 }
        // Nothing but punctuation, spaces or emoji after.
        guard b[tokens[end].end...].allSatisfy({ !ByteClass.isASCIILetter($0) && !ByteClass.isDigit($0) }) else { return nil }
        for k in t...end {
            let tok = tokens[k]
            guard tok.isAllLetters, tok.length >= 2, Self.canStartName(b[tok.start]), !isCommon(tok), !Self.functionWords.contains(tok.hash),
                  !Self.brands.contains(tok.hash), isNameCased(input, tok) || tok.isAllLower || tok.isAllUpper else { return nil }
        }
        return (t, end, 0.6, "name-sign-off")
    }

    /// "Loïc's address", "Aiyana's partner": a name-cased word owning something only people have.
    private func matchPossessive(_ input: ScanInput, _ t: Int) -> (Int, Int, Double, String)? {
        let tokens = input.tokens
        let b = input.bytes
        let tok = tokens[t]
        guard tok.isAllLetters, tok.length >= 2, isNameCased(input, tok), !isCommon(tok), !Self.brands.contains(tok.hash), t + 2 < tokens.count else { return nil }
        let gap = b[tok.end..<tokens[t + 1].start]
        guard gap.elementsEqual([UInt8(ascii: "'")]) || gap.elementsEqual([0xE2, 0x80, 0x99]), tokens[t + 1].hash == Self.sHash,
              Self.personal.contains(tokens[t + 2].hash) else { return nil }
        return (t, t, 0.7, "name-possessive")
    }

    static let sHash = WordHash.of("s")
    static let personal: Set<UInt64> = Set(["address", "partner", "phone", "number", "email", "mom", "dad", "mother", "father",
                                            "wife", "husband", "son", "daughter", "birthday", "account", "office", "car", "house",
                                            "place", "apartment", "card", "ssn", "dob", "insurance", "prescription", "rx", "chart",
                                            "meds", "appointment", "room", "baby", "kids", "brother", "sister", "boyfriend",
                                            "girlfriend", "cell", "mobile", "whatsapp", "id", "license", "passport"].map { WordHash.of($0) })

    static let conjunctions: Set<UInt64> = Set(["and", "y", "et", "und"].map { WordHash.of($0) })

    /// "Pt Y. Ghosh", "Dr. K. Karimi", "recipient: bogdan z. abernathy": an initial after an honorific or a strong
    /// phrase, then a surname-like word.
    private func matchInitial(_ input: ScanInput, _ t: Int) -> (Int, Int, Double, String)? {
        let tokens = input.tokens
        let tok = tokens[t]
        guard tok.length == 1, tok.isAllLetters, t >= 1, t + 1 < tokens.count, initialDot(input, t),
              Self.strong.matches(endingAt: t - 1, in: tokens) || Self.honorifics.contains(tokens[t - 1].hash),
              joined(input, t - 1, t, allowPunctuation: true, allowSentenceEnd: Self.honorifics.contains(tokens[t - 1].hash)) else { return nil }
        let next = tokens[t + 1]
        guard next.isAllLetters, next.length >= 2, !Self.functionWords.contains(next.hash), isNameCased(input, next) || next.isAllLower || next.isAllUpper,
              !isCommon(next) || isSurname(next) else { return nil }
        return (t, extendLoose(input, t + 1), 0.85, "name-context")
    }

    /// Grammatical words that are also names ("Will you…", "May I…"): never a name without a surname.
    static let functionWords: Set<UInt64> = Set(["will", "may", "can", "must", "might", "shall", "so", "and", "or", "but", "the",
                                                 "a", "an", "to", "of", "in", "on", "at", "for", "by", "with", "is", "are", "was",
                                                 "be", "do", "did", "ok", "yes", "no", "hi", "hey", "my", "me", "we", "us", "her",
                                                 "his", "him", "their", "our", "your", "its", "it", "this", "that", "who", "not"].map { WordHash.of($0) })
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
            // "Denver CO 80202": a state code and a ZIP after it.
            if gap.elementsEqual([0x20]), end + 2 < tokens.count, tokens[end + 2].isAllDigits, tokens[end + 2].length == 5 { return true }
        }
        return false
    }

    private func isFirst(_ tok: Token) -> Bool { Gazetteer.firstNames[tok.hash] != nil }
    private func isSurname(_ tok: Token) -> Bool { Gazetteer.surnames[tok.hash] != nil }
    private func isCommon(_ tok: Token) -> Bool { Gazetteer.commonWords.contains(tok.hash) }

    /// Only spaces (or a comma and spaces, or a colon) between two tokens; with `allowPunctuation` also `,` `:` `-`
    /// and `.` — but never a sentence end (`.`, `!` or `?` then a space) unless `allowSentenceEnd` (honorifics: "Dr. Smith").
    private func joined(_ input: ScanInput, _ a: Int, _ b: Int, allowPunctuation: Bool, allowSentenceEnd: Bool = false) -> Bool {
        let gap = input.bytes[input.tokens[a].end..<input.tokens[b].start]
        guard !gap.isEmpty, gap.count <= 3 else { return false }
        if !allowSentenceEnd, gap.count >= 2, gap.first == UInt8(ascii: ".") || gap.first == UInt8(ascii: "!") || gap.first == UInt8(ascii: "?") { return false }
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
        while end + 1 < tokens.count, end - t < 4 {
            let next = tokens[end + 1]
            let gap = input.bytes[tokens[end].end..<next.start]
            // "Seo-yeon", "Jean-Luc", "O'Brien", "D'Angelo": hyphen or apostrophe inside one name.
            if gap.count == 1 || gap.elementsEqual([0xE2, 0x80, 0x99]), gap.first == UInt8(ascii: "-") || gap.first == UInt8(ascii: "'") || gap.first == 0xE2,
               next.isAllLetters, next.length >= 2, (tokens[end].length == 1 || gap.first == UInt8(ascii: "-")) {
                end += 1
                continue
            }
            guard joined(input, end, end + 1, allowPunctuation: false) || initialDot(input, end) else { break }
            // "van den Pol", "de la Cruz": particles before a capitalized surname.
            if Self.particles.contains(next.hash), next.isAllLower, end + 2 < tokens.count, isNameCased(input, tokens[end + 2]) || tokens[end + 2].isAllLower {
                var p = end + 1
                while p < tokens.count, Self.particles.contains(tokens[p].hash), p - end <= 3 { p += 1 }
                if p < tokens.count, isNameCased(input, tokens[p]), joined(input, p - 1, p, allowPunctuation: false) { end = p; continue }
            }
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

    /// `Smith`, `MacLeod`, `McDonald`, `DeAndre`: an upper-case initial, lower-case letters, and at most one more
    /// capital after a name prefix.
    private func isNameCased(_ input: ScanInput, _ tok: Token) -> Bool {
        if tok.isCapitalized { return true }
        guard tok.startsUpper, tok.upperCount == 2, tok.letterCount == tok.length, tok.length >= 4 else { return false }
        let b = input.bytes
        for prefix in Self.namePrefixes where tok.length > prefix.count + 1 {
            if b[tok.start..<(tok.start + prefix.count)].elementsEqual(prefix), ByteClass.isUpper(b[tok.start + prefix.count]) { return true }
        }
        return false
    }
    static let namePrefixes: [[UInt8]] = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du"].map { Array($0.utf8) }

    /// Brands and services people name in chat the way they name people ("pay with Venmo", "thanks Chase").
    static let brands: Set<UInt64> = Set(["venmo", "zelle", "paypal", "cashapp", "amazon", "google", "apple", "chase", "wells",
                                          "citi", "visa", "mastercard", "amex", "discover", "uber", "lyft", "fedex", "ups", "usps",
                                          "dhl", "walmart", "target", "costco", "cvs", "walgreens", "medicare", "medicaid", "aetna",
                                          "cigna", "humana", "kaiser", "tiktok", "instagram", "facebook", "whatsapp", "gmail",
                                          "outlook", "iphone", "android", "samsung", "netflix", "spotify", "team", "support",
                                          "billing", "admin", "ok", "okay", "thanks", "pls", "please", "everyone", "all", "guys",
                                          "fargo", "pepper", "coke", "pepsi", "sprite", "diet", "general", "center", "centre",
                                          "canada", "mexico", "hospital", "clinic", "pharmacy", "university", "college", "school",
                                          "airlines", "airways", "bank", "insurance", "mi", "mis", "su", "les",
                                          "nana", "sandy", "penny"].map { WordHash.of($0) })

    /// Phrases that can only be followed by a name ("my name is", "name on the card is").
    static let naming = KeywordSet(["my name is", "name is", "name", "names", "full name", "legal name", "patient name",
                                    "first name", "last name", "surname", "name on it is", "name on the card is", "name on card",
                                    "my name s", "name s", "cardholder name", "account name", "insured name", "pt name",
                                    "recipient", "bill to", "attn", "attention", "c o", "soy", "me llamo", "mi nombre es",
                                    "je m appelle", "je suis", "ich bin", "mein name ist", "meu nome e", "sou", "under the name",
                                    "in the name of", "booked under", "reservation under", "is under", "under", "practitioner",
                                    "prescriber", "pickup adult", "child", "parent", "emergency contact", "contact name",
                                    "should be", "spelled", "signed by"])
    /// Relationship nouns: "my son Will", "my brother Chase" — a capitalized word after them is a name even when it is
    /// also a common word.
    static let relations: Set<UInt64> = Set(["son", "daughter", "brother", "sister", "mom", "dad", "mother", "father", "wife",
                                             "husband", "friend", "grandson", "granddaughter", "nephew", "niece", "cousin",
                                             "aunt", "uncle", "partner", "boss", "boyfriend", "girlfriend", "fiance", "fiancee",
                                             "coworker", "colleague", "roommate", "neighbor", "neighbour", "baby", "kid", "child",
                                             "grandma", "grandpa", "granny", "granddma", "abuela", "abuelo", "bisabuela", "bisabuelo",
                                             "mama", "papa", "tia", "tio", "mamie", "papi", "oma", "opa", "nonna", "nonno", "auntie"].map { WordHash.of($0) })

    /// The token, after a strong introducing phrase, can start a name.
    private func startsAfterStrong(_ input: ScanInput, _ t: Int, surnameNext: Bool) -> Bool {
        let tok = input.tokens[t]
        if Self.brands.contains(tok.hash) || Self.honorifics.contains(tok.hash) { return false }
        // After a naming phrase a name-cased or upper-case word that is not a common word is the name; a lower-case
        // one must be in the gazetteers ("name is misspelled" is not a name).
        if Self.naming.matches(endingAt: t - 1, in: input.tokens) {
            if isNameCased(input, tok) { return !isCommon(tok) || isFirst(tok) || surnameNext }
            if tok.isAllUpper { return !isCommon(tok) && tok.length >= 3 }
            return (isFirst(tok) || surnameNext) && !isCommon(tok)
        }
        // After a relationship noun a capitalized word is a name even if it is also a word ("my son Will").
        if Self.relations.contains(input.tokens[t - 1].hash), isNameCased(input, tok) { return true }
        if isNameCased(input, tok) { return !isCommon(tok) || isFirst(tok) || surnameNext }
        // Upper case ("MY NAME IS JADE MEEUSEN"): a census name, or a word before a census surname.
        if tok.isAllUpper { return tok.length >= 3 && (isFirst(tok) || surnameNext) && (!isCommon(tok) || surnameNext) }
        // Lower case: a census first name, or an unknown word followed by a census surname ("aarav tran").
        return tok.isAllLower && ((isFirst(tok) && (!isCommon(tok) || surnameNext)) || (surnameNext && !isCommon(tok)))
    }

    /// After a strong phrase, names need not be in the gazetteers: extend over following words written the same way
    /// (all capitalized, all upper case, or all lower case) that are not common words.
    private func extendLoose(_ input: ScanInput, _ t: Int) -> Int {
        let tokens = input.tokens
        let first = tokens[t]
        var end = extend(input, t, allowLowercaseSurname: first.isAllLower)
        while end + 1 < tokens.count, end - t < 2, joined(input, end, end + 1, allowPunctuation: false) {
            let next = tokens[end + 1]
            guard next.isAllLetters, next.length >= 2, !isCommon(next), !Self.functionWords.contains(next.hash), !Self.brands.contains(next.hash) else { break }
            let sameStyle = (isNameCased(input, first) && isNameCased(input, next)) || (first.isAllUpper && next.isAllUpper) || (first.isAllLower && next.isAllLower)
            guard sameStyle else { break }
            end += 1
        }
        return end
    }

    private func match(_ input: ScanInput, _ t: Int) -> (Int, Double, String)? {
        let tokens = input.tokens
        let tok = tokens[t]
        guard tok.isAllLetters, tok.length >= 2, Self.canStartName(input.bytes[tok.start]), !isContraction(input, t), !Self.brands.contains(tok.hash) else { return nil }
        let function = Self.functionWords.contains(tok.hash)
        // 1. Honorific. Abbreviated ones (Dr., Mrs) take any word after them, even a lower-case or common one
        //    ("dr. rose"); spelled-out ones (nurse, doctor) need a name-cased word. An upper-case honorific in an
        //    upper-case message needs a census name after it ("MISS KEY=…" is not a name).
        // "…Riverbend Dr. How do I…": an honorific-looking word inside a street address is a street suffix.
        let honorificInAddress = t >= 1 && addressEnds.contains(tokens[t - 1].end)
        if t >= 1, !function, !honorificInAddress, Self.honorifics.contains(tokens[t - 1].hash), joined(input, t - 1, t, allowPunctuation: true, allowSentenceEnd: true) {
            let honorific = tokens[t - 1]
            let abbreviation = Self.abbreviatedHonorifics.contains(honorific.hash)
            let nameCased = isNameCased(input, tok) && (!isCommon(tok) || isSurname(tok) || abbreviation)
            let upper = tok.isAllUpper && (isSurname(tok) || isFirst(tok))
            let lower = tok.isAllLower && abbreviation && ((isSurname(tok) && !isCommon(tok)) || isFirst(tok))
            if honorific.isAllUpper ? upper : (nameCased || upper || lower) {
                return (extendLoose(input, t), 0.9, "name-honorific")
            }
        }
        // 2. Introducing phrase ("my son Will" may use a grammatical word as a name).
        let afterRelation = t >= 1 && Self.relations.contains(tokens[t - 1].hash) && isNameCased(input, tok)
        if t >= 1, !function || afterRelation, joined(input, t - 1, t, allowPunctuation: true) {
            let surnameNext = t + 1 < tokens.count && joined(input, t, t + 1, allowPunctuation: false) && isSurname(tokens[t + 1])
                && !isCommon(tokens[t + 1]) && tokens[t + 1].length >= 2
            if Self.strong.matches(endingAt: t - 1, in: tokens) || Self.naming.matches(endingAt: t - 1, in: tokens),
               startsAfterStrong(input, t, surnameNext: surnameNext) {
                return (extendLoose(input, t), 0.85, "name-context")
            }
            // A name that is also a word ("Amber", "Holly") counts after a greeting only when the sentence does not go
            // on as if it were a word: "hi Amber!" and "thanks Holly ty", not "hey, Amber alert".
            let standsAlone = t + 1 >= tokens.count || !joined(input, t, t + 1, allowPunctuation: false) || isCommon(tokens[t + 1])
            if Self.weak.matches(endingAt: t - 1, in: tokens), !placeContext(input, t), !Self.brands.contains(tok.hash) {
                if isFirst(tok), !isCommon(tok) || surnameNext || (standsAlone && isNameCased(input, tok)),
                   isNameCased(input, tok) || tok.isAllLower || tok.isAllUpper {
                    return (extendLoose(input, t), 0.75, "name-context")
                }
                // An unknown name-cased word after a greeting or an address ("ask Nevaeh", "thank you Dre"); not after
                // "to", "from", "with" and "and", which as often lead to places and brands.
                if isNameCased(input, tok), !isCommon(tok), Self.addressing.matches(endingAt: t - 1, in: tokens) {
                    return (extendLoose(input, t), 0.6, "name-context")
                }
            }
        }
        // 3. Gazetteers and capitalization.
        if isNameCased(input, tok), !placeContext(input, t) {
            let first = isFirst(tok), common = isCommon(tok)
            let nextContinues = t + 1 < tokens.count && joined(input, t, t + 1, allowPunctuation: false) && continues(input, t + 1) && tokens[t + 1].length > 1
            // Two common words ("Rose Gold", "Will Call", "Virginia Beach") are not a name without context.
            if first, nextContinues, !common || (isSurname(tokens[t + 1]) && !isCommon(tokens[t + 1])) {
                return (extend(input, t), 0.85, "name-gazetteer")
            }
            if first, !common {
                return (t, sentenceInitial(input, t) ? 0.55 : 0.7, "name-gazetteer")
            }
            if !common, nextContinues, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), !sentenceInitial(input, t) || isSurname(tok) {
                return (extend(input, t), 0.7, "name-gazetteer")
            }
        } else if tok.isAllUpper, tok.length >= 3, isFirst(tok), t + 1 < tokens.count,
                  tokens[t + 1].isAllUpper, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), joined(input, t, t + 1, allowPunctuation: false),
                  !isCommon(tok) || !isFirst(tokens[t + 1]) {
            return (t + 1, 0.7, "name-gazetteer")
        } else if tok.isAllLower, tok.length >= 3, isFirst(tok), !isCommon(tok), t + 1 < tokens.count,
                  tokens[t + 1].isAllLower, tokens[t + 1].length >= 3, isSurname(tokens[t + 1]), !isCommon(tokens[t + 1]), !isFirst(tokens[t + 1]),
                  joined(input, t, t + 1, allowPunctuation: false) {
            return (t + 1, 0.6, "name-gazetteer")
        }
        return nil
    }
}
