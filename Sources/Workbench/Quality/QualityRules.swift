import Catalog
import Foundation

/// Families of declared types, to compare an engine's spelling (`VARCHAR(17)`, `character varying`, `BIGINT`)
/// with the catalog's type.
enum TypeFamily: String {
    case text, integer, decimal, real, date, timestamp, boolean, untyped

    init(declared: String) {
        let type = declared.uppercased()
        if type.isEmpty {
            self = .untyped
        } else if type.contains("INT") {
            self = .integer
        } else if type.contains("CHAR") || type.contains("TEXT") || type.contains("CLOB") || type.contains("STRING") {
            self = .text
        } else if type.contains("DEC") || type.contains("NUMERIC") || type.contains("NUMBER") {
            self = .decimal
        } else if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") {
            self = .real
        } else if type.contains("TIMESTAMP") || type.contains("DATETIME") {
            self = .timestamp
        } else if type.contains("DATE") {
            self = .date
        } else if type.contains("BOOL") {
            self = .boolean
        } else {
            self = .untyped
        }
    }

    /// The families that can hold the catalog's type without losing values.
    static func accepted(for type: ColumnType) -> Set<TypeFamily> {
        switch type {
        case .text: [.text]
        case .integer: [.integer, .decimal]
        case .decimal(_, let scale): scale == 0 ? [.decimal, .integer] : [.decimal]
        case .real: [.real, .decimal]
        // Dates travel as ISO text between engines: a text column keeps them whole.
        case .date: [.date, .timestamp, .text]
        case .timestamp: [.timestamp, .text]
        case .boolean: [.boolean, .integer]
        }
    }

    /// The first integer in parentheses: the length of `VARCHAR(13)`.
    static func declaredLength(_ declared: String) -> Int? {
        guard let open = declared.firstIndex(of: "(") else { return nil }
        return Int(declared[declared.index(after: open)...].prefix { $0.isNumber })
    }
}

extension TableCheck {
    // MARK: - Columns: declared type, values, lengths, nomenclature

    func declaredTypeRule(_ variable: Variable, declared: EngineColumn) -> RuleResult {
        let expected = variable.columnType
        let family = TypeFamily(declared: declared.declaredType)
        var problems: [String] = []
        // A pseudonymised column holds pseudonyms: an engine that enforces types had it made TEXT for them.
        let accepted = TypeFamily.accepted(for: expected).union(isPseudonymised(variable.name) ? [.text] : [])
        if family != .untyped, !accepted.contains(family) {
            problems.append("declared \(declared.declaredType), the catalog says \(TableCheck.catalogType(variable))")
        }
        if case .text(let length?) = expected, family == .text, let declaredLength = TypeFamily.declaredLength(declared.declaredType),
            declaredLength < length
        {
            problems.append("declared length \(declaredLength) is shorter than the catalog's \(length)")
        }
        return RuleResult(
            rule: "column.declaredType", severity: .warning, table: table.name, subject: variable.name, status: problems.isEmpty ? .passed : .failed,
            checked: 1, failures: problems.isEmpty ? 0 : 1,
            detail: problems.isEmpty ? "\(declared.declaredType) holds \(TableCheck.catalogType(variable))" : problems.joined(separator: "; "))
    }

    /// The column `name`, quoted (after `qualifier`), as a value of `type`: itself when its declared type holds
    /// `type`, else as the dialect converts it, so that comparisons with `type`'s literals hold on every engine.
    func typed(_ name: String, as type: ColumnType, qualifier: String = "") -> String {
        let c = qualifier + quoted(name)
        guard let valueDialect = dialect as? ValueCheckingDialect,
            let declared = engineColumns.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
        else { return c }
        let family = TypeFamily(declared: declared.declaredType)
        return family == .untyped || TypeFamily.accepted(for: type).contains(family) ? c : valueDialect.converted(c, to: type)
    }

    func isPseudonymised(_ name: String) -> Bool {
        pseudonymised.contains("\(table.name.uppercased()).\(name.uppercased())")
    }

