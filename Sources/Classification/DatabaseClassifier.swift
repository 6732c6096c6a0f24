import Catalog
import Core
import Foundation
import Publications

/// Decides, for each database of the registry, whether a publication uses it, mentions it, or not, with the
/// evidence: rules over names, acronyms and their context, no learned model.
///
/// Every place a database is named becomes a piece of evidence whose weight is the chance that it shows
/// use: where it is (a methods section says more than a background sentence; the references say nothing),
/// how it is named (a generic "claims database" is the SNDS only in a French context; an ambiguous acronym
/// needs context), what the sentence says around it (hypothetical, a review of other studies, a
/// description), and what the publication is (a review or an editorial uses no data). The weights of a
/// database and its components are pooled; "uses" takes a pooled weight of at least one half.
public struct DatabaseClassifier: Sendable {
    public let registry: DatabaseRegistry
    let matcher: RegistryMatcher

    /// The pooled weight from which a database counts as used.
    public static let usesThreshold = 0.5

    public init(registry: DatabaseRegistry = .standard) throws {
        self.registry = registry
        self.matcher = try RegistryMatcher(registry: registry)
    }

    /// One verdict per database of the registry, in the registry's order.
    public func classify(_ publication: PublicationMetadata) -> [DatabaseVerdict] {
        let parts = PublicationText(publication)
        var evidence = [[Evidence]](repeating: [], count: matcher.databaseCount)
        var rejected = [[Evidence]](repeating: [], count: matcher.databaseCount)
        let found = parts.parts.map { matcher.mentions(in: $0.passage) }
        let document = DocumentContext(publication, parts: parts, mentions: found, matcher: matcher)

        for (part, mentions) in zip(parts.parts, found) {
            guard !mentions.isEmpty else { continue }
            let countries = matcher.countryMarkers(in: part.passage)
            let isFrenchText = part.isFrenchLanguage
            for mention in mentions {
                let (strength, reason) = strength(of: mention, in: part, mentions: mentions, countries: countries, french: isFrenchText, document: document)
                let sentence = String(part.passage.sentence(mention.sentence)).trimmingCharacters(in: .whitespacesAndNewlines)
                let phrase = String(part.passage.written(mention.start, mention.end))
                guard strength > 0 else {
                    let item = Evidence(field: part.field, section: part.section, sentence: sentence, phrase: phrase, weight: 0, note: reason)
                    for database in matcher.lineage[mention.database] { rejected[database].append(item) }
                    continue
                }
                let (cue, cueNote) = SentenceCues.factor(part.passage, mention: mention, reading: part.cues)
                let weight = min(1, part.weight * strength * cue)
                let note = [part.note, reason, cueNote].compactMap { $0 }.joined(separator: "; ")
                let item = Evidence(
                    field: part.field, section: part.section, sentence: sentence, phrase: phrase, weight: (weight * 100).rounded() / 100,
                    note: note.isEmpty ? nil : note)
                for database in matcher.lineage[mention.database] { evidence[database].append(item) }
                for implied in matcher.impliedComponents(of: mention.database, in: part.passage, sentence: mention.sentence) {
                    var component = item
                    component.phrase = "\(phrase) … \(part.passage.written(implied.start, implied.end))"
                    component.note = [item.note, "the component, from the words of the sentence"].compactMap { $0 }.joined(separator: "; ")
                    evidence[implied.database].append(component)
                }
            }
        }
        return registry.databases.indices.map { index in
            Self.verdict(database: registry.databases[index].name, evidence: evidence[index], rejected: rejected[index], document: document.factor)
        }
    }

    /// How surely this mention names the database (0: it does not), and why it counts less.
    private func strength(
        of mention: Mention, in part: PublicationText.Part, mentions: [Mention], countries: CountryMarkers,
        french: Bool, document: DocumentContext
    ) -> (Double, String?) {
        let elsewhere = countries.placeElsewhere(mention)
        // French words place a text in France unless it is about Québec, Belgium or Switzerland.
        let inFrance = countries.placeInFrance(mention) || french && !elsewhere && !document.isElsewhere
        switch mention.kind {
        case .name:
            // A name may say France itself ("French national claims").
            return elsewhere && !inFrance && !countries.placeInFrance(mention, countingItsOwnWords: true) ? (0.7, "another country in the sentence") : (1, nil)
        case .generic:
            if elsewhere { return (0, "generic name, about another country") }
            if inFrance { return (0.85, nil) }
            if document.isFrench && !document.isElsewhere { return (0.65, "generic name, France from the rest of the publication") }
            return (0, "generic name, nothing places it in France")
        case .acronym(let ambiguous):
            if document.redefinedAcronyms.contains(part.passage.words[mention.start]) || matcher.isDefinedAsSomethingElse(mention, in: part.passage, among: mentions) {
                return (0, "acronym defined as something else")
            }
            guard ambiguous else { return (1, nil) }
            if matcher.hasContext(mention, in: part.passage) || document.namedDatabases.contains(mention.database) { return (0.85, nil) }
            return (0, "ambiguous acronym without context")
        }
    }

