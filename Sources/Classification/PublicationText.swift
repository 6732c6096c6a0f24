import Core
import Publications

/// The parts of a publication the classifier reads, each with how much a database named there says about use.
struct PublicationText {
    struct Part {
        var field: EvidenceField
        var section: String?
        var passage: Passage
        /// What a database named here says about its use at best: a methods section nearly all, the
        /// references nothing.
        var weight: Double
        /// Which words around a name change its weight.
        var cues: SentenceCues.Reading
        var note: String?

        var isFrenchLanguage: Bool { passage.isFrench }
    }

    private(set) var parts: [Part] = []

    init(_ publication: PublicationMetadata) {
        if let title = publication.title { add(.title, nil, title, weight: 0.85, cues: .againstUseOnly) }
        for section in publication.abstract?.sections ?? [] {
            let kind = Self.sectionKind(label: section.label, category: section.category)
            add(.abstract, section.label, section.text, weight: kind.abstractWeight)
        }
        if !publication.keywords.isEmpty { add(.keywords, nil, publication.keywords.joined(separator: "\n"), weight: 0.75, cues: .none) }
        var seen: Set<String> = []
        for affiliation in publication.authors.flatMap(\.affiliations) where seen.insert(affiliation).inserted {
            add(.affiliation, nil, affiliation, weight: 0, note: "an affiliation, not a data source")
        }
        for section in publication.fullText {
            let kind = section.kind == .other ? Self.sectionKind(label: section.title, category: nil) : SectionKind(section.kind)
            add(.fullText, section.title ?? section.kind.rawValue, section.text, weight: kind.fullTextWeight)
        }
        // One passage for the whole list, a line per reference: lists run to hundreds of references.
        let citations = publication.references.compactMap(\.citation)
        if !citations.isEmpty { add(.references, nil, citations.joined(separator: "\n"), weight: 0, note: "only in a reference") }
    }

    private mutating func add(
        _ field: EvidenceField, _ section: String?, _ text: String, weight: Double, cues: SentenceCues.Reading = .all, note: String? = nil
    ) {
        guard !text.isEmpty else { return }
        parts.append(Part(field: field, section: section, passage: Passage(text), weight: weight, cues: cues, note: note))
    }

    /// What a section is about, from its label (`METHODS`, `Patients and methods`, `Matériel et méthodes`) or the
    /// category PubMed gives it.
    enum SectionKind {
        case background, objective, methods, results, conclusions, discussion, acknowledgements, dataAvailability, other

        init(_ kind: TextSection.Kind) {
            switch kind {
            case .introduction: self = .background
            case .methods: self = .methods
            case .results: self = .results
            case .discussion: self = .discussion
            case .conclusions: self = .conclusions
            case .acknowledgements: self = .acknowledgements
            case .dataAvailability: self = .dataAvailability
            case .supplementary, .other: self = .other
            }
        }

        var abstractWeight: Double {
            switch self {
            case .methods, .dataAvailability: 0.9
            case .results: 0.75
            case .objective: 0.7
            case .other: 0.8
            case .conclusions, .discussion: 0.55
            case .background, .acknowledgements: 0.45
            }
        }

        var fullTextWeight: Double {
            switch self {
            case .methods: 0.95
            case .dataAvailability: 0.85
            case .results: 0.7
            case .objective, .other: 0.6
            case .conclusions: 0.5
            case .discussion: 0.3
            case .background: 0.25
            case .acknowledgements: 0.3
            }
        }
    }

    static func sectionKind(label: String?, category: String?) -> SectionKind {
        let text = [category, label].compactMap { $0?.folded }.joined(separator: " ")
        guard !text.isEmpty else { return .other }
        let rules: [(SectionKind, [String])] = [
            (.methods, ["method", "design", "setting", "patients", "participants", "material", "data source", "population", "procedure"]),
            (.results, ["result", "finding", "resultat"]),
            (.conclusions, ["conclu", "interpretation", "implication", "perspective"]),
            (.discussion, ["discussion", "comment"]),
            (.objective, ["objective", "aim", "purpose", "goal", "objectif"]),
            (.background, ["background", "introduction", "context", "rationale", "importance", "contexte"]),
            (.dataAvailability, ["availability", "disponibilite"]),
            (.acknowledgements, ["acknowledg", "remerciement", "funding"]),
        ]
        return rules.first { _, words in words.contains { text.contains($0) } }?.0 ?? .other
    }

}

/// Words of a sentence that change what a name in it says about use.
enum SentenceCues {
    enum Reading {
        /// Sentences of an abstract or a full text: without a word of use, a name is background.
        case all
        /// A title has no verb: only the words against use count ("a systematic review", "structure").
        case againstUseOnly
        case none
    }

    private static let hypothetical: Set<String> = [
        "should", "could", "would", "might", "future", "warrant", "warranted", "needed", "opportunity", "opportunities",
        "pourrait", "pourraient", "devrait", "devraient", "perspectives",
    ]
    private static let otherStudies: Set<String> = [
        "review", "reviews", "reviewed", "literature", "bibliometric", "publications", "articles", "previous", "previously", "published",
        "scoping", "meta", "consistent", "accordance", "agreement", "reported",
    ]
    private static let description: Set<String> = [
        "describes", "overview", "presents", "presentation", "introduce", "introduces", "primer", "guide", "tutorial", "strengths",
        "advantages", "challenges", "structure", "organisation", "organization", "architecture", "access", "procedures", "content",
    ]
    private static let use: Set<String> = [
        "using", "used", "use", "uses", "from", "extracted", "extraction", "identified", "included", "linked", "linkage", "linking", "based",
        "retrieved", "collected", "obtained", "conducted", "cohort", "nationwide", "retrospective", "analysed", "analyzed", "selected",
        "enrolled", "matched", "followed", "recorded", "we", "our", "partir", "utilisant", "utilise", "utilisees", "utilises", "issues", "inclus",
        "incluses", "extraites", "extraits", "identifies", "identifiees", "nous", "cohorte", "appariement", "chainage",
    ]
    private static let negation: Set<String> = [
        "no", "not", "without", "neither", "nor", "lack", "lacking", "unavailable", "absence", "aucune", "aucun", "sans",
    ]

    /// The factor the words around a mention put on its weight, and why.
    static func factor(_ passage: Passage, mention: Mention, reading: Reading) -> (Double, String?) {
        guard reading != .none else { return (1, nil) }
        let sentence = passage.wordIndices(ofSentence: mention.sentence)
        let words = sentence.map { passage.words[$0] }
        let near = max(sentence.lowerBound, mention.start - 4)..<min(sentence.upperBound, mention.end + 3)
        if near.contains(where: { negation.contains(passage.words[$0]) }) { return (0.2, "negated") }
        if words.contains(where: hypothetical.contains) { return (0.35, "hypothetical or future") }
        if words.contains(where: otherStudies.contains) { return (0.4, "about other studies") }
        if reading == .all && words.contains(where: use.contains) { return (1, nil) }
        if words.contains(where: description.contains) { return (0.6, "describes the database") }
        return reading == .all ? (0.75, "no sign of use in the sentence") : (1, nil)
    }
}
