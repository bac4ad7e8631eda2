/// IBAN structures per country (SWIFT's IBAN registry; see `Data/IBANRegistryData.swift`), compiled into
/// per-position character classes.
enum IBANCountries {
    /// A BBAN position's class: digit, upper-case letter, or either.
    enum CharacterClass { case digit, letter, alphanumeric }

    /// Country code → the classes of the BBAN's characters (its length is the IBAN's length less four).
    static let structures: [String: [CharacterClass]] = {
        var out: [String: [CharacterClass]] = [:]
        for (country, format) in formats {
            var classes: [CharacterClass] = []
            var count = 0
            for c in format.utf8 {
                if ByteClass.isDigit(c) { count = count * 10 + ByteClass.digitValue(c); continue }
                switch c {
                case UInt8(ascii: "n"): classes += Array(repeating: .digit, count: count); count = 0
                case UInt8(ascii: "a"): classes += Array(repeating: .letter, count: count); count = 0
                case UInt8(ascii: "c"): classes += Array(repeating: .alphanumeric, count: count); count = 0
                default: break
                }
            }
            out[country] = classes
        }
        return out
    }()
}
