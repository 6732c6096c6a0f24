/// The passage of a result shown under its title: the part of the abstract with the most query words, else
/// the title, the matched words marked.
enum SnippetBuilder {
    static let words = 32
    /// Words of context kept before the first match.
    static let lead = 5

    static func snippet(of document: SearchDocument, highlighting terms: Set<String>, analyzer: SearchAnalyzer) -> Snippet {
        let abstract = document.abstract.map { passage(of: $0, highlighting: terms, analyzer: analyzer) }
        if let abstract, abstract.fragments.contains(where: \.isMatch) { return abstract }
        let title = passage(of: document.title, highlighting: terms, analyzer: analyzer, whole: true)
        if title.fragments.contains(where: \.isMatch) || abstract == nil { return title }
        return abstract ?? title
    }

    static func passage(of text: String, highlighting terms: Set<String>, analyzer: SearchAnalyzer, whole: Bool = false) -> Snippet {
        let spans = analyzer.text.wordSpans(text)
        let scalars = Array(text.unicodeScalars)
        let marks = spans.map { span in analyzer.term(of: span, in: scalars).map(terms.contains) ?? false }
        var start = 0
        var end = spans.count
        if !whole, spans.count > words {
            var bestCount = -1
            for anchor in marks.indices where marks[anchor] {
                let from = max(0, min(anchor - lead, spans.count - words))
                let count = marks[from..<(from + words)].lazy.filter { $0 }.count
                if count > bestCount {
                    bestCount = count
                    start = from
                }
            }
            end = min(spans.count, start + words)
        }
        func piece(_ from: Int, _ to: Int) -> String { String(String.UnicodeScalarView(scalars[from..<to])) }
        var fragments: [Snippet.Fragment] = []
        func add(_ text: String, _ isMatch: Bool) {
            guard !text.isEmpty else { return }
            if let last = fragments.last, !last.isMatch, !isMatch {
                fragments[fragments.count - 1].text += text
            } else {
                fragments.append(Snippet.Fragment(text: text, isMatch: isMatch))
            }
        }
        guard start < end else { return Snippet(fragments: text.isEmpty ? [] : [Snippet.Fragment(text: text, isMatch: false)]) }
        if start > 0 { add("… ", false) }
        var cursor = start == 0 ? 0 : spans[start].start
        for index in start..<end {
            add(piece(cursor, spans[index].start), false)
            add(piece(spans[index].start, spans[index].end), marks[index])
            cursor = spans[index].end
        }
        if end < spans.count {
            add(" …", false)
        } else {
            add(piece(cursor, scalars.count), false)
        }
        return Snippet(fragments: fragments)
    }
}
