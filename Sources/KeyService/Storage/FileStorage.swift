import CryptoPrimitives
public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default backend: one data directory owned by one process.
///
/// Each key is one file, `<encoded key>.entry` (long keys use a SHA-256 name; the key is also stored inside).
/// A write goes to a new temporary file, is fsynced, renamed over the old one, and the directory is fsynced: a
/// crash leaves either the old or the new file, never a torn one. Every file carries a checksum; leftover
/// temporary files are removed on open. An exclusive `flock` on `<dir>/.lock` keeps a second process out.
/// All values are kept in memory too (they are barrier ciphertext), so reads never touch the disk; writes run
/// on a dedicated queue, never on Swift's cooperative threads.
public final class FileStorage: StorageBackend {
    private struct Index {
        var entries: [String: (file: String, entry: StoredEntry)] = [:]
        /// The highest version handed out; versions never repeat, even for a key deleted and written again.
        var lastVersion: UInt64 = 0
    }

    private let directory: URL
    /// The lock file's descriptor; -1 once closed.
    private let lockDescriptor: Mutex<Int32>
    private let index = Mutex(Index())
    private let queue = DispatchQueue(label: "chatsecurity.keyservice.file-storage")
    private static let magic: [UInt8] = Array("KSE1".utf8)

    /// Not shared: the directory is locked to this process.
    public var isShared: Bool { false }

    /// Opens (creating if needed) the data directory.
    ///
    /// - Throws: ``StorageFailure`` when the directory cannot be created or another process holds it.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageFailure("the data directory could not be created")
        }
        let descriptor = open(directory.appendingPathComponent(".lock").path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw StorageFailure("the data directory's lock file could not be opened") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            systemClose(descriptor)
            throw StorageFailure("the data directory is in use by another keyserviced process")
        }
        lockDescriptor = Mutex(descriptor)
        do {
            try load()
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Releases the directory lock (idempotent). Writes already returned are on disk.
    public func close() {
        lockDescriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            flock(descriptor, LOCK_UN)
            systemClose(descriptor)
            descriptor = -1
        }
    }

    /// The entry at `key`, from memory.
    public func get(_ key: String) async throws -> StoredEntry? {
        index.withLock { $0.entries[key]?.entry }
    }

    /// Writes durably, checking `expectedVersion` if given.
    @discardableResult
    public func put(_ key: String, value: [UInt8], expectedVersion: UInt64?) async throws -> UInt64 {
        try await perform {
            let current = self.index.withLock { $0.entries[key] }
            let currentVersion = current?.entry.version ?? 0
            if let expectedVersion, expectedVersion != currentVersion { throw StorageConflict() }
            let version = self.index.withLock { index in
                index.lastVersion += 1
                return index.lastVersion
            }
            let file = current?.file ?? Self.fileName(for: key)
            try self.writeFile(file, key: key, value: value, version: version)
            self.index.withLock { $0.entries[key] = (file, StoredEntry(value: value, version: version)) }
            return version
        }
    }

    /// Removes `key` durably.
    public func delete(_ key: String) async throws {
        try await perform {
            guard let current = self.index.withLock({ $0.entries[key] }) else { return }
            let path = self.directory.appendingPathComponent(current.file).path
            guard unlink(path) == 0 || errno == ENOENT else { throw StorageFailure("a storage file could not be removed") }
            try self.syncDirectory()
            self.index.withLock { _ = $0.entries.removeValue(forKey: key) }
        }
    }

    /// Keys starting with `prefix`.
    public func list(prefix: String) async throws -> [String] {
        index.withLock { $0.entries.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    // MARK: - Files

    private func perform<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// `KSE1 | key length (4) | key | version (8) | value length (8) | value | SHA-256 of all before (first 16)`.
    private func writeFile(_ file: String, key: String, value: [UInt8], version: UInt64) throws {
        let keyBytes = Array(key.utf8)
        var contents = Self.magic
        contents += Self.bigEndian(UInt32(keyBytes.count)) + keyBytes + Self.bigEndian(version)
        contents += Self.bigEndian(UInt64(value.count)) + value
        contents += SHA256.hash(contents).prefix(16)
        let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)").path
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw StorageFailure("a storage file could not be created") }
        var ok = true
        contents.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while ok, offset < bytes.count {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { ok = false } else { offset += written }
            }
        }
        ok = ok && fsync(descriptor) == 0
        systemClose(descriptor)
        guard ok, rename(temporary, directory.appendingPathComponent(file).path) == 0 else {
            unlink(temporary)
            throw StorageFailure("a storage file could not be written")
        }
        try syncDirectory()
    }

    private func syncDirectory() throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw StorageFailure("the data directory could not be opened for sync") }
        defer { systemClose(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageFailure("the data directory could not be synced") }
    }

    private func load() throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw StorageFailure("the data directory could not be read")
        }
        var loaded = Index()
        for name in names {
            let path = directory.appendingPathComponent(name).path
            if name.hasPrefix(".tmp-") {
                unlink(path)  // an interrupted write: never acknowledged
                continue
            }
            guard name.hasSuffix(".entry"), let data = FileManager.default.contents(atPath: path) else { continue }
            guard let (key, entry) = Self.parse([UInt8](data)) else {
                throw StorageFailure("a storage file is corrupt (checksum mismatch)")
            }
            loaded.entries[key] = (name, entry)
            loaded.lastVersion = max(loaded.lastVersion, entry.version)
        }
        index.withLock { $0 = loaded }
    }

    static func parse(_ bytes: [UInt8]) -> (String, StoredEntry)? {
        guard bytes.count >= 4 + 4 + 8 + 8 + 16, Array(bytes[0..<4]) == magic else { return nil }
        let body = Array(bytes[0..<(bytes.count - 16)])
        guard Array(SHA256.hash(body).prefix(16)) == Array(bytes.suffix(16)) else { return nil }
        var offset = 4
        func read(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= body.count else { return nil }
            defer { offset += count }
            return Array(body[offset..<(offset + count)])
        }
        guard let keyLength = read(4).map({ integer($0) as UInt32 }), keyLength < 1 << 20, let keyBytes = read(Int(keyLength)),
              let version = read(8).map({ integer($0) as UInt64 }), let valueLength = read(8).map({ integer($0) as UInt64 }),
              valueLength <= UInt64(body.count), let value = read(Int(valueLength)), offset == body.count
        else { return nil }
        return (String(decoding: keyBytes, as: UTF8.self), StoredEntry(value: value, version: version))
    }

    static func fileName(for key: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)
        var encoded = ""
        for byte in key.utf8 {
            if allowed.contains(byte) {
                encoded.append(Character(UnicodeScalar(byte)))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        if encoded.count > 180 { encoded = "h-" + SHA256.hash(Array(key.utf8)).map { String(format: "%02x", $0) }.joined() }
        return encoded + ".entry"
    }

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    private static func integer<T: FixedWidthInteger>(_ bytes: [UInt8]) -> T {
        bytes.reduce(0) { $0 << 8 | T($1) }
    }
}

/// `write(2)`, named apart from Swift's `write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

/// `close(2)`, named apart from ``FileStorage/close()``.
private func systemClose(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
