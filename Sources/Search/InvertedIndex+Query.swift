/// A query turned into postings to read: each clause must match (through any of its alternatives), excluded
/// clauses must not.
struct CompiledQuery {
    struct Alternative {
        /// One term, or a phrase's terms in order.
        var terms: [Int32]
        /// Below 1 for what was not typed: a completion, a correction, a synonym.
        var weight: Float
        var field: SearchField?
    }

    struct Clause {
        var alternatives: [Alternative]
        var isExcluded: Bool
    }

    var clauses: [Clause]
    /// The terms to mark in snippets.
    var highlighted: Set<String>

    var positive: [Clause] { clauses.filter { !$0.isExcluded } }
}

extension InvertedIndex {
    static let completionLimit = 30
    static let correctionLimit = 8
    /// A word this rare is perhaps misspelt: its corrections are looked for too.
    static let rareFrequency = 3

    func compile(_ query: SearchQuery, synonyms: DatabaseSynonyms) -> CompiledQuery {
        var clauses: [CompiledQuery.Clause] = []
        var highlighted: Set<String> = []
        func alternative(_ terms: [String], weight: Float, field: SearchField?) -> CompiledQuery.Alternative? {
            var ids: [Int32] = []
            for term in terms {
                guard let id = termIDs[term] else { return nil }
                ids.append(id)
            }
            highlighted.formUnion(terms)
            return CompiledQuery.Alternative(terms: ids, weight: weight, field: field)
        }
        for part in query.parts {
            let terms = analyzer.terms(part.text)
            guard !terms.isEmpty else { continue }
            var alternatives: [CompiledQuery.Alternative] = []
            if part.isPhrase || terms.count > 1 {
                if let phrase = alternative(terms, weight: 1, field: part.field) { alternatives.append(phrase) }
            } else {
                let term = terms[0]
                let exact = termIDs[term]
                // A word typed in lower case may be an acronym the texts write in capitals (`snds`), or a word a
                // title prints in capitals (`STAYS`): both are indexed unstemmed. When that form exists, the
                // word as typed is likelier meant than its stem (`snd`, another acronym).
                let unstemmed = analyzer.text.words(part.text).first { !analyzer.isStopWord($0) } ?? term
                let asTyped = unstemmed == term ? nil : alternative([unstemmed], weight: 1, field: part.field)
                if let found = alternative([term], weight: asTyped == nil ? 1 : 0.8, field: part.field) { alternatives.append(found) }
                if let asTyped { alternatives.append(asTyped) }
                if part.isOpen {
                    for completion in completions(of: analyzer.text.words(part.text).last ?? term) where completion != exact {
                        alternatives.append(CompiledQuery.Alternative(terms: [completion], weight: 0.8, field: part.field))
                        highlighted.insert(self.terms[Int(completion)])
                    }
                }
                let frequency = exact.map { documentFrequency($0) } ?? 0
                if term.utf8.count >= 5, frequency < Self.rareFrequency, !part.isExcluded {
                    for correction in corrections(of: term, above: frequency) {
                        alternatives.append(CompiledQuery.Alternative(terms: [correction], weight: 0.5, field: part.field))
                        highlighted.insert(self.terms[Int(correction)])
                    }
                }
                if part.field == nil, let databases = synonyms.databasesOfTerm[term] ?? synonyms.databasesOfTerm[unstemmed] {
                    for database in databases {
                        let forms = synonyms.forms[database]
                        if let named = alternative([forms.name], weight: 0.9, field: .database) { alternatives.append(named) }
                        for sequence in forms.sequences where sequence != [term] {
                            if let synonym = alternative(sequence, weight: 0.9, field: nil) { alternatives.append(synonym) }
                        }
                    }
                }
            }
            clauses.append(CompiledQuery.Clause(alternatives: alternatives, isExcluded: part.isExcluded))
        }
        return CompiledQuery(clauses: clauses, highlighted: highlighted)
    }

    /// The most frequent terms that begin with `prefix` (folded, not stemmed: it is being typed).
    func completions(of prefix: String) -> [Int32] {
        let bytes = Array(prefix.utf8)
        guard bytes.count >= 3, let bucket = prefixBuckets[Self.prefixKey(bytes)] else { return [] }
        var found: [(term: Int32, frequency: Int32)] = []
        for term in bucket where postings[Int(term)].live > 0 && terms[Int(term)].utf8.starts(with: bytes) {
            found.append((term, postings[Int(term)].live))
        }
        return found.sorted { ($0.frequency, $1.term) > ($1.frequency, $0.term) }.prefix(Self.completionLimit).map(\.term)
    }

    /// The most frequent terms one edit (a letter added, removed or replaced) from `term`, more frequent than it.
    func corrections(of term: String, above frequency: Int) -> [Int32] {
        let bytes = Array(term.utf8)
        var seen: Set<Int32> = []
        var found: [(term: Int32, frequency: Int32)] = []
        for length in (bytes.count - 1)...(bytes.count + 1) {
            for (byte, isLast) in [(bytes[0], false), (bytes[bytes.count - 1], true)] {
                for candidate in editBuckets[Self.editKey(length: length, byte: byte, isLast: isLast)] ?? []
                where postings[Int(candidate)].live > frequency && seen.insert(candidate).inserted {
                    if Self.isOneEditApart(bytes, Array(terms[Int(candidate)].utf8)) { found.append((candidate, postings[Int(candidate)].live)) }
                }
            }
        }
        return found.sorted { ($0.frequency, $1.term) > ($1.frequency, $0.term) }.prefix(Self.correctionLimit).map(\.term)
    }

    static func isOneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count { return a[(i + 1)...] == b[(i + 1)...] }
        if a.count > b.count { return a[(i + 1)...] == b[i...] }
        return a[i...] == b[(i + 1)...]
    }
}
