import Foundation

/// PostgreSQL's spelling: double-quoted identifiers, its own type names, and the value checks the quality
/// rules push down as regular expressions on the values' text (`!~` on `CAST(c AS TEXT)`), which hold for a
/// column of any type: a typed column passes them, a text column holding `12a` does not.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}
    public var name: String { "postgresql" }

    public func typeName(_ type: ColumnType) -> String {
        switch type {
        case .text(let length): length.map { "VARCHAR(\($0))" } ?? "TEXT"
        case .integer: "BIGINT"
        case .decimal(let precision, let scale): "NUMERIC(\(precision),\(scale))"
        case .real: "DOUBLE PRECISION"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .boolean: "BOOLEAN"
        }
    }

    /// The values become their text (dates as ISO text, the connection's DateStyle), as `CAST(... AS TEXT)`
    /// reads them; a column already TEXT is left as it is.
    public func widenToText(_ column: String, of table: String) -> String? {
        "ALTER TABLE \(quote(table)) ALTER COLUMN \(quote(column)) TYPE TEXT USING CAST(\(quote(column)) AS TEXT)"
    }
}

extension PostgreSQLDialect: ValueCheckingDialect {
    /// As on SQLite, an integer is text that reads back the same through an integer: no sign but `-`, no
    /// leading zero, at most 19 digits.
    public func isNotInteger(_ column: String) -> String {
        "CAST(\(column) AS TEXT) !~ '^(0|-?[1-9][0-9]{0,18})$'"
    }

    /// A number's text: digits with at most one point and a leading `-`; with a precision, at most
    /// `precision - scale` digits before the point (leading zeros aside) and `scale` after it (trailing zeros
    /// aside, as NUMERIC(10,3) writes 12.500).
    public func isNotDecimal(_ column: String, precision: Int?, scale: Int?) -> String {
        let text = "CAST(\(column) AS TEXT)"
        guard let precision else {
            return "\(text) !~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'"
        }
        let scale = scale ?? 0
        let whole = max(precision - scale, 0)
        return "(\(text) !~ '^-?0*[0-9]{0,\(whole)}([.][0-9]{0,\(scale)}0*)?$' OR \(text) !~ '[0-9]')"
    }

    public func converted(_ column: String, to type: ColumnType) -> String {
        let text = "CAST(\(column) AS TEXT)"
        switch type {
        case .integer, .boolean:
            return "CASE WHEN \(text) ~ '^-?[0-9]{1,18}$' THEN CAST(\(text) AS BIGINT) END"
        case .decimal, .real:
            return "CASE WHEN \(text) ~ '^-?([0-9]+[.]?[0-9]*|[.][0-9]+)$' THEN CAST(\(text) AS \(typeName(type))) END"
        case .text:
            return text
        case .date, .timestamp:
            return column
        }
    }
}
