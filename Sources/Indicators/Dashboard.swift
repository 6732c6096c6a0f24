import Foundation
import Search

/// The key indicators of a result set: what `/api/dashboard` answers and the dashboard page draws.
///
/// Computed by `Dashboard(documents:top:)` in one pass over the documents (then a sort of each top-N list's
/// candidates), so that the web layer can compute it for any filters; it caches the answer per filters and
/// index revision. Shares are fractions from 0 to 1, growth rates percentages.
public struct Dashboard: Hashable, Sendable, Codable {
    public static let defaultTop = 10

    public var total: Int
    public var years: YearIndicators
    public var structures: [RankedCount]
    public var researchers: [ResearcherCount]
    public var journals: [RankedCount]
    public var countries: [RankedCount]
    public var openAccess: OpenAccessIndicators
    /// Publications whose affiliations name more than one country; known: those naming at least one.
    public var internationalCollaboration: KnownShare
    public var coverage: Coverage
    /// The coverage of each year with publications, oldest first: whether enrichment keeps up with new ones.
    public var coverageByYear: [YearCoverage]
    public var classification: ClassificationIndicators
    /// Each database the set's publications use, most used first.
    public var databases: [DatabaseIndicators]

    public init(
        total: Int, years: YearIndicators, structures: [RankedCount], researchers: [ResearcherCount], journals: [RankedCount],
        countries: [RankedCount], openAccess: OpenAccessIndicators, internationalCollaboration: KnownShare, coverage: Coverage,
        coverageByYear: [YearCoverage] = [], classification: ClassificationIndicators, databases: [DatabaseIndicators]
    ) {
        self.total = total
        self.years = years
        self.structures = structures
        self.researchers = researchers
        self.journals = journals
        self.countries = countries
        self.openAccess = openAccess
        self.internationalCollaboration = internationalCollaboration
        self.coverage = coverage
        self.coverageByYear = coverageByYear
        self.classification = classification
        self.databases = databases
    }
}

/// Publications per year, every year of the span listed (years without publications at 0), and growth.
public struct YearIndicators: Hashable, Sendable, Codable {
    public var counts: [YearCount]
    /// Publications without a known year, left out of `counts`.
    public var undated: Int
    /// The compound annual growth rate from the first year to the last, in percent: the constant yearly growth
    /// that leads from the first count to the last. None with fewer than two years. The last year may be
    /// the current, unfinished one: the page says so rather than this number guessing.
    public var compoundAnnualGrowth: Double?

    public init(counts: [YearCount], undated: Int, compoundAnnualGrowth: Double?) {
        self.counts = counts
        self.undated = undated
        self.compoundAnnualGrowth = compoundAnnualGrowth
    }

    /// Counts per year with their growth; gaps filled with zeros unless the span is implausibly wide (a year
    /// misread as 0019 must not make two thousand empty bars).
    init(counts byYear: [Int: Int], undated: Int) {
        let years = byYear.keys.sorted()
        var filled = years
        if let first = years.first, let last = years.last, last - first <= Self.maximumFilledSpan {
            filled = Array(first...last)
        }
        var counts: [YearCount] = []
        counts.reserveCapacity(filled.count)
        var previous: (year: Int, count: Int)?
        for year in filled {
            let count = byYear[year] ?? 0
            var growth: Double?
            if let previous, previous.year == year - 1, previous.count > 0 {
                growth = (Double(count) - Double(previous.count)) / Double(previous.count) * 100
            }
            counts.append(YearCount(year: year, publications: count, growth: growth))
            previous = (year, count)
        }
        var compound: Double?
        if let first = counts.first, let last = counts.last, last.year > first.year, first.publications > 0 {
            let ratio = Double(last.publications) / Double(first.publications)
            compound = (pow(ratio, 1 / Double(last.year - first.year)) - 1) * 100
        }
        self.init(counts: counts, undated: undated, compoundAnnualGrowth: compound)
    }

    static let maximumFilledSpan = 200
}

public struct OpenAccessIndicators: Hashable, Sendable, Codable {
    /// Open publications; known: those whose access is known.
    public var open: KnownShare
    /// Publications per status (`gold`, `green`, `closed`…), most frequent first; `unknown` when a source
    /// says whether it is open but not how.
    public var byStatus: [RankedCount]

    public init(open: KnownShare, byStatus: [RankedCount]) {
        self.open = open
        self.byStatus = byStatus
    }
}