    func valueRules(_ variable: Variable, checked: Int) async throws -> [RuleResult] {
        let name = variable.name
        let c = quoted(name)
        // A pseudonymised column holds pseudonyms whatever its catalog type (a birth date included): its values
        // are held to the pseudonym's shape, not to the original's type, length or codes.
        if isPseudonymised(name) {
            return [
                try await countRule(
                    "value.pseudonym", .blocking, subject: [name], condition: "\(c) IS NOT NULL AND LENGTH(\(c)) <> \(Pseudonym.length)",
                    checked: checked, detail: "values that are not \(Pseudonym.length)-character pseudonyms in a pseudonymised column")
            ]
        }
        var rules: [RuleResult] = []
        let valueDialect = dialect as? ValueCheckingDialect
        switch variable.columnType {
        case .integer, .decimal, .real:
            guard let valueDialect else {
                rules.append(skipped("value.type", .blocking, subject: [name], detail: "the engine's column types enforce the values"))
                break
            }
            let condition: String
            let detail: String
            switch variable.columnType {
            case .integer:
                condition = valueDialect.isNotInteger(c)
                detail = "values that are not integers"
            case .decimal(let precision, let scale):
                condition = valueDialect.isNotDecimal(c, precision: precision, scale: scale)
                detail = "values that are not numbers of at most \(precision) digits, \(scale) after the point"
            default:
                condition = valueDialect.isNotDecimal(c, precision: nil, scale: nil)
                detail = "values that are not numbers"
            }
            rules.append(
                try await countRule(
                    "value.type", .blocking, subject: [name], condition: "\(c) IS NOT NULL AND \(condition)", checked: checked, detail: detail))
            if variable.columnType == .integer, let length = variable.length, length < 19 {
                rules.append(
                    try await countRule(
                        "value.length", .blocking, subject: [name],
                        condition:
                            "\(c) IS NOT NULL AND ABS(\(valueDialect.number(typed(name, as: .integer)))) >= 1\(String(repeating: "0", count: length))",
                        checked: checked, detail: "integers of more than \(length) digits"))
            }
        case .text(let length):
            if let length {
                rules.append(
                    try await countRule(
                        "value.length", .blocking, subject: [name],
                        condition: "\(c) IS NOT NULL AND LENGTH(\(typed(name, as: .text(length: nil)))) > \(length)", checked: checked,
                        detail: "text longer than the catalog's \(length) characters"))
            }
        case .date, .timestamp:
            if let shape = DateShape(variable) { rules.append(try await dateValueRule(variable, shape: shape, checked: checked)) }
        case .boolean:
            break
        }
        // A date's nomenclature is the calendar (IR_DTE_V, in SAS's own spelling): the date check above covers it.
        // Dates, year-months and years refer to IR_DTE_V, a calendar: their shape is checked instead.
        if let reference = variable.nomenclatureReference, DateShape(variable) == nil, !["year", "yearmonth"].contains(variable.type.lowercased()) {
            rules.append(try await nomenclatureRule(variable, reference: reference, checked: checked))
        }
        return rules
    }

    /// Dates are read back as distinct values with their counts (a few thousand days, not the rows) and parsed
    /// in Swift, where the calendar is known: `2021-02-30` is text SQL would happily compare.
    func dateValueRule(_ variable: Variable, shape: DateShape, checked: Int) async throws -> RuleResult {
        let c = quoted(variable.name)
        var failures = 0
        var bad: [CellValue] = []
        try await engine.stream("SELECT \(c), COUNT(*) FROM \(from) WHERE \(c) IS NOT NULL GROUP BY \(c)") { batch in
            for row in 0..<batch.count {
                let value = batch[row, 0]
                guard let text = value.text, !shape.accepts(text) else { continue }
                failures += Int(batch[row, 1].integer ?? 0)
                if bad.count < checker.exampleLimit { bad.append(value) }
            }
        }
        let expected: String =
            switch shape {
            case .day(let format): format == "%d%m%Y" ? "days as YYYY-MM-DD or DDMMYYYY" : "days as YYYY-MM-DD"
            case .monthNumber: "month numbers 1 to 12"
            case .yearMonth: "months as YYYYMM or YYYY-MM"
            case .timestamp: "timestamps as YYYY-MM-DD HH:MM:SS or DDMONYYYY:HH:MM:SS"
            }
        var result = RuleResult(
            rule: "value.type", severity: .blocking, table: table.name, subject: variable.name, status: failures == 0 ? .passed : .failed,
            checked: checked, failures: failures, detail: "values that are not \(expected)")
        if !bad.isEmpty {
            let shown = exampleColumns([variable.name])
            result.examples = try await exampleRows(
                "SELECT \(shown.map { dialect.quote($0) }.joined(separator: ", ")) FROM \(from) WHERE \(c) IN (\(bad.map(literal).joined(separator: ", ")))",
                names: shown)
        }
        return result
    }

