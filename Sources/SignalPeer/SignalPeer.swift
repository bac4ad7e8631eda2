import CryptoPrimitives
import Foundation
import SignalProtocol

/// `signal-peer`: a line-oriented interop driver for the Signal protocol implementation.
///
/// It reads one JSON object per line on stdin and answers one per line on stdout (binary values in standard
/// base64). The protocol is documented in `docs/signal.md`. Any malformed line is answered with
/// `{"ok":false,"error":"bad_request"}` and the driver keeps running; it exits at end of input.
@main
struct SignalPeer {
    static func main() async {
        let peer = Peer()
        while let line = readLine(strippingNewline: true) {
            let reply = await peer.handle(line)
            FileHandle.standardOutput.write(reply)
            FileHandle.standardOutput.write(Data([0x0a]))
        }
    }
}

/// One request line. Every field is optional here; each operation checks the ones it needs. JSON types are
/// strict: a number where a string belongs, a fraction or boolean where an integer belongs, is a bad request.
struct Request: Decodable {
    struct Bundle: Codable {
        let registration_id: UInt32
        let device_id: UInt32
        let prekey_id: UInt32?
        let prekey: String?
        let signed_prekey_id: UInt32
        let signed_prekey: String
        let signed_prekey_signature: String
        let identity_key: String
    }

    let op: String
    let name: String?
    let registration_id: UInt32?
    let device_id: UInt32?
    let prekey_id: UInt32?
    let signed_prekey_id: UInt32?
    let peer: String?
    let bundle: Bundle?
    let plaintext: String?
    let type: UInt8?
    let body: String?
    let local_id: String?
    let remote_id: String?
}

/// The local party driven by the JSON requests.
final class Peer {
    private var cipher: SessionCipher?
    private var stores: SignalStores?
    private var identity: IdentityKeyPair?
    private var registrationID: UInt32 = 0
    private var deviceID: UInt32 = 1

    /// Lines longer than this are refused (16 MiB).
    static let maximumLineLength = 16 << 20

    func handle(_ line: String) async -> Data {
        guard line.utf8.count <= Self.maximumLineLength,
              let request = try? JSONDecoder().decode(Request.self, from: Data(line.utf8))
        else { return Self.failure("bad_request") }
        do {
            switch request.op {
            case "init": return try initialize(request)
            case "bundle": return try await bundle(request)
            case "process_bundle": return try await processBundle(request)
            case "encrypt": return try await encrypt(request)
            case "decrypt": return try await decrypt(request)
            case "fingerprint": return try await fingerprint(request)
            default: return Self.failure("bad_request")
            }
        } catch let error as SignalError {
            return Self.failure(Self.name(of: error.code))
        } catch {
            return Self.failure("bad_request")
        }
    }

    // MARK: - Operations

    private func initialize(_ request: Request) throws -> Data {
        guard request.name != nil, let registration = request.registration_id, let device = request.device_id else { throw BadRequest() }
        let identity = try IdentityKeyPair.generate()
        let stores = SignalStores.inMemory(identity: identity, registrationID: registration)
        self.identity = identity
        self.stores = stores
        registrationID = registration
        deviceID = device
        cipher = SessionCipher(stores: stores)
        return Self.success(["identity_key": Self.base64(identity.identityKey.serialized)])
    }

