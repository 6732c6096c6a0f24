import Core

/// The parts of a document the index keeps apart, with their weight in BM25F: a word in the title says more
/// about what a paper is about than the same word in its abstract.
enum SearchField: Int, CaseIterable, Sendable {
    case title, keyword, mesh, abstract, journal, author, affiliation, database

    var weight: Float {
        switch self {
        case .title: 5
        case .keyword, .mesh: 3
        case .database: 2
        case .abstract: 1
        case .journal, .author: 1
        case .affiliation: 0.5
        }
    }

    /// Lengths (in terms) a field has on average in PubMed records: BM25's length normalisation starts from
    /// these, then follows the lengths actually indexed.
    var typicalLength: Float {
        switch self {
        case .title: 12
        case .keyword: 6
        case .mesh: 14
        case .abstract: 150
        case .journal: 4
        case .author: 14
        case .affiliation: 40
        case .database: 1
        }
    }

    /// The `field:` names of the query language.
    init?(queryName: String) {
        switch queryName.lowercased() {
        case "title", "ti": self = .title
        case "abstract", "ab": self = .abstract
        case "keyword", "keywords", "kw": self = .keyword
        case "mesh": self = .mesh
        case "journal": self = .journal
        case "author", "au": self = .author
        case "affiliation", "ad": self = .affiliation
        case "database", "db": self = .database
        default: return nil
        }
    }

    var mask: UInt8 { 1 << UInt8(rawValue) }

    /// The field's texts in a document: one per value, so that phrases do not run from one value to the next.
    func texts(of document: SearchDocument) -> [String] {
        switch self {
        case .title: [document.title]
        case .keyword: document.keywords
        case .mesh: document.mesh
        case .abstract: document.abstract.map { [$0] } ?? []
        case .journal: document.journal.map { [$0] } ?? []
        case .author: document.authors.map(\.name)
        case .affiliation: document.affiliations.map(\.text)
        case .database: document.databases.map(\.name)
        }
    }
}

/// Analysis shared by indexing and queries: Core's folding, stop words and plural stemming, then a light
/// English and French suffix stemmer, so that `hospitalisation`, `hospitalisations` and `hospitalization`
/// meet, as do `prescribing` and `prescribed`.
struct SearchAnalyzer: Sendable {
    let text = TextAnalyzer()

    func terms(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return self.text.wordSpans(text).compactMap { term(of: $0, in: scalars) }
    }

    /// The term a word of a text is indexed under: none for a stop word; the word itself, unstemmed, when it
    /// is written in capitals, since an acronym's final S is no plural (`SNDS` is not `SND`, a neck
    /// dissection); else its stem.
    func term(of span: TextAnalyzer.WordSpan, in scalars: [Unicode.Scalar]) -> String? {
        guard !text.stopWords.contains(span.word) else { return nil }
        return Self.isCapitalised(scalars[span.start..<span.end]) ? span.word : Self.stem(span.word)
    }

    /// Two letters or more and none in lower case: `SNDS`, `PMSI`, `ESND`, `COVID-19`'s `COVID`.
    static func isCapitalised(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        var letters = 0
        for scalar in word {
            if scalar.isASCII {
                if scalar.value >= 0x61 && scalar.value <= 0x7A { return false }
                if scalar.value >= 0x41 && scalar.value <= 0x5A { letters += 1 }
            } else if scalar.properties.isLowercase {
                return false
            } else if scalar.properties.isAlphabetic {
                letters += 1
            }
        }
        return letters >= 2
    }

    func isStopWord(_ word: String) -> Bool { text.stopWords.contains(word) }

    static func stem(_ word: String) -> String {
        var word = TextAnalyzer.stem(word)
        guard word.utf8.count > 5, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        // British and French -isation, American -ization.
        if word.hasSuffix("ization") { word = String(word.dropLast(7)) + "isation" }
        for (suffix, replacement) in suffixes where word.hasSuffix(suffix) && word.utf8.count - suffix.utf8.count >= 4 {
            return String(word.dropLast(suffix.utf8.count)) + replacement
        }
        return word
    }

    /// Inflections only (tense, participle, gender): derivations change the meaning too often in medicine.
    private static let suffixes: [(String, String)] = [
        ("ing", ""), ("ed", ""), ("ee", "e"), ("ive", "if"), ("ie", "y"),
    ]
}
