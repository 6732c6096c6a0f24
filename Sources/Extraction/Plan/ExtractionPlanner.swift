import Workbench

/// Turns a spec into SQL for one engine: a pure function of the spec, the engine's dialect and the columns its
/// tables declare (read beforehand by `ExtractionRunner.plan`). Columns types decide how values are written;
/// names are matched without regard to case and written in the engine's own spelling.
public struct ExtractionPlanner: Sendable {
    public let spec: ExtractionSpec
    public let dialect: any SQLDialect
    public let engine: String
    public let prefix: String
    /// The engine's tables, by upper-cased name, with their columns.
    let tables: [String: EngineTable]

    public struct EngineTable: Sendable {
        public var name: String
        public var columns: [EngineColumn]

        public init(name: String, columns: [EngineColumn]) {
            self.name = name
            self.columns = columns
        }

        func column(_ name: String) -> EngineColumn? {
            columns.first { $0.name.uppercased() == name.uppercased() }
        }
    }

    public init(spec: ExtractionSpec, dialect: any SQLDialect, engine: String, prefix: String? = nil, tables: [EngineTable]) {
        self.spec = spec
        self.dialect = dialect
        self.engine = engine
        self.prefix = prefix ?? spec.name
        self.tables = Dictionary(tables.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every table the spec reads, `{yy}` expanded: what the runner asks the engine to describe.
    public static func tablesRead(by spec: ExtractionSpec) -> [String] {
        var names: [String] = []
        for criterion in spec.population { for source in criterion.sources { names += source.tables } }
        for extract in spec.extracts {
            for (_, year) in expand(extract.source.table, years: spec.period.years) {
                names += (year.map { year in extract.source.renamingTables { fill($0, year: year) } } ?? extract.source).tables
            }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0.uppercased()).inserted }
    }

    /// `T_MCO{yy}B` once per year of the period; a name without a placeholder once.
    static func expand(_ table: String, years: ClosedRange<Int>) -> [(table: String, year: Int?)] {
        guard table.contains("{yy}") || table.contains("{yyyy}") else { return [(table, nil)] }
        return years.map { year in (fill(table, year: year), year) }
    }

    static func fill(_ table: String, year: Int) -> String {
        table.replacingOccurrences(of: "{yyyy}", with: String(year)).replacingOccurrences(of: "{yy}", with: String(year % 100).leftPadded(to: 2))
    }

    public func plan() throws(ExtractionError) -> ExtractionPlan {
        let criteria = "\(prefix)_population_criteria"
        let population = "\(prefix)_population"
        var steps: [ExtractionStep] = []
        var outputs: [(working: String, final: String)] = []
        var keys: [TableKey] = []
        let text = dialect.typeName(.text(length: nil))

        let criteriaWorking = working(criteria)
        outputs.append((criteriaWorking, criteria))
        steps.append(ExtractionStep(kind: .prepare, label: "population: working table", sql: dialect.dropTable(criteriaWorking)))
        let definition = TableDefinition(
            name: criteriaWorking,
            columns: [ColumnDefinition(name: "person_id", type: .text(length: nil)), ColumnDefinition(name: "criterion", type: .text(length: nil))])
        steps.append(ExtractionStep(kind: .prepare, label: "population: working table", sql: dialect.createTable(definition)))
        for (criterionIndex, criterion) in spec.population.enumerated() {
            for (sourceIndex, source) in criterion.sources.enumerated() {
                let field = "population[\(criterionIndex)]"
                let read = try reading(source, field: field, line: criterion.line)
                keys += read.keys
                let select =
                    "SELECT DISTINCT CAST(\(read.person) AS \(text)), \(dialect.literal(criterion.name))\n\(read.from)"
                let into = "INSERT INTO \(dialect.quote(criteriaWorking)) (\(dialect.quote("person_id")), \(dialect.quote("criterion")))\n"
                let name =
                    criterion.sources.count > 1
                    ? "\(criterion.name) (\(sourceIndex + 1)/\(criterion.sources.count): \(source.table))" : criterion.name
                for slice in read.slices {
                    steps.append(
                        ExtractionStep(
                            kind: .population, label: "population: \(name)\(slice.label)",
                            sql: into + select + whereClause(read.conditions + slice.conditions),
                            target: criteriaWorking))
                }
            }
        }
        let populationWorking = working(population)
        outputs.append((populationWorking, population))
        steps.append(ExtractionStep(kind: .prepare, label: "population", sql: dialect.dropTable(populationWorking)))
        steps.append(
            ExtractionStep(
                kind: .population, label: "population: distinct people",
                sql: dialect.createTable(
                    populationWorking, as: "SELECT DISTINCT \(dialect.quote("person_id")) FROM \(dialect.quote(criteriaWorking))"),
                target: populationWorking))

        for (index, extract) in spec.extracts.enumerated() {
            for (_, year) in Self.expand(extract.source.table, years: spec.period.years) {
                let field = "extract[\(index)]"
                let source = year.map { year in extract.source.renamingTables { Self.fill($0, year: year) } } ?? extract.source
                let engineTable = try self.table(source.table, field: "\(field).table", line: source.line)
                var columns: [EngineColumn] = []
                for name in extract.columns ?? engineTable.columns.map(\.name) {
                    columns.append(try column(ColumnReference(column: name), in: [engineTable], field: "\(field).columns", line: source.line))
                }
                let read = try reading(source, field: field, line: source.line)
                keys += read.keys
                let output = "\(prefix)_\(engineTable.name)"
                let outputWorking = working(output)
                outputs.append((outputWorking, output))
                let selected = columns.map { "t0.\(dialect.quote($0.name)) AS \(dialect.quote($0.name))" }.joined(separator: ", ")
                let join = "\nJOIN \(dialect.quote(populationWorking)) p ON p.\(dialect.quote("person_id")) = CAST(\(read.person) AS \(text))"
                steps.append(ExtractionStep(kind: .prepare, label: "\(output): working table", sql: dialect.dropTable(outputWorking)))
                steps.append(
                    ExtractionStep(
                        kind: .prepare, label: "\(output): working table",
                        sql: dialect.createTable(outputWorking, as: "SELECT \(selected)\nFROM \(dialect.quote(engineTable.name)) t0\nWHERE 1 = 0")))
                for slice in read.slices {
                    steps.append(
                        ExtractionStep(
                            kind: .extract, label: "\(output)\(slice.label)",
                            sql: "INSERT INTO \(dialect.quote(outputWorking))\nSELECT \(selected)\n\(read.from)\(join)"
                                + whereClause(read.conditions + slice.conditions),
                            target: outputWorking))
                }
            }
        }
        for output in outputs {
            steps.append(ExtractionStep(kind: .finish, label: "publish \(output.final)", sql: dialect.dropTable(output.final)))
            steps.append(
                ExtractionStep(
                    kind: .finish, label: "publish \(output.final)",
                    sql: "ALTER TABLE \(dialect.quote(output.working)) RENAME TO \(dialect.quote(output.final))"))
        }
        return ExtractionPlan(
            specName: spec.name, engine: engine, prefix: prefix, steps: indexSteps(keys) + steps, outputs: outputs, criteriaTable: criteria)
    }

    /// On an engine without hash joins, an index per key the statements look rows up by: SQLite would
    /// otherwise build one for every flux month, or scan the claims once per month. They are kept, under
    /// names of their own, for the next run.
    func indexSteps(_ keys: [TableKey]) -> [ExtractionStep] {
        guard dialect.joinsNeedIndexes else { return [] }
        var seen: Set<TableKey> = []
        return keys.compactMap { key in
            guard seen.insert(key).inserted,
                let sql = dialect.createIndex(
                    "hublot_\(key.table)_by_\(key.columns.joined(separator: "_"))", on: key.table, columns: key.columns, ifNotExists: true)
            else { return nil }
            return ExtractionStep(kind: .prepare, label: "index: \(key.table) (\(key.columns.joined(separator: ", ")))", sql: sql)
        }
    }

    func working(_ name: String) -> String { "\(name)__extracting" }

    func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "\nWHERE " + conditions.joined(separator: "\n  AND ")
    }

