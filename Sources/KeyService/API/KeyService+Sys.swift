import CryptoPrimitives
import Foundation
import StrictJSON

extension KeyService {
    /// `sys/health`, `sys/seal-status`, `sys/init`, `sys/unseal`: no token needed. `nil` for other sys paths.
    func handleUnauthenticatedSys(_ request: VaultRequest, _ segments: [String]) async throws -> VaultResponse? {
        guard segments.count == 2 else { return nil }
        switch (segments[1], request.method) {
        case ("health", "GET"), ("health", "HEAD"):
            return health(request)
        case ("seal-status", "GET"):
            return .init(status: 200, body: sealStatusBody())
        case ("init", "GET"):
            return .init(status: 200, body: ["initialized": .bool(isInitialized)])
        case ("init", "POST"):
            return try await initializeFromRequest(request.body)
        case ("unseal", "POST"):
            if request.body?["reset"]?.boolValue == true {
                resetUnseal()
                return .init(status: 200, body: sealStatusBody())
            }
            guard let text = request.body?["key"]?.stringValue, let share = Self.decodeKeyShare(text) else {
                throw KeyServiceError(.invalidRequest, "missing or invalid unseal key")
            }
            guard isInitialized else { throw KeyServiceError(.invalidRequest, "Vault is not initialized") }
            do {
                _ = try await unseal(share: SecureBytes(consuming: &share.bytes))
            } catch let error as KeyServiceError where error.code == .invalidRequest {
                return .error(400, [error.text])
            }
            return .init(status: 200, body: sealStatusBody())
        case ("health", _), ("seal-status", _), ("init", _), ("unseal", _):
            throw KeyServiceError(.methodNotAllowed, "unsupported operation")
        default:
            return nil
        }
    }

    /// A key share in hex or base64 (Vault accepts both).
    final class ShareBytes { var bytes: [UInt8]; init(_ bytes: [UInt8]) { self.bytes = bytes } }

    static func decodeKeyShare(_ text: String) -> ShareBytes? {
        guard text.count <= 1024 else { return nil }
        if let bytes = Hex.decode(text), bytes.count >= 2 { return ShareBytes(bytes) }
        if let bytes = Base64.decode(text), bytes.count >= 2 { return ShareBytes(bytes) }
        return nil
    }

    private func health(_ request: VaultRequest) -> VaultResponse {
        let initialized = isInitialized
        let sealed = isSealed
        var status = 200
        if !initialized { status = Int(request.query["uninitcode"] ?? "") ?? 501 }
        else if sealed { status = Int(request.query["sealedcode"] ?? "") ?? 503 }
        else { status = Int(request.query["activecode"] ?? "") ?? 200 }
        if !(100...599).contains(status) { status = 400 }
        if request.method == "HEAD" { return .init(status: status, body: nil) }
        return .init(status: status, body: [
            "initialized": .bool(initialized), "sealed": .bool(sealed), "standby": false, "performance_standby": false,
            "replication_performance_mode": "disabled", "replication_dr_mode": "disabled",
            "server_time_utc": .integer(now), "version": .string(version), "cluster_name": "chatsecurity-keyservice",
            "cluster_id": "00000000-0000-0000-0000-000000000000",
        ])
    }

    func sealStatusBody() -> JSONValue {
        let status = sealStatus
        return [
            "type": "shamir", "initialized": .bool(isInitialized), "sealed": .bool(isSealed),
            "t": .integer(Int64(status.threshold)), "n": .integer(Int64(status.shares)), "progress": .integer(Int64(status.progress)),
            "nonce": "", "version": .string(version), "build_date": "2026-11-21T00:00:00Z", "migration": false,
            "recovery_seal": false, "storage_type": .string(storage.isShared ? "postgresql" : "file"),
        ]
    }

    private func initializeFromRequest(_ body: JSONValue?) async throws -> VaultResponse {
        for unsupported in ["pgp_keys", "root_token_pgp_key", "stored_shares", "recovery_shares", "recovery_threshold", "recovery_pgp_keys"] {
            if let value = body?[unsupported], value != .integer(0), value != .array([]), value != "" {
                throw KeyServiceError(.invalidRequest, "PGP-encrypted shares and recovery keys are not supported")
            }
        }
        guard let shares = body?["secret_shares"]?.integerValue, let threshold = body?["secret_threshold"]?.integerValue,
              (1...255).contains(shares), (1...255).contains(threshold)
        else { throw KeyServiceError(.invalidRequest, "invalid secret_shares or secret_threshold") }
        let result = try await initialize(shares: Int(shares), threshold: Int(threshold))
        let hex = result.keys.map { JSONValue.string(Hex.encode($0.unprotectedCopy())) }
        let base64 = result.keys.map { JSONValue.string(Base64.encode($0.unprotectedCopy())) }
        return .init(status: 200, body: ["keys": .array(hex), "keys_base64": .array(base64), "root_token": .string(result.rootToken)])
    }

