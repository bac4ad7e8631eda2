/// Phone-number rules: country calling codes with the possible lengths of their national significant numbers
/// (from libphonenumber's metadata, see `Data/PhoneMetadataData.swift`), and the North American Numbering Plan's
/// area-code and exchange rules.
public enum PhoneNumberValidator {
    /// Splits an international number's digits (after `+` or `00`) into a known country calling code and the
    /// national significant number, trying 1-, 2- then 3-digit codes as ITU-T E.164 assigns them prefix-free.
    static func splitCountryCode(_ d: ArraySlice<UInt8>) -> (code: Int, national: ArraySlice<UInt8>)? {
        for k in 1...3 where d.count > k {
            let code = Checks.number(d.prefix(k))
            if possibleLengths[code] != nil { return (code, d.dropFirst(k)) }
        }
        return nil
    }

    /// Whether `+digits` is a possible E.164 number: a known country calling code, at most 15 digits, and a national
    /// significant number of a length that country uses. The same question as phonenumbers' `is_possible_number`.
    public static func isPossibleInternational(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        guard d.allSatisfy(ByteClass.isDigit) else { return false }
        return isPossibleInternational(d[...])
    }

    static func isPossibleInternational(_ d: ArraySlice<UInt8>) -> Bool {
        guard d.count >= 4, d.count <= 17, let (code, national) = splitCountryCode(d),
              let lengths = possibleLengths[code] else { return false }
        return lengths.contains(national.count)
    }

    /// Whether ten digits are a North American number: area code and exchange start with 2–9 and are not N11
    /// service codes.
    public static func isNANP(_ digits: String) -> Bool { isNANP(Array(digits.utf8)[...]) }

    static func isNANP(_ d: ArraySlice<UInt8>) -> Bool {
        guard d.count == 10, d.allSatisfy(ByteClass.isDigit) else { return false }
        let s = d.startIndex
        guard d[s] >= 50, d[s + 3] >= 50 else { return false }
        if d[s + 1] == 49 && d[s + 2] == 49 { return false }
        if d[s + 4] == 49 && d[s + 5] == 49 { return false }
        // 555-01xx is reserved for fiction but is a real shape users type; keep it.
        return true
    }
}
