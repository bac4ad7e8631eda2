/// The checksum and range rules the detectors validate with, exposed so callers (and the agreement tests against
/// python-stdnum and phonenumbers) can use them directly. Every function takes the identifier's characters with
/// separators already removed unless it says otherwise, and answers `false` for anything malformed.
public enum Validators {
    /// Luhn (ISO/IEC 7812-1 mod 10) over ASCII digits.
    public static func luhn(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        guard !d.isEmpty, d.allSatisfy(ByteClass.isDigit) else { return false }
        return Checks.luhn(d[...])
    }

    /// A payment card number: 12–19 digits, Luhn-valid, in a known IIN range (see ``CardNetwork``).
    public static func paymentCard(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        guard (12...19).contains(d.count), d.allSatisfy(ByteClass.isDigit) else { return false }
        return Checks.luhn(d[...]) && CardNetwork.identify(d[...]) != nil
    }

    /// A US SSN (9 digits): no area 000, 666 or 900–999, no group 00, no serial 0000, not a known advertising or
    /// misused number.
    public static func usSSN(_ digits: String) -> Bool { Checks.ssn(Array(digits.utf8)[...]) }

    /// A US ITIN (9 digits): area 9xx, group 50–65, 70–88, 90–92 or 94–99.
    public static func usITIN(_ digits: String) -> Bool { Checks.itin(Array(digits.utf8)[...]) }

    /// A US ABA routing transit number (9 digits, 3-7-1 weighted checksum, a valid Federal Reserve prefix).
    public static func abaRouting(_ digits: String) -> Bool { Checks.aba(Array(digits.utf8)[...]) }

    /// A US NPI (10 digits starting 1 or 2, Luhn over the 80840 prefix).
    public static func npi(_ digits: String) -> Bool { Checks.npi(Array(digits.utf8)[...]) }

    /// A US DEA registration number (two letters and seven digits with its checksum).
    public static func dea(_ value: String) -> Bool { Checks.dea(Array(value.utf8)[...]) }

    /// A UK NHS number (10 digits, mod 11).
    public static func ukNHS(_ digits: String) -> Bool { Checks.nhs(Array(digits.utf8)[...]) }

    /// A Canadian SIN (9 digits, Luhn, not starting 0 or 8).
    public static func caSIN(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        guard d.count == 9, d.allSatisfy(ByteClass.isDigit), d[0] != 48, d[0] != 56 else { return false }
        return Checks.luhn(d[...])
    }

    /// An IMEI (15 digits, Luhn) or IMEISV (16 digits, no check digit).
    public static func imei(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        guard d.allSatisfy(ByteClass.isDigit) else { return false }
        if d.count == 16 { return true }
        return d.count == 15 && Checks.luhn(d[...])
    }

    /// An IBAN (country code, check digits, BBAN): the country's registered BBAN structure (length and character
    /// classes, SWIFT's IBAN registry) and ISO 7064 mod 97-10. Spaces are ignored.
    public static func iban(_ value: String) -> Bool {
        Checks.iban(Array(value.utf8.filter { $0 != 0x20 })[...])
    }

    /// A VIN: 17 characters without I, O or Q, and a valid North American check digit (position 9).
    public static func vin(_ value: String) -> Bool { Checks.vin(Array(value.utf8)[...]) }
}

/// The byte-level checks behind ``Validators``.
enum Checks {
    static func luhn(_ d: ArraySlice<UInt8>) -> Bool {
        var sum = 0
        var double = false
        for b in d.reversed() {
            var v = ByteClass.digitValue(b)
            if double { v *= 2; if v > 9 { v -= 9 } }
            sum += v
            double.toggle()
        }
        return sum % 10 == 0
    }

    static func allDigits(_ d: ArraySlice<UInt8>, count: Int) -> Bool {
        d.count == count && d.allSatisfy(ByteClass.isDigit)
    }

    static func number(_ d: ArraySlice<UInt8>) -> Int {
        d.reduce(0) { $0 * 10 + ByteClass.digitValue($1) }
    }