/// How many publications have each kind of metadata, from the sources or from enrichment; and how much of the
/// affiliations and authors enrichment recognised, which are shares of affiliations and of authors, not of
/// publications.
public struct Coverage: Hashable, Sendable, Codable {
    public var doi: Share
    public var pmid: Share
    public var abstract: Share
    public var fullText: Share
    public var authors: Share
    public var affiliations: Share
    public var structure: Share
    public var country: Share
    /// At least one author with an ORCID.
    public var orcid: Share
    /// Whether it is open access is known.
    public var openAccess: Share
    public var citations: Share
    public var keywords: Share
    public var mesh: Share
    /// Affiliations (each distinct string of a publication once) matched to at least one registry organisation,
    /// of all the set's affiliations.
    public var matchedAffiliations: Share
    /// Authors (each name of each byline) identified as a person, by enrichment or an ORCID, of all the set's authors.
    public var identifiedAuthors: Share
    public var affiliationCount: Int
    public var authorCount: Int

    public init(
        doi: Share, pmid: Share, abstract: Share, fullText: Share, authors: Share, affiliations: Share, structure: Share, country: Share,
        orcid: Share, openAccess: Share, citations: Share, keywords: Share, mesh: Share,
        matchedAffiliations: Share = Share(count: 0, of: 0), identifiedAuthors: Share = Share(count: 0, of: 0), affiliationCount: Int = 0,
        authorCount: Int = 0
    ) {
        self.doi = doi
        self.pmid = pmid
        self.abstract = abstract
        self.fullText = fullText
        self.authors = authors
        self.affiliations = affiliations
        self.structure = structure
        self.country = country
        self.orcid = orcid
        self.openAccess = openAccess
        self.citations = citations
        self.keywords = keywords
        self.mesh = mesh
        self.matchedAffiliations = matchedAffiliations
        self.identifiedAuthors = identifiedAuthors
        self.affiliationCount = affiliationCount
        self.authorCount = authorCount
    }

    /// Each kind of metadata of the publications with its name (the JSON key), in the order the dashboard lists them.
    public var kinds: [(name: String, share: Share)] {
        [
            ("doi", doi), ("pmid", pmid), ("abstract", abstract), ("full_text", fullText), ("authors", authors),
            ("affiliations", affiliations), ("structure", structure), ("country", country), ("orcid", orcid),
            ("open_access", openAccess), ("citations", citations), ("keywords", keywords), ("mesh", mesh),
        ]
    }

    /// What enrichment and the sources are judged on over time and per database: matched affiliations and
    /// identified authors, then publications with a DOI, an abstract, a known access and a country.
    public var tracked: [(name: String, share: Share)] {
        [
            ("matched_affiliations", matchedAffiliations), ("identified_authors", identifiedAuthors), ("doi", doi), ("abstract", abstract),
            ("open_access", openAccess), ("country", country),
        ]
    }

    /// The names of `tracked`, for headers of tables with no coverage to read them from.
    public static let trackedNames = ["matched_affiliations", "identified_authors", "doi", "abstract", "open_access", "country"]
}

/// The coverage of the publications of one year.
public struct YearCoverage: Hashable, Sendable, Codable {
    public var year: Int
    public var publications: Int
    public var coverage: Coverage

    public init(year: Int, publications: Int, coverage: Coverage) {
        self.year = year
        self.publications = publications
        self.coverage = coverage
    }
}

/// What the classification says of the set's publications; each publication counts once per line.
public struct ClassificationIndicators: Hashable, Sendable, Codable {
    /// Using at least one database.
    public var uses: Share
    /// Mentioning databases without using any.
    public var mentionsOnly: Share
    /// With at least one verdict decided by a curator.
    public var curated: Share
    /// Neither using nor mentioning any database.
    public var unclassified: Share

    public init(uses: Share, mentionsOnly: Share, curated: Share, unclassified: Share) {
        self.uses = uses
        self.mentionsOnly = mentionsOnly
        self.curated = curated
        self.unclassified = unclassified
    }
}

/// One database's part of the set.
public struct DatabaseIndicators: Hashable, Sendable, Codable {
    public var name: String
    /// Publications using it, and their share of the set.
    public var uses: Share
    /// Publications mentioning it without using it.
    public var mentions: Int
    /// Publications using it whose verdict a curator decided.
    public var curated: Int
    /// Publications using it per year, over the same years as the set's `years.counts`.
    public var years: [YearCount]
    /// The coverage of the publications using it: what its users' metadata and enrichment give.
    public var coverage: Coverage

    public init(name: String, uses: Share, mentions: Int, curated: Int, years: [YearCount], coverage: Coverage) {
        self.name = name
        self.uses = uses
        self.mentions = mentions
        self.curated = curated
        self.years = years
        self.coverage = coverage
    }
}
