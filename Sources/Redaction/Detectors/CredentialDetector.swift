internal import Foundation

/// Passwords, API keys, tokens and private keys.
///
/// - Well-known token shapes (AWS access key ids, GitHub, GitLab, Slack, Stripe, Google, OpenAI, SendGrid, npm,
///   Twilio, JWTs, PEM private keys). Score 0.95–0.99.
/// - A value after a secret keyword (`password:`, `pwd=`, `api key`, `token`, `secret`, `PIN`). Score 0.85.
/// - Any other high-entropy string: at least 24 characters mixing upper case, lower case and digits, with Shannon
///   entropy of at least 4 bits per character. Score 0.6.
struct CredentialDetector: Detector {
    struct Shape { let prefix: [UInt8]; let minRest: Int; let maxRest: Int }
    static let shapes: [Shape] = [
        ("AKIA", 16, 16), ("ASIA", 16, 16), ("ghp_", 36, 36), ("gho_", 36, 36), ("ghu_", 36, 36), ("ghs_", 36, 36),
        ("ghr_", 36, 36), ("github_pat_", 22, 255), ("glpat-", 20, 64), ("xoxb-", 10, 255), ("xoxp-", 10, 255),
        ("xoxa-", 10, 255), ("xoxr-", 10, 255), ("xoxs-", 10, 255), ("sk_live_", 16, 255), ("rk_live_", 16, 255),
        ("sk_test_", 16, 255), ("pk_live_", 16, 255), ("AIza", 35, 35), ("sk-", 20, 255), ("SG.", 60, 80),
        ("npm_", 36, 36), ("SK", 32, 32), ("hf_", 30, 40), ("shpat_", 32, 32), ("dop_v1_", 64, 64),
    ].map { Shape(prefix: Array($0.0.utf8), minRest: $0.1, maxRest: $0.2) }

    static let secretKeywords = KeywordSet(["password", "passwd", "pwd", "pass", "passcode", "passphrase", "pw", "pin",
                                            "pin code", "pin number", "password is", "pass is", "login password", "door code",
                                            "gate code", "access code", "alarm code", "entry code", "lock code", "lockbox code",
                                            "garage code", "keypad code", "otp", "one time code", "verification code is",
                                            "temp password", "temporary password", "new password", "password expires"])
    /// Keywords whose value counts only if it has a digit ("wifi is down", "buzzer is broken", "creds: admin").
    static let weakSecretKeywords = KeywordSet(["wifi", "wi fi", "wifi password", "wifi pw", "creds", "credentials", "login",
                                                "buzz", "buzzer", "buzzer code", "code for the garage", "code for the door"])
    static let keyKeywords = KeywordSet(["api key", "apikey", "api_key", "secret", "secret key", "token", "access token",
                                         "auth token", "bearer", "client secret", "access key", "private key", "api token", "key"])
    static let begin = Array("-----BEGIN ".utf8)
    static let privateKey = Array("PRIVATE KEY-----".utf8)
    static let end = Array("-----END ".utf8)

