import CryptoPrimitives

/// X3DH session setup as libsignal does it for message version 3.
///
/// Master secret `0xFF×32 || DH1 || DH2 || DH3 [|| DH4]`, where for the initiator (Alice)
/// `DH1 = DH(IK_A, SPK_B)`, `DH2 = DH(EK_A, IK_B)`, `DH3 = DH(EK_A, SPK_B)`, `DH4 = DH(EK_A, OPK_B)`; then
/// `HKDF-SHA256(salt = 32 zero bytes, info = "WhisperText", 64)` gives the root key and the first chain key.
/// Alice takes a DH ratchet step at once with a fresh ratchet key; Bob's first ratchet key is his signed prekey.
enum X3DH {
    struct AliceParameters {
        let ourIdentity: IdentityKeyPair
        let ourBaseKey: CurveKeyPair
        let theirIdentity: IdentityKey
        let theirSignedPreKey: X25519.PublicKey
        let theirOneTimePreKey: X25519.PublicKey?
        let theirRatchetKey: X25519.PublicKey
    }

    struct BobParameters {
        let ourIdentity: IdentityKeyPair
        let ourSignedPreKey: CurveKeyPair
        let ourOneTimePreKey: CurveKeyPair?
        let ourRatchetKey: CurveKeyPair
        let theirIdentity: IdentityKey
        let theirBaseKey: X25519.PublicKey
    }

    static let discontinuity = [UInt8](repeating: 0xff, count: 32)

    static func initializeAlice(
        _ p: AliceParameters,
        sendingRatchetKey: CurveKeyPair,
        localRegistrationID: UInt32,
        remoteRegistrationID: UInt32
    ) throws -> SessionState {
        var secrets = SecureBytes(copying: discontinuity)
        secrets.append(contentsOf: try agree(p.ourIdentity.privateKey, p.theirSignedPreKey))
        secrets.append(contentsOf: try agree(p.ourBaseKey.privateKey, p.theirIdentity.publicKey))
        secrets.append(contentsOf: try agree(p.ourBaseKey.privateKey, p.theirSignedPreKey))
        if let oneTime = p.theirOneTimePreKey {
            secrets.append(contentsOf: try agree(p.ourBaseKey.privateKey, oneTime))
        }
        let (rootKey, chainKey) = try deriveInitialKeys(secrets)
        let (sendingRoot, sendingChain) = try rootKey.createChain(theirRatchetKey: p.theirRatchetKey, ourRatchetKey: sendingRatchetKey.privateKey)
        return SessionState(
            sessionVersion: SignalMessage.currentVersion,
            localIdentityKey: p.ourIdentity.identityKey,
            remoteIdentityKey: p.theirIdentity,
            localRegistrationID: localRegistrationID,
            remoteRegistrationID: remoteRegistrationID,
            aliceBaseKey: p.ourBaseKey.publicKey.serialized,
            rootKey: sendingRoot,
            senderChain: .init(ratchetKeyPair: sendingRatchetKey, chainKey: sendingChain),
            receiverChains: [.init(ratchetKey: p.theirRatchetKey, chainKey: chainKey, skippedKeys: [])]
        )
    }

    static func initializeBob(
        _ p: BobParameters,
        localRegistrationID: UInt32,
        remoteRegistrationID: UInt32
    ) throws -> SessionState {
        var secrets = SecureBytes(copying: discontinuity)
        secrets.append(contentsOf: try agree(p.ourSignedPreKey.privateKey, p.theirIdentity.publicKey))
        secrets.append(contentsOf: try agree(p.ourIdentity.privateKey, p.theirBaseKey))
        secrets.append(contentsOf: try agree(p.ourSignedPreKey.privateKey, p.theirBaseKey))
        if let oneTime = p.ourOneTimePreKey {
            secrets.append(contentsOf: try agree(oneTime.privateKey, p.theirBaseKey))
        }
        let (rootKey, chainKey) = try deriveInitialKeys(secrets)
        return SessionState(
            sessionVersion: SignalMessage.currentVersion,
            localIdentityKey: p.ourIdentity.identityKey,
            remoteIdentityKey: p.theirIdentity,
            localRegistrationID: localRegistrationID,
            remoteRegistrationID: remoteRegistrationID,
            aliceBaseKey: p.theirBaseKey.serialized,
            rootKey: rootKey,
            senderChain: .init(ratchetKeyPair: p.ourRatchetKey, chainKey: chainKey)
        )
    }

    private static func agree(_ ours: X25519.PrivateKey, _ theirs: X25519.PublicKey) throws -> SecureBytes {
        do {
            return try ours.sharedSecret(with: theirs)
        } catch {
            throw SignalError(.invalidKey, "X3DH key agreement failed (low-order key)")
        }
    }

    private static func deriveInitialKeys(_ secrets: SecureBytes) throws -> (RootKey, ChainKey) {
        let derived = try SignalKDF.derive(inputKeyMaterial: secrets, salt: [UInt8](), info: SignalKDF.textInfo, outputByteCount: 64)
        return (RootKey(unchecked: derived.slice(0..<32)), ChainKey(unchecked: derived.slice(32..<64), index: 0))
    }
}
