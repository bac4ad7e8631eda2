import CryptoPrimitives
import Testing

@Suite("Cipher behaviour: tampering, sizes, typed errors")
struct CipherBehaviourTests {
    static let plaintext = Array("attack at dawn, bring the 16-byte blocks".utf8)

    @Test("AES-CBC: bad padding, partial blocks and wrong sizes are typed errors")
    func cbc() throws {
        let key = try SecretKey.generate(byteCount: 32)
        let iv = try SecureRandom.bytes(count: 16)
        let ciphertext = try AES.CBC.encrypt(Self.plaintext, key: key, iv: iv)
        #expect(ciphertext.count == (Self.plaintext.count / 16 + 1) * 16)
        #expect(try AES.CBC.decrypt(ciphertext, key: key, iv: iv).array == Self.plaintext)
        #expect(try AES.CBC.decrypt(AES.CBC.encrypt([UInt8](), key: key, iv: iv), key: key, iv: iv).isEmpty)
        // A wrong key almost always breaks the padding; when it happens not to, the plaintext differs.
        let wrong = try SecretKey.generate(byteCount: 32)
        if let garbage = try? AES.CBC.decrypt(ciphertext, key: wrong, iv: iv) { #expect(garbage.array != Self.plaintext) }
        var lastBlockChanged = ciphertext
        lastBlockChanged[lastBlockChanged.count - 17] ^= 0x01  // flips the last padding byte
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try AES.CBC.decrypt(lastBlockChanged, key: key, iv: iv) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try AES.CBC.decrypt(Array(ciphertext.dropLast()), key: key, iv: iv) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try AES.CBC.decrypt([UInt8](), key: key, iv: iv) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try AES.CBC.encrypt(Self.plaintext, key: key, iv: Array(iv.prefix(12))) }
        #expect(throws: CryptoError.expectedInvalidKey) { try AES.CBC.encrypt(Self.plaintext, key: SecretKey.generate(byteCount: 31), iv: iv) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try AES.CBC.encrypt([1, 2, 3], key: key, iv: iv, padding: .none) }
    }

