/// Combines keyrings: the generator makes the data key and wraps it, then every child wraps the same key; on
/// decrypt, the generator and then each child in turn is tried until one unwraps a key.
public struct MultiKeyring: Keyring {
    /// The keyring that generates data keys (optional when only decrypting, or when materials arrive with a key).
    public let generator: (any Keyring)?
    /// Further keyrings that wrap the data key too, and are tried on decrypt.
    public let children: [any Keyring]

    /// A multi-keyring.
    ///
    /// - Throws: ``EnvelopeError/Code/invalidMaterials`` when there is neither a generator nor a child.
    public init(generator: (any Keyring)?, children: [any Keyring] = []) throws {
        guard generator != nil || !children.isEmpty else { throw EnvelopeError(.invalidMaterials, "multi-keyring needs a generator or a child") }
        self.generator = generator
        self.children = children
    }

    /// The generator produces the data key (when none is present); all wrap it.
    public func onEncrypt(_ materials: EncryptionMaterials) async throws -> EncryptionMaterials {
        var materials = materials
        if let generator {
            materials = try await generator.onEncrypt(materials)
        }
        guard materials.plaintextDataKey != nil else {
            throw EnvelopeError(.invalidMaterials, "multi-keyring without a generator received no data key")
        }
        for child in children {
            materials = try await child.onEncrypt(materials)
        }
        return materials
    }

    /// The first keyring that unwraps a key wins. A keyring that fails (for example, a key service that cannot
    /// be reached) does not stop the others from being tried; if none succeeds, the materials come back without
    /// a key and the materials manager reports ``EnvelopeError/Code/noDecryptableDataKey``.
    public func onDecrypt(_ materials: DecryptionMaterials, encryptedDataKeys: [EncryptedDataKey]) async throws -> DecryptionMaterials {
        guard materials.plaintextDataKey == nil else { return materials }
        for keyring in ([generator].compactMap { $0 } + children) {
            if let result = try? await keyring.onDecrypt(materials, encryptedDataKeys: encryptedDataKeys), result.plaintextDataKey != nil {
                return result
            }
        }
        return materials
    }
}
