/// What one source says about a work, or what Hublot concludes once every source is merged: the same shape
/// for both, so that merging is choosing, field by field, which record to believe.
///
/// Every field is optional or may be empty: sources hold very different subsets (HAL gives names without
/// affiliations, Crossref gives no abstract for most works, only JATS gives full text).
public struct PublicationMetadata: Hashable, Sendable, Codable {
    public var identifiers: PublicationIdentifiers
    public var title: String?
    public var abstract: Abstract?
    /// ISO 639-1 when the source's code is known (`en`, `fr`), else the source's code lower-cased.
    public var language: String?
    public var date: PublicationDate?
    public var journal: Journal?
    public var publicationTypes: [String]
    public var keywords: [String]
    public var meshHeadings: [MeshHeading]
    public var authors: [Author]
    public var grants: [Grant]
    public var references: [Reference]
    public var fullText: [TextSection]
    public var openAccess: OpenAccess?
    /// How many works cite it, as counted by the source that says (OpenAlex, Europe PMC, Crossref).
    public var citationCount: Int?

    public init(
        identifiers: PublicationIdentifiers = PublicationIdentifiers(),
        title: String? = nil,
        abstract: Abstract? = nil,
        language: String? = nil,
        date: PublicationDate? = nil,
        journal: Journal? = nil,
        publicationTypes: [String] = [],
        keywords: [String] = [],
        meshHeadings: [MeshHeading] = [],
        authors: [Author] = [],
        grants: [Grant] = [],
        references: [Reference] = [],
        fullText: [TextSection] = [],
        openAccess: OpenAccess? = nil,
        citationCount: Int? = nil
    ) {
        self.identifiers = identifiers
        self.title = title
        self.abstract = abstract
        self.language = language
        self.date = date
        self.journal = journal
        self.publicationTypes = publicationTypes
        self.keywords = keywords
        self.meshHeadings = meshHeadings
        self.authors = authors
        self.grants = grants
        self.references = references
        self.fullText = fullText
        self.openAccess = openAccess
        self.citationCount = citationCount
    }

    /// A record is worth keeping when something can find it again: an identifier, or at least a title.
    public var isIdentifiable: Bool { !identifiers.isEmpty || !(title ?? "").isEmpty }
}

/// The identifiers a work is known by. Values are normalised on the way in (`Normalize`): DOI lower-cased
/// without resolver prefix, PMCID with its `PMC` prefix, OpenAlex id as `W…`.
public struct PublicationIdentifiers: Hashable, Sendable, Codable {
    public var doi: String?
    public var pmid: String?
    public var pmcid: String?
    public var halID: String?
    public var openAlexID: String?
    /// Identifiers of other schemes (`arxiv`, `mag`, `pii`, Europe PMC's `PPR…`), by scheme.
    public var other: [String: String]

    public init(
        doi: String? = nil,
        pmid: String? = nil,
        pmcid: String? = nil,
        halID: String? = nil,
        openAlexID: String? = nil,
        other: [String: String] = [:]
    ) {
        self.doi = doi
        self.pmid = pmid
        self.pmcid = pmcid
        self.halID = halID
        self.openAlexID = openAlexID
        self.other = other
    }

    public var isEmpty: Bool { doi == nil && pmid == nil && pmcid == nil && halID == nil && openAlexID == nil }

    private enum CodingKeys: String, CodingKey {
        case doi, pmid, pmcid
        case halID = "halId"
        case openAlexID = "openalexId"
        case other
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        doi = try container.decodeIfPresent(String.self, forKey: .doi)
        pmid = try container.decodeIfPresent(String.self, forKey: .pmid)
        pmcid = try container.decodeIfPresent(String.self, forKey: .pmcid)
        halID = try container.decodeIfPresent(String.self, forKey: .halID)
        openAlexID = try container.decodeIfPresent(String.self, forKey: .openAlexID)
        other = try container.decodeIfPresent([String: String].self, forKey: .other) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(doi, forKey: .doi)
        try container.encodeIfPresent(pmid, forKey: .pmid)
        try container.encodeIfPresent(pmcid, forKey: .pmcid)
        try container.encodeIfPresent(halID, forKey: .halID)
        try container.encodeIfPresent(openAlexID, forKey: .openAlexID)
        if !other.isEmpty { try container.encode(other, forKey: .other) }
    }
}

/// An abstract, as labelled sections when the source structures it (PubMed's `AbstractText Label=`,
/// JATS `<sec>`), else one section without label.
public struct Abstract: Hashable, Sendable, Codable {
    public var sections: [AbstractSection]

    public init(sections: [AbstractSection]) { self.sections = sections }
    public init(text: String) { self.sections = [AbstractSection(text: text)] }

    /// The whole abstract as one text, labels included, for display and search.
    public var text: String {
        sections.map { section in
            guard let label = section.label, !label.isEmpty else { return section.text }
            return "\(label): \(section.text)"
        }.joined(separator: "\n")
    }

    public var isEmpty: Bool { sections.allSatisfy { $0.text.isEmpty } }
}

public struct AbstractSection: Hashable, Sendable, Codable {
    /// The label as printed (`METHODS`, `Study design`).
    public var label: String?
    /// NLM's category when given (`BACKGROUND`, `OBJECTIVE`, `METHODS`, `RESULTS`, `CONCLUSIONS`).
    public var category: String?
    public var text: String

    public init(label: String? = nil, category: String? = nil, text: String) {
        self.label = label
        self.category = category
        self.text = text
    }
}

