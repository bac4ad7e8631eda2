import CryptoPrimitives
import Foundation

/// A C2SP signed note: UTF-8 text ending in a newline, an empty line, then signature lines
/// `— <key name> <base64(key ID (4) ‖ signature)>` (U+2014, space). Signatures start after the last empty line.
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        /// The key name.
        public let name: String
        /// The key ID.
        public let keyID: UInt32
        /// The signature bytes after the key ID (64 for Ed25519; timestamp ‖ 64 for cosignatures).
        public let bytes: [UInt8]

        /// A signature line's content.
        public init(name: String, keyID: UInt32, bytes: [UInt8]) {
            self.name = name
            self.keyID = keyID
            self.bytes = bytes
        }

        var line: String { "\u{2014} \(name) \(Data(Self.bigEndian(keyID) + bytes).base64EncodedString())\n" }

        static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) } }
    }

    /// The signed text, ending in a newline.
    public let text: String
    /// The signatures, in order.
    public private(set) var signatures: [Signature]

    /// The longest note accepted.
    public static let maximumLength = 1 << 20
    /// The most signature lines accepted.
    public static let maximumSignatures = 100

    /// A note to be signed.
    public init(text: String, signatures: [Signature] = []) throws(AuditError) {
        guard Self.isValidText(text) else { throw AuditError(.malformedNote, "invalid note text") }
        self.text = text
        self.signatures = signatures
    }

    static func isValidText(_ text: String) -> Bool {
        text.utf8.count <= maximumLength && text.hasSuffix("\n") && !text.hasPrefix("\n")
            && text.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F) }
    }

    /// The whole note: text, empty line, signature lines.
    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// Parses a note; every signature line must be well formed (whether or not its key is known).
    public init(parsing note: String) throws(AuditError) {
        guard note.utf8.count <= Self.maximumLength + Self.maximumSignatures * 600, note.hasSuffix("\n") else {
            throw AuditError(.malformedNote, "malformed signed note")
        }
        let bytes = Array(note.utf8)
        // The text ends at the last "\n\n".
        var split: Int?
        var index = bytes.count - 2
        while index >= 1 {
            if bytes[index] == 0x0A && bytes[index - 1] == 0x0A { split = index; break }
            index -= 1
        }
        guard let split else { throw AuditError(.malformedNote, "signed note without signatures") }
        let text = String(decoding: bytes[..<split], as: UTF8.self)
        let signatureLines = bytes[(split + 1)...].split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        guard !signatureLines.isEmpty, signatureLines.count <= Self.maximumSignatures else { throw AuditError(.malformedNote, "malformed signed note") }
        var signatures: [Signature] = []
        for line in signatureLines {
            guard let lineText = String(validating: line, as: UTF8.self), lineText.hasPrefix("\u{2014} ") else {
                throw AuditError(.malformedNote, "malformed signature line")
            }
            let fields = lineText.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, NoteKeyName.isValid(String(fields[0])), let data = Data(base64Encoded: String(fields[1])), data.count >= 5 else {
                throw AuditError(.malformedNote, "malformed signature line")
            }
            let id = data.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(Signature(name: String(fields[0]), keyID: id, bytes: Array(data.dropFirst(4))))
        }
        try self.init(text: text, signatures: signatures)
    }

    /// Adds (or replaces, for the same key) an Ed25519 note signature.
    public mutating func sign(with signer: NoteSigner) throws(AuditError) {
        guard signer.type == .ed25519 else { throw AuditError(.invalidKey, "not a note signing key") }
        let signature = try signer.sign(Array(text.utf8))
        add(Signature(name: signer.name, keyID: signer.verifier.keyID, bytes: signature))
    }

    mutating func add(_ signature: Signature) {
        signatures.removeAll { $0.name == signature.name && $0.keyID == signature.keyID }
        signatures.append(signature)
    }

    /// Checks the signatures against `verifiers`: signatures by unknown keys are ignored, a known key's bad
    /// signature fails the note, and at least one known key must have signed. Returns the verifiers that signed.
    @discardableResult
    public func verify(_ verifiers: [NoteVerifier]) throws(AuditError) -> [NoteVerifier] {
        var verified: [NoteVerifier] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else { continue }
            switch verifier.type {
            case .ed25519:
                guard signature.bytes.count == 64, verifier.publicKey.isValidSignature(signature.bytes, for: Array(text.utf8)) else {
                    throw AuditError(.signatureInvalid, "a signature by a trusted key is invalid")
                }
            case .cosignatureV1:
                guard signature.bytes.count == 72 else { throw AuditError(.signatureInvalid, "a cosignature by a trusted key is invalid") }
                let timestamp = signature.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                // C2SP tlog-cosignature: the timestamp MUST NOT exceed 2^63 - 1.
                guard timestamp <= UInt64(Int64.max) else { throw AuditError(.signatureInvalid, "a cosignature's timestamp is out of range") }
                let message = Cosignature.signedMessage(timestamp: timestamp, checkpointText: text)
                guard verifier.publicKey.isValidSignature(Array(signature.bytes.dropFirst(8)), for: message) else {
                    throw AuditError(.signatureInvalid, "a cosignature by a trusted key is invalid")
                }
            }
            if !verified.contains(verifier) { verified.append(verifier) }
        }
        guard !verified.isEmpty else { throw AuditError(.signatureInvalid, "no trusted key signed the note") }
        return verified
    }
}
