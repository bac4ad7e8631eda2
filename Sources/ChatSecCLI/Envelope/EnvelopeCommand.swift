import ArgumentParser
import CryptoPrimitives
import Envelope
import EnvelopeTransit
import Foundation

/// `chatsec envelope …`: AWS Encryption SDK messages from files or standard input, like the AWS Encryption CLI.
struct EnvelopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope",
        abstract: "Encrypt and decrypt AWS Encryption SDK messages (format 2) with raw AES, raw RSA or Transit keys.",
        subcommands: [EnvelopeEncrypt.self, EnvelopeDecrypt.self]
    )
}

/// Exit codes: 0 done, 1 the message was refused (tampered, wrong key, policy), 2 usage or I/O problem.
enum EnvelopeExit {
    static let refused = ExitCode(1)
    static let failure = ExitCode(2)
}

/// The keyring options shared by both commands. Given several, they form a multi-keyring: the Transit key (if
/// any) generates the data key, then the AES key, then the RSA key wrap it too; on decrypt each is tried.
struct KeyringOptions: ParsableArguments {
    @Option(name: .customLong("aes-key-file"), help: "Raw AES wrapping key: a file of exactly 16, 24 or 32 bytes.")
    var aesKeyFile: String?
    @Option(name: .customLong("rsa-public-key"), help: "Raw RSA wrapping key (encrypt): a PEM SubjectPublicKeyInfo file.")
    var rsaPublicKey: String?
    @Option(name: .customLong("rsa-private-key"), help: "Raw RSA wrapping key (decrypt, or encrypt): a PEM PKCS#8 file.")
    var rsaPrivateKey: String?
    @Option(name: .customLong("rsa-padding"), help: "pkcs1, oaep-sha1, oaep-sha256 (default), oaep-sha384 or oaep-sha512.")
    var rsaPadding = "oaep-sha256"
    @Option(name: .customLong("key-namespace"), help: "Provider id (key namespace) of the raw keys.")
    var keyNamespace = "chatsec"
    @Option(name: .customLong("key-name"), help: "Key name of the raw keys.")
    var keyName = "default"
    @Option(name: .customLong("transit-key"), help: "A tenant key in keyserviced or Vault: vault://<mount>/keys/<name>[?namespace=<ns>]. The token is read from $VAULT_TOKEN.")
    var transitKey: String?
    @Option(name: .customLong("transit-address"), help: "The key service URL (default: $VAULT_ADDR, else http://127.0.0.1:8200).")
    var transitAddress: String?
    @Flag(name: .customLong("transit-derived"), help: "The Transit key was created with derived=true.")
    var transitDerived = false

    func keyring() throws -> any Keyring {
        var keyrings: [any Keyring] = []
        if let transitKey {
            let reference = try TransitKeyReference(parsing: transitKey)
            let environment = ProcessInfo.processInfo.environment
            guard let token = environment["VAULT_TOKEN"], !token.isEmpty else { throw ValidationFailure("--transit-key needs the token in $VAULT_TOKEN") }
            let address = transitAddress ?? environment["VAULT_ADDR"] ?? "http://127.0.0.1:8200"
            guard let url = URL(string: address) else { throw ValidationFailure("--transit-address is not a URL") }
            let client = try TransitClient(baseURL: url, token: SecureBytes(copying: Array(token.utf8)))
            keyrings.append(TransitKeyring(client: client, key: reference, derived: transitDerived))
        }
        if let aesKeyFile {
            guard var bytes = FileManager.default.contents(atPath: aesKeyFile).map({ [UInt8]($0) }) else { throw ValidationFailure("cannot read --aes-key-file") }
            defer { bytes.withUnsafeMutableBytes { SecureMemory.zero($0) } }
            keyrings.append(try RawAESKeyring(keyNamespace: keyNamespace, keyName: keyName, wrappingKey: SecretKey(copying: bytes)))
        }
        if rsaPublicKey != nil || rsaPrivateKey != nil {
            guard let padding = RawRSAKeyring.Padding(rawValue: rsaPadding) else { throw ValidationFailure("unknown --rsa-padding") }
            let publicKey = try rsaPublicKey.map { try RSA.PublicKey(pemRepresentation: try Output.read($0)) }
            let privateKey = try rsaPrivateKey.map { path -> RSA.PrivateKey in
                guard var data = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else { throw ValidationFailure("cannot read --rsa-private-key") }
                defer { data.withUnsafeMutableBytes { SecureMemory.zero($0) } }
                return try RSA.PrivateKey(pemRepresentation: data)
            }
            keyrings.append(try RawRSAKeyring(keyNamespace: keyNamespace, keyName: keyName, padding: padding, publicKey: publicKey, privateKey: privateKey))
        }
        guard let first = keyrings.first else { throw ValidationFailure("give a key: --aes-key-file, --rsa-public-key/--rsa-private-key or --transit-key") }
        return keyrings.count == 1 ? first : try MultiKeyring(generator: first, children: Array(keyrings.dropFirst()))
    }
}

