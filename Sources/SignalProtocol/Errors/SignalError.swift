/// The error every ``SignalProtocol`` operation throws.
///
/// A struct with an opaque ``Code`` (new codes never break callers). Its text is built from static strings, so
/// it never carries keys, plaintext or message bytes. Equality compares codes.
public struct SignalError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidMessage, invalidMAC, duplicateMessage, noSession, untrustedIdentity, invalidKeyID
            case tooFarInFuture, invalidVersion, invalidSignature, invalidKey, invalidState, storageFailure
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not a well-formed message (truncated, bad protobuf, missing field, trailing bytes), or
        /// decryption failed after the MAC verified.
        public static let invalidMessage = Code(.invalidMessage)
        /// The message's MAC did not verify under any session state ("Bad MAC").
        public static let invalidMAC = Code(.invalidMAC)
        /// The message was already decrypted (its counter's key was used or never stored).
        public static let duplicateMessage = Code(.duplicateMessage)
        /// There is no session with the address (or it has no usable state).
        public static let noSession = Code(.noSession)
        /// The remote identity key differs from the trusted one.
        public static let untrustedIdentity = Code(.untrustedIdentity)
        /// A PreKey message names a one-time or signed prekey this device does not have.
        public static let invalidKeyID = Code(.invalidKeyID)
        /// The message's counter is more than 25,000 ahead of its chain.
        public static let tooFarInFuture = Code(.tooFarInFuture)
        /// The message version is not 3 (older versions are obsolete; version 4 needs PQXDH and SPQR).
        public static let invalidVersion = Code(.invalidVersion)
        /// A prekey bundle's signed-prekey signature does not verify.
        public static let invalidSignature = Code(.invalidSignature)
        /// A key has the wrong length or type byte.
        public static let invalidKey = Code(.invalidKey)
        /// A stored record is corrupt or inconsistent.
        public static let invalidState = Code(.invalidState)
        /// A store failed to load or save.
        public static let storageFailure = Code(.storageFailure)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A fixed explanation (a literal: it cannot hold runtime data).
    public let reason: StaticString
    private let file: StaticString
    private let line: UInt

    /// Creates an error; `reason` must be a literal.
    public init(_ code: Code, _ reason: StaticString, file: StaticString = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Equality on the code.
    public static func == (lhs: SignalError, rhs: SignalError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    /// `SignalError.<code>: <reason>`.
    public var description: String { "SignalError.\(code): \(reason)" }
    /// The description plus the throwing site.
    public var debugDescription: String { "\(description) (\(file):\(line))" }
}
