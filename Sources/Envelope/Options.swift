/// What a decryption accepts. The defaults suit messages this library and the AWS Encryption SDKs write with
/// their defaults; every limit is checked when the header declares the length or count, before the bytes it
/// declares are awaited or any buffer is sized from it.
public struct DecryptionOptions: Sendable {
    /// Which suites may be decrypted. Default: committing suites only.
    public var commitmentPolicy: CommitmentPolicy = .requireEncryptRequireDecrypt
    /// The most encrypted data keys a header may carry (each may cost the keyring an unwrap attempt). Default 64.
    public var maximumEncryptedDataKeys = 64
    /// The longest header, in bytes. Default 1 MiB.
    public var maximumHeaderByteCount = 1 << 20
    /// The longest frame accepted, in bytes; one frame is buffered at a time. Default 16 MiB (the format allows
    /// up to 2³¹ − 1).
    public var maximumFrameLength: UInt32 = 16 << 20
    /// The longest non-framed body, in bytes; such a body is buffered whole, because no plaintext is released
    /// before its tag verified. Default 16 MiB (the format allows up to 2³⁶ − 32).
    public var maximumNonFramedBodyLength: UInt64 = 16 << 20
    /// Whether signed messages are accepted. Default true; set false where plaintext must be authenticated
    /// frame by frame with nothing withheld until the footer (the AWS SDKs' "decrypt unsigned" mode).
    public var allowSignedMessages = true
    /// Pairs that the message's encryption context must contain with exactly these values (compared by bytes).
    public var requiredEncryptionContext = EncryptionContext()

    /// The defaults.
    public init() {}
}

/// How messages are written.
public struct EncryptionOptions: Sendable {
    /// The algorithm suite. Default: ``AlgorithmSuite/aes256GCMHKDFSHA512CommitKeyECDSAP384``. Only committing
    /// suites can be chosen.
    public var suite: AlgorithmSuite = .default
    /// The frame length in bytes, 1 to 2³¹ − 1; default ``defaultFrameLength`` (64 KiB). `nil` writes a
    /// non-framed body (only for whole plaintexts held in memory, up to 2³⁶ − 32 bytes).
    public var frameLength: UInt32? = Self.defaultFrameLength

    /// 65,536 bytes. The AWS Encryption SDKs default to 4,096 but read 64 KiB frames like any other length (the
    /// interop suite checks both directions), so this is a throughput choice, not a format one. Each frame is one
    /// AES-GCM call, and libcrypto's fixed cost per call (IV setup, AAD, tag) is about a fifth of the work at
    /// 4 KiB but under 2% at 64 KiB (measured in `Benchmarks/`, see `docs/envelope.md`). A streaming encryptor
    /// holds at most one frame of plaintext, and a decryptor releases each frame once its tag verified; plaintexts
    /// shorter than a frame (most chat messages) are one final frame either way. Frames longer than
    /// ``DecryptionOptions/maximumFrameLength`` (16 MiB by default) are refused when decrypting.
    public static let defaultFrameLength: UInt32 = 65_536

    /// The defaults.
    public init() {}

    /// Options with `suite` and `frameLength`.
    public init(suite: AlgorithmSuite, frameLength: UInt32? = Self.defaultFrameLength) {
        self.suite = suite
        self.frameLength = frameLength
    }
}
