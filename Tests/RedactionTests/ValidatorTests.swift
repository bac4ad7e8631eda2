import Foundation
import Redaction
import Testing

/// Validators against published examples (positive) and near-misses (negative).
@Suite("Validators: published examples and near-misses")
struct ValidatorTests {
    @Test("Payment cards: test PANs of every network, 12- and 19-digit lengths", arguments: [
        "4111111111111111", "4012888888881881", "4222222222222", "5555555555554444", "5105105105105100",
        "2221000000000009", "2720999999999996", "378282246310005", "371449635398431", "6011111111111117",
        "6011000990139424", "3530111333300000", "3566002020360505", "30569309025904", "38520000023237",
        "6200000000000005", "6759649826438453", "4000000000000000006",
    ])
    func cards(_ pan: String) {
        #expect(Validators.paymentCard(pan))
        #expect(Validators.luhn(pan))
    }

    @Test("Payment cards: Luhn failures, unknown IIN ranges and wrong lengths are refused", arguments: [
        "4111111111111112", "1234567812345678", "9111111111111111", "411111111111", "41111111111111111111", "",
        "4111-1111-1111-1111", "378282246310006",
    ])
    func notCards(_ pan: String) {
        #expect(!Validators.paymentCard(pan))
    }

    @Test("SSN rules: area 000, 666 and 9xx, group 00, serial 0000 and advertising numbers are invalid")
    func ssn() {
        #expect(Validators.usSSN("123456789"))
        #expect(Validators.usSSN("536228432"))
        for bad in ["000123456", "666123456", "900123456", "999123456", "123001234", "123450000", "078051120", "219099999", "457555462", "12345678", "12345678a"] {
            #expect(!Validators.usSSN(bad), "\(bad)")
        }
        #expect(Validators.usITIN("912701234"))
        #expect(Validators.usITIN("900941234"))
        #expect(!Validators.usITIN("912931234"))
        #expect(!Validators.usITIN("812701234"))
    }

    @Test("Checksummed identifiers: published examples pass, one changed digit fails", arguments: [
        ("aba", "011000015"), ("aba", "021000021"), ("npi", "1234567893"), ("dea", "AB1234563"), ("nhs", "9434765919"),
        ("sin", "130692544"), ("imei", "490154203237518"), ("iban", "GB82WEST12345698765432"), ("iban", "DE89370400440532013000"),
        ("iban", "GB82 WEST 1234 5698 7654 32"), ("vin", "1M8GDM9AXKP042788"), ("vin", "11111111111111111"),
        ("bitcoin", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), ("bitcoin", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        ("bitcoin", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        // BIP 350's Bech32m example (python-stdnum 2.2 does not know Bech32m, so this one is checked here only).
        ("bitcoin", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"),
    ])
    func checksums(_ kind: String, _ value: String) {
        #expect(Self.check(kind, value), "\(kind) example")
        // Change one digit (or character): the check must fail.
        var chars = Array(value)
        let index = chars.lastIndex(where: { $0.isNumber }) ?? 0
        chars[index] = chars[index] == "1" ? "2" : "1"
        if kind == "vin" { chars[8] = chars[8] == "X" ? "1" : (chars[8] == "9" ? "8" : "9") }
        #expect(!Self.check(kind, String(chars)), "\(kind) with a changed character")
    }

    static func check(_ kind: String, _ value: String) -> Bool {
        switch kind {
        case "aba": return Validators.abaRouting(value)
        case "npi": return Validators.npi(value)
        case "dea": return Validators.dea(value)
        case "nhs": return Validators.ukNHS(value)
        case "sin": return Validators.caSIN(value)
        case "imei": return Validators.imei(value)
        case "iban": return Validators.iban(value)
        case "vin": return Validators.vin(value)
        case "bitcoin": return Validators.bitcoinAddress(value)
        default: return false
        }
    }

    @Test("Bech32 strings mixing upper and lower case are refused (BIP 173), though python-stdnum accepts them")
    func bech32MixedCase() {
        #expect(Validators.bitcoinAddress("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"))
        #expect(!Validators.bitcoinAddress("bc1Qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
    }

    @Test("IP and MAC addresses: every text form, and near-misses")
    func network() {
        for good in ["0.0.0.0", "192.168.1.1", "255.255.255.255"] { #expect(Validators.ipv4(good), "\(good)") }
        for bad in ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "1..2.3"] { #expect(!Validators.ipv4(bad), "\(bad)") }
        for good in ["::1", "::", "2001:db8::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128", "1::"] {
            #expect(Validators.ipv6(good), "\(good)")
        }
        for bad in ["1:2:3:4:5:6:7", "2001:db8::1::1", "12345::1", "10:22:33", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::1"] {
            #expect(!Validators.ipv6(bad), "\(bad)")
        }
        for good in ["00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e"] { #expect(Validators.mac(good), "\(good)") }
        for bad in ["00:1A:2B:3C:4D", "00:1A-2B:3C:4D:5E", "00:1G:2B:3C:4D:5E"] { #expect(!Validators.mac(bad), "\(bad)") }
    }

    @Test("Phones: NANP area-code and exchange rules, E.164 country codes and lengths")
    func phones() {
        #expect(PhoneNumberValidator.isNANP("2125550100"))
        #expect(!PhoneNumberValidator.isNANP("1125550100"))
        #expect(!PhoneNumberValidator.isNANP("2121550100"))
        #expect(!PhoneNumberValidator.isNANP("9115550100"))
        #expect(PhoneNumberValidator.isPossibleInternational("442079460958"))
        #expect(PhoneNumberValidator.isPossibleInternational("4930123456"))
        #expect(!PhoneNumberValidator.isPossibleInternational("4420794609581234"))
        #expect(!PhoneNumberValidator.isPossibleInternational("999123456"))
    }
}
