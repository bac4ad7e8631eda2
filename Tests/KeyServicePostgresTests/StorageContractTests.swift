import PostgresTestSupport
import Foundation
import KeyService
import KeyServicePostgres
import Testing

/// The ``StorageBackend`` contract, run against every backend: in memory, the embedded file storage, and
/// PostgreSQL (the suite's throwaway server).
@Suite struct StorageContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case memory, file, postgresql
        var testDescription: String { rawValue }

        func make() async throws -> any StorageBackend {
            switch self {
            case .memory: InMemoryStorage()
            case .file: try FileStorage(directory: FileManager.default.temporaryDirectory.appendingPathComponent("ks-contract-\(UUID().uuidString)"))
            case .postgresql: try await PostgresStorage(url: TestDatabase.url(), maximumConnections: 4, table: TestDatabase.uniqueName("ks_contract"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func compareAndSwap(backend: Backend) async throws {
        let storage = try await backend.make()
        #expect(try await storage.get("a/b") == nil)
        let first = try await storage.put("a/b", value: [1], expectedVersion: 0)
        await #expect(throws: StorageConflict.self) { try await storage.put("a/b", value: [2], expectedVersion: 0) }
        await #expect(throws: StorageConflict.self) { try await storage.put("a/b", value: [2], expectedVersion: first + 1) }
        let second = try await storage.put("a/b", value: [2], expectedVersion: first)
        #expect(second > first)
        #expect(try await storage.get("a/b") == StoredEntry(value: [2], version: second))
        let third = try await storage.put("a/b", value: [3], expectedVersion: nil)
        #expect(third > second)
        await #expect(throws: StorageConflict.self) { try await storage.put("missing", value: [2], expectedVersion: 7) }
        #expect(try await storage.get("missing") == nil, "a failed compare-and-swap writes nothing")
        try await storage.delete("a/b")
        try await storage.delete("a/b")
        #expect(try await storage.get("a/b") == nil)
        // A deleted key can be created again with "must not exist", and never gets an old version back: a
        // compare-and-swap against the old incarnation's version fails.
        let reborn = try await storage.put("a/b", value: [4], expectedVersion: 0)
        #expect(![first, second, third].contains(reborn))
        await #expect(throws: StorageConflict.self) { try await storage.put("a/b", value: [5], expectedVersion: first) }
        await #expect(throws: StorageConflict.self) { try await storage.put("a/b", value: [5], expectedVersion: third) }
        #expect(try await storage.get("a/b")?.value == [4])
    }

    @Test(arguments: Backend.allCases)
    func valuesRoundTripExactly(backend: Backend) async throws {
        let storage = try await backend.make()
        let everyByte = (0...255).map(UInt8.init)
        let large = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        for (key, value) in [("empty", [UInt8]()), ("bytes", everyByte), ("large", large)] {
            _ = try await storage.put(key, value: value, expectedVersion: nil)
            #expect(try await storage.get(key)?.value == value, "\(key.count) \(value.count)")
        }
    }

    @Test(arguments: Backend.allCases)
    func listIsByPrefixAndSorted(backend: Backend) async throws {
        let storage = try await backend.make()
        let keys = ["ns/a/x", "ns/a/y/z", "ns/a%/q", "ns/a_/q", "ns/ab", "ns/b/x", "other", "ns/A/x"]
        for key in keys { _ = try await storage.put(key, value: [1], expectedVersion: nil) }
        #expect(try await storage.list(prefix: "ns/a/") == ["ns/a/x", "ns/a/y/z"])
        #expect(try await storage.list(prefix: "ns/a%") == ["ns/a%/q"], "LIKE metacharacters are literal")
        #expect(try await storage.list(prefix: "ns/a_") == ["ns/a_/q"])
        #expect(try await storage.list(prefix: "ns/") == ["ns/A/x", "ns/a%/q", "ns/a/x", "ns/a/y/z", "ns/a_/q", "ns/ab", "ns/b/x"], "byte order")
        #expect(try await storage.list(prefix: "none/").isEmpty)
        #expect(try await storage.list(prefix: "").count == keys.count)
    }

    @Test(arguments: Backend.allCases)
    func concurrentCompareAndSwapLosesNothing(backend: Backend) async throws {
        let storage = try await backend.make()
        _ = try await storage.put("counter", value: Array("0".utf8), expectedVersion: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<25 { try await Self.increment(storage, "counter") } }
            }
            try await group.waitForAll()
        }
        #expect(try await storage.get("counter").map { String(decoding: $0.value, as: UTF8.self) } == "200")
    }

    /// Read, add one, compare-and-swap; retry on conflict.
    static func increment(_ storage: any StorageBackend, _ key: String) async throws {
        while true {
            guard let entry = try await storage.get(key), let value = Int(String(decoding: entry.value, as: UTF8.self)) else { throw StorageFailure("missing counter") }
            do {
                _ = try await storage.put(key, value: Array(String(value + 1).utf8), expectedVersion: entry.version)
                return
            } catch is StorageConflict {
                continue
            }
        }
    }
}