    @inline(__always) static func isTokenByte(_ c: UInt8) -> Bool {
        ByteClass.isAlphanumeric(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") || c == UInt8(ascii: ".")
    }

    func detect(_ input: ScanInput, _ out: inout [Candidate]) {
        let b = input.bytes
        let n = b.count
        var counts = [Int](repeating: 0, count: 256)
        var i = 0
        while i < n {
            if b[i] == UInt8(ascii: "-"), let pem = pemBlock(b, i) {
                out.append(Candidate(type: .credential, range: i..<pem, score: 0.99, detector: "private-key"))
                i = pem; continue
            }
            guard Self.isTokenByte(b[i]), b[i] != UInt8(ascii: "-"), i == 0 || !Self.isTokenByte(b[i - 1]) else { i += 1; continue }
            var j = i
            while j < n, Self.isTokenByte(b[j]) { j += 1 }
            defer { i = j }
            var e = j
            while e > i, b[e - 1] == UInt8(ascii: ".") || b[e - 1] == UInt8(ascii: "-") { e -= 1 }
            guard e > i else { continue }
            let word = b[i..<e]
            // key=value in one run ("pwd=hunter22", "api_key=…"): the value after the '='.
            if let eq = word.firstIndex(of: UInt8(ascii: "=")), eq > i, eq + 4 <= e {
                var h = WordHash.offset
                for c in b[i..<eq] { h = WordHash.step(h, c) }
                if Self.secretKeywords.contains(word: h) || Self.assignmentKeys.contains(h) {
                    var end = eq + 1
                    while end < n, end - i < 160, !ByteClass.isSpace(b[end]), b[end] != UInt8(ascii: "&"), b[end] != UInt8(ascii: ";") { end += 1 }
                    end = Self.trimmingSentencePunctuation(b, from: eq + 1, to: end)
                    let value = b[(eq + 1)..<end]
                    let passwordLike = Self.secretKeywords.contains(word: h)
                    if end > eq + 1, passwordLike || value.contains(where: ByteClass.isDigit) || value.count >= 16 {
                        out.append(Candidate(type: .credential, range: (eq + 1)..<end, score: 0.85, detector: "secret-keyword"))
                        j = max(j, end)
                        continue
                    }
                }
            }
            if let score = knownShape(word) {
                out.append(Candidate(type: .credential, range: i..<e, score: score, detector: "known-token")); continue
            }
            let t = input.token(at: i)
            // A password runs to the next space (symbols included), less trailing sentence punctuation.
            var runEnd = j
            while runEnd < n, runEnd - i < 128, !ByteClass.isSpace(b[runEnd]) { runEnd += 1 }
            if Self.secretKeywords.occurs(before: t, within: 3, in: input.tokens), runEnd - i >= 4, word.count <= 128,
               separatedByAssignment(input, t, valueHasDigit: b[i..<runEnd].contains(where: ByteClass.isDigit)) {
                var end = runEnd
                end = Self.trimmingSentencePunctuation(b, from: e, to: end)
                out.append(Candidate(type: .credential, range: i..<max(e, end), score: 0.85, detector: "secret-keyword"))
                j = max(j, end)
                continue
            }
            // "my pin for the debit card is 4586", "Password for the conference room tablet is Y3iw…": a secret keyword a
            // few words back, only words in between, and the value introduced by is/was/to, a colon or a bracket.
            let valueHasDigit = b[i..<runEnd].contains(where: ByteClass.isDigit)
            if valueHasDigit, runEnd - i >= 4, Self.weakSecretKeywords.occurs(before: t, within: 3, in: input.tokens),
               separatedByAssignment(input, t, valueHasDigit: true) || introducesValue(input, t) || Self.weakSecretKeywords.matches(endingAt: t - 1, in: input.tokens) {
                var end = runEnd
                end = Self.trimmingSentencePunctuation(b, from: e, to: end)
                out.append(Candidate(type: .credential, range: i..<max(e, end), score: 0.75, detector: "secret-keyword"))
                j = max(j, end)
                continue
            }
            if runEnd - i >= 4, valueHasDigit, let k = secretKeyword(input, before: t, within: 7),
               (k + 1..<t).allSatisfy({ input.tokens[$0].digitCount == 0 }), introducesValue(input, t) {
                var end = runEnd
                end = Self.trimmingSentencePunctuation(b, from: e, to: end)
                out.append(Candidate(type: .credential, range: i..<max(e, end), score: 0.75, detector: "secret-keyword"))
                j = max(j, end)
                continue
            }
            guard word.count >= 16 else { continue }
            let classes = characterClasses(word)
            if Self.keyKeywords.occurs(before: t, within: 3, in: input.tokens), classes.digit, classes.lower || classes.upper,
               separatedByAssignment(input, t, valueHasDigit: true) {
                out.append(Candidate(type: .credential, range: i..<e, score: 0.85, detector: "key-keyword")); continue
            }
            guard word.count >= 24, word.count <= 1024, classes.lower, classes.upper, classes.digit else { continue }
            if entropy(word, &counts) >= 4.0 {
                out.append(Candidate(type: .credential, range: i..<e, score: 0.6, detector: "high-entropy"))
            }
        }
    }

    /// `to`, moved back over sentence punctuation that ends a value ("…is Hunter22." → "Hunter22"), never before `from`.
    /// `!` stays: it belongs to passwords far more often than it ends the sentence.
    static func trimmingSentencePunctuation(_ b: [UInt8], from: Int, to: Int) -> Int {
        var end = to
        while end > from, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "\""),
                           UInt8(ascii: "'"), UInt8(ascii: "?")].contains(b[end - 1]) { end -= 1 }
        return end
    }

    /// The index of the token where a secret keyword ends within `window` tokens before `t`.
    private func secretKeyword(_ input: ScanInput, before t: Int, within window: Int) -> Int? {
        var k = t - 1
        while k >= max(0, t - window) {
            if Self.secretKeywords.matches(endingAt: k, in: input.tokens) { return k }
            k -= 1
        }
        return nil
    }

    /// The value at token `t` is introduced: the word before it is is/was/to/be, or a colon or bracket precedes it.
    private func introducesValue(_ input: ScanInput, _ t: Int) -> Bool {
        guard t >= 1 else { return false }
        let gap = input.bytes[input.tokens[t - 1].end..<input.tokens[t].start]
        if gap.contains(UInt8(ascii: ":")) || gap.contains(UInt8(ascii: "(")) || gap.contains(UInt8(ascii: "\"")) { return true }
        return Self.introducers.contains(input.tokens[t - 1].hash)
    }

    static let introducers: Set<UInt64> = Set(["is", "was", "to", "be", "s", "again"].map { WordHash.of($0) })

    /// Only `:`, `=`, `is`, `was` or spaces between the keyword and the value: "password: hunter22", not "password
    /// reset link".
    private func separatedByAssignment(_ input: ScanInput, _ valueToken: Int, valueHasDigit: Bool) -> Bool {
        guard valueToken >= 1, valueToken <= input.tokens.count else { return false }
        let fillers: Set<UInt64> = Self.fillers
        var t = valueToken - 1
        var steps = 0
        while t >= 0, steps < 3 {
            let tok = input.tokens[t]
            if Self.secretKeywords.matches(endingAt: t, in: input.tokens) || Self.keyKeywords.matches(endingAt: t, in: input.tokens)
                || Self.weakSecretKeywords.matches(endingAt: t, in: input.tokens) {
                let gap = input.bytes[tok.end..<input.tokens[min(t + 1, input.tokens.count - 1)].start]
                return gap.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
                    && (gap.contains(UInt8(ascii: ":")) || gap.contains(UInt8(ascii: "=")) || steps > 0 || valueHasDigit
                        || tok.hash == Self.isHash || tok.hash == Self.wasHash)
            }
            guard fillers.contains(tok.hash) else { return false }
            t -= 1
            steps += 1
        }
        return false
    }

    /// `name=value` keys whose value is a secret.
    static let assignmentKeys: Set<UInt64> = Set(["password", "passwd", "pwd", "pass", "secret", "token", "api_key", "apikey",
                                                   "access_token", "auth_token", "client_secret", "secret_key", "private_key", "key",
                                                   "aws_secret_access_key", "access_key"].map { WordHash.of($0) })
    static let isHash = WordHash.of("is")
    static let wasHash = WordHash.of("was")
    static let fillers: Set<UInt64> = Set(["is", "was", "it", "s", "my", "the", "new", "temp", "temporary", "here", "its"].map { WordHash.of($0) })

    private func knownShape(_ word: ArraySlice<UInt8>) -> Double? {
        // JWT: three base64url segments, the first two JSON objects ("eyJ").
        if word.count >= 30, word.starts(with: Array("eyJ".utf8)) {
            let parts = word.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if parts.count == 3, parts[1].starts(with: Array("eyJ".utf8)), parts[0].count >= 10, parts[1].count >= 10,
               parts.allSatisfy({ $0.allSatisfy { ByteClass.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") } }) {
                return 0.99
            }
        }
        guard word.count >= 15 else { return nil }
        for shape in Self.shapes where word.starts(with: shape.prefix) {
            let rest = word.dropFirst(shape.prefix.count)
            guard rest.count >= shape.minRest, rest.count <= shape.maxRest else { continue }
            let ok = rest.allSatisfy { ByteClass.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            if !ok { continue }
            // Twilio-style "SK" keys are 32 hex characters; the others need a digit to be more than a word.
            if shape.prefix == Array("SK".utf8), !rest.allSatisfy(ByteClass.isHex) { continue }
            if !rest.contains(where: ByteClass.isDigit), rest.count < 30 { continue }
            return 0.95
        }
        return nil
    }

    private func characterClasses(_ word: ArraySlice<UInt8>) -> (lower: Bool, upper: Bool, digit: Bool) {
        var lower = false, upper = false, digit = false
        for c in word {
            if ByteClass.isLower(c) { lower = true } else if ByteClass.isUpper(c) { upper = true } else if ByteClass.isDigit(c) { digit = true }
        }
        return (lower, upper, digit)
    }

    private func entropy(_ word: ArraySlice<UInt8>, _ counts: inout [Int]) -> Double {
        for c in word { counts[Int(c)] += 1 }
        var h = 0.0
        let total = Double(word.count)
        for c in word where counts[Int(c)] > 0 {
            let p = Double(counts[Int(c)]) / total
            h -= p * log2(p)
            counts[Int(c)] = 0
        }
        return h
    }

    /// A PEM private key block starting at `i`: its end (through the END line when present, else the BEGIN line).
    private func pemBlock(_ b: [UInt8], _ i: Int) -> Int? {
        guard i + Self.begin.count <= b.count, b[i..<(i + Self.begin.count)].elementsEqual(Self.begin) else { return nil }
        var p = i + Self.begin.count
        let limit = min(b.count, p + 40)
        var headerEnd: Int?
        while p + Self.privateKey.count <= limit {
            if b[p..<(p + Self.privateKey.count)].elementsEqual(Self.privateKey) { headerEnd = p + Self.privateKey.count; break }
            p += 1
        }
        guard let headerEnd else { return nil }
        // The END line, within 16 KiB.
        var q = headerEnd
        let stop = min(b.count, headerEnd + 16_384)
        while q + Self.end.count <= stop {
            // Another BEGIN first: this block has no END (and the next header's search starts there, so repeated
            // headers cost linear time).
            if b[q] == UInt8(ascii: "-"), q + Self.begin.count <= stop, b[q..<(q + Self.begin.count)].elementsEqual(Self.begin) { return headerEnd }
            if b[q] == UInt8(ascii: "-"), b[q..<(q + Self.end.count)].elementsEqual(Self.end) {
                var r = q + Self.end.count
                while r < stop, b[r] != UInt8(ascii: "\n") { r += 1 }
                while r > q, b[r - 1] == 0x20 || b[r - 1] == 0x0D { r -= 1 }
                return r
            }
            q += 1
        }
        return headerEnd
    }
}
