import Core
import Publications

/// What search, facets, the dashboard and exports know of one publication: its merged metadata reduced to
/// what they show, count or export, with the databases it uses and the structures and countries its
/// affiliations name.
///
/// It is derived (from the publication's records, its classification and its curated labels) and stored by
/// the search index, so that reading a result set never re-merges records.
public struct SearchDocument: Hashable, Sendable, Codable {
    public var id: Int64
    /// The publication's lasting name (`PublicationName`): `pmid:…`, `doi:…`, a team's own key.
    public var name: String
    public var title: String
    public var abstract: String?
    public var date: PublicationDate?
    public var journal: String?
    /// The journal's ISSN, the linking one when the source says which.
    public var issn: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publisher: String?
    /// ISO 639-1 when known (`en`, `fr`).
    public var language: String?
    public var publicationTypes: [String]
    public var keywords: [String]
    /// MeSH descriptors, major topics first.
    public var mesh: [String]
    public var authors: [DocumentAuthor]
    /// Each distinct affiliation string of the byline once, with what was read from it.
    public var affiliations: [DocumentAffiliation]
    public var identifiers: PublicationIdentifiers
    public var openAccess: OpenAccess?
    /// Citations counted by the source that gave them (OpenAlex, Europe PMC, Crossref), when one did.
    public var citations: Int?
    /// The hub's databases the publication uses or mentions: the classifier's verdicts, curators' labels over them.
    public var databases: [DocumentDatabase]
    public var hasFullText: Bool
    /// The sources of its records (`crossref`, `pubmed`).
    public var sources: [String]

    public init(
        id: Int64, name: String, title: String, abstract: String? = nil, date: PublicationDate? = nil, journal: String? = nil,
        issn: String? = nil, volume: String? = nil, issue: String? = nil, pages: String? = nil, publisher: String? = nil,
        language: String? = nil, publicationTypes: [String] = [], keywords: [String] = [], mesh: [String] = [],
        authors: [DocumentAuthor] = [], affiliations: [DocumentAffiliation] = [],
        identifiers: PublicationIdentifiers = PublicationIdentifiers(), openAccess: OpenAccess? = nil, citations: Int? = nil,
        databases: [DocumentDatabase] = [], hasFullText: Bool = false, sources: [String] = []
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.abstract = abstract
        self.date = date
        self.journal = journal
        self.issn = issn
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
        self.language = language
        self.publicationTypes = publicationTypes
        self.keywords = keywords
        self.mesh = mesh
        self.authors = authors
        self.affiliations = affiliations
        self.identifiers = identifiers
        self.openAccess = openAccess
        self.citations = citations
        self.databases = databases
        self.hasFullText = hasFullText
        self.sources = sources
    }

    public var year: Int? { date?.year }

    /// The structures to count and filter by: each affiliation's matched organisations by name (a string naming a
    /// hospital and a lab counts for both), else the structure read from it; each once, in byline order.
    public var structures: [String] {
        unique(affiliations.flatMap { $0.organisations.isEmpty ? ($0.structure.map { [$0] } ?? []) : $0.organisations.map(\.name) })
    }

    /// The registry organisations its affiliations name, each once, in byline order.
    public var organisations: [DocumentOrganisation] {
        var seen: Set<String> = []
        return affiliations.flatMap(\.organisations).filter { seen.insert($0.id).inserted }
    }

    /// The cities of its matched organisations, each once.
    public var cities: [String] { unique(organisations.compactMap(\.city)) }

    /// The countries of its affiliations, each once, in byline order.
    public var countries: [String] { unique(affiliations.compactMap(\.country)) }

    /// Written by authors of more than one country.
    public var isInternationalCollaboration: Bool { countries.count > 1 }

    /// The databases it uses (not only mentions).
    public var databasesUsed: [String] { databases.filter { $0.status == .uses }.map(\.name) }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

public struct DocumentAuthor: Hashable, Sendable, Codable {
    /// `Given Family`, or the collective's name.
    public var name: String
    public var family: String?
    public var given: String?
    public var orcid: String?
    /// Indexes into the document's `affiliations`.
    public var affiliations: [Int]
    /// The person enrichment identified (`orcid:…`, or the id of a group of name mentions it disambiguated);
    /// nil until enrichment has run.
    public var researcher: String?

    public init(
        name: String, family: String? = nil, given: String? = nil, orcid: String? = nil, affiliations: [Int] = [], researcher: String? = nil
    ) {
        self.name = name
        self.family = family
        self.given = given
        self.orcid = orcid
        self.affiliations = affiliations
        self.researcher = researcher
    }

    /// Known as a person rather than as a name: enrichment identified them, or a source gave their ORCID.
    public var isIdentified: Bool { researcher != nil || orcid != nil }

    /// How researchers are told apart: enrichment's researcher when it has run; until then the ORCID when given, else the name as
    /// `family, given names` folded (`dupont, jean pierre`), initials when the source gives no more. A family
    /// name and one initial would merge hundreds of people (`wang, y`); the whole given name merges fewer.
    public var researcherKey: String {
        if let researcher { return researcher }
        if let orcid { return "orcid:\(orcid)" }
        let given = TextAnalyzer().words(given ?? "").joined(separator: " ")
        return "name:\(TextAnalyzer().words(family ?? name).joined(separator: " ")), \(given)"
    }
}

/// An affiliation string as printed, with what enrichment matched in it and what was read from it.
public struct DocumentAffiliation: Hashable, Sendable, Codable {
    public var text: String
    /// The structure to show and count: the best matched organisation's name, else the institution part read
    /// from the string (none when unsure).
    public var structure: String?
    /// The country's English name (`France`): the matched organisation's, else the one the string names.
    public var country: String?
    /// The registry's organisations the string names, best first; empty when none matched.
    public var organisations: [DocumentOrganisation]

    public init(text: String, structure: String? = nil, country: String? = nil, organisations: [DocumentOrganisation] = []) {
        self.text = text
        self.structure = structure
        self.country = country
        self.organisations = organisations
    }

    private enum CodingKeys: String, CodingKey {
        case text, structure, country, organisations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        structure = try container.decodeIfPresent(String.self, forKey: .structure)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        organisations = try container.decodeIfPresent([DocumentOrganisation].self, forKey: .organisations) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(structure, forKey: .structure)
        try container.encodeIfPresent(country, forKey: .country)
        if !organisations.isEmpty { try container.encode(organisations, forKey: .organisations) }
    }
}

/// A registry organisation matched in an affiliation, with what pages, facets and the map show of it.
public struct DocumentOrganisation: Hashable, Sendable, Codable {
    /// Its registry id (`https://ror.org/057qpr032`, `200711886U`).
    public var id: String
    public var name: String
    public var city: String?
    /// The country's English name (`France`).
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The matcher's confidence, in [0, 1]; 1 for a curator's correction.
    public var score: Double

    public init(
        id: String, name: String, city: String? = nil, country: String? = nil, latitude: Double? = nil, longitude: Double? = nil, score: Double = 1
    ) {
        self.id = id
        self.name = name
        self.city = city
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.score = score
    }
}

public struct DocumentDatabase: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case uses, mentions
    }

    /// The registry's name (`SNDS`, `PMSI`).
    public var name: String
    public var status: Status
    /// Decided by a curator rather than the classifier.
    public var isCurated: Bool
    public var confidence: Double

    public init(name: String, status: Status, isCurated: Bool = false, confidence: Double = 1) {
        self.name = name
        self.status = status
        self.isCurated = isCurated
        self.confidence = confidence
    }
}
