import CryptoPrimitives

/// The seal lifecycle as a value type: uninitialized → sealed ⇄ unsealed. It collects unseal shares and tells
/// the caller what to do; the caller performs the I/O and crypto and reports back.
struct SealStateMachine: Sendable {
    enum State: Sendable {
        case uninitialized
        case sealed(threshold: Int, shares: Int, progress: [SecureBytes])
        case unsealed(threshold: Int, shares: Int)
    }

    enum UnsealAction {
        /// More shares are needed; `progress` counts the distinct ones so far.
        case needMore(progress: Int)
        /// Enough shares: combine them (or use the key directly for a single share) and try the keyring.
        case attempt([SecureBytes])
        /// Already unsealed.
        case alreadyUnsealed
    }

    private(set) var state: State = .uninitialized

    var isInitialized: Bool { if case .uninitialized = state { false } else { true } }
    var isSealed: Bool { if case .unsealed = state { false } else { true } }

    /// Threshold, shares and progress for `sys/seal-status`.
    var status: (threshold: Int, shares: Int, progress: Int) {
        switch state {
        case .uninitialized: (0, 0, 0)
        case .sealed(let threshold, let shares, let progress): (threshold, shares, progress.count)
        case .unsealed(let threshold, let shares): (threshold, shares, 0)
        }
    }

    /// The service was found initialized (or was just initialized) and starts sealed.
    mutating func initialized(threshold: Int, shares: Int) {
        state = .sealed(threshold: threshold, shares: shares, progress: [])
    }

    /// A share arrived. Duplicate shares do not count twice.
    mutating func submit(_ share: SecureBytes) -> UnsealAction {
        switch state {
        case .uninitialized:
            return .needMore(progress: 0)
        case .unsealed:
            return .alreadyUnsealed
        case .sealed(let threshold, let shares, var progress):
            if !progress.contains(share) { progress.append(share) }
            if progress.count >= threshold {
                state = .sealed(threshold: threshold, shares: shares, progress: [])
                return .attempt(progress)
            }
            state = .sealed(threshold: threshold, shares: shares, progress: progress)
            return .needMore(progress: progress.count)
        }
    }

    /// The keyring opened.
    mutating func unsealSucceeded() {
        if case .sealed(let threshold, let shares, _) = state { state = .unsealed(threshold: threshold, shares: shares) }
    }

    /// Discards submitted shares (`reset`), wiping them.
    mutating func reset() {
        if case .sealed(let threshold, let shares, _) = state { state = .sealed(threshold: threshold, shares: shares, progress: []) }
    }

    /// Seal again.
    mutating func seal() {
        if case .unsealed(let threshold, let shares) = state { state = .sealed(threshold: threshold, shares: shares, progress: []) }
    }
}
