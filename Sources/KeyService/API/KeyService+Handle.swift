import CryptoPrimitives
import Foundation

extension KeyService {
    /// Answers a Vault API request. Never throws: every failure becomes a status and an `errors` body, and no
    /// error text carries request data.
    public func handle(_ request: VaultRequest) async -> VaultResponse {
        do {
            return try await route(request)
        } catch let error as KeyServiceError {
            if error.code == .notFound, error.text.isEmpty { return .error(404, []) }
            return .error(error.code.httpStatus, [error.text])
        } catch let error as CryptoError {
            return .error(400, [Self.message(for: error)])
        } catch {
            return .error(500, ["internal error"])
        }
    }

    private static func message(for error: CryptoError) -> String {
        switch error.code {
        case .authenticationFailure: "cipher: message authentication failed"
        case .invalidKey: "invalid key"
        case .malformedInput: "invalid input encoding"
        case .invalidSignature: "invalid signature"
        default: "invalid request"
        }
    }

    private func route(_ request: VaultRequest) async throws -> VaultResponse {
        var request = request
        guard request.path.utf8.count <= 4096 else { throw KeyServiceError(.invalidRequest, "path too long") }
        let segments = request.path.slashSegments
        // Paths are checked against policies exactly as given; an empty, `.` or `..` segment could name one thing
        // to the ACL and another to a handler that normalizes, so such paths are refused outright.
        guard !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw KeyServiceError(.invalidRequest, "invalid request path")
        }
        try await refreshInitializationIfShared()
        // Unauthenticated system endpoints.
        if segments.first == "sys", segments.count == 2, Self.unauthenticatedSys.contains(segments[1]) {
            try request.parseBody()
            if let response = try await handleUnauthenticatedSys(request, segments) { return response }
        }
        try requireUnsealed()
        let namespace = try Namespace(parsing: request.namespace)
        // Authenticate first: a caller whose token is not valid here learns nothing, not even whether the
        // namespace exists (a tenant cannot enumerate other tenants).
        let context = try await authenticate(request, namespace: namespace)
        guard try await namespaceExists(namespace) else { throw KeyServiceError(.notFound, "no such namespace") }
        switch segments.first {
        case "sys":
            return try await handleSys(context, segments)
        case "auth":
            guard segments.count >= 3, segments[1] == "token" else { throw KeyServiceError(.notFound, "no handler for route") }
            return try await handleToken(context, Array(segments.dropFirst(2)))
        default:
            guard let (mount, rest) = try await resolveMount(namespace, path: request.path) else {
                // Vault answers unknown paths with 403 when the token cannot see them, which hides what exists.
                try context.require(request.method == "LIST" ? .list : .read, request.path)
                throw KeyServiceError(.notFound, "no handler for route")
            }
            return try await handleTransit(context, mount: mount, path: rest)
        }
    }

    static let unauthenticatedSys: Set<String> = ["health", "seal-status", "init", "unseal"]

    private func authenticate(_ request: VaultRequest, namespace: Namespace) async throws -> RequestContext {
        var request = request
        guard let token = request.token, !token.isEmpty,
              let (found, tokenNamespace) = try await lookupToken(token, in: namespace)
        else { throw KeyServiceError(.permissionDenied, "permission denied") }
        let entry = try await consumeUse(found, namespace: tokenNamespace)
        try request.parseBody()
        return RequestContext(request: request, namespace: namespace, token: entry, tokenString: token, tokenNamespace: tokenNamespace, acl: try await acl(for: entry))
    }
}
