import Catalog
import Core

/// A piece of a publication's text (its title, an abstract section, an affiliation, a full-text section)
/// cut into folded words and sentences, the unit the classifier matches phrases in.
///
/// Words the registry's phrases skip (`the`, `of`, `des`) are dropped from `words`, so a phrase is a plain run of
/// consecutive words; each word keeps its place in the text, for case checks and for showing the sentence.
struct Passage: Sendable {
    let text: String
    /// Folded words, little words left out.
    private(set) var words: [String] = []
    /// Where each word is in `text`.
    private(set) var ranges: [Range<String.Index>] = []
    /// The sentence of each word, an index into `sentences`.
    private(set) var sentenceOfWord: [Int] = []
    /// Whether each word follows an opening parenthesis: `(SNDS)` defines an acronym.
    private(set) var opensParenthesis: [Bool] = []
    private(set) var sentences: [Range<String.Index>] = []
    private var sentenceWords: [Range<Int>] = []
    /// Whether the text is French, by its little words (`les`, `des`, `une`, `dans`…): then a generic name
    /// ("base de données médico-administrative") is French too.
    private(set) var isFrench = false

    init(_ text: String) {
        self.text = text
        cut()
    }

    func sentence(_ index: Int) -> Substring { text[sentences[index]] }

    /// The words of sentence `index`, as indices into `words`.
    func wordIndices(ofSentence index: Int) -> Range<Int> { sentenceWords[index] }

    /// The words of the text as written, from word `start` to word `end` (exclusive).
    func written(_ start: Int, _ end: Int) -> Substring { text[ranges[start].lowerBound..<ranges[end - 1].upperBound] }

    /// The words that need a second look while cutting: little words the phrases skip, and the French words
    /// that tell the language (a bit each). One dictionary, so that most words cost one hash.
    private static let littleWords: [String: (isSkipped: Bool, frenchBit: UInt16)] = {
        var words: [String: (isSkipped: Bool, frenchBit: UInt16)] = [:]
        for word in PhrasePattern.skippedWords { words[word] = (true, 0) }
        for (bit, word) in ["les", "des", "une", "dans", "pour", "avec", "est", "sont", "du"].enumerated() {
            words[word] = (words[word]?.isSkipped ?? false, 1 << bit)
        }
        return words
    }()

    private static let abbreviations: Set<String> = ["e", "g", "i", "al", "vs", "fig", "no", "approx", "ref", "dr", "etc", "cf", "resp", "n"]

    private mutating func cut() {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var sentenceStart: String.Index? = nil
        var lastWordEnd = scalars.startIndex
        var lastWord = ""
        var afterParenthesis = false
        var pendingBreak = false
        var sentence = 0
        var sentenceFirstWord = 0
        var frenchWordsSeen: UInt16 = 0

        func closeSentence(at end: String.Index) {
            if let start = sentenceStart {
                sentences.append(start..<end)
                sentenceWords.append(sentenceFirstWord..<words.count)
                sentenceFirstWord = words.count
                sentence += 1
            }
            sentenceStart = nil
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            if Self.isWordScalar(scalar) {
                let start = index
                var isASCII = true
                repeat {
                    if scalars[index].value >= 0x80 { isASCII = false }
                    index = scalars.index(after: index)
                } while index < scalars.endIndex && Self.isWordScalar(scalars[index])
                let original = text[start..<index]
                if pendingBreak {
                    // A full stop ends a sentence before a capital or a digit, unless it ended an abbreviation or an initial.
                    let first = original.unicodeScalars.first!
                    let startsSentence = first.properties.isUppercase || ("0"..."9").contains(first)
                    if startsSentence && (lastWord.allSatisfy(\.isNumber) || lastWord.count > 1 && !Self.abbreviations.contains(lastWord)) {
                        closeSentence(at: lastWordEnd)
                    }
                    pendingBreak = false
                }
                if sentenceStart == nil { sentenceStart = start }
                let folded = isASCII ? Self.asciiLowercased(original) : Self.folded(original)
                lastWord = folded
                let little = Self.littleWords[folded]
                if let little { frenchWordsSeen |= little.frenchBit }
                lastWordEnd = index
                if little?.isSkipped != true {
                    words.append(folded)
                    ranges.append(start..<index)
                    sentenceOfWord.append(sentence)
                    opensParenthesis.append(afterParenthesis)
                }
                afterParenthesis = false
                continue
            }
            switch scalar {
            case ".", "?", "!":
                pendingBreak = true
                lastWordEnd = scalars.index(after: index)
            case "\n":
                closeSentence(at: lastWordEnd)
                pendingBreak = false
            case "(", "[":
                afterParenthesis = true
            case " ", "\t", "\u{00A0}":
                break
            default:
                afterParenthesis = false
            }
            index = scalars.index(after: index)
        }
        closeSentence(at: lastWordEnd)
        isFrench = frenchWordsSeen.nonzeroBitCount >= 3
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }

    private static func asciiLowercased(_ word: Substring) -> String {
        let utf8 = word.utf8
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            for (index, byte) in utf8.enumerated() { buffer[index] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
            return utf8.count
        }
    }

    /// Accented Latin letters folded by a table, Foundation only for the rest: folding is most of the cost of
    /// reading French affiliations.
    private static func folded(_ word: Substring) -> String {
        var result = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: result.append(Unicode.Scalar(scalar.value | 0x20)!)
            case 0..<0x80: result.append(scalar)
            case 0xC0...0x17F:
                guard let plain = latinFolding[scalar.value] else { return String(word).folded }
                result.append(contentsOf: plain.unicodeScalars)
            default: return String(word).folded
            }
        }
        return String(result)
    }

    private static let latinFolding: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"),
            ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"), ("ÑñŃńŅņŇň", "n"),
            ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"), ("ŚśŜŝŞşŠš", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
            ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"), ("Ææ", "ae"), ("Œœ", "oe"), ("ß", "ss"),
        ]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = plain }
        }
        return table
    }()
}
