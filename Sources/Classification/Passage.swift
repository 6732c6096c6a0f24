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

    init(_ text: String) {
        self.text = text
        cut()
    }

    func sentence(_ index: Int) -> Substring { text[sentences[index]] }

    /// The words of sentence `index`, as indices into `words`.
    func wordIndices(ofSentence index: Int) -> Range<Int> { sentenceWords[index] }

    /// The words of the text as written, from word `start` to word `end` (exclusive).
    func written(_ start: Int, _ end: Int) -> Substring { text[ranges[start].lowerBound..<ranges[end - 1].upperBound] }

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
                let folded = isASCII ? Self.asciiLowercased(original) : String(original).folded
                lastWord = folded
                lastWordEnd = index
                if !PhrasePattern.skippedWords.contains(folded) {
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
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }

    private static func asciiLowercased(_ word: Substring) -> String {
        String(decoding: word.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
