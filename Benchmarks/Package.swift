// swift-tools-version: 6.1
//
// ChatSecurity's benchmarks, kept out of the product so the benchmark dependency never reaches library users.
// Run from this directory: `swift package benchmark` (see README.md here).

import Foundation
import PackageDescription

/// The parent package's identity is the name of the directory it was cloned into.
let parentPackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ChatSecurityBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Primitives",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CryptoPrimitives", package: parentPackage),
            ],
            path: "Benchmarks/Primitives",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Signal",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CryptoPrimitives", package: parentPackage),
                .product(name: "SignalProtocol", package: parentPackage),
            ],
            path: "Benchmarks/Signal",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "AuditLogBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CryptoPrimitives", package: parentPackage),
                .product(name: "AuditLog", package: parentPackage),
                .product(name: "AuditLogPostgres", package: parentPackage),
                .product(name: "PostgresSupport", package: parentPackage),
            ],
            path: "Benchmarks/AuditLogBench",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EnvelopeBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CryptoPrimitives", package: parentPackage),
                .product(name: "Envelope", package: parentPackage),
            ],
            path: "Benchmarks/EnvelopeBench",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Not a benchmark-plugin target: interleaved (paired) timing of envelope messages and raw AES-256-GCM, so
        // the ratios report.py checks against the target are not skewed by this VM's drift between benchmarks.
        .executableTarget(
            name: "EnvelopeRatio",
            dependencies: [
                .product(name: "CryptoPrimitives", package: parentPackage),
                .product(name: "Envelope", package: parentPackage),
            ],
            path: "Tools/EnvelopeRatio",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "KeyServiceBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CryptoPrimitives", package: parentPackage),
                .product(name: "KeyService", package: parentPackage),
                .product(name: "StrictJSON", package: parentPackage),
            ],
            path: "Benchmarks/KeyServiceBench",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
