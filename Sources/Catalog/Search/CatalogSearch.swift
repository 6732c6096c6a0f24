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
/// ignored, English words matched to their French equivalents, the last word completed while typing.
/// FTS5 finds candidates, `RelevanceScorer` ranks them; an exact variable name comes first; variables found
/// only through their nomenclature's labels rank below direct matches of equal strength.
public struct CatalogSearch: Sendable {
    public var analyzer = TextAnalyzer()
    /// How much a match through a nomenclature label counts, relative to a direct match.
    static let labelMatchWeight = 0.5
    /// How many indexed words a typed prefix stands for, the most frequent first: few, since each one
    /// widens the query (labels, 400,000 of them, get fewer still).
    static let variableCompletions = 4
    static let labelCompletions = 3
    /// What an exact variable name adds to its score: enough to put it first.
    static let exactNameBonus = 1000.0

    public init() {}

    public func search(_ query: String, versionID: Int64, limit: Int = 20, db: Database) throws -> [VariableMatch] {
        let words = queryWords(query)
        guard !words.groups.isEmpty, limit > 0 else { return [] }
        let groups = try Self.completing(words, from: "variableSearchVocabulary", count: Self.variableCompletions, db: db)
        // The version's document count is its token's frequency: one index lookup instead of a count.
        let frequencies = try Self.documentFrequencies(of: groups + [TermGroup(alternatives: [Self.versionToken(versionID)])], db: db)
        var (matches, scorer) = try directMatches(groups, frequencies: frequencies, versionID: versionID, limit: limit, db: db)
        try addExactNameMatches(query, versionID: versionID, to: &matches, db: db)
        // A label match scores at most what a label made of the query's words would; when that cannot
        // enter the page, the label search (the costliest part for common words) is skipped.
        let bestLabelScore =
            scorer.score(RelevanceScorer.Document(name: "", description: "", context: groups.map { $0.alternatives[0] }.joined(separator: " ")))
            * Self.labelMatchWeight
        let lowestOnPage = matches.count < limit ? 0 : matches.values.map(\.score).sorted(by: >)[limit - 1]
        if bestLabelScore > lowestOnPage {
            try addLabelMatches(words, scorer: scorer, versionID: versionID, to: &matches, db: db)
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

    /// Variables whose own text matches, with the scorer that ranked them.
    private func directMatches(
        _ groups: [TermGroup], frequencies: [String: Int], versionID: Int64, limit: Int, db: Database
    ) throws -> (variables: [Int64: VariableMatch], scorer: RelevanceScorer) {
        // Candidates by FTS5's BM25, ranked by `RelevanceScorer`; their details are read for the best only.
        // Variables holding every word come first and are cheap to find (an intersection); variables holding
        // some of them, a costlier union, are looked for only when those do not fill the page.
        let wanted = max(60, limit * 3)
        let candidateStatement = try db.cachedStatement(
            // bm25() rather than a configured `rank`: FTS5 prepares an inner statement per query for `rank`, and
            // every statement SQLite prepares goes through GRDB's authorizer, which costs more than the query.
            sql: """
                SELECT rowid, name, description, context FROM variableSearch
                WHERE variableSearch MATCH ? ORDER BY bm25(variableSearch, 8.0, 4.0, 1.0, 0.0) LIMIT ?
                """)
        let version = "version : \(Self.versionToken(versionID)) AND "
        var candidates = try Row.fetchAll(
            candidateStatement, arguments: [version + "(\(Self.matchExpression(groups, requireAll: true)))", wanted])
        if groups.count > 1, candidates.count < limit {
            let found = Set(candidates.map { $0[0] as Int64 })
            candidates += try Row.fetchAll(
                candidateStatement, arguments: [version + "(\(Self.matchExpression(groups, requireAll: false)))", wanted]
            ).filter { !found.contains($0[0]) }
        }
        // Columns by position: name lookups in GRDB rows cost more than the scoring itself.
        let documents = candidates.map { RelevanceScorer.Document(name: $0[1], description: $0[2], context: $0[3]) }
        let scorer = RelevanceScorer(
            groups: groups, documentFrequency: frequencies, documentCount: frequencies[Self.versionToken(versionID)] ?? 0,
            candidates: documents)
        let best = zip(candidates, documents).map { (id: $0[0] as Int64, score: scorer.score($1)) }
            .sorted { $0.score > $1.score }.prefix(limit)
        let details = try db.cachedStatement(
            sql: """
                SELECT v.name, v.description, v.nomenclatureName, t.name, t.product
                FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID WHERE v.id = ?
                """)
        var matches: [Int64: VariableMatch] = [:]
        for candidate in best {
            guard let row = try Row.fetchOne(details, arguments: [candidate.id]) else { continue }
            matches[candidate.id] = VariableMatch(
                table: row[3], field: row[0], description: row[1], score: candidate.score, product: row[4], nomenclature: row[2])
        }
        return (matches, scorer)
    }

    /// An exact variable name comes first, whether or not its text made it among the candidates.
    private func addExactNameMatches(
        _ query: String, versionID: Int64, to matches: inout [Int64: VariableMatch], db: Database
    ) throws {
        let name = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return }
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT v.id, v.name, v.description, v.nomenclatureName, t.name, t.product
                    FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID WHERE v.versionID = ? AND v.name = ? COLLATE NOCASE
                    """), arguments: [versionID, name])
        for row in rows {
            let id: Int64 = row[0]
            let score = (matches[id]?.score ?? 0) + Self.exactNameBonus
            matches[id] = VariableMatch(
                table: row[4], field: row[1], description: row[2], score: score, product: row[5], nomenclature: row[3])
        }
    }

    /// Variables whose nomenclature has labels holding every word: the nomenclatures first (one document
    /// each), then the best matching code of each to show, then the variables that take their codes.
    private func addLabelMatches(
        _ words: QueryWords, scorer: RelevanceScorer, versionID: Int64, to matches: inout [Int64: VariableMatch], db: Database
    ) throws {
        let labelExpression = Self.matchExpression(
            try Self.completing(words, from: "nomenclatureLabelSearchVocabulary", count: Self.labelCompletions, db: db), requireAll: true)
        let nomenclatures = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT n.name, c.firstEntryRowID, c.lastEntryRowID
                    FROM nomenclatureLabelSearch
                    JOIN nomenclature n ON n.contentID = nomenclatureLabelSearch.rowid AND n.versionID = ?
                    JOIN nomenclatureContent c ON c.id = n.contentID
                    WHERE nomenclatureLabelSearch MATCH ?
                    ORDER BY bm25(nomenclatureLabelSearch) LIMIT 6
                    """),
            arguments: [versionID, labelExpression])
        for nomenclature in nomenclatures {
            guard
                let entry = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT e.code, e.label, nomenclatureEntrySearch.label FROM nomenclatureEntrySearch
                            JOIN nomenclatureEntry e ON e.rowid = nomenclatureEntrySearch.rowid
                            WHERE nomenclatureEntrySearch MATCH ? AND nomenclatureEntrySearch.rowid BETWEEN ? AND ?
                            ORDER BY bm25(nomenclatureEntrySearch) LIMIT 1
                            """),
                    arguments: [labelExpression, nomenclature[1], nomenclature[2]])
            else { continue }
            // Scored like a variable with that label in its context, and weighted below a direct match.
            let score = scorer.score(RelevanceScorer.Document(name: "", description: "", context: entry[2])) * Self.labelMatchWeight
            let variables = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT v.id, v.name, v.description, t.name, t.product FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID
                        WHERE v.versionID = ? AND v.nomenclatureName = ?
                        """),
                arguments: [versionID, nomenclature[0]])
            for variable in variables {
                let id: Int64 = variable[0]
                if let existing = matches[id], existing.score >= score { continue }
                matches[id] = VariableMatch(
                    table: variable[3], field: variable[1], description: variable[2], score: score, product: variable[4],
                    nomenclature: nomenclature[0], matchedEntry: .init(code: entry[0], label: entry[1]))
            }
        }
    }

    /// The token that marks a version's documents in `variableSearch`.
    static func versionToken(_ versionID: Int64) -> String {
        "v\(versionID)"
    }

    /// The FTS5 query finding nomenclature labels that hold every word of `label`, the last one completed.
    func labelExpression(for label: String, db: Database) throws -> String? {
        let words = QueryWords(groups: analyzer.terms(label).map { TermGroup(alternatives: [$0]) }, typing: true)
        guard !words.groups.isEmpty else { return nil }
        return Self.matchExpression(
            try Self.completing(words, from: "nomenclatureLabelSearchVocabulary", count: Self.labelCompletions, db: db), requireAll: true)
    }

    /// One query word's alternatives, best first: the word itself (or the indexed words a typed prefix
    /// begins), then its French equivalents, and for `date` the year, month and day that SNDS variables
    /// split dates into.
    struct TermGroup: Equatable {
        var alternatives: [String]
        /// How many leading alternatives are the word itself rather than a translation or a related word.
        var primaryCount = 1

        func matches(_ term: Substring) -> Bool {
            alternatives.contains { term == $0 }
        }

        func weight(ofAlternativeAt index: Int) -> Double {
            index < primaryCount ? 1 : RelevanceScorer.alternativeWeight
        }
    }

    /// The analysed words of a query; `typing` when its last word may be unfinished (no trailing space).
    struct QueryWords {
        var groups: [TermGroup]
        var typing: Bool
    }

    func queryWords(_ query: String) -> QueryWords {
        let groups = analyzer.terms(query).map { term in
            var alternatives = [term]
            for related in (HealthDataLexicon.englishToFrench[term] ?? []) + (HealthDataLexicon.related[term] ?? []) {
                alternatives += analyzer.terms(related).filter { !alternatives.contains($0) }
            }
            return TermGroup(alternatives: alternatives)
        }
        return QueryWords(groups: groups, typing: !(query.last?.isWhitespace ?? true))
    }

    /// Replaces an unfinished last word by the words of the index it begins, the most frequent first.
    /// Prefix queries on a large FTS5 index merge every matching word's list at each call; completing the
    /// word once, from the index's vocabulary, keeps the label search under a millisecond. One or two letters
    /// are left as typed: they would stand for most of the index.
    static func completing(_ words: QueryWords, from vocabulary: String, count: Int, db: Database) throws -> [TermGroup] {
        guard words.typing, var last = words.groups.last, let typed = last.alternatives.first, typed.count >= 3 else { return words.groups }
        let completions = try String.fetchAll(
            db.cachedStatement(sql: "SELECT term FROM \(vocabulary) WHERE term >= ? AND term < ? || char(1114111) ORDER BY doc DESC, term LIMIT ?"),
            arguments: [typed, typed, count])
        guard !completions.isEmpty else { return words.groups }
        let primary = completions.contains(typed) ? [typed] + completions.filter { $0 != typed } : completions
        last.alternatives = primary + last.alternatives.dropFirst().filter { !primary.contains($0) }
        last.primaryCount = primary.count
        return words.groups.dropLast() + [last]
    }

    /// The FTS5 query: any alternative of any word for variables (BM25 ranks documents with more of them
    /// higher), every word for nomenclature labels (a label sharing one common word with the query says
    /// nothing about the variable).
    static func matchExpression(_ groups: [TermGroup], requireAll: Bool) -> String {
        groups.map { group in
            let quoted = group.alternatives.map { "\"\($0)\"" }
            return quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
        }.joined(separator: requireAll ? " AND " : " OR ")
    }

    /// How many variable documents hold each alternative (all versions together: it only weighs words).
    /// One lookup per word: fts5vocab answers `term = ?` from the index, but scans it whole for `IN`.
    static func documentFrequencies(of groups: [TermGroup], db: Database) throws -> [String: Int] {
        let statement = try db.cachedStatement(sql: "SELECT doc FROM variableSearchVocabulary WHERE term = ?")
        var frequencies: [String: Int] = [:]
        for term in groups.flatMap(\.alternatives) where frequencies[term] == nil {
            frequencies[term] = try Int.fetchOne(statement, arguments: [term]) ?? 0
        }
        return frequencies
    }
}
