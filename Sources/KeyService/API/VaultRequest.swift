public import Foundation
import Synchronization
public import StrictJSON

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
    /// Vault's response envelope, kept as its parts until serialized.
    struct Envelope: Sendable {
        let data: JSONValue
        let warnings: [String]?
        let auth: JSONValue?
        let mountType: String
        let requestID: String
    }

    /// The HTTP status.
    public var status: Int
    private var storedBody: JSONValue?
    private var envelope: Envelope?

    /// The body.
    public var body: JSONValue? {
        get { envelope.map(Self.materialize) ?? storedBody }
        set {
            storedBody = newValue
            envelope = nil
        }
    }

    /// A response.
    public init(status: Int, body: JSONValue?) {
        self.status = status
        self.storedBody = body
    }

    private init(status: Int, envelope: Envelope) {
        self.status = status
        self.envelope = envelope
    }

    /// The body as compact JSON with sorted keys (what ``body`` would serialize to), or `nil` without a body.
    /// Envelopes are written around their data without building the envelope object first.
    public func serializedBody() -> [UInt8]? {
        guard let envelope else { return storedBody.map { $0.serializedBytes() } }
        var output = JSONSerializer()
        output.append(#"{"auth":"#)
        output.write(envelope.auth ?? .null)
        output.append(#","data":"#)
        output.write(envelope.data)
        output.append(#","lease_duration":0,"lease_id":"","mount_type":"#)
        output.write(.string(envelope.mountType))
        output.append(#","renewable":false,"request_id":"#)
        output.write(.string(envelope.requestID))
        output.append(#","warnings":"#)
        output.write(envelope.warnings.map { .array($0.map { .string($0) }) } ?? .null)
        output.append(#","wrap_info":null}"#)
        return output.output
    }

    /// 200 with Vault's envelope around `data`.
    static func ok(_ data: JSONValue, warnings: [String]? = nil, auth: JSONValue? = nil, mountType: String = "") -> VaultResponse {
        VaultResponse(status: 200, envelope: Envelope(data: data, warnings: warnings, auth: auth, mountType: mountType, requestID: requestID()))
    }

    /// 200 with the envelope and an `auth` block (token endpoints).
    static func auth(_ auth: JSONValue) -> VaultResponse {
        .ok(.null, auth: auth, mountType: "token")
    }

    /// 204.
    static let noContent = VaultResponse(status: 204, body: nil)

    /// An error status with `{"errors": [...]}`.
    static func error(_ status: Int, _ messages: [String]) -> VaultResponse {
        VaultResponse(status: status, body: ["errors": .array(messages.map { .string($0) })])
    }

    static func materialize(_ envelope: Envelope) -> JSONValue {
        [
            "request_id": .string(envelope.requestID), "lease_id": "", "renewable": false, "lease_duration": 0,
            "data": envelope.data, "wrap_info": nil, "warnings": envelope.warnings.map { .array($0.map { .string($0) }) } ?? .null,
            "auth": envelope.auth ?? .null, "mount_type": .string(envelope.mountType),
        ]
    }

    /// A UUID-formatted request id: a random per-process prefix and a counter. Unique, not secret (nothing is
    /// authorized by it), and free of system calls on the request path.
    static func requestID() -> String {
        RequestIDs.shared.next()
    }
}

/// The source of request ids.
final class RequestIDs: Sendable {
    static let shared = RequestIDs()
    private let prefix: UInt64
    private let counter = Atomic<UInt64>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        prefix = generator.next()
    }

    func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (half, value) in [(0, prefix), (1, count)] {
                for nibble in 0..<16 {
                    // 8-4-4-4-12: hyphens before hex digits 8, 12, 16 and 20.
                    let digit = half * 16 + nibble
                    if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = digits.utf8Start[Int((value >> UInt64(60 - 4 * nibble)) & 0xF)]
                    position += 1
                }
            }
            return position
        }
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