    /// A source as SQL: its FROM clause with joins, the person's expression, its conditions, and the slices it is
    /// read in (one per flux month under `snds_dcir`, else one).
    struct Reading {
        var from: String
        var person: String
        var conditions: [String]
        var slices: [(label: String, conditions: [String])]
        /// The columns its joins and slices look rows up by, per table.
        var keys: [TableKey]
    }

    struct TableKey: Hashable {
        var table: String
        var columns: [String]
    }

    func reading(_ source: Source, field: String, line: Int?) throws(ExtractionError) -> Reading {
        var engineTables: [EngineTable] = []
        for name in source.tables { engineTables.append(try table(name, field: "\(field).table", line: line)) }
        var from = "FROM \(dialect.quote(engineTables[0].name)) t0"
        var keys: [TableKey] = []
        for (index, join) in source.joins.enumerated() {
            let alias = "t\(index + 1)"
            let visible = Array(engineTables[0...index])
            var pairs: [String] = []
            var joined: [String] = []
            for pair in join.on {
                let left = try reference(pair.left, in: visible, field: "\(field).join", line: line)
                let right = try column(ColumnReference(column: pair.right), in: [engineTables[index + 1]], field: "\(field).join", line: line)
                pairs.append("\(left.expression) = \(alias).\(dialect.quote(right.name))")
                joined.append(right.name)
            }
            from += "\nJOIN \(dialect.quote(engineTables[index + 1].name)) \(alias) ON \(pairs.joined(separator: " AND "))"
            keys.append(TableKey(table: engineTables[index + 1].name, columns: joined))
        }
        let person = try reference(source.person, in: engineTables, field: "\(field).person", line: line)
        var conditions: [String] = []
        for filter in source.filters { conditions.append(try condition(filter, in: engineTables, field: "\(field).where", line: line)) }
        if let date = source.date {
            let column = try reference(date, in: engineTables, field: "\(field).date", line: line)
            conditions.append("\(column.expression) >= \(dialect.literal(spec.period.startText))")
            conditions.append("\(column.expression) < \(dialect.literal(CalendarDay.isoText(spec.period.end + 1)))")
        }
        var slices: [(label: String, conditions: [String])] = [("", [])]
        for preset in source.quality {
            switch preset {
            case .sndsDCIR:
                for (name, value) in [("DPN_QLF", "71"), ("BSE_PRS_NAT", "0")] {
                    let column = try firstHaving(name, engineTables, preset: preset, field: field, line: line)
                    conditions.append("\(column.expression) <> \(try typed(value, column.column, field: field, line: line))")
                }
                let flux = try firstHaving("FLX_DIS_DTD", engineTables, preset: preset, field: field, line: line)
                if let table = engineTables.first(where: { $0.column(flux.column.name) != nil }) {
                    keys.append(TableKey(table: table.name, columns: [flux.column.name]))
                }
                slices = fluxMonths().map { month in
                    (
                        " [flux \(String(CalendarDay.isoText(month.start).prefix(7)))]",
                        [
                            "\(flux.expression) >= \(dialect.literal(CalendarDay.isoText(month.start)))",
                            "\(flux.expression) < \(dialect.literal(CalendarDay.isoText(month.next)))",
                        ]
                    )
                }
            case .sndsPMSI:
                var checked = 0
                for (index, table) in engineTables.enumerated() {
                    for column in table.columns where column.name.uppercased().hasSuffix("_RET") {
                        conditions.append("t\(index).\(dialect.quote(column.name)) = \(try typed("0", column, field: field, line: line))")
                        checked += 1
                    }
                }
                if let ghm = engineTables.enumerated().lazy.compactMap({ index, table in table.column("GRG_GHM").map { (index, $0) } }).first {
                    conditions.append("t\(ghm.0).\(dialect.quote(ghm.1.name)) NOT LIKE \(dialect.literal("90%"))")
                    checked += 1
                }
                guard checked > 0 else {
                    throw ExtractionError(
                        file: spec.file, line: line, field: "\(field).quality",
                        "snds_pmsi found neither a *_RET column nor GRG_GHM in \(engineTables.map(\.name).joined(separator: ", "))")
                }
            }
        }
        return Reading(from: from, person: person.expression, conditions: conditions, slices: slices, keys: keys)
    }

