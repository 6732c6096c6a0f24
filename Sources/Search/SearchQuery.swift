import Catalog

/// A query of Hublot's query language read into its parts: words, `"phrases"`, `-exclusions`,
/// `field:value` restrictions, and whether the last word is still being typed.
struct SearchQuery: Hashable, Sendable {
    struct Part: Hashable, Sendable {
        var text: String
        var isPhrase = false
        var isExcluded = false
        var field: SearchField?
        /// The last word of a query that does not end with a space: completed from the vocabulary.
        var isOpen = false
    }

    var parts: [Part]

    init(_ query: String) {
        parts = []
        var characters = Array(query)[...]
        while let first = characters.first {
            if first.isWhitespace {
                characters.removeFirst()
                continue
            }
            var part = Part(text: "")
            if first == "-", characters.count > 1, !characters[characters.startIndex + 1].isWhitespace {
                part.isExcluded = true
                characters.removeFirst()
            }
            if characters.first != "\"", let colon = characters.prefix(while: { !$0.isWhitespace }).firstIndex(of: ":"),
                let field = SearchField(queryName: String(characters[characters.startIndex..<colon])), colon + 1 < characters.endIndex,
                !characters[colon + 1].isWhitespace
            {
                part.field = field
                characters = characters[(colon + 1)...]
            }
            if characters.first == "\"" {
                characters.removeFirst()
                let text = characters.prefix { $0 != "\"" }
                characters = characters.dropFirst(text.count + 1)
                part.text = String(text)
                part.isPhrase = true
            } else {
                let text = characters.prefix { !$0.isWhitespace }
                characters = characters.dropFirst(text.count)
                part.text = String(text)
                part.isOpen = characters.isEmpty && !part.isExcluded
            }
            if !part.text.isEmpty { parts.append(part) }
        }
    }
}

/// The registry's names of each database, as the query's synonyms: a query word that is one of a database's
/// acronyms or one-word names also looks for its other acronyms and names, and for documents classified as
/// using or mentioning it (`SNIIRAM` finds `SNDS`).
struct DatabaseSynonyms: Sendable {
    /// Per database: its name's term, then each acronym and plain name as a sequence of terms.
    var forms: [(name: String, sequences: [[String]])] = []
    /// Single-term forms to the databases they name.
    var databasesOfTerm: [String: [Int]] = [:]

    init(registry: DatabaseRegistry, analyzer: SearchAnalyzer = SearchAnalyzer()) {
        for database in registry.databases {
            let texts = [database.name] + database.acronyms.map(\.form) + database.names.filter(Self.isPlainPhrase)
            var sequences: [[String]] = []
            for text in texts {
                let terms = analyzer.terms(text)
                if !terms.isEmpty, !sequences.contains(terms) { sequences.append(terms) }
            }
            guard let name = analyzer.terms(database.name).first else { continue }
            let index = forms.count
            forms.append((name, sequences))
            for sequence in sequences where sequence.count == 1 { databasesOfTerm[sequence[0], default: []].append(index) }
        }
    }

    init() {}

    /// Registry names are `PhrasePattern`s: only those without choices, options or wildcards are phrases.
    static func isPlainPhrase(_ pattern: String) -> Bool {
        !pattern.contains { "()|?*+".contains($0) }
    }
}
