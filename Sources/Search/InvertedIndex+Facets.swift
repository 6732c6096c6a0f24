extension InvertedIndex {
    static func facetValues(_ facet: Facet, of document: SearchDocument) -> [(value: String, label: String)] {
        func plain(_ values: [String]) -> [(value: String, label: String)] { values.map { ($0, $0) } }
        switch facet {
        case .database: return plain(document.databasesUsed)
        case .year: return plain(document.year.map { [String($0)] } ?? [])
        case .structure: return plain(document.structures)
        case .author: return researchers(document.authors)
        case .researcher: return researchers(document.authors.filter(\.isIdentified))
        case .journal: return plain(document.journal.map { [$0] } ?? [])
        case .country: return plain(document.countries)
        case .city: return plain(document.cities)
        case .language: return plain(document.language.map { [$0] } ?? [])
        case .openAccess: return plain(document.openAccess.map { [$0.isOpenAccess ? "open" : "closed"] } ?? [])
        case .type: return plain(Array(Set(document.publicationTypes)).sorted())
        }
    }

    /// Each person once, by key, labelled by the first form of the name met: a byline may repeat a person.
    private static func researchers(_ authors: [DocumentAuthor]) -> [(value: String, label: String)] {
        var seen: Set<String> = []
        return authors.compactMap { author in seen.insert(author.researcherKey).inserted ? (author.researcherKey, author.name) : nil }
    }
}
