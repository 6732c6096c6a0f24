import Search

/// What enrichment tells of one structure, from the publications naming it: the registry organisations of that
/// name, the researchers affiliated to it, and the structures it publishes with.
public struct StructureProfile: Hashable, Sendable, Codable {
    public var name: String
    /// The registry's organisations matched under this name, most publications first (usually one; a name
    /// shared by two organisations lists both).
    public var organisations: [DocumentOrganisation]
    /// Authors whose affiliation names the structure, most publications first.
    public var researchers: [ResearcherCount]
    /// The other structures of its publications, most shared publications first.
    public var partners: [RankedCount]

    public init(name: String, organisations: [DocumentOrganisation], researchers: [ResearcherCount], partners: [RankedCount]) {
        self.name = name
        self.organisations = organisations
        self.researchers = researchers
        self.partners = partners
    }
}

extension StructureProfile {
    /// The profile of the structure `name` over `documents` (those naming it; others add nothing but partners).
    public init(name: String, documents: some Sequence<SearchDocument>, top: Int = Dashboard.defaultTop) {
        var organisations: [String: (organisation: DocumentOrganisation, publications: Int)] = [:]
        var researchers = ResearcherTable()
        var researcherCounts = Tally<Int>()
        var partners = Tally<String>()
        var total = 0
        for document in documents {
            total += 1
            var here: Set<Int> = []
            var seenOrganisations: Set<String> = []
            for (index, affiliation) in document.affiliations.enumerated() {
                let named = affiliation.organisations.filter { $0.name == name }
                for organisation in named where seenOrganisations.insert(organisation.id).inserted {
                    organisations[organisation.id, default: (organisation, 0)].publications += 1
                }
                if !named.isEmpty || (affiliation.organisations.isEmpty && affiliation.structure == name) { here.insert(index) }
            }
            var seenResearchers: Set<Int> = []
            for author in document.authors where !here.isDisjoint(with: author.affiliations) {
                let researcher = researchers.index(of: author)
                if seenResearchers.insert(researcher).inserted { researcherCounts.add(researcher) }
            }
            for partner in document.structures where partner != name { partners.add(partner) }
        }
        self.init(
            name: name,
            organisations: organisations.values.sorted {
                $0.publications != $1.publications ? $0.publications > $1.publications : $0.organisation.id < $1.organisation.id
            }.map(\.organisation),
            researchers: researcherCounts.top(top, by: { researchers.keys[$0] < researchers.keys[$1] }).map { entry in
                ResearcherCount(
                    key: researchers.keys[entry.key], name: researchers.names[entry.key], orcid: researchers.orcids[entry.key],
                    publications: entry.count, of: total)
            },
            partners: partners.top(top).map { RankedCount(value: $0.key, publications: $0.count, of: total) })
    }
}
