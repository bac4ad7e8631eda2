/// One wrapped copy of a message's data key: which keyring made it (`providerID`, `providerInfo`) and the
/// wrapped bytes. Stored in the header in the clear; the wrapped key is opaque without the wrapping key.
public struct EncryptedDataKey: Sendable, Hashable, CustomStringConvertible {
    /// The key provider id (raw keyrings: the key namespace), UTF-8.
    public let providerID: String
    /// Provider-specific information (raw keyrings: the key name, and for AES the tag and IV).
    public let providerInfo: [UInt8]
    /// The wrapped data key.
    public let ciphertext: [UInt8]

    /// An encrypted data key.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` when a field is longer than 65,535 bytes.
    public init(providerID: String, providerInfo: [UInt8], ciphertext: [UInt8]) throws {
        guard providerID.utf8.count <= 0xFFFF, providerInfo.count <= 0xFFFF, ciphertext.count <= 0xFFFF else {
            throw EnvelopeError(.invalidMaterials, "encrypted data key field longer than 65,535 bytes")
        }
        self.providerID = providerID
        self.providerInfo = providerInfo
        self.ciphertext = ciphertext
    }

    func serialize(into output: inout [UInt8]) {
        let id = Array(providerID.utf8)
        output.appendUInt16(UInt16(id.count)); output += id
        output.appendUInt16(UInt16(providerInfo.count)); output += providerInfo
        output.appendUInt16(UInt16(ciphertext.count)); output += ciphertext
    }

    /// The provider id and lengths; the wrapped key and provider info are not printed.
    public var description: String {
        "EncryptedDataKey(provider: \(providerID.utf8.count) bytes, info: \(providerInfo.count) bytes, key: \(ciphertext.count) bytes)"
    }
}
