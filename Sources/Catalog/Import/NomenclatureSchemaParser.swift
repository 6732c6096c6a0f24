import Core
import Foundation

/// A nomenclature schema as read, with the CSV expected beside it.
struct ParsedNomenclature {
    var nomenclature: Nomenclature
    /// The schema and CSV paths as the user named the directory, for messages.
    var schemaPath: String
    var csvPath: String
}

/// Reads `nomenclatures/<source>/<NAME>.json`, a Table Schema whose fields carry `role: code|label`.
enum NomenclatureSchemaParser {
    static func parse(_ root: JSONValue, file: String, problems: inout [ImportProblem]) -> ParsedNomenclature? {
        guard var object = SchemaObject(root, file: file, path: "$", problems: &problems) else { return nil }
        defer { problems += object.problems }
        let url = URL(fileURLWithPath: file)
        let stem = url.deletingPathExtension().lastPathComponent
        let name = object.string("name") ?? stem
        var columns: [Nomenclature.Column] = []
        for var field in object.objects("fields", required: true) {
            if let columnName = field.string("name", required: true) {
                columns.append(Nomenclature.Column(name: columnName, type: field.string("type") ?? "string", role: field.string("role")))
            }
            object.absorb(field)
        }
        let nomenclature = Nomenclature(
            versionID: 0, name: name, source: url.deletingLastPathComponent().lastPathComponent,
            title: object.string("title") ?? "", description: object.string("description") ?? "",
            columns: columns, primaryKey: object.strings("primaryKey"), sourcePath: file
        )
        return ParsedNomenclature(
            nomenclature: nomenclature, schemaPath: file, csvPath: url.deletingPathExtension().appendingPathExtension("csv").relativePath)
    }
}
