internal import CSodium

/// Runs `sodium_init` once, which selects libsodium's fastest implementations for this CPU and opens the
/// system random source. Every libsodium entry point that benefits from it touches ``ready`` first.
///
/// Only the random source depends on initialization succeeding (``SecureRandom`` checks it and throws); the
/// other functions work either way and read ``ready`` only so the fast implementations are selected.
enum SodiumRuntime {
    /// `true` when `sodium_init` succeeded (it returns 1 when already initialized).
    static let ready: Bool = sodium_init() >= 0
}
