import Foundation
import Synchronization

/// A bounded pool of ``PostgresConnection``s for async code.
///
/// libpq calls block, so ``withConnection(_:)`` runs its closure, and connection setup and teardown, on a
/// Dispatch worker thread, never on Swift's cooperative pool. Connections are opened lazily up to
/// ``maximumConnections``. Callers beyond that wait in FIFO order: a returned connection is handed straight to
/// the longest waiter. A connection is reused only if it came back idle outside any transaction; one that broke
/// or was left inside a transaction is closed and replaced.
public final class PostgresPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        /// Each waiter receives a connection, or `nil` to try again (a slot freed up, or the pool closed).
        var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []
        var closed = false
    }

    private enum CheckoutAction {
        case use(PostgresConnection)
        case connect
        case wait
        case refuse
    }

    private let state = Mutex(State())
    private let url: String
    private let queue = DispatchQueue(label: "chatsecurity.postgres-pool", attributes: .concurrent)

    /// The most connections the pool opens.
    public let maximumConnections: Int

    /// A pool for `url` (see ``PostgresConnection/init(url:)``). No connection is opened until first use.
    public init(url: String, maximumConnections: Int = 4) {
        self.url = url
        self.maximumConnections = Swift.max(1, maximumConnections)
    }

    /// Runs `body` with a connection of its own, off the cooperative thread pool.
    @discardableResult
    public func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> Result
    ) async throws -> Result {
        let connection = try await checkout()
        let outcome: Swift.Result<Result, any Error> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Swift.Result { try body(connection) })
            }
        }
        checkin(connection)
        return try outcome.get()
    }

    /// Runs `body` in a transaction on a pooled connection, retrying up to `attempts` times in all when the
    /// server reports a serialization failure or deadlock.
    @discardableResult
    public func transaction<Result: Sendable>(
        isolation: PostgresConnection.IsolationLevel = .readCommitted,
        attempts: Int = 5,
        _ body: @escaping @Sendable (PostgresConnection) throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await withConnection { try $0.transaction(isolation: isolation, body) }
            } catch let error as PostgresError where error.isRetryableTransactionConflict && attempt < attempts {
                attempt += 1
            }
        }
    }

    /// Closes idle connections and refuses new checkouts; connections in use close when returned.
    public func close() {
        let (toClose, pending) = state.withLock { state in
            state.closed = true
            let idle = state.idle
            state.idle = []
            state.open -= idle.count
            let waiters = state.waiters
            state.waiters = []
            return (idle, waiters)
        }
        pending.forEach { $0.resume(returning: nil) }
        closeInBackground(toClose)
    }

    private func checkout() async throws -> PostgresConnection {
        while true {
            let action = state.withLock { state -> CheckoutAction in
                if state.closed { return .refuse }
                if let connection = state.idle.popLast() { return .use(connection) }
                if state.open < maximumConnections {
                    state.open += 1
                    return .connect
                }
                return .wait
            }
            switch action {
            case .refuse:
                throw PostgresError(.connectionClosed, "the pool is closed")
            case .use(let connection):
                return connection
            case .connect:
                let url = self.url
                do {
                    return try await withCheckedThrowingContinuation { continuation in
                        queue.async { continuation.resume(with: Swift.Result { try PostgresConnection(url: url) }) }
                    }
                } catch {
                    releaseSlot()
                    throw error
                }
            case .wait:
                let handedOver = await withCheckedContinuation { (continuation: CheckedContinuation<PostgresConnection?, Never>) in
                    let retryNow = state.withLock { state -> Bool in
                        if state.closed || !state.idle.isEmpty || state.open < maximumConnections { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if retryNow { continuation.resume(returning: nil) }
                }
                if let handedOver { return handedOver }
            }
        }
    }

    private enum CheckinAction {
        case keep
        case handOver(CheckedContinuation<PostgresConnection?, Never>)
        case discard(wake: CheckedContinuation<PostgresConnection?, Never>?)
    }

    private func checkin(_ connection: PostgresConnection) {
        let reusable = connection.isIdleOutsideTransaction
        let action = state.withLock { state -> CheckinAction in
            if state.closed || !reusable {
                state.open -= 1
                // The slot is free: the first waiter may open a new connection.
                return .discard(wake: state.waiters.isEmpty ? nil : state.waiters.removeFirst())
            }
            if !state.waiters.isEmpty { return .handOver(state.waiters.removeFirst()) }
            state.idle.append(connection)
            return .keep
        }
        switch action {
        case .keep:
            break
        case .handOver(let waiter):
            waiter.resume(returning: connection)
        case .discard(let waiter):
            waiter?.resume(returning: nil)
            closeInBackground([connection])
        }
    }

    private func releaseSlot() {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnection?, Never>? in
            state.open -= 1
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.resume(returning: nil)
    }

    private func closeInBackground(_ connections: [PostgresConnection]) {
        guard !connections.isEmpty else { return }
        queue.async { connections.forEach { $0.close() } }
    }
}
