import CryptoPrimitives
import Envelope
import EnvelopeTransit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `keyserviced dev` process on a free port, with its root token.
final class DevDaemon: @unchecked Sendable {
    let process = Process()
    let port: Int
    let token: String
    let directory: URL

    init() throws {
        directory = try EnvelopeSupport.temporaryDirectory()
        let portFile = directory.appendingPathComponent("port")
        process.executableURL = URL(fileURLWithPath: try EnvelopeSupport.binary("keyserviced"))
        process.arguments = ["dev", "--port", "0", "--port-file", portFile.path, "--log-level", "warning"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = Data()
        var port: Int? = nil
        let deadline = Date().addingTimeInterval(60)
        while port == nil || !String(decoding: banner, as: UTF8.self).contains("Root token:") {
            guard Date() < deadline, process.isRunning else { throw EnvelopeSupport.Missing(what: "a running keyserviced dev server") }
            if port == nil, let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = value
            }
            if port != nil { banner += output.fileHandleForReading.availableData }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = String(decoding: banner, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Root token:") }),
              let token = line.split(separator: " ").last, let port else { throw EnvelopeSupport.Missing(what: "the dev root token") }
        self.port = port
        self.token = String(token)
        Thread.detachNewThread { _ = output.fileHandleForReading.readDataToEndOfFile() }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// A raw API call (for setup: creating, rotating and configuring keys).
    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil, namespace: String? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: url.appendingPathComponent("v1/" + path))
        request.httpMethod = method
        request.setValue(token, forHTTPHeaderField: "X-Vault-Token")
        if let namespace { request.setValue(namespace, forHTTPHeaderField: "X-Vault-Namespace") }
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw TransitError(.rejected, "setup call failed", status: status) }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The Transit keyring against a running keyserviced: BYOK encryption with a tenant key, rotation, rewrap of the
/// stored data keys to the latest version without decrypting any message body, derived keys, namespaces and
/// failures.
@Suite(.serialized) struct TransitKeyringTests {
    @Test func keyReferencesParseStrictly() throws {
        let reference = try TransitKeyReference(parsing: "vault://transit/keys/tenant-42")
        #expect(reference.mount == "transit" && reference.keyName == "tenant-42" && reference.namespace == "")
        let nested = try TransitKeyReference(parsing: "vault://tenants/transit/keys/k.1?namespace=eu/acme")
        #expect(nested.mount == "tenants/transit" && nested.keyName == "k.1" && nested.namespace == "eu/acme")
        #expect(nested.description == "vault://tenants/transit/keys/k.1?namespace=eu/acme")
        for bad in ["transit/keys/k", "vault://transit/k", "vault://transit/keys/", "vault://../keys/k", "vault://transit/keys/a/b",
                    "vault://transit/keys/k?ns=x", "vault://transit/keys/k%2F", "vault://tr ansit/keys/k", "vault:///keys/k",
                    "vault://transit/keys/k?namespace=../x", "vault://transit/keys/" + String(repeating: "a", count: 200)] {
            #expect(throws: TransitError(.invalidReference), "\(bad)") { _ = try TransitKeyReference(parsing: bad) }
        }
    }

    @Test func byokRotationAndRewrap() async throws {
        let daemon = try DevDaemon()
        defer { daemon.stop() }
        try await daemon.call("POST", "transit/keys/tenant-42", [:])
        let client = try TransitClient(baseURL: daemon.url, token: SecureBytes(copying: Array(daemon.token.utf8)))
        let keyring = TransitKeyring(client: client, key: try TransitKeyReference(parsing: "vault://transit/keys/tenant-42"))
        let envelope = EnvelopeClient(keyring: keyring)
        let body = Array("hello from tenant 42".utf8)
        let unsigned = EncryptionOptions(suite: .aes256GCMHKDFSHA512CommitKey)
        let v1 = try await envelope.encrypt(body, encryptionContext: ["tenant": "42"], options: unsigned)
        let v1Signed = try await envelope.encrypt(body, encryptionContext: ["tenant": "42"])
        let header = try MessageHeader.parse(message: v1).header
        #expect(header.encryptedDataKeys.count == 1 && header.encryptedDataKeys[0].providerID == "vault-transit")
        #expect(String(decoding: header.encryptedDataKeys[0].ciphertext, as: UTF8.self).hasPrefix("vault:v1:"))
        #expect(header.encryptedDataKeys[0].providerInfo == Array("vault://transit/keys/tenant-42".utf8))

        // Rotate: old messages still decrypt; new ones use v2.
        try await daemon.call("POST", "transit/keys/tenant-42/rotate")
        #expect(try await envelope.decrypt(v1).plaintext == body)
        #expect(try await envelope.decrypt(v1Signed).plaintext == body)
        let v2 = try await envelope.encrypt(body, encryptionContext: ["tenant": "42"], options: unsigned)
        #expect(String(decoding: try MessageHeader.parse(message: v2).header.encryptedDataKeys[0].ciphertext, as: UTF8.self).hasPrefix("vault:v2:"))

        // Rewrap the stored message to v2: the body bytes are untouched, the data key copy moves to v2.
        let rewrapped = try await keyring.rewrapMessage(v1, client: envelope)
        let oldHeaderLength = try MessageHeader.parse(message: v1).byteCount + 16
        let newHeader = try MessageHeader.parse(message: rewrapped)
        #expect(Array(rewrapped[(newHeader.byteCount + 16)...]) == Array(v1[oldHeaderLength...]))
        #expect(String(decoding: newHeader.header.encryptedDataKeys[0].ciphertext, as: UTF8.self).hasPrefix("vault:v2:"))
        #expect(newHeader.header.messageID == header.messageID && newHeader.header.commitment == header.commitment)
        // Signed messages cannot be rewritten (the signature covers the header).
        await #expect(throws: EnvelopeError(.unsupportedAlgorithmSuite)) { _ = try await keyring.rewrapMessage(v1Signed, client: envelope) }
        // A bare data-key copy rewraps inside the service, the data key never returned.
        let copy = try await keyring.rewrap(header.encryptedDataKeys[0], encryptionContext: header.encryptionContext)
        #expect(String(decoding: copy.ciphertext, as: UTF8.self).hasPrefix("vault:v2:"))

        // Retire v1: the rewrapped message decrypts, the original no longer does.
        try await daemon.call("POST", "transit/keys/tenant-42/config", ["min_decryption_version": 2])
        #expect(try await envelope.decrypt(rewrapped).plaintext == body)
        await #expect(throws: EnvelopeError(.noDecryptableDataKey)) { _ = try await envelope.decrypt(v1) }

        // The wrapped copy is bound to the encryption context (Transit associated data): moving it to a
        // message with another context fails.
        let otherContext = try await envelope.encrypt(body, encryptionContext: ["tenant": "43"], options: unsigned)
        let stolen = try await envelope.rewriteEncryptedDataKeys(in: otherContext) { _, _ in try MessageHeader.parse(message: v2).header.encryptedDataKeys }
        #expect(stolen.headerBytes.count > 0)  // rewriting needs the original data key, which it has; the copy itself…
        await #expect(throws: EnvelopeError(.noDecryptableDataKey)) {
            _ = try await envelope.decrypt(stolen.headerBytes + otherContext[stolen.consumedByteCount...])
        }
    }

    @Test func derivedKeysNamespacesMultiKeyringsAndFailures() async throws {
        let daemon = try DevDaemon()
        defer { daemon.stop() }
        try await daemon.call("POST", "transit/keys/derived", ["derived": true])
        let token = SecureBytes(copying: Array(daemon.token.utf8))
        let client = try TransitClient(baseURL: daemon.url, token: token)
        let derived = TransitKeyring(client: client, key: try TransitKeyReference(parsing: "vault://transit/keys/derived"), derived: true)
        let message = try await EnvelopeClient(keyring: derived).encrypt([9, 9], encryptionContext: ["tenant": "7"])
        #expect(try await EnvelopeClient(keyring: derived).decrypt(message).plaintext == [9, 9])

        // A multi-keyring: the key service generates, a local AES key also wraps (break-glass copy); either decrypts.
        let local = try RawAESKeyring(keyNamespace: "break-glass", keyName: "offline", wrappingKey: EnvelopeSupport.aesKey)
        let both = try MultiKeyring(generator: derived, children: [local])
        let twice = try await EnvelopeClient(keyring: both).encrypt([1, 2, 3], encryptionContext: ["tenant": "7"])
        #expect(try MessageHeader.parse(message: twice).header.encryptedDataKeys.map(\.providerID) == ["vault-transit", "break-glass"])
        #expect(try await EnvelopeClient(keyring: local).decrypt(twice).plaintext == [1, 2, 3])
        #expect(try await EnvelopeClient(keyring: derived).decrypt(twice).plaintext == [1, 2, 3])

        // A namespace: the key lives only there.
        try await daemon.call("POST", "sys/namespaces/acme")
        try await daemon.call("POST", "sys/mounts/transit", ["type": "transit"], namespace: "acme")
        try await daemon.call("POST", "transit/keys/k", [:], namespace: "acme")
        let scoped = TransitKeyring(client: client, key: try TransitKeyReference(parsing: "vault://transit/keys/k?namespace=acme"))
        let inNamespace = try await EnvelopeClient(keyring: scoped).encrypt([5])
        #expect(try await EnvelopeClient(keyring: scoped).decrypt(inNamespace).plaintext == [5])
        let root = TransitKeyring(client: client, key: try TransitKeyReference(parsing: "vault://transit/keys/k"))
        await #expect(throws: EnvelopeError(.keyServiceFailure)) { _ = try await EnvelopeClient(keyring: root).encrypt([5]) }

        // A bad token, a missing key, and an unreachable service are typed errors without server text.
        let badToken = TransitKeyring(client: try TransitClient(baseURL: daemon.url, token: SecureBytes(copying: Array("hvs.nope".utf8))),
                                      key: try TransitKeyReference(parsing: "vault://transit/keys/derived"), derived: true)
        await #expect(throws: EnvelopeError(.keyServiceFailure)) { _ = try await EnvelopeClient(keyring: badToken).encrypt([1]) }
        await #expect(throws: EnvelopeError(.noDecryptableDataKey)) { _ = try await EnvelopeClient(keyring: badToken).decrypt(message) }
        do {
            _ = try await client.decrypt(try TransitKeyReference(keyName: "missing"), ciphertext: "vault:v1:AAAA", context: nil, associatedData: nil)
            Issue.record("decrypt with a missing key succeeded")
        } catch let error as TransitError {
            #expect(error.code == .rejected && error.status != nil && !"\(error)".contains("AAAA"))
        }
        let nowhere = try TransitClient(baseURL: URL(string: "http://127.0.0.1:9")!, token: token, timeout: 5)
        await #expect(throws: TransitError(.unreachable)) {
            _ = try await nowhere.encrypt(try TransitKeyReference(keyName: "k"), plaintext: SecureBytes(copying: [1]), context: nil, associatedData: nil)
        }
    }
}
