import Core
import GRDB

/// Fills the full-text index of one version's variables. Each document has three columns, weighted in
/// that order when ranking: the name's parts, the description, and context (the table's title, the
/// nomenclature's name and title, and what the name's parts stand for).
enum CatalogSearchIndex {
    static func build(versionID: Int64, db: Database) throws {
        let analyzer = TextAnalyzer()
        let variables = try Variable.filter(Variable.Columns.versionID == versionID).fetchAll(db)
        let tableTitles = try Dictionary(
            uniqueKeysWithValues: CatalogTable.filter(CatalogTable.Columns.versionID == versionID).fetchAll(db).map { ($0.id!, $0.title) })
        let nomenclatureTitles = try Dictionary(
            Nomenclature.filter(Nomenclature.Columns.versionID == versionID).fetchAll(db).map { ($0.name, $0.title) },
            uniquingKeysWith: { first, _ in first })
        let lexicon = AbbreviationLexicon.learn(from: variables.map { ($0.name, $0.description) }, analyzer: analyzer)

        let insert = try db.cachedStatement(sql: "INSERT INTO variableSearch (rowid, name, description, context, version) VALUES (?, ?, ?, ?, ?)")
        for variable in variables {
            let parts = analyzer.words(variable.name)
            var context = analyzer.terms(tableTitles[variable.catalogTableID] ?? "")
            if let nomenclature = variable.nomenclatureName {
                context += analyzer.words(nomenclature) + analyzer.terms(nomenclatureTitles[nomenclature] ?? "")
            }
            context += parts.flatMap(lexicon.meanings(of:))
            try insert.execute(arguments: [
                variable.id, parts.joined(separator: " "), analyzer.terms(variable.description).joined(separator: " "),
                context.joined(separator: " "), CatalogSearch.versionToken(versionID),
            ])
        }
    }
}
