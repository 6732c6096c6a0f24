import Catalog
import Core

/// Where a database is named in a passage, and how.
struct Mention: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A name that is the database's whatever the context.
        case name
        /// A name that is the database's only in a French context.
        case generic
        /// An acronym; an ambiguous one needs the database's context.
        case acronym(ambiguous: Bool)
    }

    var database: Int
    var kind: Kind
    var start: Int
    var end: Int
    var sentence: Int
}

/// The registry compiled for matching: every phrase and acronym indexed by the word it begins with, so a
/// passage is read once whatever the number of phrases.
struct RegistryMatcher: Sendable {
    private struct Phrase: Sendable {
        var pattern: PhrasePattern
        var database: Int
        var kind: Mention.Kind
    }

    private struct AcronymForm: Sendable {
        var folded: [String]
        var written: [String]
        var letterCase: Acronym.Case
        var isAmbiguous: Bool
        var database: Int
    }

    let registry: DatabaseRegistry
    /// For each database, its index and the indices of the databases it is part of.
    let lineage: [[Int]]
    private let phrases: [Phrase]
    private let phrasesByFirstWord: [String: [Int]]
    /// Phrases beginning with a `prefix*` word, by that prefix: few, tried at every word.
    private let phrasesByFirstPrefix: [(prefix: String, phrases: [Int])]
    private let acronyms: [AcronymForm]
    private let acronymsByFirstWord: [String: [Int]]
    private let contextWords: [Set<String>]
    /// The words of each database's names and context words: what its own acronym's definition is made of.
    private let vocabulary: [(words: Set<String>, prefixes: Set<String>)]
    /// Phrases naming a component in a sentence that names its parent, by component.
    private let impliedBy: [(database: Int, parent: Int, patterns: [PhrasePattern])]
    private let franceMarkers: [PhrasePattern]
    private let otherCountryMarkers: [PhrasePattern]
    private let franceMarkerWords: Set<String>
    private let otherCountryMarkerWords: Set<String>

    init(registry: DatabaseRegistry) throws {
        self.registry = registry
        let indexOfName = Dictionary(registry.databases.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        lineage = registry.databases.map { database in
            [indexOfName[database.name]!] + registry.ancestors(of: database.name).compactMap { indexOfName[$0] }
        }
        var phrases: [Phrase] = []
        var acronyms: [AcronymForm] = []
        var contextWords: [Set<String>] = []
        var vocabulary: [(words: Set<String>, prefixes: Set<String>)] = []
        var impliedBy: [(database: Int, parent: Int, patterns: [PhrasePattern])] = []
        for (index, database) in registry.databases.enumerated() {
            for name in database.names { phrases.append(Phrase(pattern: try PhrasePattern(name), database: index, kind: .name)) }
            for name in database.genericNames { phrases.append(Phrase(pattern: try PhrasePattern(name), database: index, kind: .generic)) }
            for acronym in database.acronyms {
                let written = acronym.form.split { !$0.isLetter && !$0.isNumber }.map(String.init)
                acronyms.append(
                    AcronymForm(
                        folded: written.map(\.folded), written: written, letterCase: acronym.letterCase,
                        isAmbiguous: acronym.isAmbiguous, database: index))
            }
            contextWords.append(Set(database.contextWords.flatMap { TextAnalyzer().words($0) }))
            let own = phrases.filter { $0.database == index }.map(\.pattern.vocabulary)
            vocabulary.append(
                (own.reduce(contextWords[index]) { $0.union($1.words) }, own.reduce(into: Set<String>()) { $0.formUnion($1.prefixes) }))
            if let parent = database.partOf.flatMap({ indexOfName[$0] }), !database.impliedBy.isEmpty {
                impliedBy.append((index, parent, try database.impliedBy.map { try PhrasePattern($0) }))
            }
        }
        self.vocabulary = vocabulary
        self.impliedBy = impliedBy
        self.phrases = phrases
        self.acronyms = acronyms
        self.contextWords = contextWords
        phrasesByFirstWord = Self.index(phrases.enumerated().map { ($0, $1.pattern.firstWords.words) })
        phrasesByFirstPrefix = Self.index(phrases.enumerated().map { ($0, $1.pattern.firstWords.prefixes) }).map { ($0.key, $0.value) }
        acronymsByFirstWord = Self.index(acronyms.enumerated().map { ($0, [$1.folded[0]]) })
        franceMarkers = try registry.franceMarkers.map { try PhrasePattern($0) }
        otherCountryMarkers = try registry.otherCountryMarkers.map { try PhrasePattern($0) }
        franceMarkerWords = franceMarkers.reduce(into: []) { $0.formUnion($1.firstWords.words) }
        otherCountryMarkerWords = otherCountryMarkers.reduce(into: []) { $0.formUnion($1.firstWords.words) }
    }

    private static func index(_ entries: [(Int, Set<String>)]) -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for (entry, words) in entries {
            for word in words { index[word, default: []].append(entry) }
        }
        return index
    }

    var databaseCount: Int { registry.databases.count }

    func database(_ index: Int) -> HubDatabase { registry.databases[index] }

