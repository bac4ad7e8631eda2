/// Where a tenant's key lives in keyserviced or Vault: a Transit mount path, a key name and an optional
/// namespace, written `vault://<mount>/keys/<name>` with `?namespace=<ns>` when there is one, as in an app
/// setting `encryption_key_id: "vault://transit/keys/tenant-42"`.
///
/// Mount and namespace are `/`-separated segments; every segment and the key name use only `A–Z a–z 0–9 . _ -`
/// (no `.` or `..` segments, 1–128 bytes each, at most 8 segments), so a reference can never address another
/// path on the server.
public struct TransitKeyReference: Sendable, Hashable, CustomStringConvertible {
    /// The namespace (empty for the root namespace).
    public let namespace: String
    /// The Transit mount path, e.g. `transit`.
    public let mount: String
    /// The key name.
    public let keyName: String

    /// A reference from its parts.
    ///
    /// - Throws: ``TransitError`` with code `invalidReference` when a part is empty or uses other characters.
    public init(namespace: String = "", mount: String = "transit", keyName: String) throws {
        guard namespace.isEmpty || Self.isPath(namespace), Self.isPath(mount), Self.isSegment(Substring(keyName)) else {
            throw TransitError(.invalidReference, "key reference has an invalid namespace, mount or name")
        }
        self.namespace = namespace
        self.mount = mount
        self.keyName = keyName
    }

    /// Parses `vault://<mount>/keys/<name>[?namespace=<ns>]`.
    public init(parsing reference: String) throws {
        guard reference.utf8.count <= 1024, reference.hasPrefix("vault://") else {
            throw TransitError(.invalidReference, "key reference must start with vault://")
        }
        var rest = Substring(reference.dropFirst("vault://".count))
        var namespace = ""
        if let question = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: question)...]
            guard query.hasPrefix("namespace=") else { throw TransitError(.invalidReference, "the only query parameter is namespace") }
            namespace = String(query.dropFirst("namespace=".count))
            rest = rest[..<question]
        }
        guard let range = rest.range(of: "/keys/", options: .backwards) else {
            throw TransitError(.invalidReference, "key reference must name <mount>/keys/<name>")
        }
        try self.init(namespace: namespace, mount: String(rest[..<range.lowerBound]), keyName: String(rest[range.upperBound...]))
    }

    /// The canonical string form.
    public var description: String {
        "vault://\(mount)/keys/\(keyName)" + (namespace.isEmpty ? "" : "?namespace=\(namespace)")
    }

    static func isPath(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.count <= 8 && segments.allSatisfy(isSegment)
    }

    static func isSegment(_ segment: Substring) -> Bool {
        guard !segment.isEmpty, segment.utf8.count <= 128, segment != ".", segment != ".." else { return false }
        return segment.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }
}

/// A key-service call failed. The text is fixed; the HTTP status (if any) is the only detail kept, because error
/// bodies can quote request fields.
public struct TransitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why.
    public enum Code: String, Sendable {
        /// A `vault://` reference or client setting is invalid.
        case invalidReference
        /// The service could not be reached, or the connection failed.
        case unreachable
        /// The service answered with an error status.
        case rejected
        /// The service's answer was not what the API promises.
        case malformedResponse
    }

    /// The reason.
    public let code: Code
    /// A fixed explanation.
    public let reason: StaticString
    /// The HTTP status of a rejected request.
    public let status: Int?

    /// An error.
    public init(_ code: Code, _ reason: StaticString = "", status: Int? = nil) {
        self.code = code
        self.reason = reason
        self.status = status
    }

    /// Equal codes and statuses.
    public static func == (lhs: TransitError, rhs: TransitError) -> Bool { lhs.code == rhs.code && lhs.status == rhs.status }
    /// Hashes the code and status.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(status)
    }

    /// `TransitError(code, status): reason`.
    public var description: String {
        "TransitError(\(code.rawValue)\(status.map { ", HTTP \($0)" } ?? "")): \(reason)"
    }
}