/// Input and output: files or `-` for standard input and output.
struct StreamOptions: ParsableArguments {
    @Option(name: [.customShort("i"), .customLong("input")], help: "Input file, or - for standard input.")
    var input = "-"
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output file, or - for standard output. A file appears only when the command succeeded (written to a temporary file, synced, renamed).")
    var output = "-"
    @Flag(name: .customLong("report-peak-memory"), help: .hidden)
    var reportPeakMemory = false

    /// The chunk size read from the input.
    static let chunk = 1 << 20

    func openInput() throws -> FileHandle {
        if input == "-" { return FileHandle.standardInput }
        guard let handle = FileHandle(forReadingAtPath: input) else { throw ValidationFailure("cannot read --input") }
        return handle
    }

    func peakMemory() {
        guard reportPeakMemory, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return }
        Output.error("peak-resident-kib: " + (line.split(separator: " ").dropFirst().first.map(String.init) ?? "?"))
    }
}

/// Where output goes: standard output, or a temporary file renamed into place on success.
final class OutputSink {
    private let path: String?
    private let temporary: String?
    private let handle: FileHandle

    init(path: String) throws {
        if path == "-" {
            self.path = nil
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".\(getpid()).partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationFailure("cannot create a file next to --output") }
        self.path = path
        self.temporary = temporary
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    var isStandardOutput: Bool { path == nil }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        do { try handle.write(contentsOf: bytes) } catch { throw ValidationFailure("cannot write the output") }
    }

    /// Syncs and renames the temporary file into place.
    func commit() throws {
        guard let path, let temporary else { return }
        guard fsync(handle.fileDescriptor) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ValidationFailure("cannot write --output")
        }
        let directory = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Removes the temporary file (nothing unverified is left behind).
    func discard() {
        if let temporary { unlink(temporary) }
    }
}

/// Parses `key=value` pairs.
func parseContext(_ pairs: [String]) throws -> [String: String] {
    var context: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "=") else { throw ValidationFailure("encryption context pairs are key=value") }
        let key = String(pair[..<equals])
        guard context[key] == nil else { throw ValidationFailure("an encryption context key is repeated") }
        context[key] = String(pair[pair.index(after: equals)...])
    }
    return context
}

/// Runs an envelope command: library refusals exit 1, usage and I/O problems exit 2, with fixed texts.
func runEnvelope(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationFailure {
        Output.error("error: \(error)")
        throw EnvelopeExit.failure
    } catch let error as EnvelopeError {
        Output.error("error: \(error)")
        throw [.malformedMessage, .truncatedMessage, .limitExceeded, .unsupportedAlgorithmSuite, .commitmentMismatch, .headerAuthenticationFailed,
               .bodyAuthenticationFailed, .signatureInvalid, .noDecryptableDataKey, .invalidEncryptionContext].contains(error.code)
            ? EnvelopeExit.refused : EnvelopeExit.failure
    } catch {
        Output.error("error: \(error)")
        throw EnvelopeExit.failure
    }
}