    /// Pools the evidence: the strongest counts fully, the next two one half, so that a paragraph repeating a
    /// background sentence does not add up to use; then what the publication is (a review) weighs on the whole.
    static func verdict(database: String, evidence: [Evidence], rejected: [Evidence], document: (factor: Double, note: String?)) -> DatabaseVerdict {
        // Several names in one sentence ("the SNDS, formerly SNIIRAM") are one piece of evidence.
        var seen: Set<String> = []
        let sorted = evidence.sorted { $0.weight > $1.weight }.filter { seen.insert("\($0.field) \($0.section ?? "") \($0.sentence)").inserted }
        guard let strongest = sorted.first else {
            return DatabaseVerdict(database: database, verdict: .no, confidence: rejected.isEmpty ? 1 : 0.85, evidence: Array(rejected.prefix(3)))
        }
        var notUsed = 1 - strongest.weight
        for item in sorted.dropFirst().prefix(2) { notUsed *= 1 - item.weight / 2 }
        let score = (1 - notUsed) * document.factor
        let verdict: Verdict = score >= usesThreshold ? .uses : .mentions
        let confidence = verdict == .uses ? score : 1 - score
        var shown = Array(sorted.prefix(5))
        if let note = document.note {
            shown = shown.map { item in
                var item = item
                item.note = [item.note, note].compactMap { $0 }.joined(separator: "; ")
                return item
            }
        }
        return DatabaseVerdict(database: database, verdict: verdict, confidence: (max(0.5, confidence) * 100).rounded() / 100, evidence: shown)
    }
}

/// What the whole publication says about where and what it is, for the rules of single mentions.
struct DocumentContext {
    /// France in its title, abstract or keywords, its MeSH headings, or most of its authors' affiliations.
    var isFrench = false
    /// Another country in its title, abstract or keywords.
    var isElsewhere = false
    var isReview = false
    var isCommentary = false
    /// Databases named unambiguously somewhere in it, which lends context to their ambiguous acronyms.
    var namedDatabases: Set<Int> = []
    /// Acronyms the publication defines as something else anywhere (`dendritic cell immunoreceptor (DCIR)`).
    var redefinedAcronyms: Set<String> = []

    init(_ publication: PublicationMetadata, parts: PublicationText, mentions found: [[Mention]], matcher: RegistryMatcher) {
        var frenchAffiliations = 0
        var affiliations = 0
        for (part, mentions) in zip(parts.parts, found) {
            for mention in mentions {
                switch mention.kind {
                case .name: namedDatabases.formUnion(matcher.lineage[mention.database])
                case .acronym(ambiguous: false):
                    if matcher.isDefinedAsSomethingElse(mention, in: part.passage, among: mentions) {
                        redefinedAcronyms.insert(part.passage.words[mention.start])
                    } else {
                        namedDatabases.formUnion(matcher.lineage[mention.database])
                    }
                case .acronym(ambiguous: true):
                    if matcher.isDefinedAsSomethingElse(mention, in: part.passage, among: mentions) {
                        redefinedAcronyms.insert(part.passage.words[mention.start])
                    }
                case .generic: break
                }
            }
            switch part.field {
            case .title, .abstract, .keywords:
                let countries = matcher.countryMarkers(in: part.passage)
                if !countries.france.isEmpty || part.isFrenchLanguage { isFrench = true }
                if !countries.elsewhere.isEmpty { isElsewhere = true }
            case .affiliation:
                affiliations += 1
                if !matcher.countryMarkers(in: part.passage).france.isEmpty { frenchAffiliations += 1 }
            case .fullText, .references: break
            }
        }
        if publication.meshHeadings.contains(where: { $0.descriptor == "France" }) { isFrench = true }
        if affiliations > 0 && frenchAffiliations * 2 >= affiliations { isFrench = true }
        let types = publication.publicationTypes.map(\.folded)
        let title = (publication.title ?? "").folded
        isReview =
            types.contains { $0.contains("review") || $0.contains("meta-analysis") || $0.contains("meta analysis") }
            || ["systematic review", "literature review", "scoping review", "narrative review", "umbrella review", "review of the literature",
                "meta-analysis", "meta analysis", "revue de la litterature", "revue systematique"].contains { title.contains($0) }
        isCommentary =
            types.contains { ["editorial", "comment", "news", "interview", "biography", "published erratum"].contains($0) }
            || ["letter:", "commentary", "comment on", "comment:", "reply", "response to", "re:", "editorial", "erratum", "correction"].contains {
                title.hasPrefix($0)
            }
    }

    /// Reviews and commentaries discuss studies that used a database; they use none themselves.
    var factor: (Double, String?) {
        if isReview { return (0.35, "a review") }
        if isCommentary { return (0.4, "an editorial or comment") }
        return (1, nil)
    }
}
