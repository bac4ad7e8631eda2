import CryptoPrimitives
import Foundation
import SignalProtocol

/// Optional at-rest encryption of secret columns: `0x01 || nonce (12) || ciphertext || tag (16)` under
/// AES-256-GCM with the row's context (`table|key`) as associated data; `0x00 || plaintext` without a key.
struct ColumnSealer: Sendable {
    private let key: SecretKey?

    init(key: SecretKey?) throws {
        if let key, key.byteCount != 32 { throw SignalError(.invalidKey, "the storage key must be 32 bytes") }
        self.key = key
    }

    func seal(_ secret: SecureBytes, context: String) throws -> Data {
        guard let key else { return Data([0x00]) + Data(secret.unprotectedCopy()) }
        do {
            let nonce = try SecureRandom.bytes(count: 12)
            let box = try AES.GCM.seal(secret, key: key, nonce: nonce, authenticating: Array(context.utf8))
            return Data([0x01] + nonce + box.ciphertext + box.tag)
        } catch {
            throw SignalError(.storageFailure, "sealing a stored secret failed")
        }
    }

    func open(_ data: Data, context: String) throws -> SecureBytes {
        var bytes = [UInt8](data)
        defer { bytes.withUnsafeMutableBytes { SecureMemory.zero($0) } }
        guard let format = bytes.first else { throw SignalError(.invalidState, "empty stored secret") }
        switch (format, key) {
        case (0x00, nil):
            return SecureBytes(copying: bytes[1...].map { $0 })
        case (0x01, let key?):
            guard bytes.count >= 1 + 12 + 16 else { throw SignalError(.invalidState, "stored secret truncated") }
            let nonce = Array(bytes[1..<13])
            let box = AEADSealedBox(ciphertext: Array(bytes[13..<(bytes.count - 16)]), tag: Array(bytes.suffix(16)))
            do {
                return try AES.GCM.open(box, key: key, nonce: nonce, authenticating: Array(context.utf8))
            } catch {
                throw SignalError(.invalidState, "a stored secret failed authentication (wrong key or tampered row)")
            }
        default:
            throw SignalError(.invalidState, "stored secret sealed differently than this store is configured")
        }
    }
}
