import Core
import Foundation

/// A catalog read from disk and checked, ready to be stored.
public struct CatalogSource {
    public var directory: String
    var tables: [ParsedTable]
    var nomenclatures: [ParsedNomenclature]
    public var problems: [ImportProblem]

    public var tableCount: Int { tables.count }
    public var variableCount: Int { tables.reduce(0) { $0 + $1.variables.count } }

    struct File {
        var path: String
        var relativePath: String
        /// For table schemas, the product named by the first folder under `schemas/`, used when `produit` is absent.
        var product: String
    }

    /// Table schemas are the `.json` files under `schemas/` (or anywhere but `nomenclatures/` when there is
    /// no `schemas/` folder); nomenclature schemas, those under `nomenclatures/`. Sorted, so imports are repeatable.
    static func discover(in directory: String, problems: inout [ImportProblem]) -> (tables: [File], nomenclatures: [File]) {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: directory)
        else {
            problems.append(ImportProblem(.error, .unreadableFile, at: SourceLocation(file: directory), "not a readable directory"))
            return ([], [])
        }
        let relativePaths = enumerator.compactMap { $0 as? String }.filter { $0.lowercased().hasSuffix(".json") }.sorted()
        let hasSchemasFolder = relativePaths.contains { $0.hasPrefix("schemas/") }
        var tables: [File] = []
        var nomenclatures: [File] = []
        for relative in relativePaths {
            let components = relative.split(separator: "/").map(String.init)
            let path = root.appendingPathComponent(relative).relativePath
            if components.first == "nomenclatures" {
                nomenclatures.append(File(path: path, relativePath: relative, product: ""))
            } else if !hasSchemasFolder || components.first == "schemas" {
                let folders = components.dropLast().drop { $0 == "schemas" }
                tables.append(File(path: path, relativePath: relative, product: folders.first ?? root.lastPathComponent))
            }
        }
        return (tables, nomenclatures)
    }

    /// Checks what no single file can: duplicate names, joins to missing tables or columns, references to
    /// unknown nomenclatures or nomenclature columns.
    func crossChecked() -> CatalogSource {
        var checked = self
        var tablesByName: [String: ParsedTable] = [:]
        var kept: [ParsedTable] = []
        for table in tables {
            if let first = tablesByName[table.table.name] {
                checked.problems.append(
                    ImportProblem(
                        .error, .duplicateTable, at: table.location.with(jsonPath: "$.name"),
                        "table `\(table.table.name)` is already defined in \(first.location.file)")
                )
                continue
            }
            tablesByName[table.table.name] = table
            kept.append(table)
        }
        checked.tables = kept

        var nomenclaturesByName: [String: ParsedNomenclature] = [:]
        var keptNomenclatures: [ParsedNomenclature] = []
        for parsed in nomenclatures {
            if let first = nomenclaturesByName[parsed.nomenclature.name] {
                checked.problems.append(
                    ImportProblem(
                        .error, .duplicateNomenclature, at: SourceLocation(file: parsed.schemaPath, jsonPath: "$.name"),
                        "nomenclature `\(parsed.nomenclature.name)` is already defined in \(first.schemaPath)")
                )
                continue
            }
            nomenclaturesByName[parsed.nomenclature.name] = parsed
            keptNomenclatures.append(parsed)
        }
        checked.nomenclatures = keptNomenclatures

        for table in kept {
            for (index, key) in table.foreignKeys.enumerated() {
                let location = table.location.with(jsonPath: "$.foreignKeys[\(index)].reference")
                guard let target = tablesByName[key.referencedTable] else {
                    checked.problems.append(
                        ImportProblem(
                            .warning, .danglingForeignKey, at: location,
                            "\(table.table.name) joins `\(key.referencedTable)`, which is not in the catalog; the join is kept, unresolved")
                    )
                    continue
                }
                let targetNames = Set(target.variables.map(\.name))
                for field in key.referencedFields where !targetNames.contains(field) {
                    checked.problems.append(
                        ImportProblem(
                            .warning, .unknownKeyColumn, at: location.with(jsonPath: "$.foreignKeys[\(index)].reference.fields"),
                            "\(table.table.name) joins \(key.referencedTable) on `\(field)`, which is not a variable of \(key.referencedTable)")
                    )
                }
            }
            for variable in table.variables {
                guard let name = variable.nomenclatureName else { continue }
                let location = table.location.with(jsonPath: "$.fields[\(variable.position)].nomenclature")
                guard let nomenclature = nomenclaturesByName[name]?.nomenclature else {
                    if !nomenclatures.isEmpty {
                        checked.problems.append(
                            ImportProblem(
                                .warning, .unknownNomenclature, at: location,
                                "\(table.table.name).\(variable.name) refers to nomenclature `\(name)`, which is not in the catalog")
                        )
                    }
                    continue
                }
                if let column = variable.nomenclatureColumn, !nomenclature.columns.contains(where: { $0.name.folded == column.folded }) {
                    checked.problems.append(
                        ImportProblem(
                            .warning, .unknownKeyColumn, at: location,
                            "\(table.table.name).\(variable.name) refers to column `\(column)` of \(name), which has no such column")
                    )
                }
            }
        }
        return checked
    }
}

extension SourceLocation {
    func with(jsonPath: String) -> SourceLocation {
        var copy = self
        copy.jsonPath = jsonPath
        return copy
    }
}
