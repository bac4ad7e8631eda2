@testable import CryptoPrimitives
import Foundation
import Testing

/// The primitives added for the AWS Encryption SDK format: compressed EC points, SHA-384 (with HKDF-SHA384),
/// incremental digests, keyed AES-GCM contexts and RSA PKCS#1 v1.5 encryption, each checked against the
/// one-shot primitives already proven by vectors (or a published value).
@Suite struct EnvelopeSupportPrimitiveTests {
    @Test(arguments: [ECDSA.Curve.p256, .p384])
    func compressedPointsRoundTrip(curve: ECDSA.Curve) throws {
        for _ in 0..<20 {
            let key = try ECDSA.PrivateKey.generate(curve: curve)
            let compressed = try key.publicKey.compressedRepresentation
            #expect(compressed.count == curve.compressedPointByteCount && (compressed[0] == 2 || compressed[0] == 3))
            let uncompressed = try key.publicKey.x962Representation
            #expect(Array(compressed.dropFirst()) == Array(uncompressed[1...curve.coordinateByteCount]))
            #expect(compressed[0] == 2 + (uncompressed.last! & 1))
            let parsed = try ECDSA.PublicKey(compressedRepresentation: compressed, curve: curve)
            #expect(try parsed.x962Representation == uncompressed)
        }
        // Wrong prefixes, lengths and x-coordinates with no point are refused.
        let good = try ECDSA.PrivateKey.generate(curve: curve).publicKey.compressedRepresentation
        for bad in [[0x04] + good.dropFirst(), Array(good.dropLast()), good + [0], [0x02] + [UInt8](repeating: 0xFF, count: curve.coordinateByteCount)] {
            #expect(throws: CryptoError.self) { _ = try ECDSA.PublicKey(compressedRepresentation: bad, curve: curve) }
        }
    }

    @Test func sha384MatchesFIPSExampleAndStreams() throws {
        // FIPS 180-4 example "abc".
        #expect(SHA384.hash(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() ==
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for algorithm in [MessageDigest.sha2_256, .sha2_384, .sha2_512] {
            let hasher = try MessageDigest.Hasher(algorithm)
            for start in stride(from: 0, to: data.count, by: 999) { try hasher.update(data[start..<min(start + 999, data.count)]) }
            #expect(try hasher.finalize() == algorithm.hash(data))
            #expect(throws: CryptoError.self) { _ = try hasher.finalize() }
        }
        // HKDF-SHA384 is HKDF over the same generic code as the RFC 5869-tested SHA-256 and SHA-512 instances.
        let okm = try HKDF<SHA384>.deriveKey(inputKeyMaterial: [UInt8](repeating: 1, count: 32), salt: [UInt8](), info: [UInt8](), outputByteCount: 100)
        #expect(okm.count == 100)
    }

    @Test func keyedGCMContextsMatchOneShotGCM() throws {
        for keyLength in [16, 24, 32] {
            let key = try SecretKey.generate(byteCount: keyLength)
            let sealer = try AES.GCM.KeyedContext(key: key, encrypting: true)
            let opener = try AES.GCM.KeyedContext(key: key, encrypting: false)
            for length in [0, 1, 15, 16, 4096, 10_000] {
                let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
                let nonce = try SecureRandom.bytes(count: 12), aad = Array("aad \(length)".utf8)
                var ciphertext = [UInt8](repeating: 0, count: length), tag = [UInt8](repeating: 0, count: 16)
                try plaintext.withUnsafeBytes { p in try nonce.withUnsafeBytes { n in try aad.withUnsafeBytes { a in
                    try ciphertext.withUnsafeMutableBytes { c in try tag.withUnsafeMutableBytes { t in
                        try sealer.seal(p, nonce: n, authenticating: a, ciphertext: c, tag: t)
                    } }
                } } }
                let reference = try AES.GCM.seal(plaintext, key: key, nonce: nonce, authenticating: aad)
                #expect(reference.ciphertext == ciphertext && reference.tag == tag)
                var opened = [UInt8](repeating: 0xAA, count: length)
                try ciphertext.withUnsafeBytes { c in try tag.withUnsafeBytes { t in try nonce.withUnsafeBytes { n in try aad.withUnsafeBytes { a in
                    try opened.withUnsafeMutableBytes { o in try opener.open(c, tag: t, nonce: n, authenticating: a, plaintext: o) }
                } } } }
                #expect(opened == plaintext)
                // A wrong tag leaves nothing readable in the output.
                var badTag = tag
                badTag[0] ^= 1
                var scratch = [UInt8](repeating: 0xAA, count: length)
                #expect(throws: CryptoError.self) {
                    try ciphertext.withUnsafeBytes { c in try badTag.withUnsafeBytes { t in try nonce.withUnsafeBytes { n in try aad.withUnsafeBytes { a in
                        try scratch.withUnsafeMutableBytes { o in try opener.open(c, tag: t, nonce: n, authenticating: a, plaintext: o) }
                    } } } }
                }
                #expect(scratch.allSatisfy { $0 == 0 })
            }
        }
    }

    @Test func rsaPKCS1v15EncryptionRoundTripsAndRefusesDamage() throws {
        let key = try RSA.PrivateKey.generate(bits: 2048)
        let secret = try SecureRandom.bytes(count: 32)
        let wrapped = try key.publicKey.encryptPKCS1v15(secret)
        #expect(wrapped.count == 256)
        #expect(try key.decryptPKCS1v15(wrapped).unprotectedCopy() == secret)
        #expect(try key.publicKey.encryptPKCS1v15(secret) != wrapped)  // randomized padding
        var damaged = wrapped
        damaged[100] ^= 1
        if let recovered = try? key.decryptPKCS1v15(damaged) { #expect(recovered.unprotectedCopy() != secret) }
        #expect(throws: CryptoError.self) { _ = try key.decryptPKCS1v15(Array(wrapped.dropLast())) }
        #expect(throws: CryptoError.self) { _ = try key.publicKey.encryptPKCS1v15([UInt8](repeating: 1, count: 246)) }
    }
}
