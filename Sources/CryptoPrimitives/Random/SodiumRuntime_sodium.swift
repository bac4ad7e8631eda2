internal import CSodium

/// Runs `sodium_init` once, which selects libsodium's fastest implementations for this CPU and opens the
/// system random source. Every libsodium entry point that benefits from it touches ``ready`` first.
enum SodiumRuntime {
    /// `true` when `sodium_init` succeeded (it returns 1 when already initialized).
    static let ready: Bool = sodium_init() >= 0
}
