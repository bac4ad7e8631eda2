import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    static let tokenPrefix = "auth/token/id/"
    static let accessorPrefix = "auth/token/accessor/"
    static let childPrefix = "auth/token/children/"
    /// Vault's default token TTL (768 hours) and the largest allowed.
    static let defaultTokenTTL: Int64 = 768 * 3600

    func tokenPath(_ namespace: Namespace, hash: String) -> String { namespace.storagePrefix + Self.tokenPrefix + hash }

    /// Creates the root token of the root namespace (during `sys/init`).
    func createRootToken() async throws -> String {
        let token = try TokenString.generate()
        let entry = TokenEntry(
            idHash: TokenString.hash(token), accessor: try TokenString.accessor(), policies: ["root"], namespace: "",
            displayName: "root", meta: [:], creationTime: now, creationTTL: 0, expireTime: 0, explicitMaxTTL: 0,
            renewable: false, numUses: 0, parentHash: nil, parentNamespace: nil, orphan: true, path: "auth/token/root"
        )
        try await storeToken(entry)
        return token
    }

    /// Looks a token up in the request's namespace and then its ancestors (a parent namespace's token may act in
    /// a child namespace; a sibling's never can). Expired tokens are removed and refused.
    func lookupToken(_ token: String, in namespace: Namespace) async throws -> (TokenEntry, Namespace)? {
        guard token.utf8.count <= 512 else { return nil }
        let hash = TokenString.hash(token)
        for candidate in namespace.selfAndAncestors {
            let path = tokenPath(candidate, hash: hash)
            guard let (entry, _) = try await readDocument(TokenEntry.self, path) else { continue }
            if entry.isExpired(now: now) {
                try? await revokeTree(entry, namespace: candidate)
                return nil
            }
            return (entry, candidate)
        }
        return nil
    }

    /// Writes a new token: the children index entry first (in the parent's namespace, naming the child's), so a
    /// crash can leave an index entry without a token but never a token its parent's revocation cannot reach.
    func storeToken(_ entry: TokenEntry) async throws {
        let namespace = Namespace(validated: entry.namespace)
        if let parent = entry.parentHash {
            let parentNamespace = Namespace(validated: entry.parentNamespace ?? entry.namespace)
            try await writeEntry(childIndexPath(parentNamespace, parent: parent, child: entry.idHash),
                                 SecureBytes(copying: Array(entry.namespace.utf8)), expectedVersion: nil)
        }
        try await writeEntry(namespace.storagePrefix + Self.accessorPrefix + entry.accessor, SecureBytes(copying: Array(entry.idHash.utf8)), expectedVersion: nil)
        try await writeDocument(entry, tokenPath(namespace, hash: entry.idHash), expectedVersion: 0)
    }

    func childIndexPath(_ namespace: Namespace, parent: String, child: String) -> String {
        namespace.storagePrefix + Self.childPrefix + parent + "/" + child
    }

    /// `auth/token/create`: a child of `parent` (unless `no_parent` by a root or sudo caller), with policies that
    /// must be a subset of the parent's (unless the parent is root).
    func createToken(parent: TokenEntry, namespace: Namespace, body: JSONValue?) async throws -> (String, TokenEntry) {
        var policies = try Self.stringArray(body?["policies"]) ?? parent.policies.filter { $0 != "root" || parent.isRoot }
        let noDefault = body?["no_default_policy"]?.boolValue ?? false
        if !noDefault && !policies.contains("default") && !policies.contains("root") { policies.append("default") }
        policies = Array(Set(policies)).sorted()
        if !parent.isRoot {
            let allowed = Set(parent.policies)
            guard policies.allSatisfy({ allowed.contains($0) || $0 == "default" }) else {
                throw KeyServiceError(.permissionDenied, "child policies must be subset of parent")
            }
        }
        guard policies.count <= 64, policies.allSatisfy({ !$0.isEmpty && $0.count <= 128 }) else {
            throw KeyServiceError(.invalidRequest, "invalid policies")
        }
        // Like Vault's system max TTL: no token but a root token lives longer than 768 hours from its creation.
        let ttl = min(try Duration.seconds(from: body?["ttl"]) ?? (policies.contains("root") ? 0 : Self.defaultTokenTTL), Self.defaultTokenTTL)
        let explicitMax = min(try Duration.seconds(from: body?["explicit_max_ttl"]) ?? 0, Self.defaultTokenTTL)
        var effectiveTTL = ttl == 0 && !policies.contains("root") ? Self.defaultTokenTTL : ttl
        if explicitMax > 0 { effectiveTTL = effectiveTTL == 0 ? explicitMax : min(effectiveTTL, explicitMax) }
        // A child never outlives its parent.
        if parent.expireTime != 0 {
            effectiveTTL = effectiveTTL == 0 ? parent.remainingTTL(now: now) : min(effectiveTTL, parent.remainingTTL(now: now))
        }
        let noParent = body?["no_parent"]?.boolValue ?? false
        if noParent && !parent.isRoot { throw KeyServiceError(.permissionDenied, "root or sudo privileges required to create orphan token") }
        var meta: [String: String] = [:]
        if let object = body?["meta"]?.objectValue {
            guard object.count <= 64 else { throw KeyServiceError(.invalidRequest, "too much token metadata") }
            for (key, value) in object {
                guard let text = value.stringValue, key.count <= 256, text.count <= 1024 else { throw KeyServiceError(.invalidRequest, "token metadata must be strings") }
                meta[key] = text
            }
        }
        let displayName = body?["display_name"]?.stringValue ?? "token"
        guard displayName.count <= 256 else { throw KeyServiceError(.invalidRequest, "display name too long") }
        let numUses = body?["num_uses"]?.integerValue ?? 0
        guard numUses >= 0 else { throw KeyServiceError(.invalidRequest, "num_uses cannot be negative") }
        let token = try TokenString.generate()
        let created = now
        let entry = TokenEntry(
            idHash: TokenString.hash(token), accessor: try TokenString.accessor(), policies: policies,
            namespace: namespace.path, displayName: "token-" + displayName.prefix(64), meta: meta, creationTime: created,
            creationTTL: effectiveTTL, expireTime: effectiveTTL == 0 ? 0 : created + effectiveTTL, explicitMaxTTL: explicitMax,
            renewable: body?["renewable"]?.boolValue ?? true, numUses: numUses,
            parentHash: noParent ? nil : parent.idHash, parentNamespace: noParent ? nil : parent.namespace, orphan: noParent,
            path: "auth/token/create"
        )
        try await storeToken(entry)
        return (token, entry)
    }

    /// Revokes a token and all its descendants, wherever they live (a child created in a child namespace is
    /// indexed under its parent's namespace with its own namespace as the value).
    func revokeTree(_ entry: TokenEntry, namespace: Namespace) async throws {
        if let parent = entry.parentHash {
            let parentNamespace = Namespace(validated: entry.parentNamespace ?? entry.namespace)
            try await storageDelete(childIndexPath(parentNamespace, parent: parent, child: entry.idHash))
        }
        var pending = [(entry.idHash, namespace)]
        var visited = Set<String>()
        while let (hash, tokenNamespace) = pending.popLast(), visited.count < 100_000 {
            guard visited.insert(hash).inserted else { continue }
            let indexPrefix = tokenNamespace.storagePrefix + Self.childPrefix + hash + "/"
            let children = try await storageList(indexPrefix)
            for child in children {
                let childHash = String(child.dropFirst(indexPrefix.count))
                let stored = try await readEntry(child).map { entry in entry.plaintext.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
                // Index entries written before child namespaces were recorded hold a single byte: same namespace.
                let childNamespace = stored.flatMap { try? Namespace(parsing: $0) } ?? tokenNamespace
                pending.append((childHash, childNamespace))
            }
            let path = tokenPath(tokenNamespace, hash: hash)
            if let (token, _) = try await readDocument(TokenEntry.self, path) {
                try await storageDelete(tokenNamespace.storagePrefix + Self.accessorPrefix + token.accessor)
            }
            try await storageDelete(path)
            caches.remove(path: path)
            for child in children { try await storageDelete(child) }
        }
    }

    /// `renew-self`: extends the TTL by `increment` (or the creation TTL), never beyond the explicit maximum, 768
    /// hours from creation, or the parent's expiry. Compare-and-swap against the stored token, so a renewal racing
    /// a revocation cannot bring the token back.
    func renewToken(_ entry: TokenEntry, namespace: Namespace, increment: Int64?) async throws -> TokenEntry {
        guard entry.renewable, entry.expireTime != 0 else { throw KeyServiceError(.invalidRequest, "token is not renewable") }
        let path = tokenPath(namespace, hash: entry.idHash)
        return try await withRetries {
            guard let (current, version) = try await readDocument(TokenEntry.self, path), !current.isExpired(now: now) else {
                throw KeyServiceError(.permissionDenied, "permission denied")
            }
            var renewed = current
            let now = self.now
            var limit = current.creationTime + (current.explicitMaxTTL > 0 ? current.explicitMaxTTL : Self.defaultTokenTTL)
            if let parentHash = current.parentHash {
                let parentNamespace = Namespace(validated: current.parentNamespace ?? current.namespace)
                guard let (parent, _) = try await readDocument(TokenEntry.self, tokenPath(parentNamespace, hash: parentHash)), !parent.isExpired(now: now) else {
                    throw KeyServiceError(.permissionDenied, "permission denied")
                }
                if parent.expireTime != 0 { limit = min(limit, parent.expireTime) }
            }
            let requested = increment.flatMap { $0 > 0 ? $0 : nil } ?? current.creationTTL
            renewed.expireTime = max(current.expireTime, min(now + requested, limit))
            try await writeDocument(renewed, path, expectedVersion: version)
            return renewed
        }
    }

    /// Counts one use of a token created with `num_uses`; the last use revokes it (after this request).
    func consumeUse(_ entry: TokenEntry, namespace: Namespace) async throws -> TokenEntry {
        guard entry.numUses > 0 else { return entry }
        let path = tokenPath(namespace, hash: entry.idHash)
        return try await withRetries {
            guard let (current, version) = try await readDocument(TokenEntry.self, path) else { throw KeyServiceError(.permissionDenied, "permission denied") }
            if current.numUses <= 1 {
                try await revokeTree(current, namespace: namespace)
                var last = current
                last.numUses = 0
                return last
            }
            var used = current
            used.numUses -= 1
            try await writeDocument(used, path, expectedVersion: version)
            return used
        }
    }

    /// The `auth` block of a token-creating response.
    func authBlock(token: String, entry: TokenEntry) -> JSONValue {
        let policies = JSONValue.array(entry.policies.map { .string($0) })
        return [
            "client_token": .string(token), "accessor": .string(entry.accessor), "policies": policies,
            "token_policies": policies, "metadata": .object(entry.meta.mapValues { .string($0) }),
            "lease_duration": .integer(entry.remainingTTL(now: now)), "renewable": .bool(entry.renewable),
            "entity_id": "", "token_type": "service", "orphan": .bool(entry.orphan), "num_uses": .integer(entry.numUses),
        ]
    }

    /// The `data` of `lookup-self` / `lookup`.
    func lookupData(_ entry: TokenEntry, token: String?) -> JSONValue {
        let policies = JSONValue.array(entry.policies.map { .string($0) })
        var data: [String: JSONValue] = [
            "accessor": .string(entry.accessor), "creation_time": .integer(entry.creationTime),
            "creation_ttl": .integer(entry.creationTTL), "display_name": .string(entry.displayName),
            "entity_id": "", "expire_time": entry.expireTime == 0 ? .null : .string(Timestamp.rfc3339(entry.expireTime)),
            "explicit_max_ttl": .integer(entry.explicitMaxTTL), "id": token.map { .string($0) } ?? "",
            "issue_time": .string(Timestamp.rfc3339(entry.creationTime)), "meta": entry.meta.isEmpty ? .null : .object(entry.meta.mapValues { .string($0) }),
            "num_uses": .integer(entry.numUses), "orphan": .bool(entry.orphan), "path": .string(entry.path),
            "policies": policies, "renewable": .bool(entry.renewable), "ttl": .integer(entry.remainingTTL(now: now)), "type": "service",
        ]
        data["namespace_path"] = .string(entry.namespace.isEmpty ? "" : entry.namespace + "/")
        return .object(data)
    }

    static func stringArray(_ value: JSONValue?) throws -> [String]? {
        guard let value else { return nil }
        if let text = value.stringValue {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard let array = value.arrayValue else { throw KeyServiceError(.invalidRequest, "expected a list of strings") }
        return try array.map { item in
            guard let text = item.stringValue else { throw KeyServiceError(.invalidRequest, "expected a list of strings") }
            return text
        }
    }
}