    /// Flux months from the period's first month to `fluxMonthsAfter` past its last, as [start, next) day numbers.
    func fluxMonths() -> [(start: Int, next: Int)] {
        let first = CalendarDay.civil(spec.period.start)
        let last = CalendarDay.civil(spec.period.end)
        let count = (last.year - first.year) * 12 + last.month - first.month + 1 + QualityPreset.fluxMonthsAfter
        return (0..<count).map { offset in
            let index = first.year * 12 + first.month - 1 + offset
            let nextIndex = index + 1
            return (
                CalendarDay.day(year: index / 12, month: index % 12 + 1, day: 1),
                CalendarDay.day(year: nextIndex / 12, month: nextIndex % 12 + 1, day: 1)
            )
        }
    }

    func firstHaving(_ name: String, _ tables: [EngineTable], preset: QualityPreset, field: String, line: Int?) throws(ExtractionError) -> Resolved {
        for (index, table) in tables.enumerated() {
            if let column = table.column(name) { return Resolved(expression: "t\(index).\(dialect.quote(column.name))", column: column) }
        }
        throw ExtractionError(
            file: spec.file, line: line, field: "\(field).quality",
            "\(preset.rawValue) needs a column \(name), absent from \(tables.map(\.name).joined(separator: ", ")) on \(engine)")
    }

