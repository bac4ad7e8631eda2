import CryptoPrimitives
import Envelope
import Testing

/// What a caller gets without choosing: the signed committing suite, 64 KiB frames, and a message whose layout
/// follows from both (the interop suite checks the same frame length against the Python ESDK).
@Suite struct DefaultsTests {
    @Test func defaultOptionsWriteSignedSixtyFourKibibyteFrames() async throws {
        let client = EnvelopeClient(keyring: try RawAESKeyring(keyNamespace: "ns", keyName: "k", wrappingKey: EnvelopeSupport.aesKey))
        #expect(EncryptionOptions().suite == .aes256GCMHKDFSHA512CommitKeyECDSAP384)
        #expect(EncryptionOptions().frameLength == 65_536)
        #expect(EncryptionOptions(suite: .aes256GCMHKDFSHA512CommitKey).frameLength == EncryptionOptions.defaultFrameLength)
        let plaintext = (0..<200_001).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let unsigned = try await client.encrypt(plaintext, options: EncryptionOptions(suite: .aes256GCMHKDFSHA512CommitKey))
        let decrypted = try await client.decrypt(unsigned)
        #expect(decrypted.plaintext == plaintext)
        #expect(decrypted.header.frameLength == 65_536)
        // Three regular frames (4 + 12 + 65,536 + 16 bytes) and a final frame of the 3,393 left (4 + 4 + 12 + 4 + 3,393 + 16).
        let headerLength = unsigned.count - (3 * (4 + 12 + 65_536 + 16) + (4 + 4 + 12 + 4 + 3_393 + 16))
        #expect(headerLength > 0 && headerLength < 400, "unexpected body layout: \(unsigned.count) bytes in all")
        let signed = try await client.encrypt(plaintext)
        #expect(try await client.decrypt(signed).plaintext == plaintext)
    }
}
