import AuditLog
import Foundation
import StrictJSON

/// One event for `chatsec audit append`: a JSON object on one line with exactly these members, all strings
/// except `attributes` (an object of strings):
///
///     {"tenant": …, "actor": …, "event_type": …, "outcome": "success" | "failure", "resource": …, "request_id": …,
///      "origin_address": …, "origin_client": …, "reason": …, "attributes": {…}}
///
/// `tenant`, `actor`, `event_type`, `outcome`, `resource` and `request_id` are required; unknown members, other
/// types, other outcomes and repeated members (including names that are canonically equivalent) are refused, so a
/// typo never becomes a different record. The line is read with the strict parser (`StrictJSON`). Errors name the
/// line and the member, never a value (events may hold pseudonyms of personal data).
enum EventLine {
    /// The longest line read (an encoded entry is at most 64 KiB).
    static let maximumLength = 256 * 1024

    static let required = ["tenant", "actor", "event_type", "outcome", "resource", "request_id"]
    static let optional = ["origin_address", "origin_client", "reason", "attributes"]

    /// Parses line `number` (1-based).
    static func parse(_ line: String, number: Int) throws -> AuditEvent {
        guard line.utf8.count <= maximumLength else { throw ValidationFailure("line \(number): longer than \(maximumLength) bytes") }
        let object: [String: JSONValue]
        do {
            guard let members = try JSONValue.parse(Data(line.utf8)).objectValue else { throw ValidationFailure("line \(number): not a JSON object") }
            object = members
        } catch let error as JSONParseError {
            throw ValidationFailure("line \(number): not valid JSON (byte \(error.offset))")
        }
        for name in object.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            // The name is shown only when it looks like a field name (lowercase letters and underscores); anything
            // else, digits included, could be data.
            let printable = name.utf8.count <= 32 && name.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }
            throw ValidationFailure("line \(number): unknown member" + (printable ? " \"\(name)\"" : ""))
        }
        func string(_ name: String) throws -> String {
            guard let value = object[name] else {
                if required.contains(name) { throw ValidationFailure("line \(number): \"\(name)\" is missing") }
                return ""
            }
            guard case .string(let text) = value else { throw ValidationFailure("line \(number): \"\(name)\" must be a string") }
            return text
        }
        let outcome: AuditEvent.Outcome
        switch try string("outcome") {
        case "success": outcome = .success
        case "failure": outcome = .failure
        default: throw ValidationFailure("line \(number): \"outcome\" must be \"success\" or \"failure\"")
        }
        var attributes: [String: String] = [:]
        if let value = object["attributes"] {
            guard case .object(let members) = value else { throw ValidationFailure("line \(number): \"attributes\" must be an object") }
            for (name, member) in members {
                guard case .string(let text) = member else { throw ValidationFailure("line \(number): every attribute must be a string") }
                attributes[name] = text
            }
        }
        return AuditEvent(tenant: try string("tenant"), actor: try string("actor"), eventType: try string("event_type"), outcome: outcome,
                          originAddress: try string("origin_address"), originClient: try string("origin_client"), resource: try string("resource"),
                          requestID: try string("request_id"), reason: try string("reason"), attributes: attributes)
    }
}
