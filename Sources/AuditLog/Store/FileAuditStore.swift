import CryptoPrimitives
public import Foundation
import Synchronization

/// The embedded audit store: one directory owned by one process (an exclusive `flock` on `.lock`).
///
/// - `entries-<first index, 20 digits>.seg`: append-only segments of records
///   `length (4, big-endian) ‖ entry ‖ first 8 bytes of SHA-256(length ‖ entry)`; a new segment starts past
///   256 MiB.
/// - `nodes-<level, 2 digits>.bin`: the tree's complete nodes, 32 bytes each, node `i` at offset `32·i`.
/// - `checkpoints.log`: records `length (4) ‖ size (8) ‖ signed note ‖ first 8 bytes of SHA-256(all before)`.
///
/// An append writes its records and `fsync`s the segment before it returns (group commit batches concurrent
/// appends into one write and one `fsync`). Tree nodes are derived data: they are kept in memory and written
/// in bulk (every few thousand nodes, at each checkpoint and on close), and rebuilt from the entries on open if
/// a crash lost them, so an append costs one write and one `fsync`. On open, an incomplete or unverifiable record at the
/// very end of the last segment (a torn write) is moved to `<segment>.torn-<offset>` for inspection and cut;
/// a bad record anywhere else is not repaired: the store opens read-only and reading it fails with
/// ``AuditStoreReadError``, which `verify` reports with the index.
public final class FileAuditStore: AuditStore, @unchecked Sendable {
    // Safety: all mutable state is behind `state` (a Mutex); file writes hold `writer`, one at a time.
    private struct Segment {
        let firstIndex: UInt64
        let file: PosixFile
        var length: UInt64
    }

    private struct State {
        var segments: [Segment] = []
        /// Entry i is in `segments[locations[i].segment]` at byte `locations[i].offset` (record start).
        var locations: [(segment: Int, offset: UInt64, length: Int)] = []
        var nodeFiles: [PosixFile] = []
        /// Nodes written to each level's file.
        var nodeCounts: [UInt64] = []
        /// Nodes after those, not yet written (derived data: written in bulk, rebuilt from entries after a crash).
        var pendingNodes: [[TreeHash]] = []
        var appender = Appender()
        var checkpoints: [StoredCheckpoint] = []
        var checkpointLength: UInt64 = 0
        /// The first unreadable record (the store is then read-only).
        var unreadableIndex: UInt64?
        var closed = false
    }

    /// The directory.
    public let directory: URL
    private let state: Mutex<State>
    private let lockFile: PosixFile
    private let checkpointFile: PosixFile
    /// Serializes writers. Writes run on the caller's thread: an append is one `pwrite` and one `fsync`, and
    /// hopping to another thread and back costs as much as the write itself.
    private let writer = NSLock()
    private let hasher = Mutex(MerkleHasherBox())

    /// Where a new segment starts.
    public static let segmentLimit: UInt64 = 256 << 20

