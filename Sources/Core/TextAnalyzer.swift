import Foundation

/// Turns French or English text into search terms: split on anything not a letter or digit (`_` and `'`
/// included, so `BEN_NAI_ANN` gives `ben nai ann` and `d'identification` gives `identification`),
/// lower-cased, accents removed, stop words dropped, and light stemming of plurals.
///
/// Indexes and queries go through the same analyzer, so `Bénéficiaires` finds `beneficiaire`. Stemming is
/// deliberately light (Savoy's plural rules for French, which also fit English plurals): aggressive
/// stemmers conflate the short codes that fill health-data catalogs.
public struct TextAnalyzer: Sendable {
    public var stopWords: Set<String>

    public init(stopWords: Set<String> = TextAnalyzer.frenchAndEnglishStopWords) {
        self.stopWords = stopWords
    }

    public static let frenchAndEnglishStopWords: Set<String> = [
        "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "leur", "n",
        "ne", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sur", "un", "une", "y",
        "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "with",
    ]

    /// Search terms of `text`, in order, duplicates kept (they count in ranking).
    public func terms(_ text: String) -> [String] {
        words(text).compactMap { word in
            stopWords.contains(word) ? nil : TextAnalyzer.stem(word)
        }
    }

    /// The folded words of `text`, stop words included.
    public func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !TextAnalyzer.appendFolded(scalar, to: &current), !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Plural to singular: `hopitaux` -> `hopital`, `naissances` -> `naissance`, `prix` stays `prix`.
    public static func stem(_ word: String) -> String {
        let count = word.utf8.count
        guard count > 3, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        if count > 4, word.hasSuffix("aux") { return String(word.dropLast(3)) + "al" }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    /// Appends the lower-case, unaccented form of a letter or digit; returns false for separators.
    /// Indexing calls this for every character of ~400,000 labels, hence the ASCII fast path.
    static func appendFolded(_ scalar: Unicode.Scalar, to word: inout String.UnicodeScalarView) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A:
            word.append(scalar)
            return true
        case 0x41...0x5A:
            word.append(Unicode.Scalar(UInt8(scalar.value + 32)))
            return true
        case 0...0x7F:
            return false
        default:
            break
        }
        if let ascii = latinFolding[scalar] {
            word.append(contentsOf: ascii.unicodeScalars)
            return true
        }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return false }
        // Rare letters outside Latin-1: decompose and drop the combining marks.
        let base = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !$0.properties.isDiacritic && $0.properties.generalCategory != .nonspacingMark }
        word.append(contentsOf: String(String.UnicodeScalarView(base)).lowercased().unicodeScalars)
        return true
    }

    private static let latinFolding: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("çÇ", "c"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("ñÑ", "n"), ("òóôõöøÒÓÔÕÖØ", "o"),
            ("ùúûüÙÚÛÜ", "u"), ("ýÿÝŸ", "y"), ("œŒ", "oe"), ("æÆ", "ae"), ("ß", "ss"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, ascii) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = ascii }
        }
        return table
    }()
}