    static func ssn(_ d: ArraySlice<UInt8>) -> Bool {
        guard allDigits(d, count: 9) else { return false }
        let s = d.startIndex
        let area = number(d[s..<s + 3]), group = number(d[s + 3..<s + 5]), serial = number(d[s + 5..<s + 9])
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return false }
        // Advertising and publicly misused numbers (Woolworth's wallet card, the 1940s and Lifelock examples).
        let value = number(d)
        if [78_051_120, 219_099_999, 457_555_462].contains(value) { return false }
        return true
    }

    static func itin(_ d: ArraySlice<UInt8>) -> Bool {
        guard allDigits(d, count: 9) else { return false }
        let s = d.startIndex
        guard d[s] == 57 else { return false }
        let group = number(d[s + 3..<s + 5])
        return (50...65).contains(group) || (70...88).contains(group) || (90...92).contains(group) || (94...99).contains(group)
    }

    static func aba(_ d: ArraySlice<UInt8>) -> Bool {
        guard allDigits(d, count: 9) else { return false }
        let v = d.map(ByteClass.digitValue)
        let prefix = v[0] * 10 + v[1]
        // Federal Reserve routing symbols: 00 (US government), 01–12, 21–32 (thrifts), 61–72 (electronic), 80 (traveller's cheques).
        guard prefix <= 12 || (21...32).contains(prefix) || (61...72).contains(prefix) || prefix == 80 else { return false }
        let sum = 3 * (v[0] + v[3] + v[6]) + 7 * (v[1] + v[4] + v[7]) + (v[2] + v[5] + v[8])
        return sum % 10 == 0
    }

    static func npi(_ d: ArraySlice<UInt8>) -> Bool {
        guard allDigits(d, count: 10), d[d.startIndex] == 49 || d[d.startIndex] == 50 else { return false }
        return luhn(Array("80840".utf8)[...] + d)
    }

    static func dea(_ d: ArraySlice<UInt8>) -> Bool {
        guard d.count == 9 else { return false }
        let s = d.startIndex
        // Registrant type (first letter) and the registrant's initial (a letter, or 9 for business names).
        let types: Set<UInt8> = Set("ABCDEFGHJKLMPRSTUX".utf8)
        guard types.contains(ByteClass.upper(d[s])), ByteClass.isASCIILetter(d[s + 1]) || d[s + 1] == 57 else { return false }
        let digits = d[(s + 2)...]
        guard digits.allSatisfy(ByteClass.isDigit) else { return false }
        let v = digits.map(ByteClass.digitValue)
        let sum = v[0] + v[2] + v[4] + 2 * (v[1] + v[3] + v[5])
        return sum % 10 == v[6]
    }

    static func nhs(_ d: ArraySlice<UInt8>) -> Bool {
        guard allDigits(d, count: 10) else { return false }
        let v = d.map(ByteClass.digitValue)
        var sum = 0
        for i in 0..<9 { sum += v[i] * (10 - i) }
        let check = 11 - sum % 11
        if check == 10 { return false }
        return (check == 11 ? 0 : check) == v[9]
    }

    static func iban(_ d: ArraySlice<UInt8>) -> Bool {
        guard d.count >= 15, d.count <= 34 else { return false }
        let s = d.startIndex
        let country = String(decoding: [ByteClass.upper(d[s]), ByteClass.upper(d[s + 1])], as: UTF8.self)
        guard let structure = IBANCountries.structures[country], structure.count + 4 == d.count,
              ByteClass.isDigit(d[s + 2]), ByteClass.isDigit(d[s + 3]) else { return false }
        // The BBAN follows the country's registered structure.
        for (k, cls) in structure.enumerated() {
            let c = ByteClass.upper(d[s + 4 + k])
            switch cls {
            case .digit: guard ByteClass.isDigit(c) else { return false }
            case .letter: guard ByteClass.isUpper(c) else { return false }
            case .alphanumeric: guard ByteClass.isDigit(c) || ByteClass.isUpper(c) else { return false }
            }
        }
        var remainder = 0
        for i in 0..<d.count {
            let b = ByteClass.upper(d[s + (i + 4) % d.count])
            if ByteClass.isDigit(b) {
                remainder = (remainder * 10 + ByteClass.digitValue(b)) % 97
            } else if ByteClass.isUpper(b) {
                remainder = (remainder * 100 + Int(b) - 55) % 97
            } else { return false }
        }
        return remainder == 1
    }

    static func vin(_ d: ArraySlice<UInt8>) -> Bool {
        guard d.count == 17 else { return false }
        let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
        var sum = 0
        for (i, raw) in d.enumerated() {
            guard let value = vinValue(ByteClass.upper(raw)) else { return false }
            sum += value * weights[i]
        }
        let check = sum % 11
        let expected: UInt8 = check == 10 ? UInt8(ascii: "X") : UInt8(48 + check)
        return ByteClass.upper(d[d.startIndex + 8]) == expected
    }

    /// ISO 3779 transliteration; I, O and Q are not allowed.
    static func vinValue(_ b: UInt8) -> Int? {
        if ByteClass.isDigit(b) { return ByteClass.digitValue(b) }
        switch b {
        case UInt8(ascii: "A"), UInt8(ascii: "J"): return 1
        case UInt8(ascii: "B"), UInt8(ascii: "K"), UInt8(ascii: "S"): return 2
        case UInt8(ascii: "C"), UInt8(ascii: "L"), UInt8(ascii: "T"): return 3
        case UInt8(ascii: "D"), UInt8(ascii: "M"), UInt8(ascii: "U"): return 4
        case UInt8(ascii: "E"), UInt8(ascii: "N"), UInt8(ascii: "V"): return 5
        case UInt8(ascii: "F"), UInt8(ascii: "W"): return 6
        case UInt8(ascii: "G"), UInt8(ascii: "P"), UInt8(ascii: "X"): return 7
        case UInt8(ascii: "H"), UInt8(ascii: "Y"): return 8
        case UInt8(ascii: "R"), UInt8(ascii: "Z"): return 9
        default: return nil
        }
    }
}
