public import CryptoPrimitives
import Foundation

extension KeyService {
    /// The result of ``initialize(shares:threshold:)``.
    public struct InitResult: Sendable {
        /// The unseal key shares (the unseal key itself when `shares` is 1).
        public let keys: [SecureBytes]
        /// The initial root token.
        public let rootToken: String
    }

    /// Whether the service has been initialized.
    public var isInitialized: Bool { sealState.withLock { $0.isInitialized } }

    /// Whether the service is sealed.
    public var isSealed: Bool { sealState.withLock { $0.isSealed } }

    /// `sys/init`: creates the keyring, splits the unseal key into `shares` shares (threshold `threshold`), creates
    /// the root token, and leaves the service sealed. Fails if already initialized.
    public func initialize(shares: Int, threshold: Int) async throws -> InitResult {
        guard (1...255).contains(shares), (1...255).contains(threshold), threshold <= shares, shares == 1 || threshold >= 2 else {
            throw KeyServiceError(.invalidRequest, "invalid secret_shares or secret_threshold")
        }
        guard !isInitialized, try await storageGet(SealConfiguration.path) == nil else {
            throw KeyServiceError(.invalidRequest, "Vault is already initialized")
        }
        let unsealKey = try SecretKey.generate(byteCount: 32)
        let keyring = try Keyring.generate()
        let sealedKeyring = try Barrier.sealKeyring(keyring, unsealKey: unsealKey)
        let keys = shares == 1 ? [unsealKey.bytes] : try Shamir.split(unsealKey.bytes, parts: shares, threshold: threshold)

        // Create the root token with the keyring installed, then seal again.
        barrier.unseal(with: keyring, rootKey: unsealKey)
        let rootToken: String
        do {
            rootToken = try await createRootToken()
        } catch {
            barrier.seal()
            throw error
        }
        barrier.seal()
        caches.removeAll()
        // The commit point. A root token entry written above by an initialization that loses this race stays
        // behind as an unreadable orphan under a keyring that was never stored; it grants nothing.
        do {
            let config = SealConfiguration(shares: shares, threshold: threshold, initialKeyring: sealedKeyring)
            try await storage.put(SealConfiguration.path, value: config.serialized(), expectedVersion: 0)
        } catch is StorageConflict {
            throw KeyServiceError(.invalidRequest, "Vault is already initialized")
        } catch {
            throw KeyServiceError(.internalFailure, "writing to storage failed")
        }
        sealState.withLock { $0.initialized(threshold: threshold, shares: shares) }
        return InitResult(keys: keys, rootToken: rootToken)
    }

    /// The progress of unsealing after a share was submitted.
    public struct UnsealProgress: Sendable {
        /// Whether the service is still sealed.
        public let sealed: Bool
        /// Distinct shares submitted so far.
        public let progress: Int
    }

    /// `sys/unseal`: submits one share. When enough shares have arrived, the unseal key is recombined and the
    /// keyring opened; a wrong combination resets the progress.
    public func unseal(share: SecureBytes) async throws -> UnsealProgress {
        let action = sealState.withLock { $0.submit(share) }
        switch action {
        case .needMore(let progress):
            guard isInitialized else { throw KeyServiceError(.invalidRequest, "Vault is not initialized") }
            return UnsealProgress(sealed: true, progress: progress)
        case .alreadyUnsealed:
            return UnsealProgress(sealed: false, progress: 0)
        case .attempt(let shares):
            let unsealKey = try shares.count == 1 ? shares[0] : Shamir.combine(shares)
            guard unsealKey.count == 32 else { throw KeyServiceError(.invalidRequest, "the unseal key is wrong") }
            let rootKey = SecretKey(bytes: unsealKey)
            let keyring = try Barrier.openKeyring(try await storedKeyring().sealed, unsealKey: rootKey)
            barrier.unseal(with: keyring, rootKey: rootKey)
            sealState.withLock { $0.unsealSucceeded() }
            return UnsealProgress(sealed: false, progress: 0)
        }
    }

    /// Discards submitted shares.
    public func resetUnseal() { sealState.withLock { $0.reset() } }

    /// `sys/seal`: drops the keyring and every cache.
    public func seal() {
        barrier.seal()
        caches.removeAll()
        sealState.withLock { $0.seal() }
    }

    /// `sys/rotate`: adds a keyring term and persists the keyring, sealed under the root key; new writes use the
    /// new term and older entries stay readable.
    func rotateKeyring() async throws -> UInt32 {
        try await withRetries {
            let stored = try await storedKeyring()
            let (keyring, sealed) = try barrier.rotated(storedKeyring: stored.sealed)
            do {
                try await storage.put(Barrier.keyringPath, value: sealed, expectedVersion: stored.version)
            } catch let conflict as StorageConflict {
                throw conflict
            } catch {
                throw KeyServiceError(.internalFailure, "writing to storage failed")
            }
            barrier.install(keyring)
            return keyring.activeTerm
        }
    }

    /// Threshold, shares and progress for `sys/seal-status`.
    var sealStatus: (threshold: Int, shares: Int, progress: Int) { sealState.withLock { $0.status } }

    /// Throws 501/503 unless initialized and unsealed.
    func requireUnsealed() throws {
        let state = sealState.withLock { ($0.isInitialized, $0.isSealed) }
        guard state.0 else { throw KeyServiceError(.notInitialized, "Vault is not initialized") }
        guard !state.1, barrier.isUnsealed else { throw KeyServiceError(.sealed, "Vault is sealed") }
    }
}
