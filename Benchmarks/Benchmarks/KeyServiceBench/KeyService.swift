// keyserviced's Transit encrypt in process, the baseline Benchmarks/report.py keyservice divides the HTTP numbers
// (measured with wrk against the release daemon in the same run) by:
//
// - "Transit encrypt in process (128 B, 1 item)": KeyService.handle for `POST transit/encrypt/bench` with a
//   128-byte plaintext: token lookup, ACL, key cache, AES-256-GCM, base64 and the response document. The JSON
//   request body is already parsed; HTTP parsing and serialization are what the HTTP ratio adds.
// - "... (batch of 100)" and "(batch of 1000)": the same with `batch_input`.
// - "AES-256-GCM seal (128 B)": the primitive alone.

import Benchmark
import CryptoPrimitives
import Foundation
import StrictJSON
import KeyService

/// Per operation; the service is set up once per sample and the first request (cold caches) is not measured.
func configuration(items: Int) -> Benchmark.Configuration {
    .init(metrics: [.throughput, .wallClock, .mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: items == 1 ? .kilo : .one,
          maxDuration: .seconds(3), maxIterations: items == 1 ? 200 : 10_000)
}

/// An initialized, unsealed in-memory service with key `bench` in `transit/`.
func makeService() async throws -> (KeyService, String) {
    let service = KeyService(storage: InMemoryStorage())
    try await service.start()
    let result = try await service.initialize(shares: 1, threshold: 1)
    _ = try await service.unseal(share: result.keys[0])
    _ = await service.handle(VaultRequest(method: "POST", path: "sys/mounts/transit", token: result.rootToken, body: ["type": "transit"]))
    _ = await service.handle(VaultRequest(method: "POST", path: "transit/keys/bench", token: result.rootToken))
    return (service, result.rootToken)
}

let plaintext128 = JSONValue.string(Data([UInt8](repeating: 0x61, count: 128)).base64EncodedString())

func encryptBody(items: Int) -> JSONValue {
    items == 1 ? ["plaintext": plaintext128] : ["batch_input": .array(Array(repeating: ["plaintext": plaintext128], count: items))]
}

let benchmarks: @Sendable () -> Void = {
    for items in [1, 100, 1000] {
        let name = items == 1 ? "Transit encrypt in process (128 B, 1 item)" : "Transit encrypt in process (128 B, batch of \(items))"
        Benchmark(name, configuration: configuration(items: items)) { benchmark in
            let (service, token) = try await makeService()
            let request = VaultRequest(method: "POST", path: "transit/encrypt/bench", token: token, body: encryptBody(items: items))
            let check = await service.handle(request)
            precondition(check.status == 200, "benchmark setup failed")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(await service.handle(request)) }
        }
    }

    Benchmark("Token lookup-self in process (authentication and routing only)", configuration: configuration(items: 1)) { benchmark in
        let (service, token) = try await makeService()
        let request = VaultRequest(method: "GET", path: "auth/token/lookup-self", token: token)
        let check = await service.handle(request)
        precondition(check.status == 200, "benchmark setup failed")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(await service.handle(request)) }
    }

    Benchmark("AES-256-GCM seal (128 B)", configuration: configuration(items: 1)) { benchmark in
        let key = try SecretKey.generate(byteCount: 32)
        let message = [UInt8](repeating: 0x61, count: 128)
        let nonce = try SecureRandom.bytes(count: 12)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try AES.GCM.seal(message, key: key, nonce: nonce)) }
    }
}