    /// Codes outside the nomenclature: a `NOT IN` list for a few codes, else the codes loaded into a table on
    /// the engine and a `LEFT JOIN`, so that the check stays in the engine whatever the table's size.
    func nomenclatureRule(_ variable: Variable, reference: String, checked: Int) async throws -> RuleResult {
        let name = variable.name
        guard let codes = checker.nomenclatures[reference], !codes.entries.isEmpty else {
            return skipped("value.nomenclature", .warning, subject: [name], detail: "the catalog has no codes for \(reference)")
        }
        let c = quoted(name)
        let compared = typed(name, as: variable.columnType)
        // The codes take the column's type, so that the comparison is typed alike on every engine.
        let isInteger = variable.columnType == .integer
        let values = Array(Set(codes.codes.compactMap { NomenclatureCodes.value(of: $0, as: variable.columnType) })).sorted {
            ($0.text ?? "") < ($1.text ?? "")
        }
        var missing = ""
        if !isInteger {
            let markers = table.table.missingValues
            if !markers.isEmpty {
                missing = " AND \(typed(name, as: .text(length: nil))) NOT IN (\(markers.map { dialect.literal($0) }.joined(separator: ", ")))"
            }
        }
        let detail = "codes not in \(reference) (\(values.count) codes)"
        if values.count <= checker.inlineCodeLimit {
            return try await countRule(
                "value.nomenclature", .warning, subject: [name],
                condition: "\(c) IS NOT NULL\(missing) AND \(compared) NOT IN (\(values.map(literal).joined(separator: ", ")))", checked: checked,
                detail: detail)
        }
        // Numbers keep their type, so that the join compares like with like on an engine that types it (PostgreSQL).
        let codeType: ColumnType =
            switch variable.columnType {
            case .integer, .decimal, .real: variable.columnType
            default: .text(length: nil)
            }
        let codesTable = TableDefinition(
            name: QualityChecker.codesTable,
            columns: [ColumnDefinition(name: "code", type: codeType, isNullable: false)],
            primaryKey: ["code"])
        _ = try await engine.load(codesTable, replacing: true) { loader in
            for start in stride(from: 0, to: values.count, by: 10_000) {
                try await loader.append(RowBatch(columns: ["code"], rows: values[start..<min(start + 10_000, values.count)].map { [$0] }))
            }
        }
        let k = dialect.quote(QualityChecker.codesTable)
        let qualified = "t.\(c)"
        let comparedQualified = typed(name, as: variable.columnType, qualifier: "t.")
        do {
            let result = try await countRule(
                "value.nomenclature", .warning, subject: [name],
                condition: "\(qualified) IS NOT NULL\(missing.replacingOccurrences(of: c, with: qualified)) AND \(k).code IS NULL", checked: checked,
                detail: detail, source: "\(from) t LEFT JOIN \(k) ON \(k).code = \(comparedQualified)",
                examples: exampleColumns([name]).map { (expression: "t.\(dialect.quote($0))", name: $0) })
            try await engine.execute(dialect.dropTable(QualityChecker.codesTable))
            return result
        } catch {
            try? await engine.execute(dialect.dropTable(QualityChecker.codesTable))
            throw error
        }
    }

    // MARK: - Keys

    func keyRules(rowCount: Int, nulls: [String: Int]) async throws -> [RuleResult] {
        let key = table.table.primaryKey
        guard !key.isEmpty else { return [] }
        let missing = key.filter { column($0) == nil }
        if !missing.isEmpty {
            return [skipped("key.unique", .blocking, subject: key, detail: "key columns missing: \(missing.joined(separator: ", "))")]
        }
        var rules: [RuleResult] = []
        for name in key {
            rules.append(
                try await countRule(
                    "key.notNull", .blocking, subject: [name], condition: "\(quoted(name)) IS NULL", checked: rowCount,
                    detail: "NULL in a primary-key column"))
        }
        let columns = key.map(quoted).joined(separator: ", ")
        let groups = "SELECT \(columns), COUNT(*) AS copies FROM \(from) GROUP BY \(columns) HAVING COUNT(*) > 1"
        let failures = Int(try await engine.rows("SELECT SUM(copies) FROM (\(groups)) d").first?.first?.integer ?? 0)
        var unique = RuleResult(
            rule: "key.unique", severity: .blocking, table: table.name, subject: key.joined(separator: ", "),
            status: failures == 0 ? .passed : .failed,
            checked: rowCount, failures: failures, detail: "rows whose primary key another row also has")
        if failures > 0 { unique.examples = try await exampleRows(groups, names: key + ["copies"]) }
        rules.append(unique)
        return rules
    }