    /// Every name and acronym of a database in the passage; overlapping names of one database are kept once,
    /// the longest.
    func mentions(in passage: Passage) -> [Mention] {
        var found: [Mention] = []
        let words = passage.words
        for start in words.indices {
            let word = words[start]
            let prefixed = phrasesByFirstPrefix.lazy.filter { word.hasPrefix($0.prefix) }.flatMap(\.phrases)
            for phraseIndex in (phrasesByFirstWord[word] ?? []) + prefixed {
                let phrase = phrases[phraseIndex]
                let sentence = passage.sentenceOfWord[start]
                guard let end = phrase.pattern.matchEnds(in: words, from: start).last(where: { $0 > start && passage.sentenceOfWord[$0 - 1] == sentence })
                else { continue }
                found.append(Mention(database: phrase.database, kind: phrase.kind, start: start, end: end, sentence: sentence))
            }
            for acronymIndex in acronymsByFirstWord[word] ?? [] {
                let acronym = acronyms[acronymIndex]
                let end = start + acronym.folded.count
                guard end <= words.count, Array(words[start..<end]) == acronym.folded else { continue }
                guard (start..<end).allSatisfy({ Self.caseMatches(passage.text[passage.ranges[$0]], acronym.written[$0 - start], acronym.letterCase) })
                else { continue }
                found.append(
                    Mention(
                        database: acronym.database, kind: .acronym(ambiguous: acronym.isAmbiguous), start: start, end: end,
                        sentence: passage.sentenceOfWord[start]))
            }
        }
        return Self.longestPerDatabase(found)
    }

    private static func caseMatches(_ text: Substring, _ written: String, _ letterCase: Acronym.Case) -> Bool {
        switch letterCase {
        case .exact: text == written
        case .capitalised: text == written || text == written.prefix(1).uppercased() + written.dropFirst().lowercased()
        case .any: true
        }
    }

    private static func longestPerDatabase(_ mentions: [Mention]) -> [Mention] {
        let sorted = mentions.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var kept: [Mention] = []
        for mention in sorted
        where !kept.contains(where: { $0.database == mention.database && $0.start <= mention.start && mention.end <= $0.end }) {
            kept.append(mention)
        }
        return kept
    }

    /// Whether an acronym written in parentheses is defined there as something else: `selective neck
    /// dissections (SNDS)`. A definition by one of the database's own names, or near its context words, is its own.
    func isDefinedAsSomethingElse(_ mention: Mention, in passage: Passage, among mentions: [Mention]) -> Bool {
        guard case .acronym = mention.kind, passage.opensParenthesis[mention.start] else { return false }
        let family = Set(lineage[mention.database])
        if mentions.contains(where: { $0.end == mention.start && $0.kind != mention.kind && family.contains($0.database) }) { return false }
        let sentenceWords = passage.wordIndices(ofSentence: mention.sentence)
        let letters = passage.words[mention.start..<mention.end].reduce(0) { $0 + $1.count }
        let before = max(sentenceWords.lowerBound, mention.start - min(6, letters + 1))..<mention.start
        guard !before.isEmpty else { return false }
        let own = before.filter { index in
            let word = passage.words[index]
            return family.contains { vocabulary[$0].words.contains(word) || vocabulary[$0].prefixes.contains(where: word.hasPrefix) }
        }
        if own.count * 3 >= before.count { return false }
        let initial = passage.words[mention.start].first
        return before.contains { passage.words[$0].first == initial }
    }

    /// The components a sentence implies when it names their parent: (component, first word, end).
    func impliedComponents(of parent: Int, in passage: Passage, sentence: Int) -> [(database: Int, start: Int, end: Int)] {
        let words = passage.wordIndices(ofSentence: sentence)
        var found: [(database: Int, start: Int, end: Int)] = []
        for (database, componentParent, patterns) in impliedBy where componentParent == parent {
            search: for start in words {
                for pattern in patterns {
                    if let end = pattern.matchEnds(in: passage.words, from: start).last(where: { $0 > start && $0 <= words.upperBound }) {
                        found.append((database, start, end))
                        break search
                    }
                }
            }
        }
        return found
    }

    /// Whether an ambiguous acronym has one of its database's context words in its sentence.
    func hasContext(_ mention: Mention, in passage: Passage) -> Bool {
        let words = passage.wordIndices(ofSentence: mention.sentence)
        let context = lineage[mention.database].reduce(into: Set<String>()) { $0.formUnion(contextWords[$1]) }
        return words.contains { index in !(mention.start..<mention.end).contains(index) && context.contains(passage.words[index]) }
    }

    /// The words of the passage that place it in France, and those that place it elsewhere.
    func countryMarkers(in passage: Passage) -> CountryMarkers {
        var markers = CountryMarkers()
        let words = passage.words
        func firstMatch(_ patterns: [PhrasePattern], at start: Int) -> Range<Int>? {
            for pattern in patterns {
                if let end = pattern.matchEnds(in: words, from: start).last, end > start { return start..<end }
            }
            return nil
        }
        for start in words.indices {
            let word = words[start]
            if franceMarkerWords.contains(word), let range = firstMatch(franceMarkers, at: start) {
                markers.france.append((passage.sentenceOfWord[start], range))
            }
            if otherCountryMarkerWords.contains(word), let range = firstMatch(otherCountryMarkers, at: start) {
                markers.elsewhere.append((passage.sentenceOfWord[start], range))
            }
        }
        return markers
    }
}

/// Where a passage names France or another country: (sentence, words).
struct CountryMarkers {
    var france: [(sentence: Int, words: Range<Int>)] = []
    var elsewhere: [(sentence: Int, words: Range<Int>)] = []

    /// Whether the sentence of a mention names France, apart from the mention's own words ("données de
    /// l'assurance maladie" names no country by itself).
    func placeInFrance(_ mention: Mention, countingItsOwnWords: Bool = false) -> Bool {
        france.contains { $0.sentence == mention.sentence && (countingItsOwnWords || !$0.words.overlaps(mention.start..<mention.end)) }
    }

    func placeElsewhere(_ mention: Mention) -> Bool { elsewhere.contains { $0.sentence == mention.sentence } }
}
