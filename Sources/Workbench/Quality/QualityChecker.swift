import Catalog
import Foundation
import Store

/// Checks a project's tables on an engine against the catalog: columns and their types, values, lengths,
/// nomenclatures, nulls, keys, joins, dates and duplicates.
///
/// Every rule is a query the engine answers (`COUNT(*)` with a condition, `GROUP BY ... HAVING`, `LEFT JOIN`),
/// with at most ten example rows fetched (`LIMIT 10`): a table larger than memory is fine. Only the dates are
/// read back, as their distinct values with counts, to parse them in Swift against the catalog's formats.
public struct QualityChecker: Sendable {
    public var schema: ProjectSchema
    /// The codes of each nomenclature reference (`SA_SEX_V`, `SA_CIM_V:CIM_COD`) the checked variables use.
    public var nomenclatures: [String: NomenclatureCodes]
    public var exampleLimit = 10
    /// Up to this many codes go inline in `NOT IN (...)`; more are loaded into a table on the engine and joined.
    public var inlineCodeLimit = 50
    /// Dates after the end of this year are "outside the table's history" when the catalog says it goes on.
    public var currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())

    static let codesTable = "hublot_quality_codes"

    public init(schema: ProjectSchema, nomenclatures: [String: NomenclatureCodes] = [:]) {
        self.schema = schema
        self.nomenclatures = nomenclatures
    }

    /// Loads the codes of every nomenclature the schema's variables reference, once each.
    public static func loadNomenclatures(for schema: ProjectSchema, from store: Store) async throws -> [String: NomenclatureCodes] {
        var codes: [String: NomenclatureCodes] = [:]
        for variable in schema.tables.flatMap(\.variables) {
            guard let reference = variable.nomenclatureReference, codes[reference] == nil, DateShape(variable) == nil else { continue }
            if let loaded = try await NomenclatureCodes.load(for: variable, version: schema.version, from: store) { codes[reference] = loaded }
        }
        return codes
    }

    /// Checks the schema's tables (those named in `tables`, all when empty) on `engine`.
    public func check(_ engine: any Engine, tables names: [String] = []) async throws -> QualityReport {
        let wanted = Set(names.map { $0.uppercased() })
        let selected = schema.tables.filter { wanted.isEmpty || wanted.contains($0.name.uppercased()) }
        let engineTables = try await engine.tableNames()
        let present = Dictionary(engineTables.map { ($0.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var pseudonymised: Set<String> = []
        if present[Pseudonymiser.ledgerTable.uppercased()] != nil {
            pseudonymised = Set(try await Pseudonymiser.ledger(on: engine).map { "\($0.table.uppercased()).\($0.column.uppercased())" })
        }
        var reports: [TableQuality] = []
        for table in selected {
            guard let engineName = present[table.name.uppercased()], let columns = try await engine.columns(of: engineName) else {
                reports.append(
                    TableQuality(
                        name: table.name, isPresent: false,
                        rules: [
                            RuleResult(
                                rule: "table.present", severity: .blocking, table: table.name, subject: "", status: .failed, checked: 1, failures: 1,
                                detail: "no table \(table.name) on the engine")
                        ]))
                continue
            }
            let context = TableCheck(
                checker: self, engine: engine, table: table, engineName: engineName, engineColumns: columns, presentTables: present,
                pseudonymised: pseudonymised)
            reports.append(try await context.run())
        }
        return QualityReport(catalogVersion: schema.version.name, engine: engine.url.description, tables: reports)
    }
}

/// The checks of one table, with what they share: the engine's spelling of names, the row count, the examples' columns.
struct TableCheck {
    let checker: QualityChecker
    let engine: any Engine
    let table: ProjectTable
    let engineName: String
    let engineColumns: [EngineColumn]
    let presentTables: [String: String]
    let pseudonymised: Set<String>

    var dialect: any SQLDialect { engine.dialect }
    var from: String { dialect.quote(engineName) }

    /// The engine's spelling of a catalog column, when present.
    func column(_ name: String) -> String? {
        engineColumns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.name
    }

    func quoted(_ name: String) -> String { dialect.quote(column(name) ?? name) }

    /// The columns shown in examples: the primary key, then the rule's own, so a person can find the row.
    func exampleColumns(_ subject: [String]) -> [String] {
        var names = table.definition.primaryKey.compactMap(column)
        if names.isEmpty { names = Array(engineColumns.prefix(3).map(\.name)) }
        for name in subject.compactMap(column) where !names.contains(name) { names.append(name) }
        return names
    }

    func run() async throws -> TableQuality {
        let rowCount = try await engine.count("SELECT COUNT(*) FROM \(from)")
        var tableRules: [RuleResult] = []
        var columns: [ColumnQuality] = []
        let catalogNames = Set(table.variables.map { $0.name.uppercased() })

        // Null counts of every present column in one scan.
        let present = table.variables.filter { column($0.name) != nil }
        var nulls: [String: Int] = [:]
        if !present.isEmpty {
            let sql = "SELECT " + present.map { "COUNT(\(quoted($0.name)))" }.joined(separator: ", ") + " FROM \(from)"
            let counts = try await engine.rows(sql).first ?? []
            for (variable, count) in zip(present, counts) { nulls[variable.name] = rowCount - Int(count.integer ?? 0) }
        }

        for variable in table.variables {
            let declared = engineColumns.first { $0.name.caseInsensitiveCompare(variable.name) == .orderedSame }
            var quality = ColumnQuality(name: variable.name, catalogType: Self.catalogType(variable), declaredType: declared?.declaredType)
            guard let declared else {
                quality.rules.append(
                    RuleResult(
                        rule: "column.present", severity: .blocking, table: table.name, subject: variable.name, status: .failed, checked: 1,
                        failures: 1, detail: "the catalog's column \(variable.name) is not in \(engineName)"))
                columns.append(quality)
                continue
            }
            let nullCount = nulls[variable.name] ?? 0
            quality.nullCount = nullCount
            quality.nullRate = rowCount == 0 ? 0 : Double(nullCount) / Double(rowCount)
            quality.rules.append(declaredTypeRule(variable, declared: declared))
            quality.rules += try await valueRules(variable, checked: rowCount - nullCount)
            columns.append(quality)
        }
        for extra in engineColumns where !catalogNames.contains(extra.name.uppercased()) {
            tableRules.append(
                RuleResult(
                    rule: "column.unexpected", severity: .warning, table: table.name, subject: extra.name, status: .failed, checked: 1,
                    failures: 1, detail: "\(extra.name) is not a column of \(table.name) in the catalog"))
        }
        tableRules += try await keyRules(rowCount: rowCount, nulls: nulls)
        tableRules += try await foreignKeyRules(rowCount: rowCount)
        tableRules += try await dateRules(rowCount: rowCount)
        tableRules.append(try await duplicateRule(rowCount: rowCount))
        return TableQuality(name: table.name, isPresent: true, rowCount: rowCount, rules: tableRules, columns: columns)
    }

    static func catalogType(_ variable: Variable) -> String {
        variable.type + (variable.lengthText.map { "(\($0))" } ?? "")
    }

    // MARK: - Counting a condition, with examples

    /// A rule that fails on the rows of `source` matching `condition`; `source` defaults to the table itself.
    func countRule(
        _ rule: String, _ severity: RuleSeverity, subject: [String], condition: String, checked: Int, detail: String, source: String? = nil,
        examples: [(expression: String, name: String)]? = nil
    ) async throws -> RuleResult {
        let source = source ?? from
        let failures = try await engine.count("SELECT COUNT(*) FROM \(source) WHERE \(condition)")
        var result = RuleResult(
            rule: rule, severity: severity, table: table.name, subject: subject.joined(separator: ", "), status: failures == 0 ? .passed : .failed,
            checked: checked, failures: failures, detail: detail)
        if failures > 0 {
            let shown: [(expression: String, name: String)] = examples ?? exampleColumns(subject).map { (expression: dialect.quote($0), name: $0) }
            result.examples = try await exampleRows(
                "SELECT \(shown.map(\.expression).joined(separator: ", ")) FROM \(source) WHERE \(condition)", names: shown.map(\.name))
        }
        return result
    }

    func exampleRows(_ sql: String, names: [String]) async throws -> [ExampleRow] {
        try await engine.rows(sql + " LIMIT \(checker.exampleLimit)").map { ExampleRow(columns: names, values: $0.map(\.text)) }
    }

    func skipped(_ rule: String, _ severity: RuleSeverity, subject: [String], detail: String) -> RuleResult {
        RuleResult(rule: rule, severity: severity, table: table.name, subject: subject.joined(separator: ", "), status: .skipped, detail: detail)
    }

    func literal(_ value: CellValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): dialect.literal(text)
        }
    }
}
