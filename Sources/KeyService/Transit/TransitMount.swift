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
        // Printable ASCII only: Swift compares (and hashes) strings up to Unicode canonical equivalence while
        // PostgreSQL and file names compare bytes, so two spellings of one accented name must not both exist.
        guard !name.isEmpty, name.utf8.count <= 256, name != ".", name != "..",
              name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") })
        else { throw KeyServiceError(.invalidRequest, "invalid key name") }
        return name
    }
}

/// Mount-wide Transit settings (`config/keys`, `cache-config`).
struct TransitConfig: Codable, Sendable, Equatable {
    var disableUpsert: Bool
    var cacheSize: Int64
}
