/// Byte classification for the scanners. Bytes of multi-byte UTF-8 sequences count as letters, so words in any
/// script stay whole and never glue onto a number.
enum ByteClass {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { isASCIILetter(b) || b >= 0x80 }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 97 < 6 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { isLower(b) ? b & ~0x20 : b }
    @inline(__always) static func digitValue(_ b: UInt8) -> Int { Int(b &- 48) }
}
