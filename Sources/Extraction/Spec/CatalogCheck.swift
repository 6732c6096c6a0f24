/// The spec against the catalog version it names: every table and column it reads should be the catalog's.
/// Findings are warnings, not errors: a project's engine may hold local tables the catalog does not describe.
public struct CatalogCheck: Sendable {
    /// Catalog tables, by upper-cased name, with their upper-cased column names.
    let tables: [String: Set<String>]

    public init(tables: [String: [String]]) {
        self.tables = Dictionary(
            tables.map { ($0.key.uppercased(), Set($0.value.map { $0.uppercased() })) }, uniquingKeysWith: { $0.union($1) })
    }

    /// A yearly table (`T_MCO19B`) is described once in the catalog with `aa` for the year (`T_MCOaaB`).
    func catalogName(_ table: String) -> String? {
        let upper = table.uppercased()
        if tables[upper] != nil { return upper }
        let characters = Array(upper)
        for index in characters.indices.dropLast() where characters[index].isNumber && characters[index + 1].isNumber {
            var candidate = characters
            candidate.replaceSubrange(index...index + 1, with: "AA")
            if tables[String(candidate)] != nil { return String(candidate) }
        }
        return nil
    }

    /// One line per table or column the catalog lacks, with the spec line that reads it.
    public func warnings(_ spec: ExtractionSpec) -> [String] {
        var warnings: [String] = []
        var seen = Set<String>()
        func check(_ table: String, _ column: String?, line: Int?, field: String) {
            guard seen.insert("\(table).\(column ?? "")".uppercased()).inserted else { return }
            let place = "\(spec.file):\(line.map(String.init) ?? "?"): \(field)"
            guard let name = catalogName(table) else {
                if column == nil { warnings.append("\(place): table \(table) is not in catalog version \(spec.catalogVersion ?? "")") }
                return
            }
            if let column, tables[name]?.contains(column.uppercased()) == false {
                warnings.append("\(place): \(table) has no column \(column) in catalog version \(spec.catalogVersion ?? "")")
            }
        }
        func check(_ source: Source, field: String, columns: [String]) {
            for table in source.tables { check(table, nil, line: source.line, field: field) }
            var references = [source.person] + (source.date.map { [$0] } ?? []) + source.filters.flatMap(\.columns)
            references += source.joins.flatMap { join in join.on.map(\.left) + join.on.map { ColumnReference(table: join.table, column: $0.right) } }
            references += columns.map { ColumnReference(column: $0) }
            for reference in references { check(reference.table ?? source.table, reference.column, line: source.line, field: field) }
        }
        for (index, criterion) in spec.population.enumerated() {
            for source in criterion.sources { check(source, field: "population[\(index)]", columns: []) }
        }
        for (index, extract) in spec.extracts.enumerated() {
            for (_, year) in ExtractionPlanner.expand(extract.source.table, years: spec.period.years) {
                let source = year.map { year in extract.source.renamingTables { ExtractionPlanner.fill($0, year: year) } } ?? extract.source
                check(source, field: "extract[\(index)]", columns: extract.columns ?? [])
            }
        }
        return warnings
    }
}
