import Synchronization

/// Storage in memory: `keyserviced dev` without a data directory, and tests.
public final class InMemoryStorage: StorageBackend {
    private let entries = Mutex<[String: StoredEntry]>([:])

    /// An empty store.
    public init() {}

    /// Not shared.
    public var isShared: Bool { false }

    /// The entry at `key`.
    public func get(_ key: String) async throws -> StoredEntry? { entries.withLock { $0[key] } }

    /// Writes `value`, checking `expectedVersion` if given.
    @discardableResult
    public func put(_ key: String, value: [UInt8], expectedVersion: UInt64?) async throws -> UInt64 {
        try entries.withLock { entries in
            let current = entries[key]?.version ?? 0
            if let expectedVersion, expectedVersion != current { throw StorageConflict() }
            entries[key] = StoredEntry(value: value, version: current + 1)
            return current + 1
        }
    }

    /// Removes `key`.
    public func delete(_ key: String) async throws { _ = entries.withLock { $0.removeValue(forKey: key) } }

    /// Keys starting with `prefix`.
    public func list(prefix: String) async throws -> [String] {
        entries.withLock { $0.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }
}
