import Foundation
import Redaction
import Testing

/// Our validators answer exactly as python-stdnum, phonenumbers and Python's `ipaddress` do, on random samples of
/// which about half are valid by construction and half are near-misses.
@Suite("Validators agree with python-stdnum, phonenumbers and ipaddress")
struct ValidatorAgreementTests {
    typealias Rng = RedactionSupport.SplitMix

    static func digits(_ count: Int, _ rng: inout Rng) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    /// Replaces the last character with the digit that makes `valid` true, if any (so samples are ~half valid).
    static func completing(_ body: String, _ valid: (String) -> Bool) -> String {
        for d in 0...9 where valid(body + String(d)) { return body + String(d) }
        return body + "0"
    }

    static func samples() -> [String: [String]] {
        var rng = Rng(state: 20261121)
        var out: [String: [String]] = [:]
        let count = 600
        for _ in 0..<count {
            let makeValid = Bool.random(using: &rng)
            // Luhn over 12–19 digits.
            let n = Int.random(in: 12...19, using: &rng)
            let body = digits(n - 1, &rng)
            out["luhn", default: []].append(makeValid ? completing(body, Validators.luhn) : body + digits(1, &rng))
            // SSN / ITIN: random nine digits and ones drawn from the edges of the invalid ranges.
            let areas = ["000", "001", "665", "666", "667", "899", "900", "912", "999", digits(3, &rng)]
            let groups = ["00", "01", "50", "65", "69", "70", "88", "89", "93", "99", digits(2, &rng)]
            let serials = ["0000", "0001", digits(4, &rng)]
            let nine = areas.randomElement(using: &rng)! + groups.randomElement(using: &rng)! + serials.randomElement(using: &rng)!
            out["ssn", default: []].append(nine)
            out["itin", default: []].append(nine)
            // ABA with the Federal Reserve prefixes our validator also requires.
            let prefix = ["01", "02", "03", "11", "12", "21", "26", "32", "61", "72", "80"].randomElement(using: &rng)!
            let abaBody = prefix + digits(6, &rng)
            out["aba", default: []].append(makeValid ? completing(abaBody, Validators.abaRouting) : abaBody + digits(1, &rng))
            // NHS, SIN, IMEI.
            let nhsBody = digits(9, &rng)
            out["nhs", default: []].append(makeValid ? completing(nhsBody, Validators.ukNHS) : nhsBody + digits(1, &rng))
            let sinBody = String(Int.random(in: 1...9, using: &rng)) + digits(7, &rng)
            out["sin", default: []].append(makeValid ? completing(sinBody, Validators.caSIN) : sinBody + digits(1, &rng))
            let imeiBody = digits(14, &rng)
            out["imei", default: []].append(makeValid ? completing(imeiBody, Validators.imei) : imeiBody + digits(1, &rng))
            // IBAN: numeric BBANs of the right length, check digits computed or random.
            // GB, NL and MT BBANs start with a bank code of letters: numeric ones must be refused by both sides.
            let countries = [("DE", 22), ("FR", 27), ("ES", 24), ("GB", 22), ("NL", 18), ("BE", 16), ("CH", 21), ("NO", 15), ("MT", 31)]
            let (country, length) = countries.randomElement(using: &rng)!
            var bban = digits(length - 4, &rng)
            if ["GB", "NL"].contains(country), Bool.random(using: &rng) {
                bban = String((0..<4).map { _ in Character(UnicodeScalar(UInt8.random(in: 65...90, using: &rng))) }) + bban.dropFirst(4)
            }
            var iban = country + digits(2, &rng) + bban
            if makeValid {
                for check in 2...98 where Validators.iban(country + String(format: "%02d", check) + bban) {
                    iban = country + String(format: "%02d", check) + bban
                    break
                }
            }
            out["iban", default: []].append(iban)
            // Phones: country code | national number of a random length.
            let codes = [1, 7, 20, 33, 44, 49, 52, 55, 61, 81, 86, 91, 234, 353, 380, 852, 971, 800, 979]
            let code = codes.randomElement(using: &rng)!
            let national = String(Int.random(in: 1...9, using: &rng)) + digits(Int.random(in: 3...13, using: &rng), &rng)
            out["phone", default: []].append("\(code)|\(national)")
            // IPv4 / IPv6 text forms, valid and broken.
            let octets = (0..<4).map { _ in String(Int.random(in: 0...300, using: &rng)) }
            out["ipv4", default: []].append(octets.joined(separator: "."))
            var groupsV6 = (0..<8).map { _ in String(UInt16.random(in: 0...UInt16.max, using: &rng), radix: 16) }
            switch Int.random(in: 0...4, using: &rng) {
            case 0: groupsV6.removeSubrange(2..<(2 + Int.random(in: 1...5, using: &rng))); groupsV6.insert("", at: 2)
            case 1: groupsV6.removeLast()
            case 2: groupsV6.append("1")
            case 3: groupsV6[0] = "12345"
            default: break
            }
            var v6 = groupsV6.joined(separator: ":")
            if v6.hasPrefix(":"), !v6.hasPrefix("::") { v6 = ":" + v6 }
            if v6.hasSuffix(":"), !v6.hasSuffix("::") { v6 += ":" }
            out["ipv6", default: []].append(v6)
        }
        out["bitcoin"] = [
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp",
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "1111111111111111111114oLvT2", "0BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        ]
        return out
    }

    static func ours(_ kind: String, _ sample: String) -> Bool {
        switch kind {
        case "luhn": return Validators.luhn(sample)
        case "ssn": return Validators.usSSN(sample)
        case "itin": return Validators.usITIN(sample)
        case "aba": return Validators.abaRouting(sample)
        case "nhs": return Validators.ukNHS(sample)
        case "sin": return Validators.caSIN(sample)
        case "imei": return Validators.imei(sample)
        case "iban": return Validators.iban(sample)
        case "bitcoin": return Validators.bitcoinAddress(sample)
        case "ipv4": return Validators.ipv4(sample)
        case "ipv6": return Validators.ipv6(sample)
        case "phone":
            let parts = sample.split(separator: "|")
            return PhoneNumberValidator.isPossibleInternational(String(parts[0]) + String(parts[1]))
        default: return false
        }
    }

    /// The oracle's verdict, except where the public specification and the library differ and we follow the
    /// specification: the IRS has issued ITINs with group 50–65 since 2011 (python-stdnum 2.2 still accepts only
    /// 70–88, 90–92, 94–99).
    static func expected(_ kind: String, _ sample: String, oracle: Bool) -> Bool {
        if kind == "itin", sample.hasPrefix("9"), let group = Int(sample.dropFirst(3).prefix(2)), (50...65).contains(group) {
            return true
        }
        return oracle
    }

    @Test("Every sample gets the same verdict from us and from the independent library")
    func agreement() throws {
        let samples = Self.samples()
        let input = try JSONSerialization.data(withJSONObject: samples)
        let result = try RedactionSupport.run(try RedactionSupport.python(), [RedactionSupport.tooling("validator_oracle.py")], input: input)
        #expect(result.status == 0, "oracle failed: \(result.error)")
        let verdicts = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: [Bool]])
        var checked = 0
        for (kind, values) in samples.sorted(by: { $0.key < $1.key }) {
            let theirs = try #require(verdicts[kind])
            #expect(theirs.count == values.count)
            let valid = theirs.filter { $0 }.count
            // The samples exercise both answers.
            #expect(valid > 0 && valid < values.count, "\(kind): \(valid) of \(values.count) valid")
            let disagreements = zip(values, theirs).filter { Self.ours(kind, $0.0) != Self.expected(kind, $0.0, oracle: $0.1) }
                .map { "\($0.0) (oracle: \($0.1))" }
            #expect(disagreements.isEmpty, "\(kind): \(disagreements.count) disagreements, e.g. \(disagreements.prefix(5))")
            checked += values.count
        }
        print("validator agreement: \(checked) samples over \(samples.count) validators")
        #expect(checked > 6_000)
    }
}
