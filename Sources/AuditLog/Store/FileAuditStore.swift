import CryptoPrimitives
public import Foundation
import Synchronization

/// The embedded audit store: one directory, appended to by one process at a time (an exclusive `flock` on
/// `.lock`), readable by any number of read-only openers meanwhile. Layout (`docs/audit-log.md`):
///
/// - `entries-<first index, 20 digits>.seg`: append-only segments of batches, one batch per write:
///   `"CSB1" ‖ record count (4) ‖ body length (4) ‖ body ‖ first 16 bytes of SHA-256(header ‖ body)`, the body
///   being records `length (4) ‖ entry ‖ first 8 bytes of SHA-256(length ‖ entry)`. The batch digest decides
///   whether a write completed; the record checksums locate damage inside a batch. A new segment starts past
///   256 MiB.
/// - `nodes-<level, 2 digits>.bin`: the tree's complete nodes, 32 bytes each, node `i` at offset `32·i`, and
///   `nodes.synced`, the node counts known to be on disk (replaced atomically after the node files are synced).
/// - `checkpoints.log`: records `"CSC1" ‖ note length (4) ‖ size (8) ‖ signed note ‖ first 8 bytes of
///   SHA-256(all before)`.
///
/// An append writes its batch with one `pwrite` and `fsync`s the segment before it returns. If the write or the
/// `fsync` fails, the bytes are cut off again and the store refuses further appends until it is reopened.
///
/// Opening checks every batch. Only one write is ever in flight, so a crash can damage only the last batch: a
/// damaged batch after which no valid batch follows is a torn write, which a read-write open moves to
/// `<segment>.torn-<offset>` and cuts (a read-only open ignores it); both are reported as notices in
/// ``integrity()``. Damage followed by valid batches is not a crash: it is not repaired, the store opens without
/// accepting appends, and reading fails with ``AuditStoreReadError`` at that index, which `verify` reports. The same
/// rules hold for `checkpoints.log`, where damaged records are counted and skipped.
///
/// Tree nodes are derived data: they are kept in memory and written in bulk (every few thousand nodes, at each
/// checkpoint and on close), then synced and recorded in `nodes.synced`. On open, recorded nodes are trusted up to
/// the latest stored checkpoint whose root they reproduce; the nodes after it are recomputed from the entries (so
/// opening reads the entries appended since the last checkpoint).
public final class FileAuditStore: AuditStore, @unchecked Sendable {
    // Safety: all mutable state is behind `state` (a Mutex); writes hold `writer`, one at a time.

    /// How a store is opened.
    public enum Mode: Sendable, Hashable {
        /// The appending process: creates the directory if needed, takes the exclusive lock, repairs torn writes.
        case readWrite
        /// Auditors and tools: never creates, locks or changes anything; a torn or in-progress write at the end is
        /// ignored, missing nodes are recomputed in memory.
        case readOnly
    }

    private struct Segment {
        let firstIndex: UInt64
        let file: PosixFile
        var length: UInt64
    }

    /// Where an entry's bytes are.
    private struct Location {
        let segment: Int
        let offset: UInt64
        let length: Int
    }

    private struct State {
        var segments: [Segment] = []
        var locations: [Location] = []
        /// One file per level (`nil`: absent, read-only).
        var nodeFiles: [PosixFile?] = []
        /// Nodes on disk and synced, per level.
        var nodeCounts: [UInt64] = []
        /// Nodes after those, not yet written.
        var pendingNodes: [[TreeHash]] = []
        var appender = Appender()
        var checkpoints: [StoredCheckpoint] = []
        var checkpointLength: UInt64 = 0
        /// The first unreadable record (no appends are accepted then).
        var unreadableIndex: UInt64?
        var integrity = StoreIntegrity()
        /// A write or `fsync` failed: no further appends until the store is reopened.
        var failed = false
        var closed = false
    }

    /// The directory.
    public let directory: URL
    /// How the store was opened.
    public let mode: Mode
    private let state: Mutex<State>
    private let lockFile: PosixFile?
    private let checkpointFile: PosixFile?
    /// Serializes writers. Writes run on the caller's thread: an append is one `pwrite` and one `fsync`, and
    /// hopping to another thread and back costs as much as the write itself.
    private let writer = NSLock()
    private let hasher = Mutex(MerkleHasherBox())

