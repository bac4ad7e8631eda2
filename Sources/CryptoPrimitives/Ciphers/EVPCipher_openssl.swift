internal import COpenSSL

/// A cipher fetched from libcrypto's default provider once. Passing the legacy `EVP_aes_*()` objects makes
/// OpenSSL 3 fetch the implementation by name (under a lock) on every initialization; a fetched cipher is
/// immutable and may be used from any thread.
final class EVPCipher: @unchecked Sendable {
    /// `nil` if the provider lacks the cipher (callers report ``CryptoError/Code/libraryFailure``).
    let pointer: OpaquePointer?

    private init(_ name: String) {
        pointer = EVP_CIPHER_fetch(nil, name, nil)
    }

    static let aes128GCM = EVPCipher("AES-128-GCM")
    static let aes192GCM = EVPCipher("AES-192-GCM")
    static let aes256GCM = EVPCipher("AES-256-GCM")
    static let aes128CBC = EVPCipher("AES-128-CBC")
    static let aes192CBC = EVPCipher("AES-192-CBC")
    static let aes256CBC = EVPCipher("AES-256-CBC")
}
