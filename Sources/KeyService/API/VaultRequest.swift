public import Foundation

/// A Vault API request, independent of HTTP.
public struct VaultRequest: Sendable {
    /// The method, uppercased: `GET`, `HEAD`, `POST` (PUT is mapped to POST), `DELETE`, or `LIST` (also for
    /// `GET ?list=true`).
    public var method: String
    /// The path after `/v1/`, without leading or trailing slashes.
    public var path: String
    /// Query parameters.
    public var query: [String: String]
    /// The token (`X-Vault-Token` or `Authorization: Bearer`).
    public var token: String?
    /// The namespace (`X-Vault-Namespace`).
    public var namespace: String?
    /// The parsed JSON body, if any.
    public var body: JSONValue?
    /// The raw body, parsed into ``body`` only once the request is authenticated (so an unauthenticated caller
    /// cannot make the service parse 32 MiB of JSON).
    public var bodyData: Data?

    /// A request; the method and path are normalized.
    public init(method: String, path: String, query: [String: String] = [:], token: String? = nil, namespace: String? = nil, body: JSONValue? = nil) {
        var method = method.uppercased()
        if method == "PUT" { method = "POST" }
        if method == "GET", let list = query["list"]?.lowercased(), list == "true" || list == "1" { method = "LIST" }
        var path = Substring(path)
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        self.method = method
        self.path = String(path)
        self.query = query
        self.token = token
        self.namespace = namespace
        self.body = body
    }

    /// A request whose body is parsed after authentication.
    public init(method: String, path: String, query: [String: String] = [:], token: String? = nil, namespace: String? = nil, bodyData: Data) {
        self.init(method: method, path: path, query: query, token: token, namespace: namespace, body: nil)
        self.bodyData = bodyData.isEmpty ? nil : bodyData
    }

    /// Parses ``bodyData`` into ``body``: a JSON object (or `null`), nothing else.
    mutating func parseBody() throws {
        guard let data = bodyData else { return }
        bodyData = nil
        guard let parsed = try? JSONValue.parse(data) else { throw KeyServiceError(.invalidRequest, "failed to parse JSON input") }
        switch parsed {
        case .null: body = nil
        case .object: body = parsed
        default: throw KeyServiceError(.invalidRequest, "request body must be a JSON object")
        }
    }
}

/// A Vault API response: a status and a JSON body (`nil` for 204 and HEAD).
public struct VaultResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body.
    public var body: JSONValue?

    /// A response.
    public init(status: Int, body: JSONValue?) {
        self.status = status
        self.body = body
    }

    /// 200 with Vault's envelope around `data`.
    static func ok(_ data: JSONValue, warnings: [String]? = nil, auth: JSONValue? = nil, mountType: String = "") -> VaultResponse {
        VaultResponse(status: 200, body: envelope(data: data, warnings: warnings, auth: auth, mountType: mountType))
    }

    /// 200 with the envelope and an `auth` block (token endpoints).
    static func auth(_ auth: JSONValue) -> VaultResponse {
        VaultResponse(status: 200, body: envelope(data: .null, warnings: nil, auth: auth, mountType: "token"))
    }

    /// 204.
    static let noContent = VaultResponse(status: 204, body: nil)

    /// An error status with `{"errors": [...]}`.
    static func error(_ status: Int, _ messages: [String]) -> VaultResponse {
        VaultResponse(status: status, body: ["errors": .array(messages.map { .string($0) })])
    }

    static func envelope(data: JSONValue, warnings: [String]?, auth: JSONValue?, mountType: String) -> JSONValue {
        [
            "request_id": .string(requestID()), "lease_id": "", "renewable": false, "lease_duration": 0,
            "data": data, "wrap_info": nil, "warnings": warnings.map { .array($0.map { .string($0) }) } ?? .null,
            "auth": auth ?? .null, "mount_type": .string(mountType),
        ]
    }

    static func requestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }
        return hex.map { $0.count == 1 ? "0" + $0 : $0 }.joined().enumerated().map { index, character in
            [8, 12, 16, 20].contains(index) ? "-\(character)" : "\(character)"
        }.joined()
    }
}

/// Everything a handler knows about an authenticated request.
struct RequestContext: Sendable {
    let request: VaultRequest
    let namespace: Namespace
    let token: TokenEntry
    let tokenString: String
    let tokenNamespace: Namespace
    let acl: ACL

    var body: JSONValue? { request.body }

    /// Whether the token may use `capability` on `path` (relative to the request's namespace). As in Vault, a
    /// `list` is checked on the path with a trailing slash (`transit/keys/`).
    func allows(_ capability: Capability, _ path: String) -> Bool {
        guard let prefix = namespace.relativePrefix(from: tokenNamespace) else { return false }
        let checked = capability == .list && !path.hasSuffix("/") ? path + "/" : path
        return acl.allows(capability, on: prefix + checked)
    }

    func require(_ capability: Capability, _ path: String) throws {
        guard allows(capability, path) else { throw KeyServiceError(.permissionDenied, "permission denied") }
    }
}
