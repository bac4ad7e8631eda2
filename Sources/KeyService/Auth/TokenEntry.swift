import CryptoPrimitives
import Foundation

/// A token as stored (under the SHA-256 of the token string, so storage never holds a usable token).
struct TokenEntry: Codable, Sendable, Equatable {
    var idHash: String
    var accessor: String
    var policies: [String]
    var namespace: String
    var displayName: String
    var meta: [String: String]
    var creationTime: Int64
    var creationTTL: Int64
    /// 0: never expires.
    var expireTime: Int64
    var explicitMaxTTL: Int64
    var renewable: Bool
    var numUses: Int64
    var parentHash: String?
    /// The namespace the parent token lives in (a parent namespace's token may create tokens in a child
    /// namespace); the parent's children index is kept there, so revoking the parent finds this token.
    var parentNamespace: String?
    var orphan: Bool
    var path: String
    var isRoot: Bool { policies.contains("root") }

    func remainingTTL(now: Int64) -> Int64 {
        expireTime == 0 ? 0 : max(0, expireTime - now)
    }

    func isExpired(now: Int64) -> Bool {
        expireTime != 0 && now >= expireTime
    }
}

/// The token strings handed to clients: `hvs.` followed by 32 base64url characters (24 random bytes).
enum TokenString {
    static func generate() throws -> String {
        "hvs." + Base64.encodeURL(try randomBytes(24))
    }

    static func accessor() throws -> String {
        Base64.encodeURL(try randomBytes(18))
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(Array(token.utf8)))
    }

    private static func randomBytes(_ count: Int) throws -> [UInt8] {
        do { return try SecureRandom.bytes(count: count) } catch { throw KeyServiceError(.internalFailure, "random source failed") }
    }
}

