import CryptoPrimitives
import Foundation

extension KeyService {
    /// `auth/token/...`.
    func handleToken(_ context: RequestContext, _ segments: [String]) async throws -> VaultResponse {
        let path = "auth/token/" + segments.joined(separator: "/")
        let method = context.request.method
        switch (segments.first ?? "", method) {
        case ("create", "POST"), ("create-orphan", "POST"):
            try context.require(.update, path)
            var body = context.body ?? [:]
            if segments.first == "create-orphan", case .object(var members) = body {
                members["no_parent"] = true
                body = .object(members)
            }
            let (token, entry) = try await createToken(parent: context.token, namespace: context.namespace, body: body)
            return .auth(authBlock(token: token, entry: entry))
        case ("lookup-self", "GET"), ("lookup-self", "POST"):
            try context.require(.read, "auth/token/lookup-self")
            return .ok(lookupData(context.token, token: context.tokenString))
        case ("lookup", "POST"), ("lookup", "GET"):
            try context.require(method == "GET" ? .read : .update, path)
            guard let token = context.body?["token"]?.stringValue ?? context.request.query["token"],
                  let (entry, _) = try await lookupToken(token, in: context.namespace)
            else { throw KeyServiceError(.permissionDenied, "bad token") }
            return .ok(lookupData(entry, token: token))
        case ("renew-self", "POST"):
            try context.require(.update, path)
            let increment = try Duration.seconds(from: context.body?["increment"])
            let renewed = try await renewToken(context.token, namespace: context.tokenNamespace, increment: increment)
            return .auth(authBlock(token: context.tokenString, entry: renewed))
        case ("revoke-self", "POST"):
            try context.require(.update, path)
            try await revokeTree(context.token, namespace: context.tokenNamespace)
            return .noContent
        case ("revoke", "POST"):
            try context.require(.update, path)
            guard let token = context.body?["token"]?.stringValue else { throw KeyServiceError(.invalidRequest, "missing token") }
            if let (entry, namespace) = try await lookupToken(token, in: context.namespace) {
                // A token may revoke tokens of its own namespace or below, not of a parent namespace.
                guard namespace.relativePrefix(from: context.tokenNamespace) != nil else { throw KeyServiceError(.permissionDenied, "permission denied") }
                try await revokeTree(entry, namespace: namespace)
            }
            return .noContent
        default:
            try context.require(method == "LIST" ? .list : .read, path)
            throw KeyServiceError(.notFound, "unsupported path")
        }
    }
}
