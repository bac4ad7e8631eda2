import CryptoPrimitives
import Testing

@Suite("SecureBytes")
struct SecureBytesTests {
    @Test("Copies are independent (copy-on-write)")
    func copyOnWrite() {
        var a = SecureBytes(copying: [1, 2, 3])
        let b = a
        a.withUnsafeMutableBytes { $0[0] = 9 }
        #expect(a.array == [9, 2, 3])
        #expect(b.array == [1, 2, 3])
        a.append(contentsOf: [4, 5])
        a.append(6)
        #expect(a.array == [9, 2, 3, 4, 5, 6])
        #expect(b.count == 3)
    }

    @Test("Equality compares contents and lengths")
    func equality() {
        #expect(SecureBytes(copying: [1, 2, 3]) == SecureBytes(copying: [1, 2, 3]))
        #expect(SecureBytes(copying: [1, 2, 3]) != SecureBytes(copying: [1, 2, 4]))
        #expect(SecureBytes(copying: [1, 2, 3]) != SecureBytes(copying: [1, 2]))
        #expect(SecureBytes(zeros: 0) == SecureBytes(copying: [UInt8]()))
        #expect(SecureMemory.constantTimeEquals([UInt8](repeating: 7, count: 100), [UInt8](repeating: 7, count: 100)))
        #expect(!SecureMemory.constantTimeEquals([UInt8](repeating: 7, count: 100), [UInt8](repeating: 7, count: 99) + [8]))
    }

    @Test("Slices and prefixes")
    func slices() {
        let bytes = SecureBytes(copying: Array(0..<10) as [UInt8])
        #expect(bytes.slice(2..<5).array == [2, 3, 4])
        #expect(bytes.prefix(3).array == [0, 1, 2])
        #expect(bytes.prefix(100).array == Array(0..<10))
    }

    @Test("Consuming an array wipes the source")
    func consuming() {
        var source: [UInt8] = [5, 6, 7]
        let bytes = SecureBytes(consuming: &source)
        #expect(source.isEmpty)
        #expect(bytes.array == [5, 6, 7])
    }

    @Test("Descriptions, debug descriptions and dumps never show the bytes")
    func redaction() throws {
        let secret = SecureBytes(copying: [0xde, 0xad, 0xbe, 0xef])
        let key = SecretKey(bytes: secret)
        let x25519 = try X25519.PrivateKey()
        let rendered = [
            "\(secret)", String(reflecting: secret), "\(key)", String(reflecting: key), "\(x25519)",
            { var out = ""; dump(secret, to: &out); dump(key, to: &out); return out }(),
        ]
        for text in rendered {
            #expect(!text.lowercased().contains("dead"), "\(text)")
            #expect(!text.contains("222"), "\(text)")  // 0xde = 222 in decimal
        }
        #expect("\(secret)" == "SecureBytes(4 bytes, redacted)")
    }
}

@Suite("Random")
struct RandomTests {
    @Test("Sizes, distinctness and bounds")
    func random() throws {
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
        let a = try SecureRandom.bytes(count: 32)
        let b = try SecureRandom.bytes(count: 32)
        #expect(a.count == 32 && a != b)
        #expect(try SecureRandom.secureBytes(count: 64).count == 64)
        for _ in 0..<1000 { #expect(try SecureRandom.uniform(below: 7) < 7) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try SecureRandom.bytes(count: -1) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try SecureRandom.uniform(below: 0) }
    }
}
