import Search

/// What enrichment tells of one researcher, from their publications: their identifiers, the structures they
/// signed from over the years, and their co-authors.
public struct ResearcherProfile: Hashable, Sendable, Codable {
    /// A structure of the researcher's affiliations and the years they signed from it.
    public struct Affiliation: Hashable, Sendable, Codable {
        public var structure: String
        public var firstYear: Int?
        public var lastYear: Int?
        public var publications: Int

        public init(structure: String, firstYear: Int?, lastYear: Int?, publications: Int) {
            self.structure = structure
            self.firstYear = firstYear
            self.lastYear = lastYear
            self.publications = publications
        }
    }

    public var key: String
    /// The fullest form of the name met.
    public var name: String
    public var orcid: String?
    /// Enrichment's id of the person, when it identified them.
    public var researcher: String?
    /// In the order they began: earliest first year first, undated last.
    public var affiliations: [Affiliation]
    public var coAuthors: [ResearcherCount]

    public init(key: String, name: String, orcid: String?, researcher: String?, affiliations: [Affiliation], coAuthors: [ResearcherCount]) {
        self.key = key
        self.name = name
        self.orcid = orcid
        self.researcher = researcher
        self.affiliations = affiliations
        self.coAuthors = coAuthors
    }
}

extension ResearcherProfile {
    /// The profile of the researcher `key` (a `DocumentAuthor.researcherKey`) over `documents`; nil when none
    /// of them is signed by that researcher.
    public init?(key: String, documents: some Sequence<SearchDocument>, top: Int = Dashboard.defaultTop) {
        var names: [String] = []
        var orcid: String?
        var researcher: String?
        var affiliations: [String: Affiliation] = [:]
        var order: [String] = []
        var coAuthors = ResearcherTable()
        var coAuthorCounts = Tally<Int>()
        var total = 0
        for document in documents {
            let signatures = document.authors.filter { $0.researcherKey == key }
            guard !signatures.isEmpty else { continue }
            total += 1
            var structures: [String] = []
            for author in signatures {
                names.append(author.name)
                orcid = orcid ?? author.orcid
                researcher = researcher ?? author.researcher
                for index in author.affiliations where document.affiliations.indices.contains(index) {
                    let affiliation = document.affiliations[index]
                    let named = affiliation.organisations.isEmpty ? [affiliation.structure].compactMap { $0 } : affiliation.organisations.map(\.name)
                    for structure in named where !structures.contains(structure) { structures.append(structure) }
                }
            }
            for structure in structures {
                if affiliations[structure] == nil { order.append(structure) }
                var entry = affiliations[structure] ?? Affiliation(structure: structure, firstYear: nil, lastYear: nil, publications: 0)
                entry.publications += 1
                if let year = document.year {
                    entry.firstYear = min(entry.firstYear ?? year, year)
                    entry.lastYear = max(entry.lastYear ?? year, year)
                }
                affiliations[structure] = entry
            }
            var seen: Set<Int> = []
            for author in document.authors where author.researcherKey != key {
                let coAuthor = coAuthors.index(of: author)
                if seen.insert(coAuthor).inserted { coAuthorCounts.add(coAuthor) }
            }
        }
        guard total > 0 else { return nil }
        // The fullest form, as the dashboard's researchers show it.
        let name = names.max { $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0 > $1 } ?? key
        let listed = order.compactMap { affiliations[$0] }.sorted { lhs, rhs in
            switch (lhs.firstYear, rhs.firstYear) {
            case let (left?, right?) where left != right: return left < right
            case (nil, _?): return false
            case (_?, nil): return true
            default: return lhs.publications != rhs.publications ? lhs.publications > rhs.publications : lhs.structure < rhs.structure
            }
        }
        self.init(
            key: key, name: name, orcid: orcid, researcher: researcher, affiliations: listed,
            coAuthors: coAuthorCounts.top(top, by: { coAuthors.keys[$0] < coAuthors.keys[$1] }).map { entry in
                ResearcherCount(
                    key: coAuthors.keys[entry.key], name: coAuthors.names[entry.key], orcid: coAuthors.orcids[entry.key],
                    publications: entry.count, of: total)
            })
    }
}
