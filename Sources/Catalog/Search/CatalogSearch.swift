import Core
import GRDB

/// A variable found by a catalog search.
public struct VariableMatch: Codable, Hashable, Sendable {
    public var table: String
    public var field: String
    public var description: String
    /// Higher is better; comparable within one search only.
    public var score: Double
    public var product: String
    public var nomenclature: String?
    /// When the variable was found through a label of its nomenclature, that entry.
    public var matchedEntry: MatchedEntry?

    public struct MatchedEntry: Codable, Hashable, Sendable {
        public var code: String
        public var label: String
    }
}

/// Searches variables by name, description and nomenclature labels: accents, case, plurals and stop words
/// ignored, English words matched to their French equivalents, the last word taken as a prefix while typing.
/// Ranking is BM25 over the analysed text, name parts weighing most; an exact variable name comes first;
/// variables found only through their nomenclature's labels rank below direct matches of equal strength.
public struct CatalogSearch: Sendable {
    public var analyzer = TextAnalyzer()
    /// How much a match through a nomenclature label counts, relative to a direct match.
    static let labelMatchWeight = 0.5

    public init() {}

    public func search(_ query: String, versionID: Int64, limit: Int = 20, db: Database) throws -> [VariableMatch] {
        guard let expression = matchExpression(for: query), limit > 0 else { return [] }
        var matches: [Int64: VariableMatch] = [:]
        let exactName = query.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()

        let direct = try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.name, v.description, v.nomenclatureReference, t.name AS tableName, t.product,
                       bm25(variableSearch, 8.0, 4.0, 1.0) AS rank
                FROM variableSearch
                JOIN variable v ON v.id = variableSearch.rowid
                JOIN catalogTable t ON t.id = v.catalogTableID
                WHERE variableSearch MATCH ? AND v.versionID = ?
                ORDER BY rank LIMIT ?
                """,
            arguments: [expression, versionID, limit * 4])
        for row in direct {
            let name: String = row["name"]
            var score = -(row["rank"] as Double)
            if name.uppercased() == exactName { score += 1000 }
            matches[row["id"]] = VariableMatch(
                table: row["tableName"], field: name, description: row["description"], score: score, product: row["product"],
                nomenclature: (row["nomenclatureReference"] as String?).map { String($0.split(separator: ":")[0]) })
        }

        let throughLabels = try Row.fetchAll(
            db,
            sql: """
                WITH entries AS (
                    SELECT e.contentID, e.code, e.label, bm25(nomenclatureEntrySearch) AS rank
                    FROM nomenclatureEntrySearch
                    JOIN nomenclatureEntry e ON e.rowid = nomenclatureEntrySearch.rowid
                    WHERE nomenclatureEntrySearch MATCH ?
                    ORDER BY rank LIMIT 50
                )
                SELECT v.id, v.name, v.description, t.name AS tableName, t.product, n.name AS nomenclature,
                       entries.code, entries.label, MIN(entries.rank) AS rank
                FROM entries
                JOIN nomenclature n ON n.contentID = entries.contentID AND n.versionID = ?
                JOIN variable v ON v.versionID = n.versionID
                    AND (v.nomenclatureReference = n.name OR v.nomenclatureReference LIKE n.name || ':%')
                JOIN catalogTable t ON t.id = v.catalogTableID
                GROUP BY v.id
                """,
            arguments: [expression, versionID])
        for row in throughLabels {
            let score = -(row["rank"] as Double) * Self.labelMatchWeight
            let id: Int64 = row["id"]
            if let existing = matches[id], existing.score >= score { continue }
            matches[id] = VariableMatch(
                table: row["tableName"], field: row["name"], description: row["description"], score: score, product: row["product"],
                nomenclature: row["nomenclature"], matchedEntry: .init(code: row["code"], label: row["label"]))
        }

        return matches.values
            .sorted { $0.score != $1.score ? $0.score > $1.score : ($0.table, $0.field) < ($1.table, $1.field) }
            .prefix(limit)
            .map { match in
                var match = match
                match.score = (match.score * 1000).rounded() / 1000
                return match
            }
    }

    /// The FTS5 query that finds nomenclature labels holding every term of `label`, the last as a prefix.
    func labelExpression(for label: String) -> String? {
        let terms = analyzer.terms(label)
        guard !terms.isEmpty else { return nil }
        return terms.map { "\"\($0)\"*" }.joined(separator: " AND ")
    }

    /// The FTS5 query for `query`: each term or one of its French equivalents, any of the terms (BM25 ranks
    /// documents with more of them higher), the last one as a prefix unless the query ends with a space.
    func matchExpression(for query: String) -> String? {
        let terms = analyzer.terms(query)
        guard !terms.isEmpty else { return nil }
        let typing = !(query.last?.isWhitespace ?? true)
        let groups = terms.enumerated().map { index, term -> String in
            var alternatives = [term]
            for french in HealthDataLexicon.englishToFrench[term] ?? [] {
                alternatives += analyzer.terms(french).filter { !alternatives.contains($0) }
            }
            let isLast = index == terms.count - 1
            let quoted = alternatives.map { "\"\($0)\"" + (isLast && typing && $0 == term ? "*" : "") }
            return quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
        }
        return groups.joined(separator: " OR ")
    }
}
