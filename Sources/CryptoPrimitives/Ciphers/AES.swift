/// AES modes, on libcrypto: ``CBC`` (with PKCS#7 padding), ``GCM`` and ``KeyWrap`` (RFC 5649).
public enum AES {
    /// The AES block length.
    public static let blockByteCount = 16

    /// Whether `byteCount` is an AES key length (16, 24 or 32).
    static func isValidKeySize(_ byteCount: Int) -> Bool {
        byteCount == 16 || byteCount == 24 || byteCount == 32
    }
}
