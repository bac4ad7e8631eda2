import Synchronization

/// Storage in memory: `keyserviced dev` without a data directory, and tests.
public final class InMemoryStorage: StorageBackend {
    private struct State {
        var entries: [String: StoredEntry] = [:]
        /// Versions never repeat, even for a key deleted and written again.
        var lastVersion: UInt64 = 0
    }

    private let state = Mutex(State())

    /// An empty store.
    public init() {}

    /// Not shared.
    public var isShared: Bool { false }

    /// The entry at `key`.
    public func get(_ key: String) async throws -> StoredEntry? { state.withLock { $0.entries[key] } }

    /// Writes `value`, checking `expectedVersion` if given.
    @discardableResult
    public func put(_ key: String, value: [UInt8], expectedVersion: UInt64?) async throws -> UInt64 {
        try state.withLock { state in
            let current = state.entries[key]?.version ?? 0
            if let expectedVersion, expectedVersion != current { throw StorageConflict() }
            state.lastVersion += 1
            state.entries[key] = StoredEntry(value: value, version: state.lastVersion)
            return state.lastVersion
        }
    }

    /// Removes `key`.
    public func delete(_ key: String) async throws { _ = state.withLock { $0.entries.removeValue(forKey: key) } }

    /// Keys starting with `prefix`.
    public func list(prefix: String) async throws -> [String] {
        state.withLock { $0.entries.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }
}
