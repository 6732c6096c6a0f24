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
        let expression = Self.matchExpression(groups, requireAll: false)
        var matches: [Int64: VariableMatch] = [:]
        let exactName = query.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()

        // FTS5's BM25 picks the candidates; `RelevanceScorer` ranks them.
        let direct = try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.name, v.description, v.nomenclatureName, t.name, t.product,
                       variableSearch.name, variableSearch.description, variableSearch.context
                FROM variableSearch
                JOIN variable v ON v.id = variableSearch.rowid
                JOIN catalogTable t ON t.id = v.catalogTableID
                WHERE variableSearch MATCH ? AND v.versionID = ?
                ORDER BY bm25(variableSearch, 8.0, 4.0, 1.0) LIMIT ?
                """,
            arguments: [expression, versionID, max(100, limit * 5)])
        // Columns by position: name lookups in GRDB rows cost more than the scoring itself.
        let documents = direct.map { RelevanceScorer.Document(name: $0[6], description: $0[7], context: $0[8]) }
        let scorer = RelevanceScorer(
            groups: groups, documentFrequency: try Self.documentFrequencies(of: groups, db: db),
            documentCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM variable WHERE versionID = ?", arguments: [versionID]) ?? 0,
            candidates: documents)
        for (row, document) in zip(direct, documents) {
            let name: String = row[1]
            var score = scorer.score(document)
            if name.uppercased() == exactName { score += 1000 }
            matches[row[0]] = VariableMatch(
                table: row[4], field: name, description: row[2], score: score, product: row[5], nomenclature: row[3])
        }

        // Variables whose nomenclature has labels holding every word: the nomenclatures first (one document
        // each), then one matching code of each to show, then the variables that take their codes.
        let labelExpression = Self.matchExpression(groups, requireAll: true)
        let nomenclatures = try Row.fetchAll(
            db,
            sql: """
                SELECT n.name, c.firstEntryRowID, c.lastEntryRowID
                FROM nomenclatureLabelSearch
                JOIN nomenclature n ON n.contentID = nomenclatureLabelSearch.rowid AND n.versionID = ?
                JOIN nomenclatureContent c ON c.id = n.contentID
                WHERE nomenclatureLabelSearch MATCH ?
                ORDER BY bm25(nomenclatureLabelSearch) LIMIT 20
                """,
            arguments: [versionID, labelExpression])
        for nomenclature in nomenclatures {
            guard
                let entry = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT e.code, e.label, nomenclatureEntrySearch.label FROM nomenclatureEntrySearch
                        JOIN nomenclatureEntry e ON e.rowid = nomenclatureEntrySearch.rowid
                        WHERE nomenclatureEntrySearch MATCH ? AND nomenclatureEntrySearch.rowid BETWEEN ? AND ?
                        LIMIT 1
                        """,
                    arguments: [labelExpression, nomenclature[1], nomenclature[2]])
            else { continue }
            // Scored like a variable with that label in its context, and weighted below a direct match.
            let score = scorer.score(RelevanceScorer.Document(name: "", description: "", context: entry[2])) * Self.labelMatchWeight
            let variables = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.id, v.name, v.description, t.name, t.product FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID
                    WHERE v.versionID = ? AND v.nomenclatureName = ?
                    """,
                arguments: [versionID, nomenclature[0]])
            for variable in variables {
                let id: Int64 = variable[0]
                if let existing = matches[id], existing.score >= score { continue }
                matches[id] = VariableMatch(
                    table: variable[3], field: variable[1], description: variable[2], score: score, product: variable[4],
                    nomenclature: nomenclature[0], matchedEntry: .init(code: entry[0], label: entry[1]))
            }
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
            // A prefix of one or two letters would match most of the index: wait for a third.
            return TermGroup(alternatives: alternatives, prefix: typing && index == terms.count - 1 && term.count >= 3)
        }
    }

    /// The FTS5 query: any alternative of any word for variables (BM25 ranks documents with more of them
    /// higher), every word for nomenclature labels (a label sharing one common word with the query says
    /// nothing about the variable, and there are 400,000 labels to rank).
    static func matchExpression(_ groups: [TermGroup], requireAll: Bool) -> String {
        groups.map { group in
            let quoted = group.alternatives.map { "\"\($0)\"" + (group.prefix ? "*" : "") }
            return quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
        }.joined(separator: requireAll ? " AND " : " OR ")
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