    struct Resolved {
        var expression: String
        var column: EngineColumn
    }

    func table(_ name: String, field: String, line: Int?) throws(ExtractionError) -> EngineTable {
        guard let table = tables[name.uppercased()] else {
            throw ExtractionError(file: spec.file, line: line, field: field, "no table \(name) on \(engine)")
        }
        return table
    }

    func column(_ reference: ColumnReference, in tables: [EngineTable], field: String, line: Int?) throws(ExtractionError) -> EngineColumn {
        try resolve(reference, in: tables, field: field, line: line).1
    }

    func reference(_ reference: ColumnReference, in tables: [EngineTable], field: String, line: Int?) throws(ExtractionError) -> Resolved {
        let (index, column) = try resolve(reference, in: tables, field: field, line: line)
        return Resolved(expression: "t\(index).\(dialect.quote(column.name))", column: column)
    }

    /// A column of the main table, or of the named one among those read.
    func resolve(_ reference: ColumnReference, in tables: [EngineTable], field: String, line: Int?) throws(ExtractionError) -> (Int, EngineColumn) {
        var index = 0
        if let name = reference.table {
            guard let found = tables.firstIndex(where: { $0.name.uppercased() == name.uppercased() }) else {
                throw ExtractionError(
                    file: spec.file, line: line, field: field,
                    "\(reference): \(name) is not among the tables read here (\(tables.map(\.name).joined(separator: ", ")))")
            }
            index = found
        }
        guard let column = tables[index].column(reference.column) else {
            throw ExtractionError(file: spec.file, line: line, field: field, "no column \(reference.column) in \(tables[index].name) on \(engine)")
        }
        return (index, column)
    }

