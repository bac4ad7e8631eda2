import CryptoPrimitives
@testable import SignalProtocol
import Testing
import TestVectorKit

/// `signal/v3-conversation.json`: libsignal-protocol-javascript's 15 conversation tests (two-party and end-session),
/// replayed from the perspective party's side with the source's key queue, comparing every sent message byte for
/// byte and every received plaintext.
struct ConversationFile: Decodable, Sendable {
    struct Test: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let perspective: String
        let conversation: String
        let steps: [Step]
        var testDescription: String { name }
    }

    struct Step: Decodable, Sendable {
        let index: Int
        let action: String
        let message_id: String
        let setup: Setup?
        let plaintext: Plaintext?
        let expected_message_hex: HexBytes?
        let expected_type: Int?
        let close_session_after_send: Bool?
        let message_hex: HexBytes?
        let type: Int?
        let expect: Plaintext?
    }

    struct Setup: Decodable, Sendable {
        let registration_id: UInt32?
        let identity_private: HexBytes?
        let signed_prekey: KeyEntry?
        let one_time_prekey: KeyEntry?
        let key_queue_push: [HexBytes]?
        let prekey_bundle: Bundle?
    }

    struct KeyEntry: Decodable, Sendable {
        let id: UInt32
        let `private`: HexBytes
    }

    struct Bundle: Decodable, Sendable {
        struct PreKey: Decodable, Sendable { let key_id: UInt32; let public_key: HexBytes }
        struct SignedPreKey: Decodable, Sendable { let key_id: UInt32; let public_key: HexBytes; let signature: HexBytes }
        let identity_key: HexBytes
        let device_id: UInt32
        let registration_id: UInt32
        let prekey: PreKey?
        let signed_prekey: SignedPreKey
    }

    struct Plaintext: Decodable, Sendable {
        let body: String?
        let end_session: Bool?
    }

    let tests: [Test]

    static func load() throws -> ConversationFile {
        try TestVectors.json(ConversationFile.self, "signal/v3-conversation.json")
    }
}

extension ConversationFile.Plaintext {
    /// The legacy `PushMessageContent` protobuf: `{1: body}` or `{4: flags = 1}`.
    var content: [UInt8] {
        if end_session == true { return [0x20, 0x01] }
        let body = Array((body ?? "").utf8)
        return [0x0a, UInt8(body.count)] + body
    }

    /// `content || 0x80 || 0x00…` to `160·⌈(len + 2)/160⌉ − 1` bytes, as the source pads.
    var padded: [UInt8] {
        let content = self.content
        let length = 160 * ((content.count + 2 + 159) / 160) - 1
        return content + [0x80] + [UInt8](repeating: 0, count: length - content.count - 1)
    }

    static func unpad(_ bytes: [UInt8]) -> [UInt8]? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        guard end > 0, bytes[end - 1] == 0x80 else { return nil }
        return Array(bytes[0..<(end - 1)])
    }
}

@Suite("Signal v3 conversation vectors (libsignal-protocol-javascript)")
struct ConversationVectorTests {
    static let remote = ProtocolAddress(name: "SNOWDEN", deviceID: 1)

    @Test("Replay byte for byte", arguments: try ConversationFile.load().tests)
    func replay(_ test: ConversationFile.Test) async throws {
        // One store for the perspective party; its identity and registration id come from the first setups.
        let identities = test.steps.compactMap { $0.setup?.identity_private }
        let registrations = test.steps.compactMap { $0.setup?.registration_id }
        let identityPrivate = try #require(identities.first)
        // Bob never sends a PreKey message in these tests, so his local registration id is not in the vectors.
        let registrationID = registrations.first ?? 1
        let identity = IdentityKeyPair(privateKey: try X25519.PrivateKey(rawRepresentation: identityPrivate.bytes))
        let stores = SignalStores.inMemory(identity: identity, registrationID: registrationID)
        let queue = KeyQueue()
        let cipher = SessionCipher(stores: stores, keyPairs: queue, clock: { 1_500_000_000 })
        var checked = 0

        for step in test.steps {
            if let setup = step.setup {
                if let signed = setup.signed_prekey {
                    let pair = CurveKeyPair(privateKey: try X25519.PrivateKey(rawRepresentation: signed.private.bytes))
                    try await stores.signedPreKeys.saveSignedPreKey(SignedPreKeyRecord(id: signed.id, timestamp: 0, keyPair: pair, signature: []))
                }
                if let oneTime = setup.one_time_prekey {
                    let pair = CurveKeyPair(privateKey: try X25519.PrivateKey(rawRepresentation: oneTime.private.bytes))
                    try await stores.preKeys.savePreKey(PreKeyRecord(id: oneTime.id, keyPair: pair))
                }
                for key in setup.key_queue_push ?? [] { try queue.push(key.bytes) }
                if let bundle = setup.prekey_bundle {
                    try await cipher.processBundle(try Self.bundle(bundle), for: Self.remote)
                }
            }
            let label = "\(test.name) step \(step.index) (\(step.message_id))"
            switch step.action {
            case "send":
                let plaintext = try #require(step.plaintext)
                let message = try await cipher.encrypt(plaintext.padded, for: Self.remote)
                #expect(message.serialized == step.expected_message_hex?.bytes, "\(label)")
                #expect(step.expected_type == (message.type == .preKey ? 3 : 1), "\(label) type")
                if step.close_session_after_send == true { try await cipher.archiveSession(for: Self.remote) }
            case "receive":
                let bytes = try #require(step.message_hex).bytes
                let message = try CiphertextMessage(type: step.type == 3 ? .preKey : .whisper, serialized: bytes)
                let plaintext = try await cipher.decrypt(message, from: Self.remote)
                let expected = try #require(step.expect)
                #expect(ConversationFile.Plaintext.unpad(plaintext.array) == expected.content, "\(label)")
            default:
                Issue.record("unknown action \(step.action)")
            }
            checked += 1
        }
        #expect(queue.remaining == 0, "\(test.name): every queued key is used")
        print("[vectors] signal/v3-conversation.json \(test.name): \(checked) steps checked")
    }

    static func bundle(_ b: ConversationFile.Bundle) throws -> PreKeyBundle {
        try PreKeyBundle(
            registrationID: b.registration_id, deviceID: b.device_id,
            preKeyID: b.prekey?.key_id, preKey: try b.prekey.map { try X25519.PublicKey(serialized: $0.public_key.bytes) },
            signedPreKeyID: b.signed_prekey.key_id,
            signedPreKey: try X25519.PublicKey(serialized: b.signed_prekey.public_key.bytes),
            signedPreKeySignature: b.signed_prekey.signature.bytes,
            identityKey: try IdentityKey(serialized: b.identity_key.bytes)
        )
    }
}
