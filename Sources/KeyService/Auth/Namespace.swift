/// A tenant namespace (`X-Vault-Namespace`): its own mounts, keys, tokens and policies. The root namespace is
/// the empty path; nested namespaces are `parent/child`.
public struct Namespace: Hashable, Sendable, CustomStringConvertible {
    /// The path without leading or trailing slashes (empty for the root namespace).
    public let path: String
    /// The storage prefix of everything in this namespace (computed once; it is on every request's path).
    let storagePrefix: String

    /// The root namespace.
    public static let root = Namespace(validated: "")

    init(validated path: String) {
        self.path = path
        storagePrefix = Self.storagePrefix(path)
    }

    /// Parses a namespace header or path: segments of letters, digits, `-`, `_` and `.`, at most 8 deep.
    public init(parsing text: String?) throws {
        guard let text, !text.isEmpty, text != "/" else {
            self = .root
            return
        }
        var trimmed = Substring(text)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.hasPrefix("root") && (trimmed.count == 4) { self = .root; return }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.count <= 8, segments.allSatisfy(Self.isValidSegment) else {
            throw KeyServiceError(.invalidRequest, "invalid namespace")
        }
        self.init(validated: segments.joined(separator: "/"))
    }

    static func isValidSegment(_ segment: Substring) -> Bool {
        !segment.isEmpty && segment.count <= 64 && segment != "." && segment != ".."
            && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    static func storagePrefix(_ path: String) -> String {
        path.isEmpty ? "" : "ns/" + path.slashSegments.joined(separator: "%2F") + "/"
    }

    /// Equal paths are equal namespaces.
    public static func == (lhs: Namespace, rhs: Namespace) -> Bool { lhs.path == rhs.path }

    /// Hashes the path.
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }

    /// This namespace and its ancestors, innermost first.
    var selfAndAncestors: [Namespace] {
        var result: [Namespace] = [self]
        var current = path
        while let slash = current.lastIndex(of: "/") {
            current = String(current[..<slash])
            result.append(Namespace(validated: current))
        }
        if !path.isEmpty { result.append(.root) }
        return result
    }

    /// The path of `self` relative to `ancestor` (`nil` if it is not an ancestor), with a trailing slash when not
    /// empty: the prefix a request path gets when a parent namespace's token is checked against its policies.
    func relativePrefix(from ancestor: Namespace) -> String? {
        if ancestor.path == path { return "" }
        if ancestor.path.isEmpty { return path + "/" }
        guard path.hasBytePrefix(ancestor.path + "/") else { return nil }
        return path.droppingBytes(ancestor.path.utf8.count + 1) + "/"
    }

    /// The path, or `root`.
    public var description: String { path.isEmpty ? "root" : path }
}
