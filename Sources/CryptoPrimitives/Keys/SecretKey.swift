#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A symmetric key (AES, ChaCha20-Poly1305, HMAC, key-wrapping keys), held in ``SecureBytes``.
///
/// The algorithms check the size they need; a key is just secret bytes of a known length.
public struct SecretKey: Sendable, Equatable, ContiguousBytes, CustomStringConvertible {
    /// The key bytes.
    public let bytes: SecureBytes

    /// Wraps existing secret bytes.
    public init(bytes: SecureBytes) { self.bytes = bytes }

    /// Copies key bytes into secure storage.
    public init(copying source: some ContiguousBytes) { self.bytes = SecureBytes(copying: source) }

    /// A fresh random key of `byteCount` bytes.
    public static func generate(byteCount: Int) throws -> SecretKey {
        SecretKey(bytes: try SecureRandom.secureBytes(count: byteCount))
    }

    /// The key length in bytes.
    public var byteCount: Int { bytes.count }

    /// Calls `body` with the key bytes.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }

    /// Shows the length only.
    public var description: String { "SecretKey(\(byteCount) bytes, redacted)" }
}
