/// UUIDs (8-4-4-4-12 hex), cryptocurrency addresses (Bitcoin Base58Check and Bech32/Bech32m with their checksums,
/// Ethereum `0x` + 40 hex), VINs (17 characters with the North American check digit, or any well-formed VIN after
/// a `VIN` keyword) and IMEIs (15 digits, Luhn, not a card number; after an `IMEI` keyword or grouped 2-6-6-1).
struct IdentifierDetector: Detector {
    static let vinKeywords = KeywordSet(["vin", "vehicle identification number", "chassis number", "vin number", "vin #"])
    static let imeiKeywords = KeywordSet(["imei", "imei number", "imei #", "imei no", "device imei"])

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        let tokens = input.tokens
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            let tok = tokens[t]
            // UUID: five hex tokens joined by hyphens.
            if tok.length == 8, t + 4 < tokens.count, isHex(b, tok) {
                let lengths = [4, 4, 4, 12]
                var ok = true
                for k in 1...4 {
                    let x = tokens[t + k]
                    if x.length != lengths[k - 1] || !isHex(b, x) || x.start != tokens[t + k - 1].end + 1 || b[x.start - 1] != UInt8(ascii: "-") { ok = false; break }
                }
                if ok, input.isWordBounded(tok.start..<tokens[t + 4].end), input.byte(at: tokens[t + 4].end) != UInt8(ascii: "-") {
                    out.append(Candidate(type: .uuid, range: tok.start..<tokens[t + 4].end, score: 0.95, detector: "uuid"))
                    t += 4; continue
                }
            }
            guard input.isWordBounded(tok.start..<tok.end) else { continue }
            let word = b[tok.start..<tok.end]
            if tok.length >= 26, tok.length <= 74, CryptoAddressChecks.base58Check(word) || CryptoAddressChecks.bech32(word) {
                out.append(Candidate(type: .cryptoAddress, range: tok.start..<tok.end, score: 0.95, detector: "bitcoin")); continue
            }
            if tok.length == 42, b[tok.start] == 48, b[tok.start + 1] | 0x20 == UInt8(ascii: "x"), word.dropFirst(2).allSatisfy(ByteClass.isHex) {
                out.append(Candidate(type: .cryptoAddress, range: tok.start..<tok.end, score: 0.85, detector: "ethereum")); continue
            }
            if tok.length == 17, tok.digitCount > 0, tok.letterCount > 0 {
                let keyword = Self.vinKeywords.occurs(before: t, within: 4, in: tokens)
                let wellFormed = word.allSatisfy { Checks.vinValue(ByteClass.upper($0)) != nil }
                if wellFormed, Checks.vin(word) || keyword {
                    out.append(Candidate(type: .vin, range: tok.start..<tok.end, score: keyword ? 0.95 : 0.85, detector: "vin")); continue
                }
            }
            if tok.length == 15 || tok.length == 16, tok.isAllDigits, CardNetwork.identify(word) == nil || !Checks.luhn(word) {
                let keyword = Self.imeiKeywords.occurs(before: t, within: 12, in: tokens)
                if keyword, tok.length == 16 || Checks.luhn(word) {
                    out.append(Candidate(type: .imei, range: tok.start..<tok.end, score: 0.95, detector: "imei"))
                }
            }
        }
        imeiGrouped(input, &out)
    }

    /// `35-209900-176148-1` and `35 209900 176148 1`.
    private func imeiGrouped(_ input: ScanInput, _ out: inout [Candidate]) {
        guard let chains = input.chains else { return }
        let groups = chains.groups
        var digits: [UInt8] = []
        var i = 0
        while i + 3 < groups.count {
            defer { i += 1 }
            guard groups[i].length == 2, groups[i + 1].length == 6, groups[i + 2].length == 6, groups[i + 3].length == 1,
                  i + 3 < groups[i].chainEnd, !input.letterBefore(groups[i]), !input.letterAfter(groups[i + 3]) else { continue }
            guard let s = input.gapIs(chains, i, SeparatorSet(0x2D, 0x20)), input.gapIs(chains, i + 1, SeparatorSet(s)) != nil, input.gapIs(chains, i + 2, SeparatorSet(s)) != nil else { continue }
            input.collectDigits(chains, i, i + 3, into: &digits)
            if Checks.luhn(digits[...]) {
                out.append(Candidate(type: .imei, range: groups[i].start..<groups[i + 3].end, score: 0.9, detector: "imei"))
                i += 3
            }
        }
    }

    private func isHex(_ b: [UInt8], _ tok: Token) -> Bool {
        b[tok.start..<tok.end].allSatisfy(ByteClass.isHex)
    }
}
