/// A witness (C2SP tlog-witness, simplified to one log): it cosigns a checkpoint only after checking that it is
/// signed by the log and consistent with the last checkpoint it cosigned, and remembers the new one. Separation
/// of duties: the compliance team can hold the witness key while operations runs the log.
public struct Witness: Sendable {
    /// The witness's cosigning key (type 0x04).
    public let signer: NoteSigner
    /// The log's verifier.
    public let logVerifier: NoteVerifier

    /// A witness.
    public init(signer: NoteSigner, logVerifier: NoteVerifier) throws(AuditError) {
        guard signer.type == .cosignatureV1 else { throw AuditError(.invalidKey, "a witness needs a cosigning key") }
        self.signer = signer
        self.logVerifier = logVerifier
    }

    /// Cosigns `checkpoint` (a signed note) if it is consistent with `last` (the checkpoint cosigned before, or
    /// `nil` the first time) according to `proof`. Returns the cosigned note; the caller stores it as the new
    /// `last`.
    public func cosign(_ checkpointNote: String, last: Checkpoint?, proof: [TreeHash], timestamp: UInt64) throws -> SignedCheckpoint {
        let signed = try SignedCheckpoint(parsing: checkpointNote, logVerifier: logVerifier)
        if let last {
            guard last.origin == signed.checkpoint.origin else { throw AuditError(.inconsistent, "another log's checkpoint") }
            guard last.size <= signed.checkpoint.size else { throw AuditError(.inconsistent, "the checkpoint is older than the last one cosigned") }
            do {
                if last.size == 0 {
                    guard proof.isEmpty else { throw TreeError(.malformedProof) }
                } else {
                    try MerkleProofs.verifyConsistency(oldSize: last.size, newSize: signed.checkpoint.size, oldRoot: last.root,
                                                       newRoot: signed.checkpoint.root, proof: proof, hasher: MerkleHasher())
                }
            } catch {
                throw AuditError(.inconsistent, "the checkpoint is not consistent with the last one cosigned")
            }
        }
        return try Cosignature.cosign(signed, with: signer, timestamp: timestamp)
    }
}
