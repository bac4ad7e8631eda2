internal import Foundation

/// The text the detectors read: the original, normalized to mostly-ASCII UTF-8 bytes, with a map from every
/// normalized byte back to the original Unicode scalars it came from.
///
/// Normalization, one original scalar at a time (so every output byte has one source):
/// - format characters (general category Cf: zero-width spaces and joiners, soft hyphens, BOMs, bidi marks) are
///   dropped, so `4111\u{200B}1111…` scans as `41111111…`;
/// - every decimal digit of any script (full-width, Arabic-Indic, Devanagari, …) becomes its ASCII digit;
/// - Unicode spaces become a space, Unicode dashes and minus signs a hyphen;
/// - everything else goes through NFKC (full-width letters and `＠` become ASCII).
/// Pure-ASCII input skips all of this and maps offsets by identity.
struct ScanText {
    /// The normalized bytes.
    let bytes: [UInt8]
    /// For normalized byte `i`, the index of the original scalar it came from; `nil` when the map is the identity.
    private let source: [Int32]?
    /// Original scalar index → UTF-8 and UTF-16 offsets (count + 1 entries); `nil` when the text is ASCII.
    private let utf8Offsets: [Int32]?
    private let utf16Offsets: [Int32]?
    /// The number of original scalars.
    let scalarCount: Int

    /// Normalizes `text`.
    init(_ text: String) {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII {
            bytes = Array(text.utf8)
            source = nil
            utf8Offsets = nil
            utf16Offsets = nil
            scalarCount = bytes.count
            return
        }
        var out: [UInt8] = []
        var map: [Int32] = []
        var u8: [Int32] = [0]
        var u16: [Int32] = [0]
        out.reserveCapacity(text.utf8.count)
        map.reserveCapacity(text.utf8.count)
        var index: Int32 = 0
        for scalar in text.unicodeScalars {
            u8.append(u8[u8.count - 1] + Int32(UTF8.width(scalar)))
            u16.append(u16[u16.count - 1] + Int32(UTF16.width(scalar)))
            defer { index += 1 }
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
                map.append(index)
                continue
            }
            let properties = scalar.properties
            if properties.generalCategory == .format { continue }
            if properties.numericType == .decimal, let value = properties.numericValue, value >= 0, value <= 9 {
                out.append(UInt8(48 + Int(value)))
                map.append(index)
                continue
            }
            if properties.isWhitespace {
                out.append(0x20)
                map.append(index)
                continue
            }
            if properties.generalCategory == .dashPunctuation || scalar == "\u{2212}" {
                out.append(UInt8(ascii: "-"))
                map.append(index)
                continue
            }
            let folded = String(scalar).precomposedStringWithCompatibilityMapping
            for byte in folded.utf8 {
                out.append(byte)
                map.append(index)
            }
        }
        bytes = out
        source = map
        utf8Offsets = u8
        utf16Offsets = u16
        scalarCount = Int(index)
    }

    /// The original scalar range of normalized bytes `range`.
    func scalarRange(_ range: Range<Int>) -> Range<Int> {
        guard let source else { return range }
        guard !range.isEmpty else {
            let at = range.lowerBound < source.count ? Int(source[range.lowerBound]) : scalarCount
            return at..<at
        }
        return Int(source[range.lowerBound])..<(Int(source[range.upperBound - 1]) + 1)
    }

    /// The span of normalized bytes `range` in all three offset systems of the original text.
    func span(_ range: Range<Int>) -> TextSpan {
        let scalars = scalarRange(range)
        guard let utf8Offsets, let utf16Offsets else { return TextSpan(utf8: scalars, utf16: scalars, scalars: scalars) }
        return TextSpan(
            utf8: Int(utf8Offsets[scalars.lowerBound])..<Int(utf8Offsets[scalars.upperBound]),
            utf16: Int(utf16Offsets[scalars.lowerBound])..<Int(utf16Offsets[scalars.upperBound]),
            scalars: scalars
        )
    }

    /// The normalized bytes of `range` as a string (for operators and allow-lists; never logged).
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