    @Test("AEADs: any change to ciphertext, tag, nonce or AAD is refused", arguments: ["gcm128", "gcm256", "chacha"])
    func aeadTampering(mode: String) throws {
        let keySize = mode == "gcm128" ? 16 : 32
        let key = try SecretKey.generate(byteCount: keySize)
        let nonce = try SecureRandom.bytes(count: 12)
        let aad = Array("context".utf8)
        func doSeal(_ m: [UInt8], _ n: [UInt8], _ a: [UInt8]) throws -> AEADSealedBox {
            mode == "chacha" ? try ChaChaPoly.seal(m, key: key, nonce: n, authenticating: a) : try AES.GCM.seal(m, key: key, nonce: n, authenticating: a)
        }
        func doOpen(_ b: AEADSealedBox, _ n: [UInt8], _ a: [UInt8]) throws -> SecureBytes {
            mode == "chacha" ? try ChaChaPoly.open(b, key: key, nonce: n, authenticating: a) : try AES.GCM.open(b, key: key, nonce: n, authenticating: a)
        }
        let box = try doSeal(Self.plaintext, nonce, aad)
        #expect(try doOpen(box, nonce, aad).array == Self.plaintext)
        for index in [0, box.ciphertext.count - 1] {
            var changed = box.ciphertext
            changed[index] ^= 0x80
            #expect(throws: CryptoError.expectedAuthenticationFailure) { try doOpen(AEADSealedBox(ciphertext: changed, tag: box.tag), nonce, aad) }
        }
        var tag = box.tag
        tag[15] ^= 1
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try doOpen(AEADSealedBox(ciphertext: box.ciphertext, tag: tag), nonce, aad) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try doOpen(AEADSealedBox(ciphertext: box.ciphertext, tag: Array(box.tag.prefix(12))), nonce, aad) }
        var otherNonce = nonce
        otherNonce[0] ^= 1
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try doOpen(box, otherNonce, aad) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try doOpen(box, nonce, aad + [0]) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try doSeal(Self.plaintext, [], aad) }
        let empty = try doSeal([], nonce, [])
        #expect(try doOpen(empty, nonce, []).isEmpty)
    }

    @Test("AES-KWP: round trips for every length 1...80, tampering refused")
    func keyWrap() throws {
        for kekSize in [16, 24, 32] {
            let kek = try SecretKey.generate(byteCount: kekSize)
            for length in 1...80 {
                let key = try SecureRandom.bytes(count: length)
                let wrapped = try AES.KeyWrap.wrap(key, kek: kek)
                #expect(wrapped.count == 8 + (length + 7) / 8 * 8)
                #expect(try AES.KeyWrap.unwrap(wrapped, kek: kek).array == key)
                var changed = wrapped
                changed[changed.count / 2] ^= 4
                #expect(throws: CryptoError.expectedAuthenticationFailure) { try AES.KeyWrap.unwrap(changed, kek: kek) }
            }
        }
        let kek = try SecretKey.generate(byteCount: 32)
        #expect(throws: CryptoError.expectedInvalidParameter) { try AES.KeyWrap.wrap([UInt8](), kek: kek) }
        #expect(throws: CryptoError.expectedAuthenticationFailure) { try AES.KeyWrap.unwrap([UInt8](repeating: 0, count: 15), kek: kek) }
        #expect(throws: CryptoError.expectedInvalidKey) { try AES.KeyWrap.wrap([1], kek: SecretKey.generate(byteCount: 20)) }
    }

    @Test("HKDF output bounds")
    func hkdfBounds() throws {
        let prk = HKDF<SHA256>.extract(inputKeyMaterial: [1, 2, 3], salt: [UInt8]())
        #expect(try HKDF<SHA256>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 255 * 32).count == 8160)
        #expect(throws: CryptoError.expectedInvalidParameter) { try HKDF<SHA256>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 255 * 32 + 1) }
        #expect(throws: CryptoError.expectedInvalidParameter) { try HKDF<SHA512>.deriveKey(inputKeyMaterial: [1], salt: [UInt8](), info: [UInt8](), outputByteCount: -1) }
        #expect(try HKDF<SHA256>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 0).isEmpty)
        // An empty salt equals the RFC's default of HashLen zero bytes.
        #expect(HKDF<SHA256>.extract(inputKeyMaterial: [9], salt: [UInt8](repeating: 0, count: 32)) == HKDF<SHA256>.extract(inputKeyMaterial: [9], salt: [UInt8]()))
    }

    @Test("Error text never contains the secret or plaintext involved")
    func errorHygiene() throws {
        let secretHex = "c0ffee"
        let key = SecretKey(copying: [UInt8](repeating: 0xc0, count: 32))
        var texts: [String] = []
        let failing: [() throws -> Void] = [
            { _ = try AES.GCM.open(AEADSealedBox(ciphertext: [0xc0, 0xff, 0xee], tag: [UInt8](repeating: 0, count: 16)), key: key, nonce: [UInt8](repeating: 0, count: 12)) },
            { _ = try AES.CBC.decrypt([UInt8](repeating: 0xc0, count: 16), key: key, iv: [UInt8](repeating: 0xff, count: 16)) },
            { _ = try AES.KeyWrap.unwrap([UInt8](repeating: 0xee, count: 24), kek: key) },
            { _ = try X25519.PrivateKey(rawRepresentation: [0xc0, 0xff, 0xee]) },
            { _ = try RSA.PrivateKey(pkcs8DER: [0x30, 0x03, 0xc0, 0xff, 0xee]) },
        ]
        for operation in failing {
            do {
                try operation()
                Issue.record("expected a failure")
            } catch {
                texts.append("\(error)")
                texts.append(String(reflecting: error))
            }
        }
        for text in texts {
            #expect(!text.lowercased().contains(secretHex))
            #expect(!text.contains("192"))  // 0xc0 in decimal
            #expect(text.hasPrefix("CryptoError."))
        }
    }
}
