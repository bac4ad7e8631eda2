// swift-tools-version: 6.2
//
// ChatSecurity: the cryptography and compliance layer of the chat platform.
// Module dependencies point one way; see docs/architecture.md for the allowed arrows.

import PackageDescription

/// Settings shared by every Swift target.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ChatSecurity",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CryptoPrimitives", targets: ["CryptoPrimitives"]),
        .library(name: "PostgresSupport", targets: ["PostgresSupport"]),
        .library(name: "SignalProtocol", targets: ["SignalProtocol"]),
        .library(name: "SignalProtocolSQLite", targets: ["SignalProtocolSQLite"]),
        .library(name: "AuditLog", targets: ["AuditLog"]),
        .library(name: "AuditLogPostgres", targets: ["AuditLogPostgres"]),
        .library(name: "StrictJSON", targets: ["StrictJSON"]),
        .library(name: "Envelope", targets: ["Envelope"]),
        .library(name: "EnvelopeTransit", targets: ["EnvelopeTransit"]),
        .library(name: "Redaction", targets: ["Redaction"]),
        .library(name: "KeyService", targets: ["KeyService"]),
        .library(name: "KeyServiceHTTP", targets: ["KeyServiceHTTP"]),
        .library(name: "KeyServicePostgres", targets: ["KeyServicePostgres"]),
        .executable(name: "keyserviced", targets: ["keyserviced"]),
        .executable(name: "chatsec", targets: ["chatsec"]),
        .executable(name: "signal-peer", targets: ["SignalPeer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // MARK: System libraries (found with pkg-config; the providers name their packages).
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "COpenSSLShims",
            dependencies: ["COpenSSL"]
        ),
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),

        // MARK: Libraries.
        .target(
            name: "CryptoPrimitives",
            dependencies: [
                "CSodium",
                "COpenSSL",
                "COpenSSLShims",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuditLog",
            dependencies: ["CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AuditLogPostgres",
            dependencies: ["AuditLog", "PostgresSupport", "CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignalProtocol",
            dependencies: ["CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignalProtocolSQLite",
            dependencies: ["SignalProtocol", "CryptoPrimitives", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SignalPeer",
            dependencies: ["SignalProtocol", "CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StrictJSON",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Envelope",
            dependencies: ["CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EnvelopeTransit",
            dependencies: ["Envelope", "CryptoPrimitives", "StrictJSON"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Redaction",
            dependencies: ["CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "KeyService",
            dependencies: ["CryptoPrimitives", "StrictJSON"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "KeyServiceHTTP",
            dependencies: [
                "KeyService", "StrictJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "KeyServicePostgres",
            dependencies: ["KeyService", "PostgresSupport"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "keyserviced",
            dependencies: [
                "KeyService", "KeyServiceHTTP", "KeyServicePostgres", "CryptoPrimitives", "StrictJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "keyservice/Sources/keyserviced",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PostgresSupport",
            dependencies: ["CLibpq"],
            swiftSettings: strictSettings
        ),

        // MARK: Test support.
        .target(
            name: "TestVectorKit",
            path: "TestVectors",
            exclude: ["SOURCES.md", "licenses", "redaction"],
            sources: ["Swift"],
            resources: [
                .copy("wycheproof"),
                .copy("nist"),
                .copy("rfc"),
                .copy("signal"),
                .copy("merkle"),
                .copy("checkpoint"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests.
        .testTarget(
            name: "CryptoPrimitivesTests",
            dependencies: ["CryptoPrimitives", "TestVectorKit"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignalProtocolTests",
            dependencies: [
                "SignalProtocol", "SignalProtocolSQLite", "CryptoPrimitives", "TestVectorKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KeyServiceTests",
            dependencies: ["KeyService", "StrictJSON", "CryptoPrimitives", "TestVectorKit"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ChatSecCLI",
            dependencies: [
                "AuditLog", "AuditLogPostgres", "CryptoPrimitives", "StrictJSON", "Envelope", "EnvelopeTransit", "Redaction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "chatsec",
            dependencies: ["ChatSecCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuditLogTests",
            dependencies: ["AuditLog", "AuditLogPostgres", "PostgresSupport", "PostgresTestSupport", "CryptoPrimitives", "TestVectorKit"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EnvelopeTests",
            dependencies: ["Envelope", "EnvelopeTransit", "CryptoPrimitives", "ProcessTestSupport", "keyserviced", "chatsec"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedactionTests",
            dependencies: ["Redaction", "CryptoPrimitives", "ProcessTestSupport", "chatsec"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StrictJSONTests",
            dependencies: ["StrictJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KeyServiceHTTPTests",
            dependencies: [
                "KeyServiceHTTP", "KeyService", "StrictJSON", "keyserviced",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KeyServicePostgresTests",
            dependencies: ["KeyServicePostgres", "KeyService", "StrictJSON", "PostgresSupport", "PostgresTestSupport", "CryptoPrimitives"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ProcessTestSupport",
            path: "Tests/ProcessTestSupport",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PostgresTestSupport",
            dependencies: ["PostgresSupport"],
            path: "Tests/PostgresTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PostgresSupportTests",
            dependencies: ["PostgresSupport", "PostgresTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
