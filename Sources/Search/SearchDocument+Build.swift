import Classification
import Enrichment
import Foundation
import Publications

extension SearchDocument {
    /// Raised whenever what a document derives changes (this builder, `AffiliationReader`, the researchers'
    /// keys): stores whose documents an older version built rebuild them all at the next catch-up.
    public static let builderVersion = 3

    /// The document of a publication: its merged metadata, the classifier's verdicts, and curators' labels,
    /// which override the verdicts (a label `no` removes the database).
    public init(
        id: Int64, name: String, merged metadata: PublicationMetadata, sources: [String], verdicts: [StoredVerdict],
        curated labels: [CuratedLabel], enrichment: DocumentEnrichment = DocumentEnrichment()
    ) {
        var affiliations: [DocumentAffiliation] = []
        var affiliationIndex: [String: Int] = [:]
        let authors = metadata.authors.enumerated().map { position, author in
            let indexes = author.affiliations.compactMap { text -> Int? in
                let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { return nil }
                if let index = affiliationIndex[text] { return index }
                affiliations.append(enrichment.affiliation(text))
                affiliationIndex[text] = affiliations.count - 1
                return affiliations.count - 1
            }
            return DocumentAuthor(
                name: author.displayName, family: author.family ?? author.collective, given: author.given ?? author.initials, orcid: author.orcid,
                affiliations: indexes, researcher: enrichment.researchers[position + 1])
        }
        let journal = metadata.journal
        let issn =
            enrichment.journal?.issnL ?? journal.flatMap { journal in (journal.issns.first { $0.kind == .linking } ?? journal.issns.first)?.value }
        let headings = MeshNormalisation.deduplicated(metadata.meshHeadings)
        let mesh = headings.filter(\.isMajorTopic) + headings.filter { !$0.isMajorTopic }
        let abstract = metadata.abstract.flatMap { $0.isEmpty ? nil : $0.text }
        self.init(
            id: id, name: name, title: metadata.title ?? "", abstract: abstract, date: metadata.date,
            journal: enrichment.journal.flatMap { $0.title.isEmpty ? nil : $0.title } ?? journal?.title ?? journal?.isoAbbreviation, issn: issn,
            volume: journal?.volume, issue: journal?.issue,
            pages: journal?.pages, publisher: journal?.publisher, language: metadata.language, publicationTypes: metadata.publicationTypes,
            keywords: KeywordNormalisation.normalised(metadata.keywords), mesh: mesh.map(\.descriptor), authors: authors, affiliations: affiliations,
            identifiers: metadata.identifiers, openAccess: metadata.openAccess, citations: metadata.citationCount,
            databases: Self.databases(verdicts: verdicts, labels: labels), hasFullText: !metadata.fullText.isEmpty, sources: sources)
    }

    static func databases(verdicts: [StoredVerdict], labels: [CuratedLabel]) -> [DocumentDatabase] {
        var databases: [DocumentDatabase] = []
        let labelled = Dictionary(labels.map { ($0.database, $0) }, uniquingKeysWith: { _, latest in latest })
        for verdict in verdicts where labelled[verdict.database] == nil {
            guard let status = DocumentDatabase.Status(verdict.verdict) else { continue }
            databases.append(DocumentDatabase(name: verdict.database, status: status, confidence: verdict.confidence))
        }
        for label in labelled.values {
            guard let status = DocumentDatabase.Status(label.verdict) else { continue }
            databases.append(DocumentDatabase(name: label.database, status: status, isCurated: true, confidence: 1))
        }
        // Users first, then by name: the order result lists show.
        return databases.sorted { ($0.status == .uses ? 0 : 1, $0.name) < ($1.status == .uses ? 0 : 1, $1.name) }
    }
}

/// What enrichment knows of one publication, read from the store with it: its strings' matches, the matched
/// organisations' places, and its authors' researchers.
public struct DocumentEnrichment: Sendable {
    /// By trimmed affiliation string.
    public var affiliations: [String: StoredAffiliation]
    /// By organisation id.
    public var places: [String: Place]
    /// By author position in the merged byline, from 1 (as `MentionKey`).
    public var researchers: [Int: String]
    /// The journal's ISSN-L group: one title for all its editions and spellings.
    public var journal: (issnL: String, title: String)?

    public init(
        affiliations: [String: StoredAffiliation] = [:], places: [String: Place] = [:], researchers: [Int: String] = [:],
        journal: (issnL: String, title: String)? = nil
    ) {
        self.affiliations = affiliations
        self.places = places
        self.researchers = researchers
        self.journal = journal
    }

    /// The string's matched organisations when enrichment matched it, else what it reads as; a string enrichment
    /// has not seen yet is read here, so that a new publication is searchable before the next enrichment run.
    func affiliation(_ text: String) -> DocumentAffiliation {
        guard let stored = affiliations[text] else {
            let reading = AffiliationReader.read(text)
            return DocumentAffiliation(text: text, structure: reading.structure, country: reading.country?.name)
        }
        let organisations = stored.matches.map { match in
            let place = places[match.id]
            let countryCode = place?.countryCode ?? match.country
            return DocumentOrganisation(
                id: match.id, name: match.name, city: place?.city, country: countryCode.flatMap { Country.byCode[$0]?.name } ?? place?.countryName,
                latitude: place?.latitude, longitude: place?.longitude, score: match.score)
        }
        let readCountry = stored.countryCode.flatMap { Country.byCode[$0]?.name }
        return DocumentAffiliation(
            text: text, structure: organisations.first?.name ?? stored.structure, country: organisations.first?.country ?? readCountry,
            organisations: organisations)
    }
}

extension DocumentDatabase.Status {
    init?(_ verdict: Verdict) {
        switch verdict {
        case .uses: self = .uses
        case .mentions: self = .mentions
        case .no: return nil
        }
    }
}
