import Foundation

/// C2SP tlog-cosignature v1: a witness signs `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text
/// with Ed25519, and appends the line `— <name> <base64(key ID ‖ timestamp (8, big-endian) ‖ signature)>` with a
/// key ID over signature type 0x04.
public enum Cosignature {
    /// The message a witness signs.
    public static func signedMessage(timestamp: UInt64, checkpointText: String) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(checkpointText)".utf8)
    }

    /// Adds the witness's cosignature to a signed checkpoint.
    public static func cosign(_ checkpoint: SignedCheckpoint, with witness: NoteSigner, timestamp: UInt64) throws(AuditError) -> SignedCheckpoint {
        guard witness.type == .cosignatureV1 else { throw AuditError(.invalidKey, "not a cosigning key") }
        let signature = try witness.sign(signedMessage(timestamp: timestamp, checkpointText: checkpoint.checkpoint.text))
        let timestampBytes = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> UInt64(56 - 8 * $0)) }
        var note = checkpoint.note
        note.add(SignedNote.Signature(name: witness.name, keyID: witness.verifier.keyID, bytes: timestampBytes + signature))
        return SignedCheckpoint(checkpoint: checkpoint.checkpoint, note: note, cosigners: checkpoint.cosigners + [witness.verifier])
    }
}