    private func bundle(_ request: Request) async throws -> Data {
        guard let identity, let stores, let signedID = request.signed_prekey_id else { throw BadRequest() }
        let signed = try SignedPreKeyRecord.generate(id: signedID, identity: identity, timestamp: UInt64(Date().timeIntervalSince1970 * 1000))
        try await stores.signedPreKeys.saveSignedPreKey(signed)
        var preKeyPublic: String?
        if let preKeyID = request.prekey_id {
            let preKey = try PreKeyRecord.generate(id: preKeyID)
            try await stores.preKeys.savePreKey(preKey)
            preKeyPublic = Self.base64(preKey.keyPair.publicKey.serialized)
        }
        let bundle = Request.Bundle(
            registration_id: registrationID, device_id: deviceID, prekey_id: request.prekey_id, prekey: preKeyPublic,
            signed_prekey_id: signedID, signed_prekey: Self.base64(signed.keyPair.publicKey.serialized),
            signed_prekey_signature: Self.base64(signed.signature), identity_key: Self.base64(identity.identityKey.serialized)
        )
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(bundle))
        return Self.success(["bundle": encoded])
    }

    private func processBundle(_ request: Request) async throws -> Data {
        guard let cipher, let address = Self.address(request), let fields = request.bundle,
              let signedKey = Self.bytes(fields.signed_prekey),
              let signature = Self.bytes(fields.signed_prekey_signature),
              let identityKey = Self.bytes(fields.identity_key)
        else { throw BadRequest() }
        var preKey: X25519.PublicKey?
        switch (fields.prekey_id, fields.prekey) {
        case (nil, nil): break
        case (.some, let key?):
            guard let bytes = Self.bytes(key) else { throw BadRequest() }
            preKey = try Self.publicKey(bytes)
        default: throw BadRequest()
        }
        let bundle = try PreKeyBundle(
            registrationID: fields.registration_id, deviceID: fields.device_id, preKeyID: fields.prekey_id, preKey: preKey,
            signedPreKeyID: fields.signed_prekey_id, signedPreKey: try Self.publicKey(signedKey),
            signedPreKeySignature: signature, identityKey: try IdentityKey(serialized: identityKey)
        )
        try await cipher.processBundle(bundle, for: address)
        return Self.success([:])
    }

    private func encrypt(_ request: Request) async throws -> Data {
        guard let cipher, let address = Self.address(request), let plaintext = request.plaintext.flatMap(Self.bytes) else { throw BadRequest() }
        let message = try await cipher.encrypt(plaintext, for: address)
        return Self.success(["type": Int(message.type.rawValue), "body": Self.base64(message.serialized)])
    }

    private func decrypt(_ request: Request) async throws -> Data {
        guard let cipher, let address = Self.address(request), let body = request.body.flatMap(Self.bytes),
              let type = request.type.flatMap(CiphertextMessage.MessageType.init(rawValue:))
        else { throw BadRequest() }
        let plaintext = try await cipher.decrypt(try CiphertextMessage(type: type, serialized: body), from: address)
        return Self.success(["plaintext": Self.base64(plaintext.unprotectedCopy())])
    }

    private func fingerprint(_ request: Request) async throws -> Data {
        guard let identity, let stores, let address = Self.address(request),
              let localID = request.local_id, let remoteID = request.remote_id
        else { throw BadRequest() }
        guard let remoteKey = try await stores.identities.identity(for: address) else {
            throw SignalError(.noSession, "no identity known for the peer")
        }
        let fingerprint = try NumericFingerprint(
            localIdentifier: Array(localID.utf8), localKey: identity.identityKey,
            remoteIdentifier: Array(remoteID.utf8), remoteKey: remoteKey
        )
        return Self.success(["displayable": fingerprint.displayable, "scannable": Self.base64(fingerprint.scannable.serialized)])
    }

    // MARK: - Encoding

    private struct BadRequest: Error {}

    static func name(of code: SignalError.Code) -> String {
        switch code {
        case .invalidMessage: "invalid_message"
        case .invalidMAC: "invalid_mac"
        case .duplicateMessage: "duplicate_message"
        case .noSession: "no_session"
        case .untrustedIdentity: "untrusted_identity"
        case .invalidKeyID: "invalid_key_id"
        case .tooFarInFuture: "too_far_in_future"
        case .invalidVersion: "invalid_version"
        case .invalidSignature: "invalid_signature"
        case .invalidKey: "invalid_key"
        default: "internal_error"
        }
    }

    static func address(_ request: Request) -> ProtocolAddress? {
        guard let name = request.peer, !name.isEmpty else { return nil }
        return ProtocolAddress(name: name, deviceID: request.device_id ?? 1)
    }

    static func bytes(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { [UInt8]($0) }
    }

    static func publicKey(_ bytes: [UInt8]) throws -> X25519.PublicKey {
        do { return try X25519.PublicKey(serialized: bytes) } catch { throw SignalError(.invalidKey, "invalid public key") }
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func success(_ fields: [String: Any]) -> Data {
        var object = fields
        object["ok"] = true
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? failure("internal_error")
    }

    static func failure(_ error: String) -> Data {
        Data(#"{"ok":false,"error":"\#(error)"}"#.utf8)
    }
}
