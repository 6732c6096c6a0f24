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
        let groups = termGroups(for: query)
        guard !groups.isEmpty, limit > 0 else { return [] }
        let expression = Self.matchExpression(groups)
        var matches: [Int64: VariableMatch] = [:]
        let exactName = query.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()

        // FTS5's BM25 picks the candidates; `RelevanceScorer` ranks them.
        let direct = try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.name, v.description, v.nomenclatureName, t.name AS tableName, t.product,
                       variableSearch.name AS nameTerms, variableSearch.description AS descriptionTerms,
                       variableSearch.context AS contextTerms
                FROM variableSearch
                JOIN variable v ON v.id = variableSearch.rowid
                JOIN catalogTable t ON t.id = v.catalogTableID
                WHERE variableSearch MATCH ? AND v.versionID = ?
                ORDER BY bm25(variableSearch, 8.0, 4.0, 1.0) LIMIT ?
                """,
            arguments: [expression, versionID, max(300, limit * 10)])
        let documents = direct.map {
            RelevanceScorer.Document(name: $0["nameTerms"], description: $0["descriptionTerms"], context: $0["contextTerms"])
        }
        let scorer = RelevanceScorer(
            groups: groups, documentFrequency: try Self.documentFrequencies(of: groups, db: db),
            documentCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM variable WHERE versionID = ?", arguments: [versionID]) ?? 0,
            candidates: documents)
        for (row, document) in zip(direct, documents) {
            let name: String = row["name"]
            var score = scorer.score(document)
            if name.uppercased() == exactName { score += 1000 }
            matches[row["id"]] = VariableMatch(
                table: row["tableName"], field: name, description: row["description"], score: score, product: row["product"],
                nomenclature: row["nomenclatureName"])
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
                JOIN variable v ON v.versionID = n.versionID AND v.nomenclatureName = n.name
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

    /// One query word's alternatives: the word itself, its French equivalents, and for `date` the year, month
    /// and day that SNDS variables split dates into. `prefix` is set on the last word while the user types.
    struct TermGroup: Equatable {
        var alternatives: [String]
        var prefix: Bool

        func matches(_ term: Substring) -> Bool {
            alternatives.contains { prefix ? term.hasPrefix($0) : term == $0 }
        }
    }

    func termGroups(for query: String) -> [TermGroup] {
        let terms = analyzer.terms(query)
        let typing = !(query.last?.isWhitespace ?? true)
        return terms.enumerated().map { index, term in
            var alternatives = [term]
            for related in (HealthDataLexicon.englishToFrench[term] ?? []) + (HealthDataLexicon.related[term] ?? []) {
                alternatives += analyzer.terms(related).filter { !alternatives.contains($0) }
            }
            return TermGroup(alternatives: alternatives, prefix: typing && index == terms.count - 1)
        }
    }

    /// The FTS5 query: any alternative of any word (BM25 ranks documents with more of them higher).
    static func matchExpression(_ groups: [TermGroup]) -> String {
        groups.map { group in
            let quoted = group.alternatives.map { "\"\($0)\"" + (group.prefix ? "*" : "") }
            return quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
        }.joined(separator: " OR ")
    }

    /// How many variable documents hold each alternative (all versions together: it only weighs words).
    static func documentFrequencies(of groups: [TermGroup], db: Database) throws -> [String: Int] {
        var frequencies: [String: Int] = [:]
        for group in groups {
            for alternative in group.alternatives where frequencies[alternative] == nil {
                let sql =
                    group.prefix
                    ? "SELECT MAX(doc) FROM variableSearchVocabulary WHERE term >= ? AND term < ? || char(1114111)"
                    : "SELECT doc FROM variableSearchVocabulary WHERE term = ? AND ? IS NOT NULL"
                frequencies[alternative] = try Int.fetchOne(db, sql: sql, arguments: [alternative, alternative]) ?? 0
            }
        }
        return frequencies
    }
}
