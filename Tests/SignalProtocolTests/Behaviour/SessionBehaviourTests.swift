import Synchronization
import CryptoPrimitives
@testable import SignalProtocol
import Testing

@Suite("Signal sessions: setup, ordering, duplicates, limits")
struct SessionBehaviourTests {
    @Test("Sessions start with and without a one-time prekey; Alice sends PreKey messages until Bob replies")
    func setupAndPreKeyMessages() async throws {
        for preKeyID: UInt32? in [7, nil] {
            let alice = try Party("alice")
            let bob = try Party("bob")
            try await alice.cipher.processBundle(try await bob.bundle(preKeyID: preKeyID), for: bob.address)
            var messages: [CiphertextMessage] = []
            for index in 0..<3 { messages.append(try await alice.encrypt("m\(index)", to: bob)) }
            #expect(messages.allSatisfy { $0.type == .preKey })
            guard case .preKey(let first) = messages[0] else { Issue.record("not a PreKey message"); return }
            #expect(first.preKeyID == preKeyID)
            #expect(first.registrationID == alice.registrationID)
            for (index, message) in messages.enumerated() { #expect(try await bob.decrypt(message, from: alice) == "m\(index)") }
            if let preKeyID { #expect(try await bob.stores.preKeys.preKey(id: preKeyID) == nil, "the one-time prekey is consumed") }
            let reply = try await bob.encrypt("reply", to: alice)
            #expect(reply.type == .whisper)
            #expect(try await alice.decrypt(reply, from: bob) == "reply")
            let after = try await alice.encrypt("after reply", to: bob)
            #expect(after.type == .whisper)
            #expect(try await bob.decrypt(after, from: alice) == "after reply")
        }
    }

    @Test("Out-of-order delivery across several DH ratchet turns, and duplicates rejected")
    func outOfOrderAndDuplicates() async throws {
        let (alice, bob) = try await establishedPair()
        var pending: [(CiphertextMessage, String)] = []
        for turn in 0..<6 {
            let (sender, receiver) = turn % 2 == 0 ? (alice, bob) : (bob, alice)
            var batch: [(CiphertextMessage, String)] = []
            for index in 0..<10 { batch.append((try await sender.encrypt("t\(turn)-\(index)", to: receiver), "t\(turn)-\(index)")) }
            // Deliver the even half now (reversed), keep the odd half for later.
            for (message, text) in batch.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element).reversed() {
                #expect(try await receiver.decrypt(message, from: sender) == text)
            }
            pending += batch.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        }
        for (index, (message, text)) in pending.enumerated() {
            let receiver = text.hasPrefix("t0") || text.hasPrefix("t2") || text.hasPrefix("t4") ? bob : alice
            let sender = receiver.name == "bob" ? alice : bob
            #expect(try await receiver.decrypt(message, from: sender) == text, "late message \(index)")
            await #expect(throws: SignalError.expected(.duplicateMessage)) { _ = try await receiver.decrypt(message, from: sender) }
        }
    }

    @Test("A jump of 25,000 is accepted keeping the newest 2,000 skipped keys; 25,001 is refused and the session still works")
    func forwardJumps() async throws {
        let (alice, bob) = try await establishedPair()
        var skipped: [CiphertextMessage] = []
        for _ in 0..<25_000 { skipped.append(try await alice.encrypt("skip", to: bob)) }
        let far = try await alice.encrypt("far", to: bob)
        #expect(try await bob.decrypt(far, from: alice) == "far")
        // Only the newest 2,000 skipped messages remain decryptable.
        #expect(try await bob.decrypt(skipped[24_999], from: alice) == "skip")
        #expect(try await bob.decrypt(skipped[23_000], from: alice) == "skip")
        await #expect(throws: SignalError.expected(.duplicateMessage)) { _ = try await bob.decrypt(skipped[22_999], from: alice) }
        await #expect(throws: SignalError.expected(.duplicateMessage)) { _ = try await bob.decrypt(skipped[0], from: alice) }
        // 25,001 ahead of the chain: refused, and the record is unchanged.
        for _ in 0..<25_001 { _ = try await alice.encrypt("skip", to: bob) }
        let tooFar = try await alice.encrypt("too far", to: bob)
        let before = try await bob.recordBytes(with: alice)
        await #expect(throws: SignalError.expected(.tooFarInFuture)) { _ = try await bob.decrypt(tooFar, from: alice) }
        #expect(try await bob.recordBytes(with: alice) == before)
        // The session still works once Bob replies and Alice answers on the new chain.
        let reply = try await bob.encrypt("still here", to: alice)
        #expect(try await alice.decrypt(reply, from: bob) == "still here")
        let answer = try await alice.encrypt("yes", to: bob)
        #expect(try await bob.decrypt(answer, from: alice) == "yes")
    }

    @Test("Both sides initiating at once converge to one working session")
    func simultaneousInitiation() async throws {
        let alice = try Party("alice")
        let bob = try Party("bob")
        try await alice.cipher.processBundle(try await bob.bundle(preKeyID: 1), for: bob.address)
        try await bob.cipher.processBundle(try await alice.bundle(preKeyID: 2), for: alice.address)
        let fromAlice = try await alice.encrypt("alice first", to: bob)
        let fromBob = try await bob.encrypt("bob first", to: alice)
        #expect(fromAlice.type == .preKey && fromBob.type == .preKey)
        #expect(try await bob.decrypt(fromAlice, from: alice) == "alice first")
        #expect(try await alice.decrypt(fromBob, from: bob) == "bob first")
        for round in 0..<5 {
            let a = try await alice.encrypt("a\(round)", to: bob)
            #expect(try await bob.decrypt(a, from: alice) == "a\(round)")
            let b = try await bob.encrypt("b\(round)", to: alice)
            #expect(try await alice.decrypt(b, from: bob) == "b\(round)")
        }
        // Converged: both now send plain SignalMessages on the same session.
        let a = try await alice.encrypt("final", to: bob)
        let b = try await bob.encrypt("final", to: alice)
        #expect(a.type == .whisper && b.type == .whisper)
        #expect(try await bob.decrypt(a, from: alice) == "final")
        #expect(try await alice.decrypt(b, from: bob) == "final")
        let aliceState = try #require(try await alice.stores.sessions.loadSession(for: bob.address)?.currentState)
        let bobState = try #require(try await bob.stores.sessions.loadSession(for: alice.address)?.currentState)
        #expect(aliceState.aliceBaseKey == bobState.aliceBaseKey)
    }

    @Test("Records keep at most 40 archived states and 5 receiving chains, and survive serialization")
    func limitsAndSerialization() async throws {
        let alice = try Party("alice")
        let bob = try Party("bob")
        for index in 0..<45 {
            try await alice.cipher.processBundle(try await bob.bundle(preKeyID: UInt32(index + 1)), for: bob.address)
        }
        var record = try #require(try await alice.stores.sessions.loadSession(for: bob.address))
        #expect(record.previousStates.count == 40)
        #expect(record.currentState != nil)
        // The oldest archived states were dropped; the newest session still works.
        let message = try await alice.encrypt("latest", to: bob)
        #expect(try await bob.decrypt(message, from: alice) == "latest")
        let (carol, dave) = try await establishedPair()
        for turn in 0..<8 {
            let m = try await dave.encrypt("x\(turn)", to: carol)
            _ = try await carol.decrypt(m, from: dave)
            let r = try await carol.encrypt("y\(turn)", to: dave)
            _ = try await dave.decrypt(r, from: carol)
        }
        record = try #require(try await carol.stores.sessions.loadSession(for: dave.address))
        #expect(record.currentState?.receiverChains.count == 5)
        let reparsed = try SessionRecord(serialized: record.serialized())
        #expect(reparsed.serialized() == record.serialized())
        #expect(reparsed.previousStates.count == record.previousStates.count)
    }

    @Test("A session never acknowledged for 30 days stops sending")
    func unacknowledgedExpiry() async throws {
        let now = Mutex(UInt64(1_700_000_000))
        let alice = try Party("alice", clock: { now.withLock { $0 } })
        let bob = try Party("bob")
        try await alice.cipher.processBundle(try await bob.bundle(), for: bob.address)
        _ = try await alice.encrypt("day 0", to: bob)
        now.withLock { $0 += 31 * 24 * 3600 }
        await #expect(throws: SignalError.expected(.noSession)) { _ = try await alice.encrypt("day 31", to: bob) }
    }
}
