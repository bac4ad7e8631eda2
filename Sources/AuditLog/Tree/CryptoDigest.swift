import CryptoPrimitives

/// One-shot SHA-256 for file checksums.
enum CryptoDigest {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] { SHA256.hash(bytes) }
}
