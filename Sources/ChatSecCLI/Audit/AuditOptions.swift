import ArgumentParser
import AuditLog
import AuditLogPostgres
import CryptoPrimitives
import Foundation

/// Where the log is: a file store directory, a PostgreSQL database, or an exported archive (read-only).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The file store's directory.") var directory: String?
    @Option(name: .customLong("postgres"), help: "A PostgreSQL connection URL (the writer or a read-only role).") var postgres: String?
    @Option(name: .customLong("prefix"), help: "The PostgreSQL table prefix.") var prefix = "audit"
    @Option(name: .customLong("archive"), help: "An archive written by `chatsec audit export` (read-only).") var archive: String?

    func validate() throws {
        let given = [directory, postgres, archive].compactMap { $0 }
        guard given.count == 1 else { throw ValidationError("give exactly one of --store, --postgres, --archive") }
    }

    /// Opens the store; the closure releases it. A read-only file store is never created, locked or repaired, so
    /// auditors can run against a live log.
    func open(readOnly: Bool) throws -> (any AuditStore, start: AuditVerifier.Start, checkNodes: Bool, close: () -> Void) {
        if let directory {
            let store = try FileAuditStore(directory: URL(fileURLWithPath: directory), mode: readOnly ? .readOnly : .readWrite)
            return (store, .origin, true, { store.close() })
        }
        if let postgres {
            let store = try PostgresAuditStore(url: postgres, prefix: prefix)
            return (store, .origin, true, { store.close() })
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: archive ?? "")))
        let parsed = try AuditArchive(parsing: bytes)
        return (ArchiveStore(parsed), try parsed.verificationStart(), false, {})
    }
}

/// The keys a verifier trusts.
struct KeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: "The log's verifier key (name+id+base64), or @FILE to read it.") var key: String
    @Option(name: .customLong("witness"), help: "A trusted witness's verifier key (repeatable; @FILE reads it).") var witnesses: [String] = []
    @Option(name: .customLong("witnesses-required"), help: "Trusted witnesses that must have cosigned a checkpoint for it to count as witnessed (verify: at least one checkpoint; verify-proof: the bundle's).") var witnessesRequired = 0

    static func resolve(_ value: String) throws -> String {
        value.hasPrefix("@") ? try Output.read(String(value.dropFirst())).trimmingCharacters(in: .whitespacesAndNewlines) : value
    }

    func logVerifier() throws -> NoteVerifier { try NoteVerifier(parsing: try Self.resolve(key)) }
    func witnessVerifiers() throws -> [NoteVerifier] {
        try witnesses.map { value in
            let verifier = try NoteVerifier(parsing: try Self.resolve(value))
            guard verifier.type == .cosignatureV1 else { throw ValidationFailure("--witness takes a witness's cosigning key (type 0x04)") }
            return verifier
        }
    }
}

/// A signing key from a file (`PRIVATE+KEY+…`), kept in secure storage.
func loadSigner(_ path: String) throws -> NoteSigner {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationFailure("cannot read the key file") }
    var bytes = [UInt8](data)
    while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
    let secret = SecureBytes(copying: bytes)
    bytes.withUnsafeMutableBytes { buffer in for index in buffer.indices { buffer[index] = 0 } }
    return try NoteSigner(parsing: secret)
}
