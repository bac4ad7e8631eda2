/// A mounted Transit engine in a namespace: where its keys and settings live in storage.
struct TransitMount: Sendable {
    let namespace: Namespace
    let entry: MountEntry
    /// `<namespace prefix>logical/<mount uuid>/`.
    let prefix: String

    func keyPath(_ name: String) -> String { prefix + "policy/" + name }
    var keysPrefix: String { prefix + "policy/" }
    var wrappingKeyPath: String { prefix + "wrapping_key" }
    var configPath: String { prefix + "config/keys" }
    var cacheConfigPath: String { prefix + "config/cache" }

    /// Validates a key name: one path segment of at most 256 printable characters.
    static func validateName(_ name: String) throws -> String {
        guard !name.isEmpty, name.utf8.count <= 256, !name.contains("/"), name != ".", name != "..",
              name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f })
        else { throw KeyServiceError(.invalidRequest, "invalid key name") }
        return name
    }
}

/// Mount-wide Transit settings (`config/keys`, `cache-config`).
struct TransitConfig: Codable, Sendable, Equatable {
    var disableUpsert: Bool
    var cacheSize: Int64
}
