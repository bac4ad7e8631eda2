/// Full verification of a log, the auditor's check: every entry decodes and sits at its index, every entry names
/// its predecessor's leaf hash, every stored tree node is what the entries give, and every stored checkpoint is
/// signed by the log (and by required witnesses) and matches the tree at its size. The report names the first
/// index where the store stops being trustworthy.
public enum AuditVerifier {
    /// What went wrong, at which index.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The kind of problem.
        public enum Kind: String, Sendable, Hashable {
            /// The store could not read a record (checksum or framing), e.g. a file edited by hand.
            case unreadableRecord = "unreadable-record"
            /// The entry's bytes are not a valid canonical entry.
            case malformedEntry = "malformed-entry"
            /// The entry carries another index (an entry was removed, inserted or moved).
            case indexMismatch = "index-mismatch"
            /// The entry at the next index does not name this entry's leaf hash: this entry (or the next one's
            /// predecessor field) was altered.
            case chainBroken = "chain-broken"
            /// A stored tree node differs from the one the entries give.
            case nodeMismatch = "node-mismatch"
            /// A checkpoint is not validly signed by the log (or lacks witness cosignatures).
            case badCheckpointSignature = "bad-checkpoint-signature"
            /// A signed checkpoint's root differs from the tree the entries give: entries below its size changed.
            case checkpointMismatch = "checkpoint-mismatch"
            /// A signed checkpoint covers more entries than the store holds: entries were removed at the end.
            case truncated
            /// A record of the checkpoint log could not be read (damage inside it, not a crash). The index is 0.
            case unreadableCheckpointRecord = "unreadable-checkpoint-record"
            /// Records stored beyond the log's tree: an entry after a gap, a node no size completes.
            case strayRecords = "stray-records"
            /// Entries exist but no signed checkpoint matches any of them: nothing is proven.
            case unproven
            /// Witnesses were required and no verified checkpoint carries enough of their cosignatures. Nothing
            /// was shown to be altered, but nothing was shown to be witnessed either.
            case unwitnessed
        }

        /// The first index affected.
        public let index: UInt64
        /// The kind.
        public let kind: Kind

