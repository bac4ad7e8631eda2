import Foundation
import StrictJSON

/// A capability a policy grants on a path (Vault's names).
public enum Capability: String, Sendable, CaseIterable {
    /// POST/PUT to a path that does not exist yet.
    case create
    /// GET.
    case read
    /// POST/PUT to an existing path (and every Transit operation).
    case update
    /// DELETE.
    case delete
    /// LIST.
    case list
    /// Required in addition on root-protected paths (`sys/seal`, `sys/rotate`, `sys/namespaces/…`).
    case sudo
    /// Refuses everything on the path, whatever else is granted.
    case deny
}

/// An ACL policy in Vault's JSON form:
/// `{"path": {"transit/encrypt/orders": {"capabilities": ["update"]}, "transit/keys/*": {"capabilities": ["read", "list"]}}}`.
/// Paths are exact, or globs: a trailing `*` matches any suffix, a `+` segment matches one path segment.
/// Vault's HCL form is not accepted (its JSON form expresses the same policies).
public struct ACLPolicy: Sendable, Equatable {
    /// The policy's name.
    public let name: String
    /// Capabilities by path pattern.
    public let rules: [String: Set<Capability>]
    /// The policy text as submitted (returned by reads).
    public let text: String

    /// The largest accepted policy text.
    public static let maximumLength = 256 * 1024

    /// Parses a policy.
    public init(name: String, text: String) throws {
        guard text.utf8.count <= Self.maximumLength else { throw KeyServiceError(.invalidRequest, "policy too large") }
        let document: JSONValue
        do {
            document = try JSONValue.parse(Data(text.utf8))
        } catch {
            throw KeyServiceError(.invalidRequest, "policy must be Vault's JSON policy form")
        }
        guard let paths = document["path"]?.objectValue else { throw KeyServiceError(.invalidRequest, "policy has no \"path\" object") }
        var rules: [String: Set<Capability>] = [:]
        for (pattern, body) in paths {
            guard !pattern.isEmpty, pattern.utf8.count <= 1024 else { throw KeyServiceError(.invalidRequest, "invalid policy path") }
            if let star = pattern.firstIndex(of: "*"), star != pattern.index(before: pattern.endIndex) {
                throw KeyServiceError(.invalidRequest, "a policy path may only end with *")
            }
            guard let list = body["capabilities"]?.arrayValue else { throw KeyServiceError(.invalidRequest, "policy path without capabilities") }
            var capabilities = Set<Capability>()
            for item in list {
                guard let name = item.stringValue, let capability = Capability(rawValue: name) else {
                    throw KeyServiceError(.invalidRequest, "unknown capability in policy")
                }
                capabilities.insert(capability)
            }
            rules[pattern.hasPrefix("/") ? String(pattern.dropFirst()) : pattern, default: []].formUnion(capabilities)
        }
        self.name = name
        self.rules = rules
        self.text = text
    }

    init(name: String, rules: [String: Set<Capability>]) {
        self.name = name
        self.rules = rules
        text = ""
    }

    /// Vault's built-in `default` policy: a token may look itself up, renew and revoke itself.
    public static let defaultPolicy = ACLPolicy(name: "default", rules: [
        "auth/token/lookup-self": [.read],
        "auth/token/renew-self": [.update],
        "auth/token/revoke-self": [.update],
        "sys/capabilities-self": [.update],
    ])
}

/// The union of a token's policies, evaluated the way Vault chooses among matching paths. Paths and patterns
/// are compared as UTF-8 bytes, as Vault (Go) compares them, never up to Unicode equivalence.
struct ACL: Sendable {
    private let exact: [[UInt8]: Set<Capability>]
    private let globs: [(pattern: [UInt8], capabilities: Set<Capability>)]
    let isRoot: Bool

    init(policies: [ACLPolicy], isRoot: Bool) {
        var exact: [[UInt8]: Set<Capability>] = [:]
        var globs: [[UInt8]: Set<Capability>] = [:]
        for policy in policies {
            for (pattern, capabilities) in policy.rules {
                let bytes = Array(pattern.utf8)
                if bytes.last == UInt8(ascii: "*") || bytes.contains(UInt8(ascii: "+")) {
                    globs[bytes, default: []].formUnion(capabilities)
                } else {
                    exact[bytes, default: []].formUnion(capabilities)
                }
            }
        }
        self.exact = exact
        self.globs = globs.map { ($0.key, $0.value) }
        self.isRoot = isRoot
    }

    /// The capabilities on `path`: the exact rule if there is one, otherwise the highest-priority matching glob.
    func capabilities(for path: String) -> Set<Capability> {
        if isRoot { return Set(Capability.allCases).subtracting([.deny]) }
        let bytes = Array(path.utf8)
        if let rule = exact[bytes] { return rule.contains(.deny) ? [.deny] : rule }
        var best: (pattern: [UInt8], capabilities: Set<Capability>)?
        for glob in globs where Self.matches(glob.pattern, bytes) {
            if let current = best, !Self.hasPriority(glob.pattern, over: current.pattern) { continue }
            best = glob
        }
        guard let best else { return [] }
        return best.capabilities.contains(.deny) ? [.deny] : best.capabilities
    }

    func allows(_ capability: Capability, on path: String) -> Bool {
        if isRoot { return capability != .deny }
        let granted = capabilities(for: path)
        return !granted.contains(.deny) && granted.contains(capability)
    }

    /// Whether a glob (`+` segments, optional trailing `*`) matches `path`.
    static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        let slash = UInt8(ascii: "/")
        let isPrefix = pattern.last == UInt8(ascii: "*")
        let body = isPrefix ? pattern.dropLast() : pattern[...]
        let patternSegments = body.split(separator: slash, omittingEmptySubsequences: false)
        let pathSegments = path.split(separator: slash, omittingEmptySubsequences: false)
        if !isPrefix && patternSegments.count != pathSegments.count { return false }
        if isPrefix && pathSegments.count < patternSegments.count { return false }
        for (index, segment) in patternSegments.enumerated() {
            let target = pathSegments[index]
            let isLast = index == patternSegments.count - 1
            if segment.elementsEqual([UInt8(ascii: "+")]) { continue }
            if isLast && isPrefix {
                if !target.starts(with: segment) { return false }
            } else if !segment.elementsEqual(target) {
                return false
            }
        }
        return true
    }

    /// Vault's priority between two matching globs: a later first wildcard wins; then a pattern without `*` wins;
    /// then fewer `+` segments; then the longer pattern; then the lexicographically larger.
    static func hasPriority(_ lhs: [UInt8], over rhs: [UInt8]) -> Bool {
        func firstWildcard(_ pattern: [UInt8]) -> Int {
            let plus = pattern.firstIndex(of: UInt8(ascii: "+")) ?? Int.max
            let star = pattern.last == UInt8(ascii: "*") ? pattern.count - 1 : Int.max
            return min(plus, star)
        }
        let (l, r) = (firstWildcard(lhs), firstWildcard(rhs))
        if l != r { return l > r }
        let (lStar, rStar) = (lhs.last == UInt8(ascii: "*"), rhs.last == UInt8(ascii: "*"))
        if lStar != rStar { return !lStar }
        let (lPlus, rPlus) = (lhs.count { $0 == UInt8(ascii: "+") }, rhs.count { $0 == UInt8(ascii: "+") })
        if lPlus != rPlus { return lPlus < rPlus }
        if lhs.count != rhs.count { return lhs.count > rhs.count }
        return lhs.lexicographicallyPrecedes(rhs) == false && lhs != rhs
    }
}
