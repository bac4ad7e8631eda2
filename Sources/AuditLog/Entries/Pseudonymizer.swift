public import CryptoPrimitives

/// Keyed pseudonyms for subject identifiers (user ids, patient ids, card numbers): HMAC-SHA256 under a per-tenant
/// audit key, printed as `hmac-sha256:<hex>`, as Vault's audit devices hash sensitive values. The same identifier
/// gives the same pseudonym within a tenant (so an auditor can follow one subject) and nothing outside it; the
/// identifier itself never reaches the log.
public struct Pseudonymizer: Sendable {
    private let key: PreparedAuthenticationKey<SHA256>

    /// A pseudonymizer under `key` (at least 32 bytes).
    public init(key: SecretKey) throws(AuditError) {
        guard key.byteCount >= 32 else { throw AuditError(.invalidKey, "audit keys must have at least 32 bytes") }
        self.key = key.withUnsafeBytes { SHA256.prepareAuthenticationKey($0) }
    }

    /// The pseudonym of `identifier`.
    public func pseudonym(_ identifier: String) -> String {
        let mac = SHA256.authenticationCode(prepared: key, parts: [Array(identifier.utf8)])
        return "hmac-sha256:" + mac.unprotectedCopy().map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }
}

/// Supplies each tenant's audit key (the key service implements it; tests use fixed keys).
public protocol AuditKeyProvider: Sendable {
    /// The audit key of `tenant`.
    func auditKey(for tenant: String) async throws -> SecretKey
}
