#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CryptoPrimitives

/// The footer signature of signed suites: ECDSA over the hash of every byte from the start of the header to the
/// end of the body, with the verification key carried in the encryption context (``EncryptionContext/publicKeyKey``)
/// as base64 of the compressed point. Footer: signature length (2) ‖ DER signature.
enum MessageSignature {
    static func curve(_ suiteCurve: AlgorithmSuite.SigningCurve) -> ECDSA.Curve {
        switch suiteCurve {
        case .p256: .p256
        case .p384: .p384
        }
    }

    static func digest(_ suiteCurve: AlgorithmSuite.SigningCurve) -> MessageDigest {
        switch suiteCurve {
        case .p256: .sha2_256
        case .p384: .sha2_384
        }
    }

    /// The DER length every AWS Encryption SDK gives its signatures (103 bytes for P-384, 71 for P-256):
    /// they re-sign (or negate `s`) until the encoding has this length.
    static func staticLength(_ suiteCurve: AlgorithmSuite.SigningCurve) -> Int {
        switch suiteCurve {
        case .p256: 71
        case .p384: 103
        }
    }

    /// The longest signature accepted when decrypting.
    static let maximumSignatureByteCount = 512

    /// The encryption-context value for a verification key.
    static func encodedPublicKey(_ key: ECDSA.PublicKey) throws -> String {
        do {
            return Data(try key.compressedRepresentation).base64EncodedString()
        } catch {
            throw EnvelopeError(.invalidMaterials, "signing key could not be encoded")
        }
    }

    /// The verification key from its encryption-context value.
    static func publicKey(fromContextValue value: String, curve suiteCurve: AlgorithmSuite.SigningCurve) throws -> ECDSA.PublicKey {
        let expectedLength = 4 * ((curve(suiteCurve).compressedPointByteCount + 2) / 3)
        guard value.utf8.count == expectedLength, let bytes = Data(base64Encoded: value) else {
            throw EnvelopeError(.invalidEncryptionContext, "verification key in the encryption context is malformed")
        }
        do {
            return try ECDSA.PublicKey(compressedRepresentation: bytes, curve: curve(suiteCurve))
        } catch {
            throw EnvelopeError(.invalidEncryptionContext, "verification key in the encryption context is not a point on the curve")
        }
    }

    /// Signs `digest` with a signature of the static length (re-signing until it has it; each attempt has about
    /// even odds).
    static func sign(digest: [UInt8], key: ECDSA.PrivateKey, curve suiteCurve: AlgorithmSuite.SigningCurve) throws -> [UInt8] {
        for _ in 0..<256 {
            let signature: [UInt8]
            do {
                signature = try key.signature(forDigest: digest, algorithm: self.digest(suiteCurve))
            } catch {
                throw EnvelopeError(.invalidMaterials, "message signing failed")
            }
            if signature.count == staticLength(suiteCurve) { return signature }
        }
        throw EnvelopeError(.invalidMaterials, "message signing failed")
    }

    /// The footer for a signature.
    static func footer(_ signature: [UInt8]) -> [UInt8] {
        var footer: [UInt8] = []
        footer.appendUInt16(UInt16(signature.count))
        return footer + signature
    }
}