    /// Opens (creating if needed) the store in `directory`.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AuditError(.storageFailure, "the log directory could not be created")
        }
        lockFile = try PosixFile(path: directory.appendingPathComponent(".lock").path, create: true)
        guard lockFile.lockExclusively() else { throw AuditError(.locked, "another process holds the log directory") }
        checkpointFile = try PosixFile(path: directory.appendingPathComponent("checkpoints.log").path, create: true)
        // The directory entries of a new store (the directory itself, `.lock`, `checkpoints.log`) are durable
        // before anything is acknowledged.
        try PosixFile.syncDirectory(directory.path)
        try? PosixFile.syncDirectory(directory.deletingLastPathComponent().path)  // best effort: the parent may not be readable
        var loaded = State()
        try Self.loadSegments(directory: directory, into: &loaded)
        try Self.loadCheckpoints(checkpointFile, into: &loaded)
        try Self.loadNodes(directory: directory, into: &loaded, hasher: MerkleHasher())
        state = Mutex(loaded)
    }

    // MARK: - AuditStore

    /// Appends durably.
    public func append(_ events: [AuditEvent], time: Int64) async throws -> [AuditReceipt] {
        guard !events.isEmpty else { return [] }
        return try perform { try self.appendNow(events, time: time) }
    }

    /// The number of entries (readable or not).
    public func size() async throws -> UInt64 { state.withLock { UInt64($0.locations.count) } }

    /// Raw entries; throws ``AuditStoreReadError`` at an unreadable record.
    public func entries(from start: UInt64, count: Int) async throws -> [[UInt8]] {
        let (locations, segments, unreadable) = state.withLock { state -> ([(segment: Int, offset: UInt64, length: Int)], [Segment], UInt64?) in
            let total = UInt64(state.locations.count)
            guard start < total, count > 0 else { return ([], state.segments, state.unreadableIndex) }
            let end = min(total, start + UInt64(count))
            return (Array(state.locations[Int(start)..<Int(end)]), state.segments, state.unreadableIndex)
        }
        var result: [[UInt8]] = []
        result.reserveCapacity(locations.count)
        // Read contiguous runs of one segment at once.
        var index = 0
        while index < locations.count {
            let absolute = start + UInt64(index)
            if let unreadable, absolute >= unreadable { throw AuditStoreReadError(index: unreadable) }
            var runEnd = index
            while runEnd + 1 < locations.count, locations[runEnd + 1].segment == locations[index].segment,
                  unreadable.map({ start + UInt64(runEnd + 1) < $0 }) ?? true, runEnd - index < 4096 {
                runEnd += 1
            }
            let first = locations[index]
            let last = locations[runEnd]
            let bytes = try segments[first.segment].file.read(at: first.offset, count: Int(last.offset - first.offset) + 4 + last.length + 8)
            for location in locations[index...runEnd] {
                let offset = Int(location.offset - first.offset) + 4
                result.append(Array(bytes[offset..<(offset + location.length)]))
            }
            index = runEnd + 1
        }
        return result
    }

    /// Stored node hashes (contiguous runs of one level are read at once; recent ones come from memory).
    public func nodes(_ addresses: [NodeAddress]) async throws -> [TreeHash] {
        let (files, counts, pending) = state.withLock { ($0.nodeFiles, $0.nodeCounts, $0.pendingNodes) }
        var result = [TreeHash](repeating: .zero, count: addresses.count)
        var position = 0
        while position < addresses.count {
            let first = addresses[position]
            guard first.level < files.count else { throw TreeError(.missingNode) }
            let written = counts[first.level]
            if first.index >= written {
                let offset = first.index - written
                let level = first.level < pending.count ? pending[first.level] : []
                guard offset < UInt64(level.count) else { throw TreeError(.missingNode) }
                result[position] = level[Int(offset)]
                position += 1
                continue
            }
            var end = position + 1
            while end < addresses.count, addresses[end].level == first.level, addresses[end].index == first.index + UInt64(end - position),
                  addresses[end].index < written, end - position < 65536 {
                end += 1
            }
            let count = end - position
            let bytes = try files[first.level].read(at: first.index * 32, count: count * 32)
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
            let noteBytes = Array(note.utf8)
            guard noteBytes.count <= SignedNote.maximumLength * 2 else { throw AuditError(.malformedNote, "checkpoint note too long") }
            var record = Self.bigEndian32(UInt32(noteBytes.count)) + Self.bigEndian64(size) + noteBytes
            record += SHA256.hash(record).prefix(8)
            try self.flushPendingNodes()
            let (files, offset) = self.state.withLock { ($0.nodeFiles, $0.checkpointLength) }
            for file in files { try file.sync() }
            try self.checkpointFile.write(record, at: offset)
            try self.checkpointFile.sync()
            self.state.withLock { state in
                state.checkpoints.append(StoredCheckpoint(size: size, note: note))
                state.checkpointLength += UInt64(record.count)
            }
        }
    }

    /// Stored checkpoints.
    public func checkpoints() async throws -> [StoredCheckpoint] { state.withLock { $0.checkpoints } }

    /// Makes the node files durable and releases the directory lock; later appends fail.
    public func close() {
        writer.withLock {
            try? flushPendingNodes()
            for file in state.withLock({ $0.nodeFiles }) { try? file.sync() }
            state.withLock { $0.closed = true }
            lockFile.unlock()
        }
    }

    /// Makes node files durable (they are rebuilt on open anyway).
    public func sync() async throws {
        try perform {
            try self.flushPendingNodes()
            for file in self.state.withLock({ $0.nodeFiles }) { try file.sync() }
        }
    }

    /// The most nodes kept in memory before they are written.
    static let pendingNodeLimit = 8192

    /// Writes the nodes kept in memory to their files (holds `writer`).
    private func flushPendingNodes() throws {
        try state.withLock { state in try Self.flushPending(&state, directory: directory) }
    }

    private static func flushPending(_ state: inout State, directory: URL) throws {
        for level in state.pendingNodes.indices where !state.pendingNodes[level].isEmpty {
            let bytes = state.pendingNodes[level].flatMap(\.bytes)
            try state.nodeFiles[level].write(bytes, at: state.nodeCounts[level] * 32)
            state.nodeCounts[level] += UInt64(state.pendingNodes[level].count)
            state.pendingNodes[level].removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Appending

    /// Runs under `writer` (one append at a time). The shared state is read and updated in place under its lock,
    /// never copied whole, and the lock is not held across the write and `fsync`.
    private func appendNow(_ events: [AuditEvent], time: Int64) throws -> [AuditReceipt] {
        let (closed, unreadable, start, lastSegment, count) = state.withLock { state in
            (state.closed, state.unreadableIndex, state.appender, state.segments.last, UInt64(state.locations.count))
        }
        guard !closed else { throw AuditError(.storageFailure, "the store is closed") }
        guard unreadable == nil else { throw AuditError(.corrupted, "the log has an unreadable record; appends are refused") }
        var appender = start
        let batch = try hasher.withLock { box in try appender.append(events, time: time, hasher: box.hasher) }
        var records: [UInt8] = []
        var sizes: [Int] = []
        for entry in batch.entries {
            var record = Self.bigEndian32(UInt32(entry.bytes.count)) + entry.bytes
            record += SHA256.hash(record).prefix(8)
            records += record
            sizes.append(entry.bytes.count)
        }
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
        try target.file.write(records, at: target.length)
        try target.file.sync()
        try state.withLock { state in
            if let newSegment { state.segments.append(newSegment) }
            let segmentIndex = state.segments.count - 1
            var offset = state.segments[segmentIndex].length
            for size in sizes {
                state.locations.append((segmentIndex, offset, size))
                offset += UInt64(4 + size + 8)
            }
            state.segments[segmentIndex].length = offset
            // Nodes: derived data, kept in memory and written in bulk.
            for (address, hash) in batch.nodes {
                while state.nodeFiles.count <= address.level {
                    let path = directory.appendingPathComponent(String(format: "nodes-%02d.bin", state.nodeFiles.count)).path
                    state.nodeFiles.append(try PosixFile(path: path, create: true))
                    state.nodeCounts.append(0)
                }
                while state.pendingNodes.count <= address.level { state.pendingNodes.append([]) }
                guard address.index == state.nodeCounts[address.level] + UInt64(state.pendingNodes[address.level].count) else {
                    throw AuditError(.corrupted, "tree nodes out of order")
                }
                state.pendingNodes[address.level].append(hash)
            }
            state.appender = appender
            if state.pendingNodes.reduce(0, { $0 + $1.count }) >= Self.pendingNodeLimit { try Self.flushPending(&state, directory: directory) }
        }
        return batch.entries.map { AuditReceipt(index: $0.index, leafHash: $0.leafHash) }
    }

    private static func writeNodes(_ nodes: [(address: NodeAddress, hash: TreeHash)], state: inout State, directory: URL) throws {
        var perLevel: [Int: [UInt8]] = [:]
        var firstIndex: [Int: UInt64] = [:]
        for (address, hash) in nodes {
            if firstIndex[address.level] == nil { firstIndex[address.level] = address.index }
            perLevel[address.level, default: []] += hash.bytes
        }
        for level in perLevel.keys.sorted() {
            while state.nodeFiles.count <= level {
                let path = directory.appendingPathComponent(String(format: "nodes-%02d.bin", state.nodeFiles.count)).path
                state.nodeFiles.append(try PosixFile(path: path, create: true))
                state.nodeCounts.append(0)
            }
            guard let bytes = perLevel[level], let first = firstIndex[level], first == state.nodeCounts[level] else {
                throw AuditError(.corrupted, "tree nodes out of order")
            }
            try state.nodeFiles[level].write(bytes, at: first * 32)
            state.nodeCounts[level] += UInt64(bytes.count / 32)
        }
    }

    private func perform<T: Sendable>(_ work: @Sendable () throws -> T) throws -> T {
        try writer.withLock { try work() }
    }

    // MARK: - Opening

    private static func loadSegments(directory: URL, into state: inout State) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw AuditError(.storageFailure, "the log directory could not be read")
        }
        let segmentNames = names.filter { $0.hasPrefix("entries-") && $0.hasSuffix(".seg") }.sorted()
        for (number, name) in segmentNames.enumerated() {
            guard let first = UInt64(name.dropFirst(8).dropLast(4)), first == UInt64(state.locations.count) || state.unreadableIndex != nil else {
                throw AuditError(.corrupted, "the log's segments do not follow each other")
            }
            let file = try PosixFile(path: directory.appendingPathComponent(name).path, create: false)
            let length = try file.size()
            let bytes = length > 0 ? try file.read(at: 0, count: Int(length)) : []
            var offset = 0
            let isLast = number == segmentNames.count - 1
            while offset < bytes.count {
                let recordStart = offset
                var good = false
                var payloadLength = 0
                if bytes.count - offset >= 4 {
                    payloadLength = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                    if payloadLength <= AuditEntry.maximumEncodedLength, bytes.count - offset >= 4 + payloadLength + 8 {
                        let body = bytes[offset..<(offset + 4 + payloadLength)]
                        good = Array(SHA256.hash(Array(body)).prefix(8)) == Array(bytes[(offset + 4 + payloadLength)..<(offset + 4 + payloadLength + 8)])
                    }
                }
                if good {
                    state.locations.append((number, UInt64(recordStart), payloadLength))
                    offset += 4 + payloadLength + 8
                    continue
                }
                let reachesEnd = bytes.count - offset < 4 + payloadLength + 8 || bytes.count - offset == 4 + payloadLength + 8
                if isLast && reachesEnd && state.unreadableIndex == nil {
                    // A torn tail: keep the bytes for inspection, then cut them.
                    let quarantine = directory.appendingPathComponent("\(name).torn-\(recordStart)").path
                    let saved = try PosixFile(path: quarantine, create: true)
                    try saved.write(Array(bytes[recordStart...]), at: 0)
                    try saved.sync()
                    try file.truncate(to: UInt64(recordStart))
                    try file.sync()
                    try PosixFile.syncDirectory(directory.path)
                    break
                }
                // Damage inside the log: do not repair; record where it starts and index nothing after it.
                if state.unreadableIndex == nil { state.unreadableIndex = UInt64(state.locations.count) }
                state.locations.append((number, UInt64(recordStart), 0))
                break
            }
            state.segments.append(Segment(firstIndex: first, file: file, length: UInt64(min(offset, bytes.count))))
            if state.unreadableIndex != nil { break }
        }
    }

    private static func loadCheckpoints(_ file: PosixFile, into state: inout State) throws {
        let length = try file.size()
        let bytes = length > 0 ? try file.read(at: 0, count: Int(length)) : []
        var offset = 0
        while bytes.count - offset >= 4 + 8 + 8 {
            let noteLength = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard noteLength <= SignedNote.maximumLength * 2, bytes.count - offset >= 4 + 8 + noteLength + 8 else { break }
            let body = Array(bytes[offset..<(offset + 4 + 8 + noteLength)])
            guard Array(SHA256.hash(body).prefix(8)) == Array(bytes[(offset + 12 + noteLength)..<(offset + 20 + noteLength)]) else { break }
            let size = body[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            state.checkpoints.append(StoredCheckpoint(size: size, note: String(decoding: body[12...], as: UTF8.self)))
            offset += 4 + 8 + noteLength + 8
        }
        if offset < bytes.count {
            // A torn checkpoint write (or damage): keep the rest for inspection, then cut it.
            try file.truncate(to: UInt64(offset))
            try file.sync()
        }
        state.checkpointLength = UInt64(offset)
    }

    /// Opens the node files, cuts nodes the entries do not support and rebuilds missing ones from the entries.
    private static func loadNodes(directory: URL, into state: inout State, hasher: MerkleHasher) throws {
        let readable = state.unreadableIndex ?? UInt64(state.locations.count)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let highestFile = names.compactMap { name -> Int? in
            guard name.hasPrefix("nodes-"), name.hasSuffix(".bin") else { return nil }
            return Int(name.dropFirst(6).dropLast(4))
        }.max() ?? 0
        let highestNeeded = readable > 0 ? 63 - readable.leadingZeroBitCount : 0
        for level in 0...min(63, max(highestFile, highestNeeded)) {
            let path = directory.appendingPathComponent(String(format: "nodes-%02d.bin", level)).path
            let file = try PosixFile(path: path, create: true)
            state.nodeFiles.append(file)
            state.nodeCounts.append(try file.size() / 32)
        }
        // The longest prefix of leaves that every level agrees with: s leaves need s >> k nodes at level k.
        var consistent = min(state.nodeCounts[0], readable)
        for level in 1..<state.nodeCounts.count {
            let count = state.nodeCounts[level]
            let (limit, overflow) = (count + 1).multipliedReportingOverflow(by: UInt64(1) << UInt64(level))
            if !overflow { consistent = min(consistent, limit - 1) }
        }
        for level in 0..<state.nodeFiles.count {
            let keep = consistent >> UInt64(level)
            try state.nodeFiles[level].truncate(to: keep * 32)
            state.nodeCounts[level] = keep
        }
        let decomposition = Appender.decompositionAddresses(size: consistent)
        var decompositionHashes: [TreeHash] = []
        for address in decomposition {
            guard let hash = TreeHash(bytes: try state.nodeFiles[address.level].read(at: address.index * 32, count: 32)) else { throw TreeError(.missingNode) }
            decompositionHashes.append(hash)
        }
        var lastLeaf = TreeHash.zero
        if consistent > 0, let hash = TreeHash(bytes: try state.nodeFiles[0].read(at: (consistent - 1) * 32, count: 32)) { lastLeaf = hash }
        var range = try CompactRange(size: consistent, nodes: decompositionHashes)
        if consistent < readable {
            // Replay the entries whose nodes were lost: the same nodes, recomputed from the stored entries.
            var rebuilt: [(address: NodeAddress, hash: TreeHash)] = []
            for index in consistent..<readable {
                let location = state.locations[Int(index)]
                let bytes = try state.segments[location.segment].file.read(at: location.offset + 4, count: location.length)
                let leaf = hasher.leafHash(bytes)
                rebuilt += range.append(leaf, hasher: hasher).map { ($0.0, $0.1) }
                lastLeaf = leaf
            }
            try writeNodes(rebuilt, state: &state, directory: directory)
            for file in state.nodeFiles { try file.sync() }
        }
        state.appender = try Appender(size: readable, lastLeafHash: lastLeaf, decompositionNodes: range.nodes.map(\.hash))
    }

    static func bigEndian32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) } }
    static func bigEndian64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) } }
}

/// A hasher owned by the store (used only under its lock).
struct MerkleHasherBox: @unchecked Sendable {
    // Safety: only used inside `Mutex.withLock`.
    let hasher = MerkleHasher()
}