    /// Authenticated `sys/...` endpoints.
    func handleSys(_ context: RequestContext, _ segments: [String]) async throws -> VaultResponse {
        let method = context.request.method
        let path = segments.joined(separator: "/")
        let rest = Array(segments.dropFirst(2))
        switch (segments.count > 1 ? segments[1] : "", method) {
        case ("seal", "POST"):
            try Self.requireRootNamespace(context)
            try context.require(.sudo, path)
            try context.require(.update, path)
            seal()
            return .noContent
        case ("rotate", "POST"):
            try Self.requireRootNamespace(context)
            try context.require(.sudo, path)
            try context.require(.update, path)
            _ = try await rotateKeyring()
            return .noContent
        case ("key-status", "GET"):
            try context.require(.read, path)
            return .ok(["term": .integer(Int64(barrier.activeTerm ?? 0)), "install_time": .string(Timestamp.rfc3339(now))])
        case ("mounts", _):
            return try await handleMounts(context, path: path, rest: rest)
        case ("policy", _):
            return try await handlePolicies(context, path: path, rest: rest, aclForm: false)
        case ("policies", _) where segments.count >= 3 && segments[2] == "acl":
            return try await handlePolicies(context, path: path, rest: Array(segments.dropFirst(3)), aclForm: true)
        case ("namespaces", _):
            return try await handleNamespaces(context, path: path, rest: rest)
        case ("capabilities-self", "POST"):
            try context.require(.update, path)
            let paths = try Self.stringArray(context.body?["paths"]) ?? (context.body?["path"]?.stringValue.map { [$0] } ?? [])
            var result: [String: JSONValue] = [:]
            for target in paths.prefix(64) {
                let granted = context.acl.isRoot ? ["root"] : Capability.allCases.filter { context.allows($0, target) }.map(\.rawValue)
                result[target] = .array(granted.isEmpty ? ["deny"] : granted.map { .string($0) })
            }
            if paths.count == 1, let only = paths.first { result["capabilities"] = result[only] }
            return .ok(.object(result))
        default:
            try context.require(method == "LIST" ? .list : .read, path)
            throw KeyServiceError(.notFound, "unsupported path")
        }
    }

    /// Sealing and keyring rotation act on the whole service, every tenant included: only from the root namespace,
    /// with a root-namespace token (as Vault Enterprise serves them only there).
    static func requireRootNamespace(_ context: RequestContext) throws {
        guard context.namespace == .root, context.tokenNamespace == .root else { throw KeyServiceError(.permissionDenied, "permission denied") }
    }

    private func handleMounts(_ context: RequestContext, path: String, rest: [String]) async throws -> VaultResponse {
        let method = context.request.method
        if rest.isEmpty {
            guard method == "GET" else { throw KeyServiceError(.methodNotAllowed, "unsupported operation") }
            try context.require(.read, path)
            let (table, _) = try await mountTable(context.namespace)
            var data: [String: JSONValue] = [:]
            for mount in table.mounts { data[mount.path] = mountInfo(mount) }
            // Vault repeats the mounts at the top level of the response, next to the envelope's fields.
            guard case .object(var merged)? = VaultResponse.ok(.object(data), mountType: "system").body else { return .ok(.object(data)) }
            for (key, value) in data { merged[key] = value }
            return .init(status: 200, body: .object(merged))
        }
        let mountPath = rest.joined(separator: "/")
        switch method {
        case "POST":
            try context.require(.update, path)
            let type = context.body?["type"]?.stringValue ?? ""
            try await mount(context.namespace, path: mountPath, type: type, description: context.body?["description"]?.stringValue ?? "")
            return .noContent
        case "DELETE":
            try context.require(.delete, path)
            try await unmount(context.namespace, path: mountPath)
            return .noContent
        case "GET":
            try context.require(.read, path)
            let normalized = try MountEntry.normalize(mountPath)
            guard let mount = try await mountTable(context.namespace).0.mounts.first(where: { $0.path == normalized }) else {
                throw KeyServiceError(.notFound, "no mount at this path")
            }
            return .ok(mountInfo(mount))
        default:
            throw KeyServiceError(.methodNotAllowed, "unsupported operation")
        }
    }

