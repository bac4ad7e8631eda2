import Synchronization
@testable import SignalProtocol
import CryptoPrimitives

/// A key source that hands out fixed key pairs in order, as the published conversation vectors require.
final class KeyQueue: KeyPairSource {
    private let queue = Mutex<[CurveKeyPair]>([])

    func push(_ privateKey: [UInt8]) throws {
        let pair = CurveKeyPair(privateKey: try X25519.PrivateKey(rawRepresentation: privateKey))
        queue.withLock { $0.append(pair) }
    }

    var remaining: Int { queue.withLock { $0.count } }

    func nextKeyPair() throws -> CurveKeyPair {
        try queue.withLock { queue in
            guard !queue.isEmpty else { throw SignalError(.invalidState, "key queue exhausted") }
            return queue.removeFirst()
        }
    }
}
