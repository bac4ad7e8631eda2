import Synchronization

/// Mutual exclusion per remote address for async work: a caller holds an address's lock across
/// load → ratchet → store, so concurrent encrypts and decrypts of one session never interleave, while different
/// addresses proceed in parallel. Waiters are served in FIFO order.
final class AddressLocks: Sendable {
    private struct Entry {
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// An address present in the dictionary is locked; its entry holds the waiters.
    private let held = Mutex<[ProtocolAddress: Entry]>([:])

    func withLock<Result>(_ address: ProtocolAddress, _ body: () async throws -> Result) async throws -> Result {
        await acquire(address)
        defer { release(address) }
        return try await body()
    }

    private func acquire(_ address: ProtocolAddress) async {
        let acquired = held.withLock { table -> Bool in
            if table[address] == nil {
                table[address] = Entry()
                return true
            }
            return false
        }
        if acquired { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = held.withLock { table -> Bool in
                if table[address] == nil {
                    table[address] = Entry()
                    return true
                }
                table[address]?.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func release(_ address: ProtocolAddress) {
        let next = held.withLock { table -> CheckedContinuation<Void, Never>? in
            guard var entry = table[address] else { return nil }
            if entry.waiters.isEmpty {
                table[address] = nil
                return nil
            }
            let first = entry.waiters.removeFirst()
            table[address] = entry
            return first
        }
        // The lock passes straight to the next waiter (the entry stays, so the address stays locked).
        next?.resume()
    }
}