        /// `index N: kind`.
        public var description: String { "index \(index): \(kind.rawValue)" }
    }

    /// The outcome.
    public struct Report: Sendable, Hashable {
        /// Entries scanned.
        public var entries: UInt64 = 0
        /// Checkpoints whose signature and root were verified.
        public var checkpointsVerified = 0
        /// The root of the whole log as scanned.
        public var root: TreeHash = MerkleHasher.emptyRoot
        /// Every entry below this size matches a signed checkpoint (the largest one that matched); nothing at or above
        /// it is proven. For an archive, counted from its start.
        public var provenSize: UInt64 = 0
        /// Every problem found, most telling first (``problem`` is the first).
        public var problems: [Problem] = []
        /// Crash-recovery notices from the store (not problems).
        public var notices: [String] = []
        /// With required witnesses: the largest verified checkpoint that carries enough witness cosignatures
        /// (`nil` when none does, or when no witnesses were required).
        public var witnessedSize: UInt64?
        /// The first problem (lowest index), or `nil` when the log verified.
        public var problem: Problem?

        /// Whether everything verified.
        public var isValid: Bool { problem == nil }
    }

    /// Where a scan starts: the beginning of the log, or (for an exported range) an index with the previous
    /// entry's leaf hash and the tree's right edge there. Checkpoints then prove those too.
    public struct Start: Sendable {
        /// The first index scanned.
        public let index: UInt64
        /// The leaf hash of entry `index - 1` (zeros at 0).
        public let previousLeafHash: TreeHash
        /// The compact range of the first `index` entries.
        public let range: CompactRange

        /// The beginning of the log.
        public static let origin = Start(index: 0, previousLeafHash: .zero, range: CompactRange())

        /// A start after `range.size` entries.
        public init(index: UInt64, previousLeafHash: TreeHash, range: CompactRange) {
            self.index = index
            self.previousLeafHash = previousLeafHash
            self.range = range
        }
    }

    /// Verifies `store` against the log's key (and witnesses). `progress` is called with (entries done, total).
    /// With `checkNodes`, stored tree nodes are compared with the recomputed ones (archives hold none).
    ///
    /// Every stored checkpoint must be signed by the log, and any cosignature by a listed witness must be valid.
    /// `trustedCheckpoints` are signed checkpoints the auditor kept from earlier (or a witness's state): they are
    /// checked like stored ones, so deleting checkpoints from the store cannot hide a rewrite below them.
    ///
    /// The scan stops at the first problem in the entries; ``Report/provenSize`` is then the trust boundary: every
    /// entry below it matches a signed checkpoint, nothing at or above it can be trusted. A log whose entries no
    /// checkpoint covers fails with ``Problem/Kind/unproven``.
    ///
    /// With `requiredWitnesses` > 0, a checkpoint counts as witnessed when at least that many listed witnesses
    /// cosigned it; the largest witnessed checkpoint whose root matched is ``Report/witnessedSize``, and a log
    /// with none fails with ``Problem/Kind/unwitnessed``. (A witness cosigns after the log has signed, so a log
    /// normally holds unwitnessed checkpoints too; they are not a problem.)
    public static func verify(store: some AuditStore, logVerifier: NoteVerifier, witnesses: [NoteVerifier] = [], requiredWitnesses: Int = 0,
                              trustedCheckpoints: [String] = [], start: Start = .origin, checkNodes: Bool = true,
                              chunk: Int = 8192, progress: (UInt64, UInt64) -> Void = { _, _ in }) async throws -> Report {
        var report = Report()
        var problems: [Problem] = []
        let total = try await store.size()
        report.provenSize = start.index

        // Checkpoints: signatures first; roots are compared during the scan.
        var expectedRoots: [UInt64: [TreeHash]] = [:]
        var witnessedSizes: Set<UInt64> = []
        func expect(_ signed: SignedCheckpoint) {
            if signed.checkpoint.size > total {
                problems.append(Problem(index: total, kind: .truncated))
            } else if signed.checkpoint.size < start.index || (signed.checkpoint.size == start.index && start.index > 0) {
                return  // before an exported range: not provable from it
            } else {
                expectedRoots[signed.checkpoint.size, default: []].append(signed.checkpoint.root)
                if requiredWitnesses > 0, signed.cosigners.count >= requiredWitnesses { witnessedSizes.insert(signed.checkpoint.size) }
            }
        }
        for note in trustedCheckpoints {
            // The auditor's own evidence: if it does not verify, the auditor's input is wrong (an error, not a finding).
            expect(try SignedCheckpoint(parsing: note, logVerifier: logVerifier, witnesses: witnesses))
        }
        for stored in try await store.checkpoints() {
            do {
                let signed = try SignedCheckpoint(parsing: stored.note, logVerifier: logVerifier, witnesses: witnesses)
                guard signed.checkpoint.size == stored.size else { throw AuditError(.corrupted) }
                expect(signed)
            } catch {
                problems.append(Problem(index: stored.size, kind: .badCheckpointSignature))
            }
        }
        var matchedSizes: Set<UInt64> = []
        if let empty = expectedRoots.removeValue(forKey: 0) {
            if empty.allSatisfy({ $0 == MerkleHasher.emptyRoot }) {
                report.checkpointsVerified += empty.count
                matchedSizes.insert(0)
            } else {
                problems.append(Problem(index: 0, kind: .checkpointMismatch))
            }
        }

        let hasher = MerkleHasher()
        var range = start.range
        var previousLeaf = start.previousLeafHash
        var position: UInt64 = start.index
        scan: while position < total {
            let records: [[UInt8]]
            do {
                records = try await store.entries(from: position, count: chunk)
            } catch let error as AuditStoreReadError {
                problems.append(Problem(index: error.index, kind: .unreadableRecord))
                break scan
            }
            guard !records.isEmpty else { problems.append(Problem(index: position, kind: .truncated)); break }
            var completed: [(NodeAddress, TreeHash)] = []
            var stop = false
            for bytes in records {
                let index = position
                let entry: AuditEntry
                do { entry = try AuditEntry(decoding: bytes) } catch {
                    problems.append(Problem(index: index, kind: .malformedEntry))
                    stop = true
                    break
                }
                guard entry.index == index else { problems.append(Problem(index: index, kind: .indexMismatch)); stop = true; break }
                guard entry.previousLeafHash == previousLeaf else {
                    problems.append(Problem(index: index > 0 ? index - 1 : 0, kind: .chainBroken))
                    stop = true
                    break
                }
                let leaf = hasher.leafHash(bytes)
                completed += range.append(leaf, hasher: hasher)
                previousLeaf = leaf
                position += 1
                if let roots = expectedRoots[position] {
                    let root = range.root(hasher: hasher)
                    if roots.allSatisfy({ $0 == root }) {
                        report.checkpointsVerified += roots.count
                        report.provenSize = position
                        matchedSizes.insert(position)
                    } else {
                        problems.append(Problem(index: report.provenSize, kind: .checkpointMismatch))
                    }
                }
            }
            // Stored nodes must be what the entries give (a node the store cannot produce is a mismatch too). After a
            // problem in the entries, only nodes wholly below it are compared: the others were computed over the
            // altered entries and would point at the wrong place.
            if stop, let located = problems.last?.index {
                completed = completed.filter { address, _ in
                    let (span, overflow) = UInt64(1).multipliedReportingOverflow(by: UInt64(1) << UInt64(min(address.level, 63)))
                    return !overflow && address.firstLeaf + span <= located
                }
            }
            if checkNodes, !completed.isEmpty {
                do {
                    let stored = try await store.nodes(completed.map(\.0))
                    if stored.count != completed.count {
                        problems.append(Problem(index: completed[0].0.firstLeaf, kind: .nodeMismatch))
                    } else if let bad = zip(completed, stored).first(where: { $0.0.1 != $0.1 }) {
                        problems.append(Problem(index: bad.0.0.firstLeaf, kind: .nodeMismatch))
                    }
                } catch let error as TreeError where error.code == .missingNode {
                    // A node the store does not have: find the first one (by halving) and name its first leaf.
                    var candidates = completed.map(\.0)[...]
                    while candidates.count > 1 {
                        let half = candidates.prefix(candidates.count / 2)
                        if (try? await store.nodes(Array(half))) == nil { candidates = half } else { candidates = candidates.dropFirst(half.count) }
                    }
                    problems.append(Problem(index: candidates.first?.firstLeaf ?? completed[0].0.firstLeaf, kind: .nodeMismatch))
                }
            }
            progress(position, total)
            if stop { break }
        }
        report.entries = position
        report.root = range.root(hasher: hasher)

        let integrity = try await store.integrity()
        if integrity.unreadableCheckpointRecords > 0 { problems.append(Problem(index: 0, kind: .unreadableCheckpointRecord)) }
        if let stray = integrity.strayRecordIndex { problems.append(Problem(index: stray, kind: .strayRecords)) }
        report.notices = integrity.notices

        if requiredWitnesses > 0 {
            report.witnessedSize = witnessedSizes.intersection(matchedSizes).max()
            if report.witnessedSize == nil { problems.append(Problem(index: start.index, kind: .unwitnessed)) }
        }
        if position > start.index, report.provenSize == start.index, !matchedSizes.contains(where: { $0 > start.index }) {
            problems.append(Problem(index: start.index, kind: .unproven))
        }
        report.problems = Array(Set(problems)).sorted { $0.rank < $1.rank }
        report.problem = report.problems.first
        return report
    }
}

extension AuditVerifier.Problem {
    /// Problems located in the entries come first, then a checkpoint mismatch (it only bounds where entries
    /// changed), then problems with checkpoint records and stray rows (whose index the writer may have chosen), and
    /// last what was not shown at all (no checkpoint, no witness).
    var rank: (Int, UInt64, String) {
        let weight = switch kind {
        case .checkpointMismatch: 1
        case .badCheckpointSignature, .unreadableCheckpointRecord, .strayRecords: 2
        case .unwitnessed, .unproven: 3
        default: 0
        }
        return (weight, index, kind.rawValue)
    }
}

/// A store could not read the record at `index` (it failed its checksum or framing).
public struct AuditStoreReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record's index.
    public let index: UInt64

    /// An error.
    public init(index: UInt64) { self.index = index }

    /// `unreadable record at index N`.
    public var description: String { "unreadable record at index \(index)" }
}
