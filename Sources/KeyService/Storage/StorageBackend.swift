/// One stored value and its version (a counter that increases with every write of the key).
public struct StoredEntry: Sendable, Hashable {
    /// The stored bytes (barrier ciphertext, except the seal configuration).
    public let value: [UInt8]
    /// The entry's version: it changes with every write and is never reused for the same key, not even after a
    /// delete (so a compare-and-swap or a cache keyed by version can never confuse two incarnations of a key).
    public let version: UInt64

    /// An entry.
    public init(value: [UInt8], version: UInt64) {
        self.value = value
        self.version = version
    }
}

/// Where keyserviced keeps everything: a flat key → bytes map with versioned writes.
///
/// Keys are `/`-separated paths (`core/keyring`, `ns/<namespace>/logical/<mount>/policy/<key>`) of printable
/// UTF-8 (every name in them is validated first; PostgreSQL could not store a NUL). Values above the
/// barrier are ciphertext: backends never see key material. Implementations must make each write durable before
/// returning (fsync or a committed transaction) and atomic (a reader sees the old or the new value).
public protocol StorageBackend: Sendable {
    /// Whether other processes may write the same storage (PostgreSQL). Then the service does not cache what it
    /// reads beyond one request.
    var isShared: Bool { get }
    /// The entry at `key`, or `nil`.
    func get(_ key: String) async throws -> StoredEntry?
    /// Writes `value` at `key` and returns its new version. With `expectedVersion`, the write happens only if the
    /// current version equals it (0: the key must not exist); otherwise it throws ``StorageConflict``.
    @discardableResult
    func put(_ key: String, value: [UInt8], expectedVersion: UInt64?) async throws -> UInt64
    /// Removes `key` (no error if absent).
    func delete(_ key: String) async throws
    /// Every key that starts with `prefix`, sorted.
    func list(prefix: String) async throws -> [String]
}

/// A compare-and-swap write lost to a concurrent writer; the caller re-reads and retries.
public struct StorageConflict: Error, Sendable {
    /// Creates the error.
    public init() {}
}

/// A storage backend failed (I/O, database); carries no path or value.
public struct StorageFailure: Error, Sendable, CustomStringConvertible {
    /// A fixed explanation.
    public let reason: StaticString
    /// Creates the error.
    public init(_ reason: StaticString) { self.reason = reason }
    /// The reason.
    public var description: String { "StorageFailure: \(reason)" }
}
