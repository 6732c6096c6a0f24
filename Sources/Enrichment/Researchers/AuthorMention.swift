import Core
import Publications

/// One author of one publication, with what tells namesakes apart: the name, the ORCID when a source gives it,
/// the co-authors, the structures and the topics of the publication.
public struct AuthorMention: Hashable, Sendable {
    public var key: MentionKey
    /// The name as the byline prints it.
    public var name: String
    /// The family name folded (`van der berg`).
    public var family: String
    public var given: GivenNames
    public var orcid: String?
    /// The other authors as `family initial` (`smith j`), sorted.
    public var coAuthors: [String]
    /// Organisation ids when the affiliations were matched, else the institution each affiliation names, folded.
    public var structures: [String]
    /// MeSH descriptors and keywords, folded, sorted.
    public var topics: [String]

    public init(
        key: MentionKey, name: String, family: String, given: GivenNames, orcid: String? = nil, coAuthors: [String] = [],
        structures: [String] = [], topics: [String] = []
    ) {
        self.key = key
        self.name = name
        self.family = family
        self.given = given
        self.orcid = orcid
        self.coAuthors = coAuthors
        self.structures = structures
        self.topics = topics
    }

    /// Namesakes are looked for among mentions of the same folded family name and first initial only.
    public var block: String { Self.block(family: family, initial: given.firstInitial) }

    static func block(family: String, initial: Character?) -> String {
        initial.map { "\(family) \($0)" } ?? family
    }
}

extension AuthorMention {
    /// Check tags every human study carries: shared, they say nothing of who wrote it.
    static let uninformativeTopics: Set<String> = [
        "humans", "animals", "male", "female", "adult", "aged", "middle aged", "young adult", "adolescent", "child", "infant",
        "aged 80 and over", "child preschool", "infant newborn", "pregnancy", "mice", "rats", "retrospective studies",
        "prospective studies", "cross sectional studies", "cohort studies", "treatment outcome", "risk factors", "covid 19", "sars cov 2",
    ]

    static let maximumBylineForCoAuthors = 200

    /// The persons of a byline (collectives and nameless authors are skipped), positions counted from 1 over the
    /// whole byline so that they match the merged metadata's `authors`.
    public static func mentions(
        in metadata: PublicationMetadata, publication: String, structures: (_ affiliation: String) -> [String] = AuthorMention.institution
    ) -> [AuthorMention] {
        let analyzer = TextAnalyzer(stopWords: [])
        let families = metadata.authors.map { author in
            author.collective == nil ? analyzer.words(author.family ?? "").joined(separator: " ") : ""
        }
        let givens = metadata.authors.map { GivenNames(given: $0.given, initials: $0.initials) }
        let blocks = zip(families, givens).map { family, given in family.isEmpty ? "" : block(family: family, initial: given.firstInitial) }
        var topicSet: Set<String> = []
        for heading in metadata.meshHeadings { topicSet.insert(analyzer.words(heading.descriptor).joined(separator: " ")) }
        for keyword in KeywordNormalisation.normalised(metadata.keywords) { topicSet.insert(analyzer.words(keyword).joined(separator: " ")) }
        let topics = topicSet.subtracting(uninformativeTopics).filter { !$0.isEmpty }.sorted()
        // In a consortium's byline of hundreds, sharing a co-author says little and costs a square of the byline.
        let byline = blocks.count <= maximumBylineForCoAuthors ? Set(blocks.filter { !$0.isEmpty }).sorted() : []
        var mentions: [AuthorMention] = []
        for (index, author) in metadata.authors.enumerated() where !families[index].isEmpty {
            let coAuthors = byline.filter { $0 != blocks[index] }
            var found: Set<String> = []
            for affiliation in author.affiliations { found.formUnion(structures(affiliation)) }
            mentions.append(
                AuthorMention(
                    key: MentionKey(publication: publication, position: index + 1), name: author.displayName, family: families[index],
                    given: givens[index], orcid: author.orcid, coAuthors: coAuthors, structures: found.sorted(), topics: topics))
        }
        return mentions
    }

    /// The institution an affiliation string names, folded: the structure when no registry matched it.
    public static func institution(_ affiliation: String) -> [String] {
        institution(reading: AffiliationReader.read(affiliation).structure)
    }

    /// The institution of a structure already read from a string (enrichment stores it with the string's matches).
    public static func institution(reading structure: String?) -> [String] {
        guard let structure else { return [] }
        let folded = TextAnalyzer(stopWords: []).words(structure).joined(separator: " ")
        return folded.isEmpty ? [] : [folded]
    }
}
