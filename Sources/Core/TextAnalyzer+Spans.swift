extension TextAnalyzer {
    /// A folded word of a text with where it was written: what highlighting needs to mark the original text.
    public struct WordSpan: Hashable, Sendable {
        public var word: String
        /// Offsets in the text's unicode scalars.
        public var start: Int
        public var end: Int
    }

    /// The folded words of `text` (as `words(_:)` gives them) with their places, stop words included.
    public func wordSpans(_ text: String) -> [WordSpan] {
        var spans: [WordSpan] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        for scalar in text.unicodeScalars {
            let wasEmpty = current.isEmpty
            if TextAnalyzer.appendFolded(scalar, to: &current) {
                if wasEmpty { start = offset }
            } else if !current.isEmpty {
                spans.append(WordSpan(word: String(current), start: start, end: offset))
                current = String.UnicodeScalarView()
            }
            offset += 1
        }
        if !current.isEmpty { spans.append(WordSpan(word: String(current), start: start, end: offset)) }
        return spans
    }
}
