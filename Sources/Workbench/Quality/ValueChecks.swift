/// Conditions on stored values that an engine with dynamic typing needs: SQLite keeps `12a` in an INTEGER
/// column, PostgreSQL refuses it at load. Dialects whose column types enforce the values do not conform, and
/// the checker then relies on the declared types (reported by `column.declaredType`).
public protocol ValueCheckingDialect: SQLDialect {
    /// A condition true when the non-NULL `column` (quoted) holds something that is not an integer.
    func isNotInteger(_ column: String) -> String
    /// A condition true when the non-NULL `column` is not a number with at most `precision` digits, `scale` of
    /// them after the point; without precision, any number.
    func isNotDecimal(_ column: String, precision: Int?, scale: Int?) -> String
    /// `column`, declared with a type that does not hold `type` (an integer in a TEXT column), as a value of
    /// `type` to compare with that type's literals; NULL where it holds none. SQLite compares across types
    /// and takes the column as it is; PostgreSQL refuses `text = bigint` and needs the cast.
    func converted(_ column: String, to type: ColumnType) -> String
    /// The column as a number for arithmetic, whatever it holds: NULL where it is not one, rather than an
    /// error (Spark's ANSI casts refuse `12a`).
    func number(_ column: String) -> String
}

extension ValueCheckingDialect {
    public func converted(_ column: String, to type: ColumnType) -> String { column }
    /// SQLite reads the number at the start of a text (`12a` is 12) without complaint.
    public func number(_ column: String) -> String { column }
}

extension SQLiteDialect: ValueCheckingDialect {
    /// An integer, or text that reads back the same through an integer (`0123` and `12a` do not).
    public func isNotInteger(_ column: String) -> String {
        "NOT (typeof(\(column)) = 'integer' OR (typeof(\(column)) = 'text' AND CAST(CAST(\(column) AS INTEGER) AS TEXT) = \(column)))"
    }

    /// SQLite turns decimal text into a REAL in a DECIMAL column, and keeps it as text in a TEXT one: both are read.
    public func isNotDecimal(_ column: String, precision: Int?, scale: Int?) -> String {
        let c = column
        var number = "typeof(\(c)) IN ('integer', 'real')"
        var text =
            "typeof(\(c)) = 'text' AND \(c) NOT GLOB '*[^0-9.-]*' AND \(c) GLOB '*[0-9]*' AND \(c) NOT GLOB '*.*.*' AND \(c) NOT GLOB '?*-*'"
        if let precision {
            let scale = scale ?? 0
            let whole = max(precision - scale, 0)
            number += " AND abs(\(c)) < 1e\(whole) AND round(\(c), \(scale)) = \(c)"
            text +=
                " AND (CASE WHEN instr(\(c), '.') = 0 THEN length(ltrim(\(c), '-')) ELSE instr(ltrim(\(c), '-'), '.') - 1 END) <= \(whole)"
                + " AND (instr(\(c), '.') = 0 OR length(\(c)) - instr(\(c), '.') <= \(scale))"
        }
        return "NOT ((\(number)) OR (\(text)))"
    }
}
