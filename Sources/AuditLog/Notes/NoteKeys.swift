public import CryptoPrimitives
import Foundation

/// The signature types of C2SP signed-note that ChatSecurity uses.
public enum NoteSignatureType: UInt8, Sendable {
    /// Ed25519 over the note text (the log's checkpoint signature; Go's `sumdb/note`).
    case ed25519 = 0x01
    /// Timestamped Ed25519 checkpoint cosignature (C2SP tlog-cosignature v1; witnesses).
    case cosignatureV1 = 0x04
}

/// Key names: non-empty UTF-8 without spaces, `+` or control characters (C2SP signed-note), at most 256 bytes.
enum NoteKeyName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 256
            && name.unicodeScalars.allSatisfy { $0 != "+" && !$0.properties.isWhitespace && $0.value >= 0x21 && $0.value != 0x7F }
    }

    /// The key ID: the first 4 bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ type ‖ public key).
    static func keyID(name: String, type: NoteSignatureType, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(parts: [Array(name.utf8), [0x0A, type.rawValue], publicKey])
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func hex(_ id: UInt32) -> String {
        let text = String(id, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}

/// A verifier key: `<name>+<hex key ID>+<base64(type ‖ Ed25519 public key)>` (C2SP signed-note).
public struct NoteVerifier: Sendable, Hashable, CustomStringConvertible {
    /// The key name (for a log, its origin).
    public let name: String
    /// The signature type.
    public let type: NoteSignatureType
    /// The key ID.
    public let keyID: UInt32
    /// The public key.
    public let publicKey: Ed25519.PublicKey

    /// A verifier for `publicKey` under `name`.
    public init(name: String, type: NoteSignatureType = .ed25519, publicKey: Ed25519.PublicKey) throws(AuditError) {
        guard NoteKeyName.isValid(name) else { throw AuditError(.invalidKey, "invalid key name") }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        keyID = NoteKeyName.keyID(name: name, type: type, publicKey: publicKey.rawRepresentation)
    }

    /// Parses a verifier key string; the key ID must match the key.
    public init(parsing text: String) throws(AuditError) {
        // Split at the first two `+` only: the base64 part may contain `+`.
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].utf8.count == 8, let id = UInt32(parts[1], radix: 16),
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
              let data = Data(base64Encoded: String(parts[2])), data.count == 33,
              let type = NoteSignatureType(rawValue: data[data.startIndex])
        else { throw AuditError(.invalidKey, "malformed verifier key") }
        let key: Ed25519.PublicKey
        do { key = try Ed25519.PublicKey(rawRepresentation: Array(data.dropFirst())) } catch { throw AuditError(.invalidKey, "malformed verifier key") }
        try self.init(name: String(parts[0]), type: type, publicKey: key)
        guard keyID == id else { throw AuditError(.invalidKey, "verifier key ID does not match the key") }
    }

    /// The key string.
    public var description: String {
        "\(name)+\(NoteKeyName.hex(keyID))+\(Data([type.rawValue] + publicKey.rawRepresentation).base64EncodedString())"
    }
}

/// A signing key for notes: an Ed25519 key with a name. Its string form,
/// `PRIVATE+KEY+<name>+<hex key ID>+<base64(type ‖ seed)>` (Go's `sumdb/note`), is a secret: keep it in the key
/// service or a secrets manager, never in logs.
public struct NoteSigner: Sendable, CustomStringConvertible {
    /// The key name.
    public let name: String
    /// The signature type it produces.
    public let type: NoteSignatureType
    /// The private key.
    public let privateKey: Ed25519.PrivateKey
    /// The matching verifier.
    public let verifier: NoteVerifier

    /// A signer for `privateKey` under `name`.
    public init(name: String, type: NoteSignatureType = .ed25519, privateKey: Ed25519.PrivateKey) throws(AuditError) {
        self.name = name
        self.type = type
        self.privateKey = privateKey
        verifier = try NoteVerifier(name: name, type: type, publicKey: privateKey.publicKey)
    }

    /// A fresh key.
    public static func generate(name: String, type: NoteSignatureType = .ed25519) throws -> NoteSigner {
        try NoteSigner(name: name, type: type, privateKey: try Ed25519.PrivateKey())
    }

    /// Parses a signer key string; the key ID must match the key.
    public init(parsing text: SecureBytes) throws(AuditError) {
        let string = text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let parts = string.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", parts[3].utf8.count == 8, let id = UInt32(parts[3], radix: 16),
              let data = Data(base64Encoded: String(parts[4])), data.count == 33,
              let type = NoteSignatureType(rawValue: data[data.startIndex])
        else { throw AuditError(.invalidKey, "malformed signer key") }
        let key: Ed25519.PrivateKey
        do { key = try Ed25519.PrivateKey(seed: Array(data.dropFirst())) } catch { throw AuditError(.invalidKey, "malformed signer key") }
        try self.init(name: String(parts[2]), type: type, privateKey: key)
        guard verifier.keyID == id else { throw AuditError(.invalidKey, "signer key ID does not match the key") }
    }

    /// The secret key string, in secure storage.
    public func secretKeyString() -> SecureBytes {
        let seed = privateKey.seed.unprotectedCopy()
        let text = "PRIVATE+KEY+\(name)+\(NoteKeyName.hex(verifier.keyID))+\(Data([type.rawValue] + seed).base64EncodedString())"
        return SecureBytes(copying: Array(text.utf8))
    }

    /// Signs `message` with the key.
    func sign(_ message: [UInt8]) throws(AuditError) -> [UInt8] {
        do { return try privateKey.signature(for: message) } catch { throw AuditError(.signatureInvalid, "signing failed") }
    }

    /// The name and key ID, never the key.
    public var description: String { "NoteSigner(\(name)+\(NoteKeyName.hex(verifier.keyID)))" }
}
