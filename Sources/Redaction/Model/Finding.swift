/// Where a finding lies in the scanned text, in the three offset systems callers need.
///
/// All ranges are half-open and index the *original* text (before normalization): UTF-8 code units (Swift's
/// `String.utf8`, Go, Rust), UTF-16 code units (Foundation, JavaScript, Java), and Unicode scalars (Python `str`
/// indices).
public struct TextSpan: Hashable, Sendable {
    /// UTF-8 code-unit offsets.
    public let utf8: Range<Int>
    /// UTF-16 code-unit offsets.
    public let utf16: Range<Int>
    /// Unicode scalar (code point) offsets.
    public let scalars: Range<Int>

    /// A span.
    public init(utf8: Range<Int>, utf16: Range<Int>, scalars: Range<Int>) {
        self.utf8 = utf8
        self.utf16 = utf16
        self.scalars = scalars
    }
}

/// One identifier found in a text.
///
/// A finding never carries the matched text: its `description` names the type, offsets, confidence and detector
/// only, so logging a finding cannot leak what was found. Use ``TextSpan/utf8`` or ``TextSpan/utf16`` to cut the
/// text out when it is really needed.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    /// What was found.
    public let type: EntityType
    /// Where, in the original text.
    public let span: TextSpan
    /// How sure the detector is, from 0 to 1: 1 for checksum-validated identifiers, lower for shape or context
    /// matches.
    public let confidence: Double
    /// The detector that reported it (for example `payment-card`, `name-gazetteer`, `custom:<rule>`).
    public let detector: String

    /// A finding.
    public init(type: EntityType, span: TextSpan, confidence: Double, detector: String) {
        self.type = type
        self.span = span
        self.confidence = confidence
        self.detector = detector
    }

    /// Type, offsets, confidence and detector; never the matched text.
    public var description: String {
        "Finding(\(type.rawValue), utf8 \(span.utf8.lowerBound)..<\(span.utf8.upperBound), confidence \(confidence), \(detector))"
    }
}