    /// Every foreign key, on all its columns: a child row whose key has no NULL and no parent.
    func foreignKeyRules(rowCount: Int) async throws -> [RuleResult] {
        var rules: [RuleResult] = []
        for foreignKey in table.foreignKeys {
            let subject = foreignKey.fields
            let target = "\(foreignKey.referencedTable)(\(foreignKey.referencedFields.joined(separator: ", ")))"
            guard foreignKey.fields.count == foreignKey.referencedFields.count else {
                rules.append(skipped("key.foreign", .blocking, subject: subject, detail: "the catalog's key to \(target) has unmatched columns"))
                continue
            }
            guard let parentName = presentTables[foreignKey.referencedTable.uppercased()],
                let parentColumns = try await engine.columns(of: parentName)
            else {
                rules.append(skipped("key.foreign", .blocking, subject: subject, detail: "\(foreignKey.referencedTable) is not on the engine"))
                continue
            }
            let parentColumn = { (name: String) in parentColumns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.name }
            guard foreignKey.fields.allSatisfy({ column($0) != nil }), foreignKey.referencedFields.allSatisfy({ parentColumn($0) != nil }) else {
                rules.append(skipped("key.foreign", .blocking, subject: subject, detail: "key columns missing for the join to \(target)"))
                continue
            }
            // Columns of different types (TEXT and BIGINT) are joined on their text where the engine types them.
            let pairs = zip(foreignKey.fields, foreignKey.referencedFields).map { child, parent -> (String, String) in
                let (c, p) = ("c.\(quoted(child))", "p.\(dialect.quote(parentColumn(parent)!))")
                let declared = { (columns: [EngineColumn], name: String) in
                    TypeFamily(declared: columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.declaredType ?? "")
                }
                guard let valueDialect = dialect as? ValueCheckingDialect, declared(engineColumns, child) != declared(parentColumns, parent) else {
                    return (c, p)
                }
                return (valueDialect.converted(c, to: .text(length: nil)), valueDialect.converted(p, to: .text(length: nil)))
            }
            let join = pairs.map { "\($0.1) = \($0.0)" }.joined(separator: " AND ")
            let notNull = pairs.map { "\($0.0) IS NOT NULL" }.joined(separator: " AND ")
            rules.append(
                try await countRule(
                    "key.foreign", .blocking, subject: subject, condition: "\(notNull) AND \(pairs[0].1) IS NULL", checked: rowCount,
                    detail: "rows whose key has no row in \(target)", source: "\(from) c LEFT JOIN \(dialect.quote(parentName)) p ON \(join)",
                    examples: exampleColumns(subject).map { (expression: "c.\(dialect.quote($0))", name: $0) }))
        }
        return rules
    }

    // MARK: - Dates

    func dateRules(rowCount: Int) async throws -> [RuleResult] {
        let days = table.variables.filter { DateShape($0)?.isFullDate == true && column($0.name) != nil && !isPseudonymised($0.name) }
        var rules: [RuleResult] = []
        let pairs = DatePairs.pairs(in: days.map(\.name))
        for (start, end) in pairs {
            let (s, e) = (quoted(start), quoted(end))
            rules.append(
                try await countRule(
                    "date.order", .warning, subject: [start, end], condition: "\(s) IS NOT NULL AND \(e) IS NOT NULL AND \(e) < \(s)",
                    checked: rowCount,
                    detail: "\(end) before \(start)"))
        }
        // Births are not bounded by the table's history: a person born in 1930 is in a table begun in 2006.
        for variable in days where !DatePairs.isBirthDate(variable) {
            guard let bounds = historyBounds(variable) else { continue }
            let c = quoted(variable.name)
            rules.append(
                try await countRule(
                    "date.history", .warning, subject: [variable.name],
                    condition:
                        "\(c) IS NOT NULL AND (\(c) < \(dialect.literal("\(bounds.lowerBound)-01-01")) OR \(c) > \(dialect.literal("\(bounds.upperBound)-12-31")))",
                    checked: rowCount, detail: "dates outside the table's history, \(bounds.lowerBound) to \(bounds.upperBound)"))
        }
        rules += try await afterDeathRules(days: days, starts: Set(pairs.map { $0.start }), rowCount: rowCount)
        return rules
    }