/// A date as precise as the source gives it: a year alone is common, a season stays a month-less date.
public struct PublicationDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// `2019`, `2019-03`, `2019-03-25`.
    public var description: String {
        // Written by hand: `String(format:)` showed in the ingest profile, once per record.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = padded(year, 4)
        if let month {
            text += "-" + padded(month, 2)
            if let day { text += "-" + padded(day, 2) }
        }
        return text
    }

    public static func < (lhs: PublicationDate, rhs: PublicationDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Normalize.date(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public struct Journal: Hashable, Sendable, Codable {
    public var title: String?
    public var isoAbbreviation: String?
    /// Normalised `NNNN-NNNX`, print first when the source says which is which.
    public var issns: [ISSN]
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publisher: String?

    public init(
        title: String? = nil,
        isoAbbreviation: String? = nil,
        issns: [ISSN] = [],
        volume: String? = nil,
        issue: String? = nil,
        pages: String? = nil,
        publisher: String? = nil
    ) {
        self.title = title
        self.isoAbbreviation = isoAbbreviation
        self.issns = issns
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
    }

    public var isEmpty: Bool { title == nil && isoAbbreviation == nil && issns.isEmpty }
}

public struct ISSN: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case print, electronic, linking, unspecified
    }

    public var value: String
    public var kind: Kind

    public init(_ value: String, kind: Kind = .unspecified) {
        self.value = value
        self.kind = kind
    }
}

public struct MeshHeading: Hashable, Sendable, Codable {
    public var descriptor: String
    /// The MeSH unique identifier (`D006801`) when given.
    public var descriptorID: String?
    public var isMajorTopic: Bool
    public var qualifiers: [MeshQualifier]

    public init(descriptor: String, descriptorID: String? = nil, isMajorTopic: Bool = false, qualifiers: [MeshQualifier] = []) {
        self.descriptor = descriptor
        self.descriptorID = descriptorID
        self.isMajorTopic = isMajorTopic
        self.qualifiers = qualifiers
    }

    private enum CodingKeys: String, CodingKey {
        case descriptor
        case descriptorID = "descriptorId"
        case isMajorTopic = "majorTopic"
        case qualifiers
    }
}

public struct MeshQualifier: Hashable, Sendable, Codable {
    public var name: String
    public var qualifierID: String?
    public var isMajorTopic: Bool

    public init(name: String, qualifierID: String? = nil, isMajorTopic: Bool = false) {
        self.name = name
        self.qualifierID = qualifierID
        self.isMajorTopic = isMajorTopic
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case qualifierID = "qualifierId"
        case isMajorTopic = "majorTopic"
    }
}

/// One author, in the order of the byline, with the affiliation strings exactly as the source printed them
/// (matching them to organisations is enrichment's work, not the reader's).
public struct Author: Hashable, Sendable, Codable {
    public var family: String?
    public var given: String?
    public var initials: String?
    /// A consortium or group author (`CONSTANCES team`), when the byline names a collective.
    public var collective: String?
    /// `0000-0002-1825-0097`, checksum-valid, without resolver prefix.
    public var orcid: String?
    public var affiliations: [String]

    public init(
        family: String? = nil,
        given: String? = nil,
        initials: String? = nil,
        collective: String? = nil,
        orcid: String? = nil,
        affiliations: [String] = []
    ) {
        self.family = family
        self.given = given
        self.initials = initials
        self.collective = collective
        self.orcid = orcid
        self.affiliations = affiliations
    }

    /// `Given Family`, or the collective's name.
    public var displayName: String {
        if let collective { return collective }
        return [given ?? initials, family].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

public struct Grant: Hashable, Sendable, Codable {
    public var identifier: String?
    public var funder: String?
    public var country: String?
    /// The funder's DOI in the Open Funder Registry (`10.13039/501100001665`), or its ROR id, when given.
    public var funderID: String?

    public init(identifier: String? = nil, funder: String? = nil, country: String? = nil, funderID: String? = nil) {
        self.identifier = identifier
        self.funder = funder
        self.country = country
        self.funderID = funderID
    }

    private enum CodingKeys: String, CodingKey {
        case identifier = "id"
        case funder, country
        case funderID = "funderId"
    }
}

/// A cited work: the citation as printed, and whatever identifiers the source resolved.
public struct Reference: Hashable, Sendable, Codable {
    public var citation: String?
    public var identifiers: PublicationIdentifiers

    public init(citation: String? = nil, identifiers: PublicationIdentifiers = PublicationIdentifiers()) {
        self.citation = citation
        self.identifiers = identifiers
    }
}

/// A section of the full text: its heading, what kind of section it is, and its text (subsections
/// flattened in order, each with its own heading path).
public struct TextSection: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case introduction, methods, results, discussion, conclusions, acknowledgements
        case dataAvailability = "data-availability"
        case supplementary, other
    }

    public var title: String?
    public var kind: Kind
    public var text: String

    public init(title: String? = nil, kind: Kind = .other, text: String) {
        self.title = title
        self.kind = kind
        self.text = text
    }
}

public struct OpenAccess: Hashable, Sendable, Codable {
    public var isOpenAccess: Bool
    /// `gold`, `green`, `hybrid`, `bronze`, `diamond`, `closed` when the source classifies it.
    public var status: String?
    public var url: String?

    public init(isOpenAccess: Bool, status: String? = nil, url: String? = nil) {
        self.isOpenAccess = isOpenAccess
        self.status = status
        self.url = url
    }
}