struct EnvelopeEncrypt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "encrypt", abstract: "Encrypt a file or standard input into one message.")
    @OptionGroup var keys: KeyringOptions
    @OptionGroup var streams: StreamOptions
    @Option(name: [.customShort("c"), .customLong("encryption-context")], help: "key=value (repeatable). Stored in the clear: no secrets or PII.")
    var context: [String] = []
    @Option(name: .customLong("suite"), help: "0x0578 (committing, signed; default) or 0x0478 (committing).")
    var suite = "0x0578"
    @Option(name: .customLong("frame-length"), help: "Frame length in bytes (default 65536; the AWS Encryption CLI writes 4096; both read either).")
    var frameLength: UInt32 = EncryptionOptions.defaultFrameLength

    func run() async throws {
        try await runEnvelope {
            let suiteValue = UInt16(suite.hasPrefix("0x") ? String(suite.dropFirst(2)) : suite, radix: 16)
            guard let suiteValue, let algorithm = AlgorithmSuite(rawValue: suiteValue), algorithm.isCommitting else {
                throw ValidationFailure("--suite must be 0x0578 or 0x0478")
            }
            let client = EnvelopeClient(keyring: try keys.keyring())
            let input = try streams.openInput()
            let sink = try OutputSink(path: streams.output)
            do {
                let encryptor = try await client.encryptor(encryptionContext: try parseContext(context),
                                                           options: EncryptionOptions(suite: algorithm, frameLength: frameLength))
                try sink.write(encryptor.headerBytes)
                while let data = try input.read(upToCount: StreamOptions.chunk), !data.isEmpty {
                    try sink.write(try encryptor.update(data))
                }
                try sink.write(try encryptor.finish())
                try sink.commit()
            } catch {
                sink.discard()
                throw error
            }
            streams.peakMemory()
        }
    }
}

struct EnvelopeDecrypt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt one message. A file output appears only after every tag and the signature verified.",
        discussion: """
        Signed messages (0x0578, the default suite) are authenticated only by their footer, at the very end. Written to a \
        file, the plaintext goes to a temporary file that is renamed into place only after the footer verified. Written \
        to standard output, a signed message is refused unless --buffer holds the plaintext in memory until then.
        """
    )
    @OptionGroup var keys: KeyringOptions
    @OptionGroup var streams: StreamOptions
    @Option(name: .customLong("require-context"), help: "key=value the message's encryption context must contain (repeatable).")
    var required: [String] = []
    @Flag(name: .customLong("allow-legacy"), help: "Also decrypt legacy non-committing messages (format 1).")
    var allowLegacy = false
    @Flag(name: .customLong("buffer"), help: "Hold all plaintext in memory until the message is fully verified (signed messages to standard output).")
    var buffer = false
    @Option(name: .customLong("max-encrypted-data-keys"), help: "Refuse messages with more wrapped data keys (default 64).")
    var maximumEncryptedDataKeys = 64
    @Flag(name: .customLong("show-context"), help: "Print the message's encryption context to standard error as JSON when done.")
    var showContext = false

    func run() async throws {
        try await runEnvelope {
            var options = DecryptionOptions()
            options.commitmentPolicy = allowLegacy ? .requireEncryptAllowDecrypt : .requireEncryptRequireDecrypt
            options.maximumEncryptedDataKeys = maximumEncryptedDataKeys
            options.requiredEncryptionContext = try EncryptionContext(try parseContext(required))
            let decryptor = EnvelopeClient(keyring: try keys.keyring()).decryptor(options: options)
            let input = try streams.openInput()
            let sink = try OutputSink(path: streams.output)
            var held: [UInt8] = []
            do {
                while let data = try input.read(upToCount: StreamOptions.chunk), !data.isEmpty {
                    let chunk = try await decryptor.update(data)
                    if sink.isStandardOutput && decryptor.isSigned && !buffer {
                        throw ValidationFailure("a signed message is verified only at its end: use --output FILE or --buffer")
                    }
                    if buffer { held += chunk.bytes } else { try sink.write(chunk.bytes) }
                }
                try decryptor.finish()
                try sink.write(held)
                try sink.commit()
            } catch {
                held.withUnsafeMutableBytes { SecureMemory.zero($0) }
                sink.discard()
                throw error
            }
            if showContext, let header = decryptor.header {
                let data = (try? JSONSerialization.data(withJSONObject: header.encryptionContext.dictionary, options: [.sortedKeys])) ?? Data()
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
            streams.peakMemory()
        }
    }
}