    /// Where a new segment starts.
    public static let segmentLimit: UInt64 = 256 << 20
    /// The most records in one batch.
    static let maximumBatchRecords = 1024
    static let batchMagic = Array("CSB1".utf8)
    static let checkpointMagic = Array("CSC1".utf8)
    static let syncedMagic = Array("CSN1".utf8)

    /// Opens the store in `directory`: read-write (creating it if needed) or read-only (it must exist).
    public init(directory: URL, mode: Mode = .readWrite) throws {
        self.directory = directory
        self.mode = mode
        let checkpointPath = directory.appendingPathComponent("checkpoints.log").path
        switch mode {
        case .readWrite:
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw AuditError(.storageFailure, "the log directory could not be created")
            }
            let lock = try PosixFile(path: directory.appendingPathComponent(".lock").path, create: true)
            guard lock.lockExclusively() else { throw AuditError(.locked, "another process holds the log directory") }
            lockFile = lock
            checkpointFile = try PosixFile(path: checkpointPath, create: true)
            // The directory entries of a new store are durable before anything is acknowledged.
            try PosixFile.syncDirectory(directory.path)
            try? PosixFile.syncDirectory(directory.deletingLastPathComponent().path)  // best effort: the parent may not be readable
        case .readOnly:
            guard PosixFile.directoryExists(directory.path) else { throw AuditError(.storageFailure, "the log directory does not exist") }
            lockFile = nil
            checkpointFile = PosixFile.exists(checkpointPath) ? try PosixFile(path: checkpointPath, create: false, readOnly: true) : nil
        }
        var loaded = State()
        try Self.loadSegments(directory: directory, mode: mode, into: &loaded)
        try Self.loadCheckpoints(checkpointFile, directory: directory, mode: mode, into: &loaded)
        try Self.loadNodes(directory: directory, mode: mode, into: &loaded, hasher: MerkleHasher())
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.contains(".torn-") {
            loaded.integrity.notices.append("\(name) holds bytes of an incomplete write set aside by crash recovery")
        }
        state = Mutex(loaded)
        if mode == .readWrite { try writer.withLock { try flushNodes() } }
    }

    // MARK: - AuditStore

    /// Appends durably.
    public func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] {
        guard !events.isEmpty else { return [] }
        return try perform { try self.appendNow(events, time: time) }
    }

    /// The number of entries, counting the first unreadable record (there is nothing after it).
    public func size() async throws -> UInt64 { state.withLock { UInt64($0.locations.count) } }

    /// Raw entries. Returns the readable ones; throws ``AuditStoreReadError`` when `start` is the first
    /// unreadable record.
    public func entries(from start: UInt64, count: Int) async throws -> [[UInt8]] {
        let (locations, segments, unreadable) = state.withLock { state -> (ArraySlice<Location>, [Segment], UInt64?) in
            let total = UInt64(state.locations.count)
            let readable = state.unreadableIndex ?? total
            if let unreadable = state.unreadableIndex, start >= unreadable, count > 0 { return ([], [], unreadable) }
            guard start < readable, count > 0 else { return ([], [], nil) }
            let end = min(readable, start + UInt64(count))
            return (state.locations[Int(start)..<Int(end)], state.segments, nil)
        }
        if let unreadable { throw AuditStoreReadError(index: unreadable) }
        return try Self.read(locations, segments: segments)
    }

    /// Stored node hashes (contiguous runs of one level are read at once; recent ones come from memory).
    public func nodes(_ addresses: [NodeAddress]) async throws -> [TreeHash] {
        let (files, counts, pending) = state.withLock { ($0.nodeFiles, $0.nodeCounts, $0.pendingNodes) }
        var result = [TreeHash](repeating: .zero, count: addresses.count)
        var position = 0
        while position < addresses.count {
            let first = addresses[position]
            guard first.level < counts.count else { throw TreeError(.missingNode) }
            let written = counts[first.level]
            if first.index >= written {
                let offset = first.index - written
                let level = first.level < pending.count ? pending[first.level] : []
                guard offset < UInt64(level.count) else { throw TreeError(.missingNode) }
                result[position] = level[Int(offset)]
                position += 1
                continue
            }
            guard let file = files[first.level] else { throw TreeError(.missingNode) }
            var end = position + 1
            while end < addresses.count, addresses[end].level == first.level, addresses[end].index == first.index + UInt64(end - position),
                  addresses[end].index < written, end - position < 65536 {
                end += 1
            }
            let count = end - position
            let bytes = try file.read(at: first.index * 32, count: count * 32)
            for offset in 0..<count {
                guard let hash = TreeHash(bytes: bytes[(offset * 32)..<(offset * 32 + 32)]) else { throw TreeError(.missingNode) }
                result[position + offset] = hash
            }
            position = end
        }
        return result
    }

    /// Stores a checkpoint durably (after making the nodes durable too).
    public func saveCheckpoint(_ note: String, size: UInt64) async throws {
        try perform {
            guard self.mode == .readWrite, let checkpointFile = self.checkpointFile else { throw AuditError(.storageFailure, "the store is open read-only") }
            let noteBytes = Array(note.utf8)
            guard noteBytes.count <= SignedNote.maximumLength * 2 else { throw AuditError(.malformedNote, "checkpoint note too long") }
            let record = Self.checkpointRecord(noteBytes, size: size)
            try self.flushNodes()
            let offset = self.state.withLock { $0.checkpointLength }
            do {
                try checkpointFile.write(record, at: offset)
                try checkpointFile.sync()
            } catch {
                try? checkpointFile.truncate(to: offset)
                throw error
            }
            self.state.withLock { state in
                state.checkpoints.append(StoredCheckpoint(size: size, note: note))
                state.checkpointLength += UInt64(record.count)
            }
        }
    }

    /// Stored checkpoints.
    public func checkpoints() async throws -> [StoredCheckpoint] { state.withLock { $0.checkpoints } }

    /// What opening found: torn writes set aside or ignored, damaged checkpoint records.
    public func integrity() async throws -> StoreIntegrity { state.withLock { $0.integrity } }

    /// Makes the node files durable and releases the directory lock; later appends fail.
    public func close() {
        writer.withLock {
            if mode == .readWrite { try? flushNodes() }
            state.withLock { $0.closed = true }
            lockFile?.unlock()
        }
    }

    /// Makes the node files durable (they are recomputed on open anyway).
    public func sync() async throws {
        try perform { if self.mode == .readWrite { try self.flushNodes() } }
    }

    /// The most nodes kept in memory before they are written.
    static let pendingNodeLimit = 8192

    /// Writes the nodes kept in memory, syncs their files and records the new counts (holds `writer`). The shared
    /// state changes only after everything is on disk, so readers see the nodes either in memory or in the files.
    private func flushNodes() throws {
        let (files, counts, pending) = state.withLock { ($0.nodeFiles, $0.nodeCounts, $0.pendingNodes) }
        let levels = pending.indices.filter { !pending[$0].isEmpty }
        guard !levels.isEmpty else { return }
        var newCounts = counts
        for level in levels {
            guard let file = files[level] else { throw AuditError(.storageFailure, "a node file is missing") }
            try file.write(pending[level].flatMap(\.bytes), at: counts[level] * 32)
            newCounts[level] += UInt64(pending[level].count)
        }
        for level in levels { try files[level]?.sync() }
        try PosixFile.replaceAtomically(directory.appendingPathComponent("nodes.synced").path, with: Self.encodeSynced(newCounts), directory: directory.path)
        state.withLock { state in
            for level in levels {
                state.nodeCounts[level] = newCounts[level]
                state.pendingNodes[level].removeFirst(pending[level].count)
            }
        }
    }

    // MARK: - Appending

    /// Runs under `writer` (one append at a time).
    private func appendNow(_ events: [AuditEvent], time: Int64) throws -> [AuditReceipt] {
        guard mode == .readWrite else { throw AuditError(.storageFailure, "the store is open read-only") }
        let (closed, failed, unreadable, start, lastSegment, count, nodeCounts, pendingCounts) = state.withLock { state in
            (state.closed, state.failed, state.unreadableIndex, state.appender, state.segments.last, UInt64(state.locations.count),
             state.nodeCounts, state.pendingNodes.map(\.count))
        }
        guard !closed else { throw AuditError(.storageFailure, "the store is closed") }
        guard !failed else { throw AuditError(.storageFailure, "a write failed earlier; reopen the store") }
        guard unreadable == nil else { throw AuditError(.corrupted, "the log has an unreadable record; appends are refused") }
        var appender = start
        let batch = try hasher.withLock { box in try appender.append(events, time: time, hasher: box.hasher) }

        // Everything that can fail is checked before writing: node order, node files, the segment.
        var expected = zip(nodeCounts, pendingCounts).map { $0 + UInt64($1) }
        for (address, _) in batch.nodes {
            while expected.count <= address.level { expected.append(0) }
            guard address.index == expected[address.level] else { throw AuditError(.corrupted, "tree nodes out of order") }
            expected[address.level] += 1
        }
        let levelsNeeded = expected.count
        try state.withLock { state in
            while state.nodeFiles.count < levelsNeeded {
                let path = directory.appendingPathComponent(String(format: "nodes-%02d.bin", state.nodeFiles.count)).path
                state.nodeFiles.append(try PosixFile(path: path, create: true))
                state.nodeCounts.append(0)
                state.pendingNodes.append([])
            }
        }
        let (records, entryOffsets) = Self.encodeBatches(batch.entries.map(\.bytes))
        var segment = lastSegment
        var newSegment: Segment?
        if segment == nil || (segment?.length ?? 0) >= Self.segmentLimit {
            let name = String(format: "entries-%020llu.seg", count)
            let file = try PosixFile(path: directory.appendingPathComponent(name).path, create: true)
            try PosixFile.syncDirectory(directory.path)
            newSegment = Segment(firstIndex: count, file: file, length: 0)
            segment = newSegment
        }
        guard let target = segment else { throw AuditError(.storageFailure) }
        do {
            try target.file.write(records, at: target.length)
            try target.file.sync()
        } catch {
            // Nothing was acknowledged: take the bytes back, and accept no more appends in this process (after a
            // failed fsync the kernel's view of the file is not trustworthy). Reopening checks the tail.
            try? target.file.truncate(to: target.length)
            try? target.file.sync()
            state.withLock { $0.failed = true }
            throw error
        }
        // The commit: nothing below can fail.
        let pendingTotal = state.withLock { state -> Int in
            if let newSegment { state.segments.append(newSegment) }
            let segmentIndex = state.segments.count - 1
            let base = state.segments[segmentIndex].length
            for (offset, length) in entryOffsets {
                state.locations.append(Location(segment: segmentIndex, offset: base + offset, length: length))
            }
            state.segments[segmentIndex].length = base + UInt64(records.count)
            for (address, hash) in batch.nodes { state.pendingNodes[address.level].append(hash) }
            state.appender = appender
            return state.pendingNodes.reduce(0) { $0 + $1.count }
        }
        // Nodes are derived data: a failure to write them now is retried at the next flush and repaired on open.
        if pendingTotal >= Self.pendingNodeLimit { try? flushNodes() }
        return batch.entries.map { AuditReceipt(index: $0.index, leafHash: $0.leafHash) }
    }

    /// Segment bytes for `entries`: batches of at most ``maximumBatchRecords``, and where each entry's bytes start.
    static func encodeBatches(_ entries: [[UInt8]]) -> (bytes: [UInt8], entryOffsets: [(offset: UInt64, length: Int)]) {
        var (bytes, entryOffsets) = ([UInt8](), [(offset: UInt64, length: Int)]())
        bytes.reserveCapacity(entries.reduce(0) { $0 + $1.count + 12 } + 28 * (entries.count / maximumBatchRecords + 1))
        for start in stride(from: 0, to: entries.count, by: maximumBatchRecords) {
            let chunk = entries[start..<min(entries.count, start + maximumBatchRecords)]
            var body: [UInt8] = []
            body.reserveCapacity(chunk.reduce(0) { $0 + $1.count + 12 })
            for entry in chunk {
                let length = bigEndian32(UInt32(entry.count))
                entryOffsets.append((UInt64(bytes.count + 12 + body.count + 4), entry.count))
                body += length
                body += entry
                body += SHA256.hash(parts: [length, entry]).prefix(8)
            }
            let header = batchMagic + bigEndian32(UInt32(chunk.count)) + bigEndian32(UInt32(body.count))
            bytes += header
            bytes += body
            bytes += SHA256.hash(parts: [header, body]).prefix(16)
        }
        return (bytes, entryOffsets)
    }

    /// A checkpoint-log record.
    static func checkpointRecord(_ note: [UInt8], size: UInt64) -> [UInt8] {
        let record = checkpointMagic + bigEndian32(UInt32(note.count)) + bigEndian64(size) + note
        return record + SHA256.hash(record).prefix(8)
    }

    private func perform<T: Sendable>(_ work: @Sendable () throws -> T) throws -> T {
        try writer.withLock { try work() }
    }

    // MARK: - Reading

    private static func read(_ locations: ArraySlice<Location>, segments: [Segment]) throws -> [[UInt8]] {
        var result: [[UInt8]] = []
        result.reserveCapacity(locations.count)
        var index = locations.startIndex
        // Read contiguous runs of one segment at once.
        while index < locations.endIndex {
            var runEnd = index
            while runEnd + 1 < locations.endIndex, locations[runEnd + 1].segment == locations[index].segment, runEnd - index < 4096 {
                runEnd += 1
            }
            let first = locations[index], last = locations[runEnd]
            let bytes = try segments[first.segment].file.read(at: first.offset, count: Int(last.offset - first.offset) + last.length)
            for location in locations[index...runEnd] {
                let offset = Int(location.offset - first.offset)
                result.append(Array(bytes[offset..<(offset + location.length)]))
            }
            index = runEnd + 1
        }
        return result
    }

    // MARK: - Opening

    private static func loadSegments(directory: URL, mode: Mode, into state: inout State) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw AuditError(.storageFailure, "the log directory could not be read")
        }
        let segmentNames = names.filter { $0.hasPrefix("entries-") && $0.hasSuffix(".seg") }.sorted()
        for (number, name) in segmentNames.enumerated() {
            guard let first = UInt64(name.dropFirst(8).dropLast(4)), first == UInt64(state.locations.count) else {
                // A segment is missing or out of place: everything from here on is unreadable.
                state.unreadableIndex = UInt64(state.locations.count)
                state.locations.append(Location(segment: -1, offset: 0, length: 0))
                return
            }
            let path = directory.appendingPathComponent(name).path
            let file = try PosixFile(path: path, create: false, readOnly: mode == .readOnly)
            var reader = SegmentReader(file: file, length: try file.size())
            var offset: UInt64 = 0
            while offset < reader.length {
                let batch = try readBatch(&reader, at: offset)
                if case .valid(let entries, let end) = batch {
                    for (entryOffset, length) in entries {
                        state.locations.append(Location(segment: number, offset: entryOffset, length: length))
                    }
                    offset = end
                    continue
                }
                if number == segmentNames.count - 1, try !validBatchFollows(&reader, after: offset) {
                    let tail = reader.length - offset
                    if mode == .readWrite {
                        let saved = try quarantine(file, from: offset, length: tail, name: name, directory: directory)
                        state.integrity.notices.append("crash recovery set aside \(tail) bytes of an incomplete write at the end of \(name) in \(saved)")
                    } else {
                        state.integrity.notices.append("\(tail) bytes at the end of \(name) are an incomplete write (a crash or an append in progress) and were ignored")
                    }
                    break
                }
                // Damage inside the log: not a crash. Not repaired; the batch's records before the damaged one are
                // kept (their own checksums hold), nothing after it is indexed.
                if case .damaged(let readable) = batch {
                    for (entryOffset, length) in readable {
                        state.locations.append(Location(segment: number, offset: entryOffset, length: length))
                    }
                }
                state.unreadableIndex = UInt64(state.locations.count)
                state.locations.append(Location(segment: number, offset: offset, length: 0))
                state.segments.append(Segment(firstIndex: first, file: file, length: offset))
                return
            }
            state.segments.append(Segment(firstIndex: first, file: file, length: offset))
        }
    }

    /// What is at a batch position.
    enum BatchRead {
        /// A complete batch whose digest holds: where its entries are, and where the next batch starts.
        case valid(entries: [(UInt64, Int)], end: UInt64)
        /// A batch that fails its digest: the records before the first one that fails its own checksum.
        case damaged(readable: [(UInt64, Int)])
        /// Not a batch at all (or cut short).
        case invalid
    }

    /// The batch at `offset`.
    private static func readBatch(_ reader: inout SegmentReader, at offset: UInt64) throws -> BatchRead {
        guard reader.length - offset >= 12 + 16, let header = try reader.bytes(at: offset, count: 12),
              header.starts(with: batchMagic) else { return .invalid }
        let count = Int(uint32(header.dropFirst(4)))
        let bodyLength = Int(uint32(header.dropFirst(8)))
        guard count >= 1, count <= maximumBatchRecords, bodyLength >= 12 * count, bodyLength <= count * (12 + AuditEntry.maximumEncodedLength) else {
            return .invalid
        }
        let available = Int(min(reader.length - offset - 12, UInt64(bodyLength + 16)))
        guard let rest = try reader.bytes(at: offset + 12, count: available) else { return .invalid }
        let complete = available == bodyLength + 16
        let body = rest.prefix(bodyLength)
        let digestHolds = complete && SHA256.hash(parts: [header, body]).prefix(16).elementsEqual(rest.suffix(16))
        // Walk the records; when the digest fails, check each record's own checksum to find the first bad one.
        var entries: [(UInt64, Int)] = []
        entries.reserveCapacity(count)
        var position = body.startIndex
        for _ in 0..<count {
            guard body.endIndex - position >= 4 else { break }
            let length = Int(uint32(body[position..<(position + 4)]))
            guard length <= AuditEntry.maximumEncodedLength, body.endIndex - position - 4 - 8 >= length else { break }
            if !digestHolds {
                let record = body[position..<(position + 4 + length)]
                guard SHA256.hash(record).prefix(8).elementsEqual(body[(position + 4 + length)..<(position + 12 + length)]) else { break }
            }
            entries.append((offset + 12 + UInt64(position - body.startIndex + 4), length))
            position += 12 + length
        }
        guard digestHolds, entries.count == count, position == body.endIndex else { return .damaged(readable: entries) }
        return .valid(entries: entries, end: offset + 12 + UInt64(bodyLength) + 16)
    }

    /// Whether a valid batch starts anywhere after `offset` (then the damage at `offset` is not a torn write).
    private static func validBatchFollows(_ reader: inout SegmentReader, after offset: UInt64) throws -> Bool {
        try nextMagic(batchMagic, in: &reader, after: offset) { reader, candidate in
            if case .valid = try readBatch(&reader, at: candidate) { return true }
            return false
        } != nil
    }

    /// The first position after `offset` where `magic` starts and `isValid` holds.
    private static func nextMagic(_ magic: [UInt8], in reader: inout SegmentReader, after offset: UInt64,
                                  isValid: (inout SegmentReader, UInt64) throws -> Bool) throws -> UInt64? {
        var position = offset + 1
        let window = 1 << 20
        while position + UInt64(magic.count) <= reader.length {
            let count = Int(min(UInt64(window), reader.length - position))
            guard let chunk = try reader.read(at: position, count: count) else { return nil }
            var index = chunk.startIndex
            while index + magic.count <= chunk.endIndex {
                if chunk[index] == magic[0], chunk[index..<(index + magic.count)].elementsEqual(magic) {
                    let candidate = position + UInt64(index - chunk.startIndex)
                    if try isValid(&reader, candidate) { return candidate }
                }
                index += 1
            }
            guard count > magic.count else { return nil }
            position += UInt64(count - magic.count + 1)
        }
        return nil
    }

    /// Copies `[offset, offset + length)` of `file` to a new `<name>.torn-<offset>` file, then cuts `file` there.
    private static func quarantine(_ file: PosixFile, from offset: UInt64, length: UInt64, name: String, directory: URL) throws -> String {
        var savedName = "\(name).torn-\(offset)"
        var attempt = 1
        while PosixFile.exists(directory.appendingPathComponent(savedName).path) {
            attempt += 1
            savedName = "\(name).torn-\(offset)-\(attempt)"
        }
        let saved = try PosixFile(path: directory.appendingPathComponent(savedName).path, create: true)
        var copied: UInt64 = 0
        while copied < length {
            let count = Int(min(length - copied, 1 << 20))
            try saved.write(try file.read(at: offset + copied, count: count), at: copied)
            copied += UInt64(count)
        }
        try saved.sync()
        try PosixFile.syncDirectory(directory.path)
        try file.truncate(to: offset)
        try file.sync()
        return savedName
    }

    private static func loadCheckpoints(_ file: PosixFile?, directory: URL, mode: Mode, into state: inout State) throws {
        guard let file else { return }
        var reader = SegmentReader(file: file, length: try file.size())
        var offset: UInt64 = 0
        while offset < reader.length {
            if let (checkpoint, end) = try readCheckpoint(&reader, at: offset) {
                state.checkpoints.append(checkpoint)
                offset = end
                continue
            }
            if let next = try nextMagic(checkpointMagic, in: &reader, after: offset, isValid: { reader, candidate in try readCheckpoint(&reader, at: candidate) != nil }) {
                // Damage followed by valid records: counted (verify reports it), skipped, never repaired.
                state.integrity.unreadableCheckpointRecords += 1
                offset = next
                continue
            }
            let tail = reader.length - offset
            if mode == .readWrite {
                let saved = try quarantine(file, from: offset, length: tail, name: "checkpoints.log", directory: directory)
                state.integrity.notices.append("crash recovery set aside \(tail) bytes of an incomplete checkpoint write in \(saved)")
                reader = SegmentReader(file: file, length: offset)
            } else {
                state.integrity.notices.append("\(tail) bytes at the end of checkpoints.log are an incomplete write and were ignored")
            }
            break
        }
        state.checkpointLength = reader.length
    }

    private static func readCheckpoint(_ reader: inout SegmentReader, at offset: UInt64) throws -> (StoredCheckpoint, UInt64)? {
        guard reader.length - offset >= 4 + 4 + 8 + 8, let header = try reader.bytes(at: offset, count: 16), header.starts(with: checkpointMagic) else { return nil }
        let noteLength = Int(uint32(header.dropFirst(4)))
        guard noteLength <= SignedNote.maximumLength * 2, reader.length - offset - 16 >= UInt64(noteLength + 8),
              let rest = try reader.bytes(at: offset + 16, count: noteLength + 8) else { return nil }
        let note = rest.prefix(noteLength)
        guard SHA256.hash(parts: [header, note]).prefix(8).elementsEqual(rest.suffix(8)),
              let text = String(validating: note, as: UTF8.self) else { return nil }
        let size = header.dropFirst(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (StoredCheckpoint(size: size, note: text), offset + 16 + UInt64(noteLength) + 8)
    }

    /// Opens the node files, trusts the recorded, synced nodes up to the latest stored checkpoint whose root they
    /// reproduce, and recomputes the rest from the entries (written back by a read-write open, kept in memory
    /// otherwise).
    private static func loadNodes(directory: URL, mode: Mode, into state: inout State, hasher: MerkleHasher) throws {
        let readable = state.unreadableIndex ?? UInt64(state.locations.count)
        let synced = readSynced(directory.appendingPathComponent("nodes.synced").path)
        let highestNeeded = readable > 0 ? 63 - readable.leadingZeroBitCount : 0
        let levels = min(64, max(highestNeeded + 1, synced.count))
        for level in 0..<levels {
            let path = directory.appendingPathComponent(String(format: "nodes-%02d.bin", level)).path
            let file: PosixFile? = mode == .readWrite || PosixFile.exists(path)
                ? try PosixFile(path: path, create: mode == .readWrite, readOnly: mode == .readOnly) : nil
            state.nodeFiles.append(file)
            let onDisk = try file?.size() ?? 0
            state.nodeCounts.append(min(onDisk / 32, level < synced.count ? synced[level] : 0))
            state.pendingNodes.append([])
        }
        // The longest prefix of leaves that every level agrees with: s leaves need s >> k nodes at level k.
        var consistent = min(state.nodeCounts[0], readable)
        for level in 1..<levels {
            let (limit, overflow) = (state.nodeCounts[level] + 1).multipliedReportingOverflow(by: UInt64(1) << UInt64(level))
            if !overflow { consistent = min(consistent, limit - 1) }
        }
        func root(size: UInt64) throws -> TreeHash {
            let hashes = try TreeMath.decomposition(start: 0, end: size).map { address -> TreeHash in
                guard let file = state.nodeFiles[address.level], let hash = TreeHash(bytes: try file.read(at: address.index * 32, count: 32)) else {
                    throw TreeError(.missingNode)
                }
                return hash
            }
            return try CompactRange(size: size, nodes: hashes).root(hasher: hasher)
        }
        // Nodes are trusted only up to the latest stored checkpoint whose root they reproduce (parsed, not verified:
        // this only decides what is recomputed). Everything after it, including the right edge that later appends
        // build on, is recomputed from the entries, so damaged or edited node files never reach a signed root.
        var trusted: UInt64 = 0
        for stored in state.checkpoints.sorted(by: { $0.size > $1.size }) where stored.size > 0 && stored.size <= consistent {
            if let note = try? SignedNote(parsing: stored.note), let checkpoint = try? Checkpoint(text: note.text),
               checkpoint.size == stored.size, (try? root(size: stored.size)) == checkpoint.root {
                trusted = stored.size
                break
            }
        }
        consistent = trusted
        for level in 0..<levels {
            let keep = consistent >> UInt64(level)
            if mode == .readWrite, let file = state.nodeFiles[level], try file.size() > keep * 32 { try file.truncate(to: keep * 32) }
            state.nodeCounts[level] = keep
        }
        var range = try CompactRange(size: consistent, nodes: try TreeMath.decomposition(start: 0, end: consistent).map { address in
            guard let file = state.nodeFiles[address.level], let hash = TreeHash(bytes: try file.read(at: address.index * 32, count: 32)) else {
                throw TreeError(.missingNode)
            }
            return hash
        })
        // Recompute the nodes the files do not hold from the stored entries.
        var lastLeaf = TreeHash.zero
        var index = consistent
        while index < readable {
            let end = min(readable, index + 8192)
            for bytes in try read(state.locations[Int(index)..<Int(end)], segments: state.segments) {
                let leaf = hasher.leafHash(bytes)
                for (address, hash) in range.append(leaf, hasher: hasher) { state.pendingNodes[address.level].append(hash) }
                lastLeaf = leaf
            }
            index = end
        }
        if readable > 0, consistent == readable, let bytes = try read(state.locations[Int(readable - 1)..<Int(readable)], segments: state.segments).first {
            lastLeaf = hasher.leafHash(bytes)
        }
        state.appender = try Appender(size: readable, lastLeafHash: lastLeaf, decompositionNodes: range.nodes.map(\.hash))
    }

    /// `nodes.synced`: `"CSN1" ‖ level count (1) ‖ count per level (8 each) ‖ first 8 bytes of SHA-256(all before)`.
    static func encodeSynced(_ counts: [UInt64]) -> [UInt8] {
        var bytes = syncedMagic + [UInt8(counts.count)]
        for count in counts { bytes += bigEndian64(count) }
        return bytes + SHA256.hash(bytes).prefix(8)
    }

    /// The recorded node counts, or none when the file is absent or damaged (then every node is recomputed).
    static func readSynced(_ path: String) -> [UInt64] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = [UInt8](data)
        guard bytes.count >= 5 + 8, bytes.starts(with: syncedMagic), bytes.count == 5 + 8 * Int(bytes[4]) + 8, bytes[4] <= 64,
              SHA256.hash(Array(bytes.dropLast(8))).prefix(8).elementsEqual(bytes.suffix(8)) else { return [] }
        return (0..<Int(bytes[4])).map { level in bytes[(5 + 8 * level)..<(13 + 8 * level)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }

    static func bigEndian32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) } }
    static func bigEndian64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) } }
    static func uint32(_ bytes: some Collection<UInt8>) -> UInt32 { bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
}

