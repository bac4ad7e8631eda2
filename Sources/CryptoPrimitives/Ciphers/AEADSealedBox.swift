/// The output of an AEAD seal: the ciphertext and its authentication tag, kept apart because wire formats
/// place them differently (Vault appends the tag, the ESDK stores it after each frame).
public struct AEADSealedBox: Sendable, Hashable {
    /// The ciphertext, as long as the plaintext.
    public let ciphertext: [UInt8]
    /// The 16-byte tag.
    public let tag: [UInt8]

    /// Pairs a ciphertext with its tag.
    public init(ciphertext: [UInt8], tag: [UInt8]) {
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// `ciphertext || tag`.
    public var combined: [UInt8] { ciphertext + tag }
}
