import AuditLog
import Foundation

/// One event for `chatsec audit append`: a JSON object on one line with exactly these members, all strings
/// except `attributes` (an object of strings):
///
///     {"tenant": …, "actor": …, "event_type": …, "outcome": "success" | "failure", "resource": …, "request_id": …,
///      "origin_address": …, "origin_client": …, "reason": …, "attributes": {…}}
///
/// `tenant`, `actor`, `event_type`, `outcome`, `resource` and `request_id` are required; unknown members, other
/// types and other outcomes are refused, so a typo never becomes a different record. Errors name the line and the
/// member, never a value (events may hold pseudonyms of personal data).
enum EventLine {
    /// The longest line read (an encoded entry is at most 64 KiB).
    static let maximumLength = 256 * 1024

    static let required = ["tenant", "actor", "event_type", "outcome", "resource", "request_id"]
    static let optional = ["origin_address", "origin_client", "reason", "attributes"]

    /// Parses line `number` (1-based).
    static func parse(_ line: String, number: Int) throws -> AuditEvent {
        guard line.utf8.count <= maximumLength else { throw ValidationFailure("line \(number): longer than \(maximumLength) bytes") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        } catch {
            throw ValidationFailure("line \(number): not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw ValidationFailure("line \(number): not a JSON object") }
        for name in object.keys.sorted() where !required.contains(name) && !optional.contains(name) {
            // The name is shown only when it looks like a field name; anything else could be data.
            let printable = name.utf8.count <= 32 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            throw ValidationFailure("line \(number): unknown member" + (printable ? " \"\(name)\"" : ""))
        }
        func string(_ name: String) throws -> String {
            guard let value = object[name] else {
                if required.contains(name) { throw ValidationFailure("line \(number): \"\(name)\" is missing") }
                return ""
            }
            guard let text = value as? String else { throw ValidationFailure("line \(number): \"\(name)\" must be a string") }
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
            guard let members = value as? [String: Any] else { throw ValidationFailure("line \(number): \"attributes\" must be an object") }
            for (name, member) in members {
                guard let text = member as? String else { throw ValidationFailure("line \(number): every attribute must be a string") }
                attributes[name] = text
            }
        }
        return AuditEvent(tenant: try string("tenant"), actor: try string("actor"), eventType: try string("event_type"), outcome: outcome,
                          originAddress: try string("origin_address"), originClient: try string("origin_client"), resource: try string("resource"),
                          requestID: try string("request_id"), reason: try string("reason"), attributes: attributes)
    }
}
