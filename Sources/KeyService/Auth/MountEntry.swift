/// A mounted secrets engine (only `transit` is offered).
struct MountEntry: Codable, Sendable, Equatable {
    /// The mount path with a trailing slash (`transit/`, `teams/billing/transit/`).
    var path: String
    var type: String
    var description: String
    var uuid: String
    var accessor: String
    var creationTime: Int64

    /// Normalizes and validates a mount path: segments of letters, digits, `-`, `_`, `.`; at most 8 deep.
    static func normalize(_ path: String) throws -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.isEmpty, segments.count <= 8, segments.allSatisfy(Namespace.isValidSegment) else {
            throw KeyServiceError(.invalidRequest, "invalid mount path")
        }
        let first = segments[0]
        guard first != "sys", first != "auth", first != "identity", first != "cubbyhole" else {
            throw KeyServiceError(.invalidRequest, "mount path is reserved")
        }
        return segments.joined(separator: "/") + "/"
    }
}
