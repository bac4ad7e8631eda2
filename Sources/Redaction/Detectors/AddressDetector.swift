/// Street addresses and postal codes.
///
/// - Street address: a house number, one to four name words, and a USPS street suffix (Publication 28: `St`,
///   `Street`, `Ave`, `Blvd`, `Crossing`, `Ridge`, …), optionally a direction and a unit (`Apt 4B`, `Suite 200`,
///   `#12`). Score 0.85.
/// - US ZIP (`12345`, `12345-6789`) after a state name or abbreviation, or after `zip`/`postal code`. Score 0.9.
/// - UK postcodes (`SW1A 1AA`) and Canadian postal codes (`K1A 0B1`) by shape. Score 0.8.
struct AddressDetector: Detector {
    static let suffixes: Set<UInt64> = Set(StreetSuffixes.list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })
    static let states: Set<UInt64> = Set(StreetSuffixes.states.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })
    static let stateNames = KeywordSet(StreetSuffixes.stateNames.split(separator: ",").map { String($0).trimmingSpaces() })
    static let addressKeywords = KeywordSet(["address", "live at", "lives at", "living at", "ship to", "deliver to", "moved to",
                                             "mail to", "send to", "located at", "home address", "mailing address", "billing address", "reside at"])
    static let zipKeywords = KeywordSet(["zip", "zip code", "zipcode", "postal code", "postcode", "post code", "zip is"])
    static let units: Set<UInt64> = Set(["apt", "apartment", "suite", "ste", "unit", "fl", "floor", "rm", "room", "bldg", "building", "lot"].map { WordHash.of($0) })
    /// Suffixes that count in lower case too ("12 main st"); the rest must be capitalized ("3 Main points" is not an address).
    static let lowercaseSuffixes: Set<UInt64> = Set(["st", "street", "ave", "avenue", "rd", "road", "dr", "drive", "ln", "lane", "blvd",
        "boulevard", "ct", "court", "pl", "place", "way", "hwy", "highway", "pkwy", "parkway", "cir", "circle", "ter", "terrace"].map { WordHash.of($0) })
    static let particles: Set<UInt64> = Set(["de", "del", "la", "los", "las", "van", "von", "der", "du", "st", "of", "the"].map { WordHash.of($0) })
    static let directions: Set<UInt64> = Set(["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"].map { WordHash.of($0) })

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        streets(input, &out)
        zips(input, &out)
        foreignPostcodes(input, &out)
    }

    private func streets(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            let tok = tokens[t]
            // House number: 1–6 digits, optionally a letter ("221B").
            guard tok.digitCount >= 1, tok.digitCount <= 6, ByteClass.isDigit(b[tok.start]), tok.length - tok.digitCount <= 1,
                  tok.start == 0 || !(ByteClass.isAlphanumeric(b[tok.start - 1]) || b[tok.start - 1] == UInt8(ascii: "-") || b[tok.start - 1] == UInt8(ascii: "/")) else { continue }
            var k = t + 1
            var houseStart = tok.start
            // "93-15 Pine Avenue" (Queens-style house numbers).
            if k < tokens.count, tokens[k].isAllDigits, tokens[k].length <= 3, tokens[k].start == tok.end + 1, b[tok.end] == UInt8(ascii: "-") { k += 1 }
            if t >= 1, tokens[t - 1].isAllDigits, tokens[t - 1].end + 1 == tok.start, b[tok.start - 1] == UInt8(ascii: "-") { houseStart = tokens[t - 1].start }
            var words = 0
            var end: Int?
            let addressContext = Self.addressKeywords.occurs(before: t, within: 3, in: tokens)
            while k < tokens.count, words < 5 {
                let gap = b[tokens[k - 1].end..<tokens[k].start]
                guard gap.count <= 2, gap.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: ".") }), gap.contains(0x20),
                      k > t + 1 || gap.first != UInt8(ascii: ".") else { break }
                let w = tokens[k]
                if words >= 1, Self.suffixes.contains(w.hash), w.letterCount == w.length,
                   w.startsUpper || Self.lowercaseSuffixes.contains(w.hash) || addressContext {
                    end = k; break
                }
                // Name words: capitalized or ordinal ("5th"), a direction, or a particle ("Ponce de Leon").
                let ordinal = w.digitCount > 0 && w.digitCount <= 3 && w.length - w.digitCount == 2
                let particle = words > 0 && Self.particles.contains(w.hash)
                guard w.startsUpper || ordinal || particle || (w.isAllLower && w.length >= 3 && (words == 0 || addressContext)) else { break }
                words += 1
                k += 1
            }
            guard var last = end else { continue }
            // Direction and unit.
            if last + 1 < tokens.count, Self.directions.contains(tokens[last + 1].hash), tokens[last + 1].startsUpper,
               tokens[last + 1].start - tokens[last].end <= 2 { last += 1 }
            let u = last + 1
            if u < tokens.count, tokens[u].start - tokens[last].end <= 3 {
                let gap = b[tokens[last].end..<tokens[u].start]
                if Self.units.contains(tokens[u].hash), u + 1 < tokens.count, tokens[u + 1].digitCount > 0 || tokens[u + 1].length <= 2 {
                    last = u + 1
                } else if gap.contains(UInt8(ascii: "#")), tokens[u].digitCount > 0 {
                    last = u
                }
            }
            out.append(Candidate(type: .streetAddress, range: houseStart..<tokens[last].end, score: 0.85, detector: "street-address"))
            // A ZIP code shortly after the street ("…Road, Springfield, IL 62704", "…Pl 94306-8027", "…Rd (85887)"):
            // only words, commas and brackets in between.
            var z = last + 1
            while z < tokens.count, z - last <= 6, tokens[z].start - tokens[last].end <= 48 {
                let zt = tokens[z]
                if zt.isAllDigits {
                    if zt.length == 5, input.isWordBounded(zt.start..<zt.end) || (zt.end < b.count && b[zt.end] == UInt8(ascii: "-")) {
                        var zEnd = zt.end
                        if z + 1 < tokens.count, tokens[z + 1].length == 4, tokens[z + 1].isAllDigits, tokens[z + 1].start == zt.end + 1, b[zt.end] == UInt8(ascii: "-") {
                            zEnd = tokens[z + 1].end
                        }
                        if zEnd >= b.count || !ByteClass.isAlphanumeric(b[zEnd]) {
                            out.append(Candidate(type: .postalCode, range: zt.start..<zEnd, score: 0.85, detector: "us-zip"))
                        }
                    }
                    break
                }
                guard zt.isAllLetters else { break }
                z += 1
            }
            t = last
        }
    }

    private func zips(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        for (t, tok) in tokens.enumerated() where tok.length == 5 && tok.isAllDigits {
            guard t >= 1 else { continue }
            let prev = tokens[t - 1]
            // "NY 10001", "New York 10001", or a lower-case ", ny 10001" after a city.
            let commaBefore = t >= 2 && b[tokens[t - 2].end..<prev.start].elementsEqual([UInt8(ascii: ","), 0x20])
            let stateBefore = (Self.states.contains(prev.hash) && prev.length == 2 && (prev.isAllUpper || commaBefore))
                || Self.stateNames.matches(endingAt: t - 1, in: tokens)
            let gapOK = b[prev.end..<tok.start].allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: ",") } && tok.start - prev.end <= 2
            let keyword = Self.zipKeywords.occurs(before: t, within: 3, in: tokens)
            guard (stateBefore && gapOK) || keyword else { continue }
            var end = tok.end
            if t + 1 < tokens.count, tokens[t + 1].length == 4, tokens[t + 1].isAllDigits, tokens[t + 1].start == tok.end + 1, b[tok.end] == UInt8(ascii: "-") {
                end = tokens[t + 1].end
            }
            if end < b.count, ByteClass.isAlphanumeric(b[end]) { continue }
            out.append(Candidate(type: .postalCode, range: tok.start..<end, score: 0.9, detector: "us-zip"))
        }
    }

    private func foreignPostcodes(_ input: ScanInput, _ out: inout [Candidate]) {
        let tokens = input.tokens
        let b = input.bytes
        for t in 0..<max(0, tokens.count - 1) {
            let a = tokens[t], c = tokens[t + 1]
            guard c.start == a.end + 1, b[a.end] == 0x20, a.upperCount + a.digitCount == a.length, c.upperCount + c.digitCount == c.length else { continue }
            let x = b[a.start..<a.end], y = b[c.start..<c.end]
            // UK outward code: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA.
            let ukIn = y.count == 3 && ByteClass.isDigit(y[y.startIndex]) && ByteClass.isUpper(y[y.startIndex + 1]) && ByteClass.isUpper(y[y.startIndex + 2])
            let ukOut: Bool = {
                guard (2...4).contains(x.count), ByteClass.isUpper(x[x.startIndex]) else { return false }
                let s = Array(x)
                let letters = s.prefix(while: ByteClass.isUpper).count
                guard letters == 1 || letters == 2, letters < s.count, ByteClass.isDigit(s[letters]) else { return false }
                let rest = s[(letters + 1)...]
                return rest.count == 0 || (rest.count == 1 && (ByteClass.isDigit(rest[rest.startIndex]) || ByteClass.isUpper(rest[rest.startIndex])))
            }()
            // Canada: A9A 9A9.
            let caOut = x.count == 3 && ByteClass.isUpper(x[x.startIndex]) && ByteClass.isDigit(x[x.startIndex + 1]) && ByteClass.isUpper(x[x.startIndex + 2])
            let caIn = y.count == 3 && ByteClass.isDigit(y[y.startIndex]) && ByteClass.isUpper(y[y.startIndex + 1]) && ByteClass.isDigit(y[y.startIndex + 2])
            if (ukOut && ukIn) || (caOut && caIn), input.isWordBounded(a.start..<c.end) {
                out.append(Candidate(type: .postalCode, range: a.start..<c.end, score: 0.8, detector: ukIn ? "uk-postcode" : "ca-postal-code"))
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s).lowercased()
    }
}