    private func mountInfo(_ mount: MountEntry) -> JSONValue {
        [
            "type": .string(mount.type), "description": .string(mount.description), "accessor": .string(mount.accessor),
            "uuid": .string(mount.uuid), "config": ["default_lease_ttl": 0, "max_lease_ttl": 0, "force_no_cache": false],
            "options": nil, "local": false, "seal_wrap": false, "external_entropy_access": false, "plugin_version": "",
            "running_plugin_version": .string("v\(version)+builtin"), "running_sha256": "",
        ]
    }

    private func handlePolicies(_ context: RequestContext, path: String, rest: [String], aclForm: Bool) async throws -> VaultResponse {
        let method = context.request.method
        if rest.isEmpty {
            guard method == "LIST" || method == "GET" else { throw KeyServiceError(.methodNotAllowed, "unsupported operation") }
            try context.require(method == "LIST" ? .list : .read, path)
            let names = try await listPolicies(context.namespace).map { JSONValue.string($0) }
            return aclForm ? .ok(["keys": .array(names)]) : .ok(["keys": .array(names), "policies": .array(names)])
        }
        // Policy names are case-insensitive (stored lowercased): the ACL is checked on the canonical path, so
        // `sys/policy/ADMIN` cannot slip past a rule written for `sys/policy/admin`.
        let lower = try Self.validatePolicyName(rest.joined(separator: "/"))
        let path = (aclForm ? "sys/policies/acl/" : "sys/policy/") + lower
        switch method {
        case "GET":
            try context.require(.read, path)
            let text: String
            if lower == "root" {
                text = ""
            } else if let stored = try await readPolicy(context.namespace, lower) {
                text = stored.text
            } else if lower == "default" {
                text = #"{"path":{"auth/token/lookup-self":{"capabilities":["read"]},"auth/token/renew-self":{"capabilities":["update"]},"auth/token/revoke-self":{"capabilities":["update"]},"sys/capabilities-self":{"capabilities":["update"]}}}"#
            } else {
                throw KeyServiceError(.notFound, "")
            }
            return aclForm ? .ok(["name": .string(lower), "policy": .string(text)]) : .ok(["name": .string(lower), "rules": .string(text)])
        case "POST":
            let exists = try await readPolicy(context.namespace, lower) != nil
            try context.require(exists ? .update : .create, path)
            guard let text = context.body?["policy"]?.stringValue ?? context.body?["rules"]?.stringValue else {
                throw KeyServiceError(.invalidRequest, "missing policy")
            }
            try await writePolicy(context.namespace, name: lower, text: text)
            return .noContent
        case "DELETE":
            try context.require(.delete, path)
            try await deletePolicy(context.namespace, name: lower)
            return .noContent
        default:
            throw KeyServiceError(.methodNotAllowed, "unsupported operation")
        }
    }

    private func handleNamespaces(_ context: RequestContext, path: String, rest: [String]) async throws -> VaultResponse {
        let method = context.request.method
        if rest.isEmpty {
            guard method == "LIST" else { throw KeyServiceError(.methodNotAllowed, "unsupported operation") }
            try context.require(.list, path)
            let children = try await listNamespaces(under: context.namespace)
            guard !children.isEmpty else { throw KeyServiceError(.notFound, "") }
            let names = children.map { JSONValue.string(String($0.path.split(separator: "/").last ?? "") + "/") }
            return .ok(["keys": .array(names)])
        }
        // One level at a time: `a/b` is created inside `a`, so a namespace never outlives its parent.
        guard rest.count == 1, let name = rest.first else { throw KeyServiceError(.invalidRequest, "namespaces are created one level at a time") }
        let target = try Namespace(parsing: context.namespace.path.isEmpty ? name : context.namespace.path + "/" + name)
        switch method {
        case "POST":
            try context.require(.sudo, path)
            let record = try await createNamespace(parent: context.namespace, name: name)
            return .ok(["id": .string(record.id), "path": .string(record.path + "/")])
        case "DELETE":
            try context.require(.sudo, path)
            try context.require(.delete, path)
            try await deleteNamespace(target)
            return .noContent
        case "GET":
            try context.require(.read, path)
            guard let (record, _) = try await readDocument(NamespaceRecord.self, namespaceRecordPath(target)) else {
                throw KeyServiceError(.notFound, "")
            }
            return .ok(["id": .string(record.id), "path": .string(record.path + "/")])
        default:
            throw KeyServiceError(.methodNotAllowed, "unsupported operation")
        }
    }
}
