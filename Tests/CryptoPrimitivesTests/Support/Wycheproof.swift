import Testing
import TestVectorKit

/// A Wycheproof vector file (schema v1), generic over its test-group type.
struct WycheproofFile<Group: Decodable & Sendable>: Decodable, Sendable {
    let algorithm: String
    let numberOfTests: Int
    let testGroups: [Group]

    /// Loads `wycheproof/<name>` from the bundled vectors.
    static func load(_ name: String) throws -> WycheproofFile<Group> {
        try TestVectors.json(WycheproofFile<Group>.self, "wycheproof/\(name)")
    }
}

/// The expected outcome of a Wycheproof case.
enum WycheproofResult: String, Decodable, Sendable {
    case valid, invalid, acceptable
}

/// What ChatSecurity does with an `acceptable` case, decided per flag and documented in the primitive's docs.
/// Every flag that marks an acceptable case must have a policy; an unreviewed flag fails the suite.
enum AcceptablePolicy: Sendable, Equatable {
    /// We accept these inputs and must produce the vector's output.
    case accept
    /// We reject these inputs.
    case reject
}

/// Counts the cases a suite checked and prints the tally, so the test log shows how many vectors ran.
struct VectorTally: CustomStringConvertible {
    let suite: String
    private(set) var valid = 0
    private(set) var invalid = 0
    private(set) var acceptable = 0

    init(_ suite: String) { self.suite = suite }

    var total: Int { valid + invalid + acceptable }

    mutating func count(_ result: WycheproofResult) {
        switch result {
        case .valid: valid += 1
        case .invalid: invalid += 1
        case .acceptable: acceptable += 1
        }
    }

    mutating func countValid(_ n: Int = 1) { valid += n }
    mutating func countInvalid(_ n: Int = 1) { invalid += n }

    var description: String {
        "[vectors] \(suite): \(total) checked (\(valid) valid, \(invalid) invalid, \(acceptable) acceptable)"
    }

    /// Prints the tally and checks that every case of the file was visited.
    func report(expectedTotal: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        print(description)
        if let expectedTotal {
            #expect(total == expectedTotal, "\(suite): visited \(total) of \(expectedTotal) cases", sourceLocation: sourceLocation)
        }
        #expect(total > 0, "\(suite): no vectors checked", sourceLocation: sourceLocation)
    }
}

/// Resolves the policy for an acceptable case from its flags: the first flag with a policy decides, so list
/// the more specific flags first. Records an issue when no flag has a policy.
func policy(
    for flags: [String],
    in table: [(flag: String, policy: AcceptablePolicy)],
    suite: String,
    tcId: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) -> AcceptablePolicy? {
    for entry in table where flags.contains(entry.flag) {
        return entry.policy
    }
    Issue.record("\(suite) tcId \(tcId): acceptable case with unreviewed flags \(flags)", sourceLocation: sourceLocation)
    return nil
}
