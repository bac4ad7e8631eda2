import CryptoPrimitives
import Foundation

/// A stored ACL policy.
struct PolicyDocument: Codable, Sendable, Equatable {
    var name: String
    var text: String
}

extension KeyService {
    static let policyPrefix = "sys/policy/"

    func policyPath(_ namespace: Namespace, _ name: String) -> String { namespace.storagePrefix + Self.policyPrefix + name }

    static func validatePolicyName(_ name: String) throws -> String {
        let lower = name.lowercased()
        guard !lower.isEmpty, lower.count <= 128, lower.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw KeyServiceError(.invalidRequest, "invalid policy name")
        }
        return lower
    }

    /// The ACL of a token: the union of its policies from the namespace it was created in.
    func acl(for token: TokenEntry) async throws -> ACL {
        if token.isRoot { return ACL(policies: [], isRoot: true) }
        let namespace = Namespace(validated: token.namespace)
        var policies: [ACLPolicy] = []
        for name in token.policies {
            if name == "default" {
                policies.append(.defaultPolicy)
                if let stored = try await readPolicy(namespace, name) { policies.append(stored) }
                continue
            }
            if let stored = try await readPolicy(namespace, name) { policies.append(stored) }
        }
        return ACL(policies: policies, isRoot: false)
    }

    func readPolicy(_ namespace: Namespace, _ name: String) async throws -> ACLPolicy? {
        let path = policyPath(namespace, name)
        let generation = caches.generation
        guard let entry = try await storageGet(path) else { return nil }
        if let cached: ACLPolicy = caches.document(path: path + "#parsed", version: entry.version) { return cached }
        guard let (document, version) = try await readDocument(PolicyDocument.self, path) else { return nil }
        let policy = try ACLPolicy(name: document.name, text: document.text)
        caches.store(document: policy, path: path + "#parsed", version: version, generation: generation)
        return policy
    }

    func writePolicy(_ namespace: Namespace, name: String, text: String) async throws {
        let name = try Self.validatePolicyName(name)
        guard name != "root" else { throw KeyServiceError(.invalidRequest, "cannot update the root policy") }
        _ = try ACLPolicy(name: name, text: text)
        try await writeDocument(PolicyDocument(name: name, text: text), policyPath(namespace, name), expectedVersion: nil)
    }

    func deletePolicy(_ namespace: Namespace, name: String) async throws {
        let name = try Self.validatePolicyName(name)
        guard name != "root", name != "default" else { throw KeyServiceError(.invalidRequest, "cannot delete a built-in policy") }
        let path = policyPath(namespace, name)
        try await storageDelete(path)
        caches.remove(path: path)
        caches.remove(path: path + "#parsed")
    }

    func listPolicies(_ namespace: Namespace) async throws -> [String] {
        let prefix = namespace.storagePrefix + Self.policyPrefix
        let stored = try await storageList(prefix).map { String($0.dropFirst(prefix.count)) }
        return Array(Set(stored + ["default", "root"])).sorted()
    }
}