/// Buffered positional reads of one file while it is checked on open: a window of a few MiB is read at once, so
/// scanning many small batches costs few system calls.
struct SegmentReader {
    let file: PosixFile
    let length: UInt64
    private var windowStart: UInt64 = 0
    private var window: [UInt8] = []

    init(file: PosixFile, length: UInt64) {
        self.file = file
        self.length = length
    }

    /// `count` bytes at `offset`, or `nil` past the end.
    mutating func bytes(at offset: UInt64, count: Int) throws -> ArraySlice<UInt8>? {
        guard count >= 0, offset <= length, length - offset >= UInt64(count) else { return nil }
        if offset < windowStart || offset + UInt64(count) > windowStart + UInt64(window.count) {
            let size = Int(min(length - offset, UInt64(max(count, 4 << 20))))
            window = try file.read(at: offset, count: size)
            windowStart = offset
        }
        let start = Int(offset - windowStart)
        return window[start..<(start + count)]
    }

    /// Up to `count` bytes at `offset` (fewer at the end), or `nil` past the end.
    mutating func read(at offset: UInt64, count: Int) throws -> ArraySlice<UInt8>? {
        guard offset < length else { return nil }
        return try bytes(at: offset, count: Int(min(UInt64(count), length - offset)))
    }
}

/// A hasher owned by the store (used only under its lock).
struct MerkleHasherBox: @unchecked Sendable {
    // Safety: only used inside `Mutex.withLock`.
    let hasher = MerkleHasher()
}