    func condition(_ filter: Filter, in tables: [EngineTable], field: String, line: Int?) throws(ExtractionError) -> String {
        func operand(_ reference: ColumnReference) throws(ExtractionError) -> Resolved {
            try self.reference(reference, in: tables, field: field, line: line)
        }
        func values(_ texts: [String], _ column: EngineColumn) throws(ExtractionError) -> String {
            var written: [String] = []
            for text in texts { written.append(try typed(text, column, field: field, line: line)) }
            return written.joined(separator: ", ")
        }
        switch filter {
        case .equals(let reference, let value):
            let c = try operand(reference)
            return "\(c.expression) = \(try typed(value, c.column, field: field, line: line))"
        case .notEquals(let reference, let value):
            let c = try operand(reference)
            return "\(c.expression) <> \(try typed(value, c.column, field: field, line: line))"
        case .isIn(let reference, let list):
            let c = try operand(reference)
            return "\(c.expression) IN (\(try values(list, c.column)))"
        case .notIn(let reference, let list):
            let c = try operand(reference)
            return "\(c.expression) NOT IN (\(try values(list, c.column)))"
        case .startsWith(let reference, let prefixes), .notStartsWith(let reference, let prefixes):
            let c = try operand(reference)
            let text = ColumnKind(c.column) == .text ? c.expression : "CAST(\(c.expression) AS \(dialect.typeName(.text(length: nil))))"
            let negated: Bool
            if case .notStartsWith = filter { negated = true } else { negated = false }
            let tests = prefixes.map { prefix in "\(text) \(negated ? "NOT " : "")LIKE \(likePattern(prefix))" }
            if tests.count == 1 { return tests[0] }
            return "(" + tests.joined(separator: negated ? " AND " : " OR ") + ")"
        case .between(let reference, let low, let high):
            let c = try operand(reference)
            return
                "\(c.expression) BETWEEN \(try typed(low, c.column, field: field, line: line)) AND \(try typed(high, c.column, field: field, line: line))"
        case .isNull(let reference): return "\(try operand(reference).expression) IS NULL"
        case .isNotNull(let reference): return "\(try operand(reference).expression) IS NOT NULL"
        case .anyOf(let filters):
            var parts: [String] = []
            for inner in filters { parts.append(try condition(inner, in: tables, field: field, line: line)) }
            return "(" + parts.joined(separator: " OR ") + ")"
        }
    }

    /// `'E11%'`; a prefix holding `%` or `_` escapes them with `!`, a character no engine's string syntax treats specially.
    func likePattern(_ prefix: String) -> String {
        guard prefix.contains(where: { $0 == "%" || $0 == "_" || $0 == "!" }) else { return dialect.literal(prefix + "%") }
        var escaped = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return "\(dialect.literal(escaped + "%")) ESCAPE '!'"
    }

    /// A value as the column's type wants it: a bare number for a numeric column (checked), a string otherwise.
    func typed(_ value: String, _ column: EngineColumn, field: String, line: Int?) throws(ExtractionError) -> String {
        switch ColumnKind(column) {
        case .numeric:
            guard Double(value) != nil, !value.contains(where: { $0.isLetter }) else {
                throw ExtractionError(
                    file: spec.file, line: line, field: field,
                    "\(column.name) is numeric (\(column.declaredType)) on \(engine): \(value) is not a number")
            }
            return value
        case .text, .date: return dialect.literal(value)
        }
    }
}

/// What a declared type means for the values written against it.
enum ColumnKind: Equatable {
    case numeric, text, date

    init(_ column: EngineColumn) {
        let type = column.declaredType.uppercased()
        if ["INT", "NUMERIC", "DECIMAL", "REAL", "DOUBLE", "FLOAT", "NUMBER"].contains(where: type.contains) {
            self = .numeric
        } else if type.contains("DATE") || type.contains("TIMESTAMP") {
            self = .date
        } else {
            self = .text
        }
    }
}
