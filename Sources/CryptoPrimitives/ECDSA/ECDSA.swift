/// ECDSA over the NIST curves P-256 (with SHA-256) and P-384 (with SHA-384), DER-encoded signatures, on
/// libcrypto. Verification accepts only strict DER (no BER, no trailing bytes).
public enum ECDSA {
    /// A curve and the hash paired with it.
    public enum Curve: Sendable, Hashable {
        /// P-256 (secp256r1) with SHA-256.
        case p256
        /// P-384 (secp384r1) with SHA-384.
        case p384

        /// The length of one coordinate or scalar.
        public var coordinateByteCount: Int {
            switch self {
            case .p256: 32
            case .p384: 48
            }
        }

        /// The length of an uncompressed X9.62 point `0x04 || X || Y`.
        public var uncompressedPointByteCount: Int { 1 + 2 * coordinateByteCount }

        /// libcrypto's group name.
        var groupName: String {
            switch self {
            case .p256: "prime256v1"
            case .p384: "secp384r1"
            }
        }

        /// The fixed DER prefix of a `SubjectPublicKeyInfo` holding an uncompressed point of this curve
        /// (SEQUENCE, AlgorithmIdentifier id-ecPublicKey + named curve, BIT STRING header).
        var spkiPrefix: [UInt8] {
            switch self {
            case .p256:
                [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00]
            case .p384:
                [0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00]
            }
        }
    }

    /// A signing key.
    public struct PrivateKey: Sendable, CustomStringConvertible {
        let key: OwnedKey
        /// The curve.
        public let curve: Curve

        init(key: OwnedKey, curve: Curve) {
            self.key = key
            self.curve = curve
        }

        /// Names the curve only.
        public var description: String { "ECDSA.PrivateKey(\(curve), redacted)" }
    }

    /// A verifying key.
    public struct PublicKey: Sendable, CustomStringConvertible {
        let key: OwnedKey
        /// The curve.
        public let curve: Curve

        init(key: OwnedKey, curve: Curve) {
            self.key = key
            self.curve = curve
        }

        /// Names the curve only.
        public var description: String { "ECDSA.PublicKey(\(curve))" }
    }
}
