import CryptoPrimitives
import TestVectorKit

extension SecureBytes {
    /// The bytes, for comparisons in tests.
    var array: [UInt8] { unprotectedCopy() }
}

/// Hex to bytes, failing the test on bad hex.
func hex(_ text: String) throws -> [UInt8] { try Hex.decode(text) }

extension CryptoError {
    /// Error values to match in `#expect(throws:)`; equality compares codes only.
    static let expectedAuthenticationFailure = CryptoError(.authenticationFailure, "expected in tests")
    static let expectedInvalidKey = CryptoError(.invalidKey, "expected in tests")
    static let expectedInvalidParameter = CryptoError(.invalidParameter, "expected in tests")
    static let expectedMalformedInput = CryptoError(.malformedInput, "expected in tests")
    static let expectedLowOrderPoint = CryptoError(.lowOrderPoint, "expected in tests")
}
