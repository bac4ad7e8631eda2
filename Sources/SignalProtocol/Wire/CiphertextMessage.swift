/// An encrypted message as it travels: a ``SignalMessage`` or a ``PreKeySignalMessage``.
public enum CiphertextMessage: Sendable {
    /// A message on an established session (type 2, "Whisper").
    case signal(SignalMessage)
    /// A message that can also start the session at the recipient (type 3, "PreKey").
    case preKey(PreKeySignalMessage)

    /// libsignal's `CiphertextMessageType` numbers.
    public enum MessageType: UInt8, Sendable {
        /// `SignalMessage`.
        case whisper = 2
        /// `PreKeySignalMessage`.
        case preKey = 3
    }

    /// The message type.
    public var type: MessageType {
        switch self {
        case .signal: .whisper
        case .preKey: .preKey
        }
    }

    /// The serialized bytes.
    public var serialized: [UInt8] {
        switch self {
        case .signal(let message): message.serialized
        case .preKey(let message): message.serialized
        }
    }

    /// Parses received bytes of a known type.
    public init(type: MessageType, serialized: [UInt8]) throws {
        switch type {
        case .whisper: self = .signal(try SignalMessage(serialized: serialized))
        case .preKey: self = .preKey(try PreKeySignalMessage(serialized: serialized))
        }
    }
}
