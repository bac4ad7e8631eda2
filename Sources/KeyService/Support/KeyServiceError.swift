/// The error every KeyService operation throws. Its code decides the HTTP status; its message is a fixed
/// string (it can never carry key material, plaintext or a token). Equality compares codes.
public struct KeyServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, mapped to Vault's status codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidRequest, permissionDenied, notFound, methodNotAllowed, payloadTooLarge
            case rateLimited, internalFailure, notInitialized, sealed, unsupported
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// 400: the request is malformed or not allowed for this key.
        public static let invalidRequest = Code(.invalidRequest)
        /// 403: missing, invalid or insufficient token.
        public static let permissionDenied = Code(.permissionDenied)
        /// 404: no such key, path or mount.
        public static let notFound = Code(.notFound)
        /// 405: the method is not supported on the path.
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// 413: the body exceeds 32 MiB.
        public static let payloadTooLarge = Code(.payloadTooLarge)
        /// 429: too many requests.
        public static let rateLimited = Code(.rateLimited)
        /// 500: an internal failure (storage, library).
        public static let internalFailure = Code(.internalFailure)
        /// 501: the service is not initialized.
        public static let notInitialized = Code(.notInitialized)
        /// 503: the service is sealed.
        public static let sealed = Code(.sealed)
        /// 400: valid but not implemented here (e.g. a key type this service does not offer).
        public static let unsupported = Code(.unsupported)

        /// The HTTP status.
        public var httpStatus: Int {
            switch base {
            case .invalidRequest, .unsupported: 400
            case .permissionDenied: 403
            case .notFound: 404
            case .methodNotAllowed: 405
            case .payloadTooLarge: 413
            case .rateLimited: 429
            case .internalFailure: 500
            case .notInitialized: 501
            case .sealed: 503
            }
        }

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The message returned to clients in `errors`.
    public let message: StaticString

    /// An error; `message` must be a literal.
    public init(_ code: Code, _ message: StaticString) {
        self.code = code
        self.message = message
    }

    /// Equality on the code.
    public static func == (lhs: KeyServiceError, rhs: KeyServiceError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    /// `KeyServiceError.<code>: <message>`.
    public var description: String { "KeyServiceError.\(code): \(message)" }
    /// The message as a String.
    public var text: String { "\(message)" }
}
