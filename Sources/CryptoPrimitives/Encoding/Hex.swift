extension Sequence<UInt8> {
    /// Lowercase hex, for public values in descriptions.
    var hexString: String {
        let digits: [Character] = Array("0123456789abcdef")
        var result = ""
        for byte in self {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        return result
    }
}
