/// The error every operation of ``CryptoPrimitives`` throws.
///
/// A struct with an opaque ``Code`` rather than an enum, so new codes never break callers. Its text is
/// built only from static strings chosen in this module: it can never carry key material, plaintext or
/// any other input bytes. Two errors are equal when their codes are equal.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as an opaque, extensible code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidKey
            case invalidParameter
            case invalidSignature
            case authenticationFailure
            case malformedInput
            case lowOrderPoint
            case unsupported
            case randomFailure
            case libraryFailure
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A key has the wrong size, encoding or structure, or is not a valid point on its curve.
        public static let invalidKey = Code(.invalidKey)
        /// A nonce, tag, label, length or other parameter is out of the accepted range.
        public static let invalidParameter = Code(.invalidParameter)
        /// A signature failed to verify or is not well formed.
        public static let invalidSignature = Code(.invalidSignature)
        /// Authenticated decryption, unwrapping or padding removal failed. Deliberately one code for all of
        /// them, so that callers cannot build a padding oracle.
        public static let authenticationFailure = Code(.authenticationFailure)
        /// Encoded input (PEM, DER, a ciphertext layout) is not well formed or has trailing bytes.
        public static let malformedInput = Code(.malformedInput)
        /// An X25519 agreement produced the all-zero output: the peer's public key has low order.
        public static let lowOrderPoint = Code(.lowOrderPoint)
        /// The algorithm, key size or mode is not supported.
        public static let unsupported = Code(.unsupported)
        /// The system's random source failed.
        public static let randomFailure = Code(.randomFailure)
        /// The underlying C library reported an internal failure.
        public static let libraryFailure = Code(.libraryFailure)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A fixed, static explanation. Static strings cannot contain runtime data, so secrets cannot leak here.
    public let reason: StaticString
    private let file: StaticString
    private let line: UInt

    /// Creates an error. `reason` must be a literal: it is shown to users and logged.
    public init(_ code: Code, _ reason: StaticString, file: StaticString = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Equality compares codes only.
    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `CryptoError.<code>: <reason>`.
    public var description: String { "CryptoError.\(code): \(reason)" }

    /// The description plus the throwing site.
    public var debugDescription: String { "\(description) (\(file):\(line))" }
}
