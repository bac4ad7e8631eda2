import Foundation
public import PostgresSupport

/// The throwaway PostgreSQL server that `Tests/tooling/run-tests` starts (an `initdb` cluster in a temporary
/// directory on a free port). These tests are part of the suite: without the server they fail, they do not skip.
public enum TestDatabase {
    /// The variable holding the server's URL.
    public static let environmentVariable = "CHATSEC_TEST_DATABASE_URL"

    /// The variable is missing.
    public struct NotConfigured: Error, CustomStringConvertible {
        /// How to fix it.
        public var description: String {
            "\(TestDatabase.environmentVariable) is not set: run the suite with Tests/tooling/run-tests, which starts a throwaway PostgreSQL cluster"
        }
    }

    /// The server's URL.
    public static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else { throw NotConfigured() }
        return url
    }

    /// A connection to the server.
    public static func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url())
    }

    /// A table name no other test uses.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
    }
}
