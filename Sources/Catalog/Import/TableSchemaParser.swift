import Core
import Foundation

/// A table schema file as read, before it has a place in the store.
struct ParsedTable {
    var table: CatalogTable
    var variables: [Variable]
    var foreignKeys: [ForeignKey]
    var location: SourceLocation
}

/// Reads one Frictionless Table Schema file of the SNDS layout into a table, its variables and its keys.
enum TableSchemaParser {
    static func parse(_ root: JSONValue, file: String, product defaultProduct: String, problems: inout [ImportProblem]) -> ParsedTable? {
        guard var object = SchemaObject(root, file: file, path: "$", problems: &problems) else { return nil }
        defer { problems += object.problems }
        let name = object.string("name", required: true)
        var fieldObjects = object.objects("fields", required: true)
        guard let name else { return nil }

        let fileStem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if fileStem != name {
            object.report(.warning, .tableNameMismatch, key: "name", "the table is named `\(name)` but its file `\(fileStem).json`; the name wins")
        }
        let product = object.string("produit") ?? defaultProduct
        var history = CatalogTable.History()
        if var historyObject = object.object("history") {
            history = readHistory(&historyObject)
            object.absorb(historyObject)
        }

        // Read every known key before `unreadMembers` is taken.
        let title = object.string("title") ?? ""
        let scope = object.string("champ") ?? ""
        let observation = object.string("observation") ?? ""
        let primaryKey = object.strings("primaryKey")
        let missingValues = object.strings("missingValues")
        var keyObjects = object.objects("foreignKeys")

        var variables: [Variable] = []
        var seen: [String: Int] = [:]
        for index in fieldObjects.indices {
            guard let variable = readVariable(&fieldObjects[index], position: variables.count) else {
                object.absorb(fieldObjects[index])
                continue
            }
            object.absorb(fieldObjects[index])
            if let first = seen[variable.name] {
                object.report(
                    .error, .duplicateVariable, key: "fields[\(index)].name",
                    "variable `\(variable.name)` is declared twice (first at $.fields[\(first)])")
                continue
            }
            seen[variable.name] = index
            variables.append(variable)
        }

        let names = Set(variables.map(\.name))
        for key in primaryKey where !names.contains(key) {
            object.report(.warning, .unknownKeyColumn, key: "primaryKey", "primary key column `\(key)` is not a variable of \(name)")
        }

        var foreignKeys: [ForeignKey] = []
        for index in keyObjects.indices {
            let fields = keyObjects[index].strings("fields")
            var reference = keyObjects[index].object("reference")
            let referencedTable = reference?.string("resource", required: true)
            let referencedFields = reference?.strings("fields") ?? []
            if reference == nil { keyObjects[index].report(.error, .missingKey, key: "reference", "required key `reference` is missing") }
            if let reference { keyObjects[index].absorb(reference) }
            object.absorb(keyObjects[index])
            guard let referencedTable, !fields.isEmpty else { continue }
            if fields.count != referencedFields.count {
                object.report(
                    .error, .invalidValue, key: "foreignKeys[\(index)]",
                    "the key has \(fields.count) columns but references \(referencedFields.count)")
                continue
            }
            for field in fields where !names.contains(field) {
                object.report(
                    .warning, .unknownKeyColumn, key: "foreignKeys[\(index)].fields",
                    "foreign key column `\(field)` is not a variable of \(name)")
            }
            foreignKeys.append(
                ForeignKey(
                    catalogTableID: 0, versionID: 0, position: foreignKeys.count, fields: fields,
                    referencedTable: referencedTable, referencedFields: referencedFields)
            )
        }

        let table = CatalogTable(
            versionID: 0, product: product, name: name, title: title, scope: scope, observation: observation, history: history,
            primaryKey: primaryKey, missingValues: missingValues, sourcePath: file, extra: object.unreadMembers
        )
        return ParsedTable(table: table, variables: variables, foreignKeys: foreignKeys, location: SourceLocation(file: file))
    }

    private static func readHistory(_ object: inout SchemaObject) -> CatalogTable.History {
        CatalogTable.History(
            created: object.string("dateCreated") ?? "",
            deleted: object.string("dateDeleted") ?? "",
            missing: object.strings("dateMissing")
        )
    }

    private static func readVariable(_ object: inout SchemaObject, position: Int) -> Variable? {
        guard let name = object.string("name", required: true) else { return nil }
        let nomenclature = object.string("nomenclature").map { $0.trimmingCharacters(in: .whitespaces) }
        let constraints = object.value("constraints")
        return Variable(
            catalogTableID: 0, versionID: 0, position: position, name: name,
            description: object.string("description") ?? "",
            type: object.string("type") ?? "string",
            oracleType: object.string("type_oracle") ?? "",
            lengthText: object.string("length"),
            format: object.string("format") ?? "default",
            nomenclatureReference: (nomenclature == nil || nomenclature == "-" || nomenclature == "") ? nil : nomenclature,
            constraints: constraints?.jsonText,
            history: readHistory(&object),
            managementRule: object.string("regle_gestion") ?? "",
            observation: object.string("observation") ?? "",
            extra: object.unreadMembers
        )
    }
}
