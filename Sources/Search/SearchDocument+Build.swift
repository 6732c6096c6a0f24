import Classification
import Enrichment
import Foundation
import Publications

extension SearchDocument {
    /// Raised whenever what a document derives changes (this builder, `AffiliationReader`, the researchers'
    /// keys): stores whose documents an older version built rebuild them all at the next catch-up.
    public static let builderVersion = 2

    /// The document of a publication: its merged metadata, the classifier's verdicts, and curators' labels,
    /// which override the verdicts (a label `no` removes the database).
    public init(
        id: Int64, name: String, merged metadata: PublicationMetadata, sources: [String], verdicts: [StoredVerdict],
        curated labels: [CuratedLabel]
    ) {
        var affiliations: [DocumentAffiliation] = []
        var affiliationIndex: [String: Int] = [:]
        let authors = metadata.authors.map { author in
            let indexes = author.affiliations.compactMap { text -> Int? in
                let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { return nil }
                if let index = affiliationIndex[text] { return index }
                let reading = AffiliationReader.read(text)
                affiliations.append(DocumentAffiliation(text: text, structure: reading.structure, country: reading.country?.name))
                affiliationIndex[text] = affiliations.count - 1
                return affiliations.count - 1
            }
            return DocumentAuthor(
                name: author.displayName, family: author.family ?? author.collective, given: author.given ?? author.initials, orcid: author.orcid,
                affiliations: indexes)
        }
        let journal = metadata.journal
        let issn = journal.flatMap { journal in (journal.issns.first { $0.kind == .linking } ?? journal.issns.first)?.value }
        let mesh = metadata.meshHeadings.filter(\.isMajorTopic) + metadata.meshHeadings.filter { !$0.isMajorTopic }
        let abstract = metadata.abstract.flatMap { $0.isEmpty ? nil : $0.text }
        self.init(
            id: id, name: name, title: metadata.title ?? "", abstract: abstract, date: metadata.date,
            journal: journal?.title ?? journal?.isoAbbreviation, issn: issn, volume: journal?.volume, issue: journal?.issue,
            pages: journal?.pages, publisher: journal?.publisher, language: metadata.language, publicationTypes: metadata.publicationTypes,
            keywords: metadata.keywords, mesh: mesh.map(\.descriptor), authors: authors, affiliations: affiliations,
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

extension DocumentDatabase.Status {
    init?(_ verdict: Verdict) {
        switch verdict {
        case .uses: self = .uses
        case .mentions: self = .mentions
        case .no: return nil
        }
    }
}
