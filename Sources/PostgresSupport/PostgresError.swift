/// The error every ``PostgresConnection`` operation throws.
///
/// It never carries query parameters, row values or the server's message text: PostgreSQL's messages and
/// details echo input values (`invalid input syntax for type integer: "…"`, `Key (email)=(…) already exists`),
/// so only the SQLSTATE code and schema identifiers (constraint, table, column names) are kept. Equality
/// compares ``code`` and ``sqlState``.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure, as an opaque, extensible code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectionFailed, queryFailed, connectionClosed, invalidParameter, unexpectedResult, transactionFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached or refused the connection.
        public static let connectionFailed = Code(.connectionFailed)
        /// The server rejected a statement; see ``PostgresError/sqlState``.
        public static let queryFailed = Code(.queryFailed)
        /// The connection was closed or broke.
        public static let connectionClosed = Code(.connectionClosed)
        /// A parameter or statement could not be sent (e.g. a NUL byte in a text value or statement).
        public static let invalidParameter = Code(.invalidParameter)
        /// A result had a type or shape the caller did not ask for.
        public static let unexpectedResult = Code(.unexpectedResult)
        /// A transaction could not begin, commit or roll back.
        public static let transactionFailed = Code(.transactionFailed)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The five-character SQLSTATE for server errors (`23505`, `40001`, …).
    public let sqlState: String?
    /// The violated constraint's name, when the server names one.
    public let constraintName: String?
    /// The table concerned, when the server names one.
    public let tableName: String?
    /// The column concerned, when the server names one.
    public let columnName: String?
    /// A fixed explanation (a literal: it cannot hold runtime data).
    public let reason: StaticString
    /// libpq's connection-failure text (host, port, user; never a password). Only in `debugDescription`.
    let connectionDetail: String?

    init(
        _ code: Code,
        _ reason: StaticString,
        sqlState: String? = nil,
        constraintName: String? = nil,
        tableName: String? = nil,
        columnName: String? = nil,
        connectionDetail: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.sqlState = sqlState
        self.constraintName = constraintName
        self.tableName = tableName
        self.columnName = columnName
        self.connectionDetail = connectionDetail
    }

    /// Whether the server aborted the transaction as a serialization failure or deadlock (SQLSTATE `40001` or
    /// `40P01`); the transaction may be retried.
    public var isRetryableTransactionConflict: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// Whether a unique constraint was violated (SQLSTATE `23505`).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// Equality on code and SQLSTATE.
    public static func == (lhs: PostgresError, rhs: PostgresError) -> Bool {
        lhs.code == rhs.code && lhs.sqlState == rhs.sqlState
    }

    /// Hashes code and SQLSTATE.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(sqlState)
    }

    /// `PostgresError.<code> (SQLSTATE …, <condition>, constraint …): <reason>`.
    public var description: String {
        var parts: [String] = []
        if let sqlState {
            parts.append("SQLSTATE \(sqlState)")
            if let name = SQLState.conditionName(sqlState) { parts.append(name) }
        }
        if let constraintName { parts.append("constraint \(constraintName)") }
        if let tableName { parts.append("table \(tableName)") }
        if let columnName { parts.append("column \(columnName)") }
        let context = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        return "PostgresError.\(code)\(context): \(reason)"
    }

    /// The description plus libpq's connection-failure text, if any.
    public var debugDescription: String {
        guard let connectionDetail else { return description }
        return "\(description) [\(connectionDetail)]"
    }
}

/// Names of the SQLSTATE codes callers meet most (PostgreSQL Appendix A).
enum SQLState {
    static func conditionName(_ code: String) -> String? {
        switch code {
        case "23505": "unique_violation"
        case "23503": "foreign_key_violation"
        case "23502": "not_null_violation"
        case "23514": "check_violation"
        case "22P02": "invalid_text_representation"
        case "22001": "string_data_right_truncation"
        case "22003": "numeric_value_out_of_range"
        case "40001": "serialization_failure"
        case "40P01": "deadlock_detected"
        case "42601": "syntax_error"
        case "42501": "insufficient_privilege"
        case "42P01": "undefined_table"
        case "42703": "undefined_column"
        case "42P07": "duplicate_table"
        case "25P02": "in_failed_sql_transaction"
        case "57014": "query_canceled"
        case "P0001": "raise_exception"
        default: nil
        }
    }
}
