import CryptoPrimitives
import SignalProtocol
import Testing

@Suite("Signal concurrency")
struct ConcurrencyTests {
    @Test("Thousands of concurrent encrypts and decrypts across many addresses stay correct")
    func concurrentSessions() async throws {
        let hub = try Party("hub")
        var peers: [Party] = []
        for index in 0..<20 {
            let peer = try Party("peer\(index)")
            try await peer.cipher.processBundle(try await hub.bundle(preKeyID: UInt32(index + 1)), for: hub.address)
            let first = try await peer.encrypt("hello", to: hub)
            #expect(try await hub.decrypt(first, from: peer) == "hello")
            peers.append(peer)
        }
        let perPeer = 60
        // Every peer sends concurrently; the hub encrypts replies to every peer concurrently at the same time.
        let results = try await withThrowingTaskGroup(of: (Int, [CiphertextMessage], [CiphertextMessage]).self) { group in
            for (index, peer) in peers.enumerated() {
                group.addTask {
                    var sent: [CiphertextMessage] = []
                    for n in 0..<perPeer { sent.append(try await peer.encrypt("p\(index)-\(n)", to: hub)) }
                    return (index, sent, [])
                }
                group.addTask {
                    var replies: [CiphertextMessage] = []
                    for n in 0..<perPeer { replies.append(try await hub.encrypt("h\(index)-\(n)", to: peer)) }
                    return (index, [], replies)
                }
            }
            var sent = [[CiphertextMessage]](repeating: [], count: peers.count)
            var replies = [[CiphertextMessage]](repeating: [], count: peers.count)
            for try await (index, s, r) in group {
                sent[index] += s
                replies[index] += r
            }
            return (sent, replies)
        }
        // Decrypt everything concurrently, in shuffled order per address.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, peer) in peers.enumerated() {
                for (n, message) in results.0[index].enumerated().shuffled() {
                    group.addTask {
                        let text = try await hub.decrypt(message, from: peer)
                        #expect(text == "p\(index)-\(n)")
                        return 1
                    }
                }
                for (n, message) in results.1[index].enumerated().shuffled() {
                    group.addTask {
                        let text = try await peer.decrypt(message, from: hub)
                        #expect(text == "h\(index)-\(n)")
                        return 1
                    }
                }
            }
            var total = 0
            for try await count in group { total += count }
            #expect(total == peers.count * perPeer * 2)
        }
    }
}
