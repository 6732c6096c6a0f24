import Core
import Foundation
import GRDB
import Store

/// An import that could not be done; nothing of it was written. Lists every error found, not just the first.
public struct CatalogImportError: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public var description: String {
        let errors = problems.filter { $0.severity == .error }
        let shown = errors.prefix(20).map { "  \($0)" }.joined(separator: "\n")
        let more = errors.count > 20 ? "\n  ... and \(errors.count - 20) more" : ""
        return "catalog import failed with \(errors.count) error(s), nothing was imported:\n\(shown)\(more)"
    }
}

/// What an import did.
public struct ImportReport: Codable, Sendable {
    public var version: String
    public var statistics: CatalogStatistics
    public var nomenclatureRows: Int
    /// Nomenclatures whose CSV was byte-identical to one already stored, and so shared rather than copied.
    public var reusedNomenclatures: Int
    public var warnings: [ImportProblem]
}

/// Imports a catalog in the Frictionless Table Schema layout of schema-snds: `schemas/**/<TABLE>.json`
/// and `nomenclatures/<SOURCE>/<NAME>.json` with `<NAME>.csv` beside it.
///
/// The import is one transaction: a broken file leaves no half-imported version. Errors are what makes the
/// catalog wrong or unreadable (malformed JSON, a table or variable without a name, a key of the wrong type,
/// a table or variable declared twice, a CSV quote never closed); warnings are what a real catalog has and a
/// user should know (a nomenclature without CSV, a join to a table not in the catalog, a reference to an
/// unknown nomenclature, a CSV in a legacy encoding or with ragged rows). `strict` makes warnings errors.
public struct CatalogImporter: Sendable {
    public var strict: Bool

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// Reads and checks a directory without writing anything.
    public func read(directory: String) throws(CatalogImportError) -> CatalogSource {
        var problems: [ImportProblem] = []
        let files = CatalogSource.discover(in: directory, problems: &problems)
        var tables: [ParsedTable] = []
        for file in files.tables {
            guard let json = Self.readJSON(file.path, problems: &problems),
                let parsed = TableSchemaParser.parse(json, file: file.path, product: file.product, problems: &problems)
            else { continue }
            var table = parsed
            table.table.sourcePath = file.relativePath
            tables.append(table)
        }
        var nomenclatures: [ParsedNomenclature] = []
        for file in files.nomenclatures {
            guard let json = Self.readJSON(file.path, problems: &problems),
                var parsed = NomenclatureSchemaParser.parse(json, file: file.path, problems: &problems)
            else { continue }
            parsed.nomenclature.sourcePath = file.relativePath
            nomenclatures.append(parsed)
        }
        let source = CatalogSource(directory: directory, tables: tables, nomenclatures: nomenclatures, problems: problems)
        let checked = source.crossChecked()
        if checked.tables.isEmpty && !checked.problems.contains(where: { $0.severity == .error }) {
            throw CatalogImportError(
                problems: checked.problems + [
                    ImportProblem(.error, .emptyCatalog, at: SourceLocation(file: directory), "no table schema (*.json) found under this directory")
                ])
        }
        try checkNoErrors(checked.problems)
        return checked
    }

    /// Reads, checks and stores a directory as a new catalog version named `name` (default `v<N>`).
    public func importCatalog(from directory: String, name: String? = nil, into store: Store) throws -> ImportReport {
        let source = try read(directory: directory)
        return try write(source, name: name, sourceDescription: directory, isSample: false, into: store)
    }

    func write(_ source: CatalogSource, name: String?, sourceDescription: String, isSample: Bool, into store: Store) throws -> ImportReport {
        try store.writer.write { db in
            let versionName = try name ?? "v\(CatalogVersion.fetchCount(db) + 1)"
            if try CatalogVersion.filter(CatalogVersion.Columns.name == versionName).fetchCount(db) > 0 {
                throw CatalogImportError(problems: [
                    ImportProblem(
                        .error, .invalidValue, at: SourceLocation(file: sourceDescription),
                        "a catalog version named `\(versionName)` already exists: choose another --name")
                ])
            }
            var version = CatalogVersion(name: versionName, source: sourceDescription, isSample: isSample)
            try version.insert(db)
            let versionID = version.id!

            var tableIDs: [String: Int64] = [:]
            for parsed in source.tables {
                var table = parsed.table
                table.versionID = versionID
                try table.insert(db)
                tableIDs[table.name] = table.id!
                for var variable in parsed.variables {
                    variable.catalogTableID = table.id!
                    variable.versionID = versionID
                    try variable.insert(db)
                }
            }
            for parsed in source.tables {
                for var key in parsed.foreignKeys {
                    key.catalogTableID = tableIDs[parsed.table.name]!
                    key.versionID = versionID
                    key.referencedTableID = tableIDs[key.referencedTable]
                    try key.insert(db)
                }
            }

            var problems = source.problems
            var rows = 0
            var reused = 0
            let loader = NomenclatureLoader()
            for parsed in source.nomenclatures {
                var nomenclature = parsed.nomenclature
                nomenclature.versionID = versionID
                if let loaded = try loader.load(parsed, db: db, problems: &problems) {
                    nomenclature.contentID = loaded.contentID
                    rows += loaded.rowCount
                    if loaded.reused { reused += 1 }
                }
                try nomenclature.insert(db)
            }
            try checkNoErrors(problems)

            try CatalogSearchIndex.build(versionID: versionID, db: db)
            version.warnings = problems.filter { $0.severity == .warning }
            try version.update(db)
            return ImportReport(
                version: versionName, statistics: try CatalogStatistics.fetch(versionID: versionID, db: db),
                nomenclatureRows: rows, reusedNomenclatures: reused, warnings: version.warnings
            )
        }
    }

    private func checkNoErrors(_ problems: [ImportProblem]) throws(CatalogImportError) {
        if problems.contains(where: { $0.severity == .error || strict }) {
            throw CatalogImportError(
                problems: problems.map { problem in
                    var problem = problem
                    if strict { problem.severity = .error }
                    return problem
                })
        }
    }

    private static func readJSON(_ path: String, problems: inout [ImportProblem]) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(ImportProblem(.error, .unreadableFile, at: SourceLocation(file: path), "the file cannot be read"))
            return nil
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            problems.append(JSONSyntax.problem(in: data, file: path, error: error))
            return nil
        }
    }
}
