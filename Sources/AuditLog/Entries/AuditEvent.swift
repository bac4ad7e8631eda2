/// What happened, as the chat server or the key service reports it (PCI DSS v4.0 10.2.2 fields plus tenant and
/// request ids). Subject identifiers must already be pseudonyms (see ``Pseudonymizer``): the log never holds raw
/// PHI, PAN or personal identifiers.
public struct AuditEvent: Sendable, Hashable {
    /// The outcome of the audited action.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// It succeeded.
        case success
        /// It failed or was refused.
        case failure
    }

    /// The tenant (app) id.
    public var tenant: String
    /// Who acted: a pseudonym or a service identity (`svc:chat-server`), never a raw personal identifier.
    public var actor: String
    /// The kind of event (`message.read`, `transit.decrypt`, `policy.update`, …).
    public var eventType: String
    /// Success or failure.
    public var outcome: Outcome
    /// Where the request came from: an address (pseudonymized if personal) or empty.
    public var originAddress: String
    /// The client or component that made the request.
    public var originClient: String
    /// The affected data, component or resource (pseudonymized when it identifies a person).
    public var resource: String
    /// The request id, for correlation with other logs.
    public var requestID: String
    /// The reason or purpose, where one is recorded.
    public var reason: String
    /// Further attributes (name → value); names are unique.
    public var attributes: [String: String]

    /// An event.
    public init(tenant: String, actor: String, eventType: String, outcome: Outcome, originAddress: String = "", originClient: String = "",
                resource: String, requestID: String, reason: String = "", attributes: [String: String] = [:]) {
        self.tenant = tenant
        self.actor = actor
        self.eventType = eventType
        self.outcome = outcome
        self.originAddress = originAddress
        self.originClient = originClient
        self.resource = resource
        self.requestID = requestID
        self.reason = reason
        self.attributes = attributes
    }
}

extension AuditEvent: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The event type and outcome only: the other fields may hold pseudonyms of personal data.
    public var description: String { "AuditEvent(\(eventType), \(outcome.rawValue))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// No fields are mirrored (so `dump` and debuggers print nothing personal).
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
