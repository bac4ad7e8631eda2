/// A C2SP tlog-checkpoint body: origin, tree size and root hash, then optional extension lines.
///
///     <origin>\n<tree size in decimal>\n<base64 root hash>\n[<extension line>\n…]
public struct Checkpoint: Sendable, Hashable {
    /// The log's origin (unique name; by convention the log key's name).
    public let origin: String
    /// The number of entries.
    public let size: UInt64
    /// The root hash of the tree of `size` entries.
    public let root: TreeHash
    /// Extension lines (non-empty).
    public let extensions: [String]

    /// A checkpoint.
    public init(origin: String, size: UInt64, root: TreeHash, extensions: [String] = []) throws(AuditError) {
        guard !origin.isEmpty, !origin.contains("\n"), extensions.allSatisfy({ !$0.isEmpty && !$0.contains("\n") }) else {
            throw AuditError(.malformedNote, "invalid checkpoint field")
        }
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body (the text of a signed note).
    public init(text: String) throws(AuditError) {
        guard text.hasSuffix("\n") else { throw AuditError(.malformedNote, "malformed checkpoint") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, let size = UInt64(lines[1]), String(size) == lines[1],
              let root = TreeHash(base64: lines[2]), root.base64 == lines[2]
        else { throw AuditError(.malformedNote, "malformed checkpoint") }
        try self.init(origin: lines[0], size: size, root: root, extensions: Array(lines.dropFirst(3)))
    }
}

/// A checkpoint with its signatures (log signature and witness cosignatures).
public struct SignedCheckpoint: Sendable, Hashable {
    /// The checkpoint.
    public let checkpoint: Checkpoint
    /// The signed note carrying it.
    public let note: SignedNote
    /// The trusted witnesses whose cosignatures verified (empty unless witness verifiers were given).
    public let cosigners: [NoteVerifier]

    /// Parses and checks a signed checkpoint against the log's verifier (and optional witness verifiers, whose
    /// cosignatures are checked when present, must be valid when present, and must number at least
    /// `requiredWitnesses`).
    public init(parsing text: String, logVerifier: NoteVerifier, witnesses: [NoteVerifier] = [], requiredWitnesses: Int = 0) throws(AuditError) {
        let note = try SignedNote(parsing: text)
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.origin == logVerifier.name else { throw AuditError(.signatureInvalid, "the checkpoint's origin is not the log's") }
        let verified = try note.verify([logVerifier] + witnesses)
        guard verified.contains(logVerifier) else { throw AuditError(.signatureInvalid, "the log did not sign the checkpoint") }
        let cosigners = verified.filter { $0 != logVerifier }
        guard cosigners.count >= requiredWitnesses else {
            throw AuditError(.signatureInvalid, "too few witness cosignatures")
        }
        self.checkpoint = checkpoint
        self.note = note
        self.cosigners = cosigners
    }

    /// Signs `checkpoint` with the log's key.
    public init(signing checkpoint: Checkpoint, with signer: NoteSigner) throws(AuditError) {
        guard signer.name == checkpoint.origin else { throw AuditError(.invalidKey, "the log key's name must be the origin") }
        var note = try SignedNote(text: checkpoint.text)
        try note.sign(with: signer)
        self.checkpoint = checkpoint
        self.note = note
        cosigners = []
    }

    init(checkpoint: Checkpoint, note: SignedNote, cosigners: [NoteVerifier] = []) {
        self.checkpoint = checkpoint
        self.note = note
        self.cosigners = cosigners
    }

    /// The note text with signatures.
    public var serialized: String { note.serialized }
}
