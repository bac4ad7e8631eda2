import CryptoPrimitives
import Testing

@Suite("RSA and ECDSA keys: generation, PKCS#8 / SPKI in DER and PEM, hostile encodings")
struct KeyEncodingTests {
    @Test("RSA-2048: generate, export, re-import, OAEP with every digest and a label")
    func rsaRoundTrip() throws {
        let key = try RSA.PrivateKey.generate(bits: 2048)
        #expect(key.keySizeInBits == 2048)
        let der = try key.pkcs8DERRepresentation()
        let pem = try key.pemRepresentation()
        let pemText = pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(pemText.hasPrefix("-----BEGIN PRIVATE KEY-----\n") && pemText.hasSuffix("-----END PRIVATE KEY-----\n"))
        #expect(pemText.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 64 })
        let fromDER = try RSA.PrivateKey(pkcs8DER: der)
        let fromPEM = try RSA.PrivateKey(pemRepresentation: pem)
        #expect(try fromPEM.pkcs8DERRepresentation() == der)
        let publicKey = try key.publicKey
        let spki = try publicKey.spkiDERRepresentation
        #expect(try RSA.PublicKey(spkiDER: spki).spkiDERRepresentation == spki)
        #expect(try RSA.PublicKey(pemRepresentation: publicKey.pemRepresentation).spkiDERRepresentation == spki)
        for digest in [RSA.Digest.sha1, .sha256, .sha384, .sha512] {
            let label = Array("label".utf8)
            let ciphertext = try publicKey.encryptOAEP([1, 2, 3], digest: digest, label: label)
            #expect(ciphertext.count == 256)
            #expect(try fromDER.decryptOAEP(ciphertext, digest: digest, label: label).array == [1, 2, 3])
            #expect(throws: CryptoError.expectedAuthenticationFailure) { try fromDER.decryptOAEP(ciphertext, digest: digest, label: [UInt8]()) }
            #expect(throws: CryptoError.expectedAuthenticationFailure) { try fromDER.decryptOAEP(ciphertext, digest: digest, mgf1Digest: digest == .sha1 ? .sha256 : .sha1, label: label) }
        }
        // 256 − 2·32 − 2 = 190 bytes is the most SHA-256 OAEP carries in 2,048 bits.
        #expect(try publicKey.encryptOAEP([UInt8](repeating: 1, count: 190), digest: .sha256).count == 256)
        #expect(throws: CryptoError.expectedInvalidParameter) { try publicKey.encryptOAEP([UInt8](repeating: 1, count: 191), digest: .sha256) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try key.decryptOAEP([UInt8](repeating: 1, count: 255), digest: .sha256) }
    }

    @Test("Hostile key encodings are refused with typed errors")
    func hostileEncodings() throws {
        let key = try RSA.PrivateKey.generate(bits: 2048)
        let der = try key.pkcs8DERRepresentation().array
        let spki = try key.publicKey.spkiDERRepresentation
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PrivateKey(pkcs8DER: der + [0]) }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PrivateKey(pkcs8DER: Array(der.dropLast())) }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PrivateKey(pkcs8DER: [UInt8]()) }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(spkiDER: spki + [0]) }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(spkiDER: Array(spki.prefix(40))) }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n") }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") }
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: "junk\n" + (try key.publicKey.pemRepresentation)) }
        #expect(throws: CryptoError.expectedMalformedInput) {
            try RSA.PrivateKey(pemRepresentation: Array("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n".utf8))
        }
        // An EC key is not an RSA key, and an RSA key is not an EC key.
        let ec = try ECDSA.PrivateKey.generate(curve: .p256)
        #expect(throws: CryptoError.expectedInvalidKey) { try RSA.PrivateKey(pkcs8DER: ec.pkcs8DERRepresentation()) }
        #expect(throws: CryptoError.expectedInvalidKey) { try ECDSA.PublicKey(spkiDER: spki, curve: .p256) }
        #expect(throws: CryptoError.expectedInvalidKey) { try ECDSA.PublicKey(spkiDER: ec.publicKey.spkiDERRepresentation, curve: .p384) }
        #expect(throws: CryptoError.self) { try RSA.PrivateKey.generate(bits: 1024) }
    }

    @Test("ECDSA: sign and verify on both curves; keys round-trip", arguments: [ECDSA.Curve.p256, .p384])
    func ecdsa(curve: ECDSA.Curve) throws {
        let key = try ECDSA.PrivateKey.generate(curve: curve)
        let message = Array("audit checkpoint".utf8)
        let signature = try key.signature(for: message)
        let publicKey = try key.publicKey
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!publicKey.isValidSignature(signature + [0], for: message))
        let reimported = try ECDSA.PrivateKey(pkcs8DER: key.pkcs8DERRepresentation(), curve: curve)
        #expect(try reimported.publicKey.x962Representation == publicKey.x962Representation)
        let point = try publicKey.x962Representation
        #expect(point.count == curve.uncompressedPointByteCount)
        var offCurve = point
        offCurve[offCurve.count - 1] ^= 1
        #expect(throws: CryptoError.self) { try ECDSA.PublicKey(x962Representation: offCurve, curve: curve) }
    }
}

@Suite("Key encodings: cases found in review")
struct KeyEncodingReviewTests {
    @Test("EC keys with compressed points are refused, so every accepted key round-trips uncompressed")
    func compressedPointsRefused() throws {
        let key = try ECDSA.PrivateKey.generate(curve: .p256).publicKey
        let point = try key.x962Representation
        // Compressed SPKI: 02/03 || X, under the same AlgorithmIdentifier with a shorter BIT STRING.
        let x = Array(point[1...32])
        let prefix: [UInt8] = [0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                               0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00]
        let compressed = prefix + [0x02 | (point[64] & 1)] + x
        #expect(throws: CryptoError.expectedInvalidKey) { try ECDSA.PublicKey(spkiDER: compressed, curve: .p256) }
    }

    @Test("PEM: blank, over-long and header lines inside the body are refused")
    func strictPEM() throws {
        let pem = try RSA.PrivateKey.generate(bits: 2048).publicKey.pemRepresentation
        var lines = pem.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(try RSA.PublicKey(pemRepresentation: "\n\n" + pem + "\n").keySizeInBits == 2048)
        var withBlank = lines
        withBlank.insert("", at: 2)
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: withBlank.joined(separator: "\n")) }
        lines[1] += lines[2].prefix(4)
        lines[2] = String(lines[2].dropFirst(4))
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: lines.joined(separator: "\n")) }
        var withHeader = pem.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        withHeader.insert("Proc-Type: 4,ENCRYPTED", at: 1)
        #expect(throws: CryptoError.expectedMalformedInput) { try RSA.PublicKey(pemRepresentation: withHeader.joined(separator: "\n")) }
    }
}