    /// The years a date column may hold: from the variable's (else the table's) creation year, to its deletion
    /// year or the current year.
    func historyBounds(_ variable: Variable) -> ClosedRange<Int>? {
        let year = { (text: String) in Int(text.prefix(4)) }
        guard let first = year(variable.history.created) ?? year(table.table.history.created) else { return nil }
        let last = year(variable.history.deleted) ?? year(table.table.history.deleted) ?? checker.currentYear
        return first <= last ? first...last : nil
    }

    /// Care dated after the person's death: in the table itself when it carries the death date, and through
    /// each foreign key to a table that carries one (the person table), when that table is on the engine.
    func afterDeathRules(days: [Variable], starts: Set<String>, rowCount: Int) async throws -> [RuleResult] {
        let care = days.filter { DatePairs.isCareDate($0, startColumns: starts) }
        guard !care.isEmpty else { return [] }
        var rules: [RuleResult] = []
        if let death = days.first(where: DatePairs.isDeathDate) {
            for variable in care {
                let (c, d) = (quoted(variable.name), quoted(death.name))
                rules.append(
                    try await countRule(
                        "date.afterDeath", .warning, subject: [variable.name, death.name], condition: "\(d) IS NOT NULL AND \(c) > \(d)",
                        checked: rowCount, detail: "\(variable.name) after the death date \(death.name)"))
            }
        }
        for foreignKey in table.foreignKeys where foreignKey.fields.count == foreignKey.referencedFields.count {
            guard let parent = checker.schema.table(foreignKey.referencedTable), let parentName = presentTables[parent.name.uppercased()],
                let parentColumns = try await engine.columns(of: parentName),
                let death = parent.variables.first(where: { DateShape($0)?.isFullDate == true && DatePairs.isDeathDate($0) })
            else { continue }
            let parentColumn = { (name: String) in parentColumns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.name }
            guard let deathColumn = parentColumn(death.name), foreignKey.fields.allSatisfy({ column($0) != nil }),
                foreignKey.referencedFields.allSatisfy({ parentColumn($0) != nil })
            else { continue }
            let join = zip(foreignKey.fields, foreignKey.referencedFields).map { "p.\(dialect.quote(parentColumn($1)!)) = c.\(quoted($0))" }
                .joined(separator: " AND ")
            let d = "p.\(dialect.quote(deathColumn))"
            for variable in care {
                let c = "c.\(quoted(variable.name))"
                rules.append(
                    try await countRule(
                        "date.afterDeath", .warning, subject: [variable.name], condition: "\(d) IS NOT NULL AND \(c) > \(d)", checked: rowCount,
                        detail: "\(variable.name) after the death date \(parent.name).\(death.name)",
                        source: "\(from) c JOIN \(dialect.quote(parentName)) p ON \(join)",
                        examples: exampleColumns([variable.name]).map { (expression: "c.\(dialect.quote($0))", name: $0) } + [
                            (expression: d, name: "\(parent.name).\(death.name)")
                        ]))
            }
        }
        return rules
    }

    // MARK: - Duplicates

    /// Rows equal to another on every column (GROUP BY treats NULLs as equal, as a person reading the rows would).
    func duplicateRule(rowCount: Int) async throws -> RuleResult {
        let all = engineColumns.map { dialect.quote($0.name) }.joined(separator: ", ")
        let groups = "SELECT \(all), COUNT(*) AS copies FROM \(from) GROUP BY \(all) HAVING COUNT(*) > 1"
        let failures = Int(try await engine.rows("SELECT SUM(copies) - COUNT(*) FROM (\(groups)) d").first?.first?.integer ?? 0)
        var result = RuleResult(
            rule: "row.duplicate", severity: .warning, table: table.name, subject: "", status: failures == 0 ? .passed : .failed, checked: rowCount,
            failures: failures, detail: "rows that repeat another row on every column (extra copies)")
        if failures > 0 { result.examples = try await exampleRows(groups, names: engineColumns.map(\.name) + ["copies"]) }
        return result
    }
}
