import Foundation

/// A field of the merged publication, as provenance names it.
public enum PublicationField: String, Hashable, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case doi, pmid, pmcid
    case halID = "hal_id"
    case openAlexID = "openalex_id"
    case title, abstract, language, date, journal
    case publicationTypes = "publication_types"
    case keywords
    case meshHeadings = "mesh_headings"
    case authors, grants, references
    case fullText = "full_text"
    case openAccess = "open_access"
    case citationCount = "citation_count"
}

/// One source record as stored, with what merging needs to rank it.
public struct StoredRecord: Hashable, Sendable, Codable {
    public var id: Int64
    public var source: PublicationSource
    public var key: String
    public var origin: RecordOrigin
    public var ingestedAt: Date
    public var metadata: PublicationMetadata

    public init(id: Int64, source: PublicationSource, key: String, origin: RecordOrigin, ingestedAt: Date, metadata: PublicationMetadata) {
        self.id = id
        self.source = source
        self.key = key
        self.origin = origin
        self.ingestedAt = ingestedAt
        self.metadata = metadata
    }

    /// `pubmed:29768149`: how provenance names a record.
    public var reference: String { "\(source.rawValue):\(key)" }
}

/// A publication as Hublot presents it: the merged metadata and, for every field, the record it came from.
public struct MergedPublication: Hashable, Sendable {
    public var metadata: PublicationMetadata
    public var provenance: [PublicationField: StoredRecord]
    public var records: [StoredRecord]
}

/// Merges the records of one work into one publication, field by field: each field is taken whole from one
/// record, so every value can be traced to the record that said it. Which record wins a field is decided by
/// the field's own ranking of sources (`ranking(for:)`), then by the richer value, then by the newest record.
public enum PublicationMerger {
    public static func merge(_ records: [StoredRecord]) -> MergedPublication {
        var metadata = PublicationMetadata()
        var provenance: [PublicationField: StoredRecord] = [:]

        func choose<Value>(_ field: PublicationField, _ value: (PublicationMetadata) -> Value?, richness: (Value) -> Int = { _ in 0 }) -> Value? {
            let ranking = ranking(for: field)
            var best: (record: StoredRecord, value: Value, rank: Int, richness: Int)?
            for record in records {
                guard let candidate = value(record.metadata) else { continue }
                let rank = ranking.firstIndex(of: record.source) ?? ranking.count
                let candidateRichness = richness(candidate)
                if let current = best {
                    let better =
                        (rank, -candidateRichness, -record.ingestedAt.timeIntervalSince1970)
                        < (current.rank, -current.richness, -current.record.ingestedAt.timeIntervalSince1970)
                    if !better { continue }
                }
                best = (record, candidate, rank, candidateRichness)
            }
            if let best { provenance[field] = best.record }
            return best?.value
        }

        func nonEmpty<C: Collection>(_ collection: C) -> C? { collection.isEmpty ? nil : collection }

        metadata.identifiers.doi = choose(.doi) { $0.identifiers.doi }
        metadata.identifiers.pmid = choose(.pmid) { $0.identifiers.pmid }
        metadata.identifiers.pmcid = choose(.pmcid) { $0.identifiers.pmcid }
        metadata.identifiers.halID = choose(.halID) { $0.identifiers.halID }
        metadata.identifiers.openAlexID = choose(.openAlexID) { $0.identifiers.openAlexID }
        for record in records.sorted(by: { $0.source < $1.source }) {
            metadata.identifiers.other.merge(record.metadata.identifiers.other) { current, _ in current }
        }
        metadata.title = choose(.title) { $0.title.flatMap(nonEmpty) }
        metadata.abstract = choose(.abstract, { $0.abstract.flatMap { $0.isEmpty ? nil : $0 } }, richness: { $0.sections.count })
        metadata.language = choose(.language) { $0.language }
        metadata.date = choose(.date, { $0.date }, richness: { ($0.month == nil ? 0 : 1) + ($0.day == nil ? 0 : 1) })
        metadata.journal = choose(.journal, { $0.journal.flatMap { $0.isEmpty ? nil : $0 } }, richness: { $0.issns.count })
        metadata.publicationTypes = choose(.publicationTypes) { nonEmpty($0.publicationTypes) } ?? []
        metadata.keywords = choose(.keywords) { nonEmpty($0.keywords) } ?? []
        metadata.meshHeadings = choose(.meshHeadings) { nonEmpty($0.meshHeadings) } ?? []
        metadata.authors = choose(.authors, { nonEmpty($0.authors) }, richness: authorRichness) ?? []
        metadata.grants = choose(.grants) { nonEmpty($0.grants) } ?? []
        metadata.references = choose(.references, { nonEmpty($0.references) }, richness: { $0.count }) ?? []
        metadata.fullText = choose(.fullText) { nonEmpty($0.fullText) } ?? []
        metadata.openAccess = choose(.openAccess) { $0.openAccess }
        metadata.citationCount = choose(.citationCount) { $0.citationCount }
        return MergedPublication(metadata: metadata, provenance: provenance, records: records)
    }

    /// Sources in the order a field believes them. Curated indexing (PubMed) leads for what it curates; the
    /// publisher's full text (JATS) for the text itself; OpenAlex for open access, which it classifies.
    public static func ranking(for field: PublicationField) -> [PublicationSource] {
        switch field {
        case .fullText:
            return [.jats, .jsonl]
        case .openAccess:
            return [.openalex, .europepmc, .jats, .hal, .crossref, .pubmed, .jsonl]
        case .citationCount:
            // Counts differ by index coverage, not by error: the most complete citation indexes first, so that one
            // publication's count comes from the same index as most others'.
            let indexes: [PublicationSource] = [.openalex, .europepmc, .crossref]
            return indexes + PublicationSource.allCases.filter { !indexes.contains($0) }
        case .halID:
            return [.hal] + PublicationSource.allCases.filter { $0 != .hal }
        case .openAlexID:
            return [.openalex] + PublicationSource.allCases.filter { $0 != .openalex }
        case .doi:
            return [.crossref] + PublicationSource.allCases.filter { $0 != .crossref }
        case .authors:
            // Affiliations per author: PubMed and JATS have them; OpenAlex and Crossref often; HAL rarely.
            return [.pubmed, .jats, .openalex, .crossref, .europepmc, .hal, .jsonl]
        default:
            return PublicationSource.allCases
        }
    }

    /// Among sources of equal rank, prefer the byline that says more: affiliations and ORCIDs.
    private static func authorRichness(_ authors: [Author]) -> Int {
        authors.reduce(0) { $0 + ($1.affiliations.isEmpty ? 0 : 1) + ($1.orcid == nil ? 0 : 1) }
    }
}
