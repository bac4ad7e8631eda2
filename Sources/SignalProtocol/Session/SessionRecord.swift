/// Everything known about the sessions with one remote device: the current state and up to 40 archived
/// states, most recent first. Decryption tries the current state, then the archived ones; an archived state
/// that decrypts becomes current again.
public struct SessionRecord: Sendable {
    /// The state used for sending.
    public internal(set) var currentState: SessionState?
    /// Archived states, most recent first.
    public internal(set) var previousStates: [SessionState]

    /// An empty record.
    public init() {
        currentState = nil
        previousStates = []
    }

    init(currentState: SessionState?, previousStates: [SessionState]) {
        self.currentState = currentState
        self.previousStates = previousStates
    }

    /// Whether the record has a state that can send.
    public var hasCurrentState: Bool { currentState?.hasSenderChain ?? false }

    /// Moves the current state to the archive (dropping the oldest beyond 40).
    public mutating func archiveCurrentState() {
        guard let current = currentState else { return }
        previousStates.insert(current, at: 0)
        if previousStates.count > SessionState.Limits.maximumArchivedStates {
            previousStates.removeLast(previousStates.count - SessionState.Limits.maximumArchivedStates)
        }
        currentState = nil
    }

    /// Makes `state` current, archiving the previous current state.
    mutating func promoteState(_ state: SessionState) {
        archiveCurrentState()
        currentState = state
    }

    /// Makes the archived state at `index` current again.
    mutating func promoteArchivedState(at index: Int, replacingWith state: SessionState) {
        previousStates.remove(at: index)
        promoteState(state)
    }

    /// Whether a state (current or archived) belongs to the session started with `baseKey`; if an archived one
    /// does, it becomes current.
    mutating func promoteMatchingState(version: UInt8, aliceBaseKey baseKey: [UInt8]) -> Bool {
        if let current = currentState, current.sessionVersion == version, current.aliceBaseKey == baseKey {
            return true
        }
        guard let index = previousStates.firstIndex(where: { $0.sessionVersion == version && $0.aliceBaseKey == baseKey }) else {
            return false
        }
        let state = previousStates[index]
        promoteArchivedState(at: index, replacingWith: state)
        return true
    }
}
