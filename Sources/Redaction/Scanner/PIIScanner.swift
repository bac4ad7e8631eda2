/// Finds identifiers in chat messages.
///
/// A scanner is an immutable, `Sendable` value: build one per policy and share it across tasks. ``scan(_:)`` runs
/// in time linear in the message length (every detector walks the text once with bounded look-around; custom rules
/// run on a bounded automaton, see ``BoundedPattern``) and never logs or stores what it reads.
///
/// ```swift
/// let scanner = PIIScanner(policy: .hipaaSafeHarbor)
/// let findings = scanner.scan("DOB 03/14/1985, call 212-555-0100")
/// let summary = findings.map { ($0.type, $0.span.utf16) }   // [(DATE_OF_BIRTH, 4..<14), (PHONE, 21..<33)]
/// ```
public struct PIIScanner: Sendable {
    /// The policy whose types, threshold, allow-list and custom rules this scanner applies.
    public let policy: Policy
    private let detectors: [any Detector]
    /// Allow-listed values, normalized the way the scanner normalizes text.
    private let allowed: Set<[UInt8]>

    /// The built-in detectors, in the order they run (card details after cards).
    static let builtInDetectors: [any Detector] = [
        PaymentCardDetector(), CardDetailsDetector(), NationalIDDetector(), EmailDetector(), URLDetector(), NetworkDetector(),
        FinancialDetector(), HealthcareDetector(), IdentifierDetector(), CredentialDetector(), PhoneDetector(), DateDetector(),
        AgeDetector(), ContextualIdentifierDetector(), AddressDetector(), NameDetector(),
    ]

    /// A scanner applying `policy`.
    public init(policy: Policy = .all) {
        self.policy = policy
        detectors = Self.builtInDetectors + policy.customRules.map { CustomRuleDetector(rule: $0) }
        allowed = Set(policy.allowList.map { AllowList.key(ScanText($0).bytes[...]) })
    }

    /// The policy's findings in `text`, ordered by position, without overlaps, at or above the policy's minimum
    /// confidence. Never fails; time and memory are linear in the length of `text`.
    public func scan(_ text: String) -> [Finding] {
        let normalized = ScanText(text)
        let input = ScanInput(normalized)
        var candidates: [Candidate] = []
        for detector in detectors { detector.detect(input, &candidates) }
        let enabled = policy.entityTypes
        candidates.removeAll { !enabled.contains($0.type) || $0.score < policy.minimumConfidence }
        if !allowed.isEmpty {
            candidates.removeAll { allowed.contains(AllowList.key(normalized.bytes[$0.range])) }
        }
        return Self.resolve(candidates).map { c in
            Finding(type: c.type, span: normalized.span(c.range), confidence: c.score, detector: c.detector)
        }
    }

    /// Keeps the best of overlapping candidates: higher score, then longer span, then earlier detector.
    static func resolve(_ candidates: [Candidate]) -> [Candidate] {
        guard candidates.count > 1 else { return candidates }
        let order = candidates.indices.sorted { a, b in
            let x = candidates[a], y = candidates[b]
            if x.score != y.score { return x.score > y.score }
            if x.range.count != y.range.count { return x.range.count > y.range.count }
            return a < b
        }
        // Bytes already claimed by a better candidate: each candidate is checked over its own length only, so a
        // hostile text with many overlapping candidates still resolves in time linear in their total length.
        let length = candidates.reduce(0) { max($0, $1.range.upperBound) }
        var claimed = [Bool](repeating: false, count: length)
        var kept: [Candidate] = []
        for index in order {
            let c = candidates[index]
            if c.range.contains(where: { claimed[$0] }) { continue }
            for i in c.range { claimed[i] = true }
            kept.append(c)
        }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

/// Allow-list matching: case-insensitive on the normalized value, ignoring spaces, hyphens and dots, so
/// `+1 (800) 555-0199` allows `1-800-555-0199`.
enum AllowList {
    static func key(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes where !(b == 0x20 || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "+")) {
            out.append(ByteClass.lower(b))
        }
        return out
    }
}
