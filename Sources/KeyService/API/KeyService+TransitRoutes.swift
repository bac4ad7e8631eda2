import CryptoPrimitives
import Foundation

extension KeyService {
    /// Routes `<mount>/<path>` requests to the Transit engine, checking the ACL on `<mount path><path>`.
    func handleTransit(_ context: RequestContext, mount entry: MountEntry, path: String) async throws -> VaultResponse {
        let mount = TransitMount(namespace: context.namespace, entry: entry, prefix: logicalPrefix(context.namespace, entry))
        let aclPath = entry.path + path
        let parts = path.slashSegments
        let method = context.request.method
        func require(_ capability: Capability) throws { try context.require(capability, aclPath) }
        func name(_ index: Int) throws -> String {
            guard parts.count > index else { throw KeyServiceError(.notFound, "unsupported path") }
            return try TransitMount.validateName(parts[index])
        }

        switch (parts.first ?? "", parts.count, method) {
        case ("keys", 1, "LIST"):
            try require(.list)
            let keys = try await listKeys(mount)
            guard !keys.isEmpty else { throw KeyServiceError(.notFound, "") }
            return .ok(["keys": .array(keys.map { .string($0) })], mountType: "transit")
        case ("keys", 2, "GET"):
            try require(.read)
            guard let (key, _) = try await loadKey(mount, try name(1)) else { throw KeyServiceError(.notFound, "") }
            return .ok(keyInfo(key), mountType: "transit")
        case ("keys", 2, "POST"):
            let keyName = try name(1)
            try require(try await loadKey(mount, keyName) == nil ? .create : .update)
            return try await createKey(mount, name: keyName, body: context.body)
        case ("keys", 2, "DELETE"):
            try require(.delete)
            try await deleteKey(mount, name: try name(1))
            return .noContent
        case ("keys", 3, "POST"):
            let keyName = try name(1)
            // Importing a new key creates it: `create`, as for `keys/:name`; everything else changes a key: `update`.
            if parts[2] == "import", try await loadKey(mount, keyName) == nil { try require(.create) } else { try require(.update) }
            switch parts[2] {
            case "config":
                do { return .ok(keyInfo(try await configureKey(mount, name: keyName, body: context.body)), mountType: "transit") }
                catch let error as KeyServiceError where error.code == .notFound { throw KeyServiceError(.invalidRequest, "no existing key named the given name could be found") }
            case "rotate":
                do { return .ok(keyInfo(try await rotateKey(mount, name: keyName)), mountType: "transit") }
                catch let error as KeyServiceError where error.code == .notFound { throw KeyServiceError(.invalidRequest, "key not found") }
            case "trim":
                do { return .ok(keyInfo(try await trimKey(mount, name: keyName, body: context.body)), mountType: "transit") }
                catch let error as KeyServiceError where error.code == .notFound { throw KeyServiceError(.invalidRequest, "invalid key name") }
            case "import":
                return try await importKey(mount, name: keyName, body: context.body)
            case "import_version":
                return try await importVersion(mount, name: keyName, body: context.body)
            default:
                throw KeyServiceError(.notFound, "unsupported path")
            }
        case ("encrypt", 2, "POST"):
            return try await encrypt(context, mount, name: try name(1), aclPath: aclPath)
        case ("decrypt", 2, "POST"):
            try require(.update)
            return try await decrypt(context, mount, name: try name(1))
        case ("rewrap", 2, "POST"):
            try require(.update)
            return try await rewrap(context, mount, name: try name(1))
        case ("datakey", 3, "POST"):
            try require(.update)
            guard parts[1] == "plaintext" || parts[1] == "wrapped" else { throw KeyServiceError(.invalidRequest, "invalid type; must be plaintext or wrapped") }
            return try await dataKey(context, mount, name: try name(2), returnPlaintext: parts[1] == "plaintext")
        case ("random", 1...3, "POST"):
            try require(.update)
            return try random(context, pathSegments: Array(parts.dropFirst()))
        case ("hash", 1...2, "POST"):
            try require(.update)
            return try hash(context, pathAlgorithm: parts.count == 2 ? parts[1] : nil)
        case ("hmac", 2...3, "POST"):
            try require(.update)
            return try await hmac(context, mount, name: try name(1), pathAlgorithm: parts.count == 3 ? parts[2] : nil)
        case ("sign", 2...3, "POST"):
            try require(.update)
            return try await sign(context, mount, name: try name(1), pathAlgorithm: parts.count == 3 ? parts[2] : nil)
        case ("verify", 2...3, "POST"):
            try require(.update)
            return try await verify(context, mount, name: try name(1), pathAlgorithm: parts.count == 3 ? parts[2] : nil)
        case ("export", 3...4, "GET"):
            try require(.read)
            return try await export(mount, exportType: parts[1], name: try name(2), version: parts.count == 4 ? parts[3] : nil)
        case ("backup", 2, "GET"):
            try require(.read)
            return try await backup(mount, name: try name(1))
        case ("restore", 1...2, "POST"):
            try require(.update)
            return try await restore(mount, name: parts.count == 2 ? try name(1) : nil, body: context.body)
        case ("wrapping_key", 1, "GET"):
            try require(.read)
            return .ok(["public_key": .string(try await wrappingKey(mount).publicKey.pemRepresentation)], mountType: "transit")
        case ("cache-config", 1, "GET"), ("cache-config", 1, "POST"):
            try require(method == "GET" ? .read : .update)
            return try await transitSettings(context, mount, cache: true)
        case ("config", 2, "GET") where parts[1] == "keys", ("config", 2, "POST") where parts[1] == "keys":
            try require(method == "GET" ? .read : .update)
            return try await transitSettings(context, mount, cache: false)
        default:
            try require(method == "LIST" ? .list : (method == "GET" ? .read : .update))
            throw KeyServiceError(.methodNotAllowed, "unsupported operation")
        }
    }
}
