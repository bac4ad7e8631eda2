/// The rows a statement returned.
public struct PostgresResult: Sendable {
    /// Column names, in order.
    public let columns: [String]
    /// The rows.
    public let rows: [PostgresRow]
    /// Rows affected by an INSERT, UPDATE or DELETE (0 for other statements).
    public let affectedRows: Int

    /// The only row, or `nil` when there are none.
    ///
    /// - Throws: ``PostgresError/Code/unexpectedResult`` when there is more than one.
    public func singleRow() throws -> PostgresRow? {
        guard rows.count <= 1 else { throw PostgresError(.unexpectedResult, "expected at most one row") }
        return rows.first
    }
}

/// One row of a ``PostgresResult``.
public struct PostgresRow: Sendable {
    /// The values, in column order.
    public let values: [PostgresValue]
    let columnIndex: [String: Int]

    /// The value in column `index`.
    public subscript(index: Int) -> PostgresValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value in the column named `name` (`.null` for an unknown name).
    public subscript(name: String) -> PostgresValue {
        guard let index = columnIndex[name] else { return .null }
        return values[index]
    }

    /// The value in column `name`, which must exist and not be NULL.
    public func required(_ name: String) throws -> PostgresValue {
        guard let index = columnIndex[name], !values[index].isNull else {
            throw PostgresError(.unexpectedResult, "required column missing or NULL")
        }
        return values[index]
    }
}
