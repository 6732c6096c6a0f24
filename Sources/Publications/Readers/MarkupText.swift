/// Text out of the markup that JSON sources put inside strings: Europe PMC's HTML abstracts
/// (`<h4>Methods</h4>…`), Crossref's JATS abstracts (`<jats:sec><jats:title>…`), italics in titles.
///
/// Only known tags are taken for tags, so that `p<0.05` or `age <65 years` stay text.
enum MarkupText {
    /// The text with tags removed, entities decoded and whitespace collapsed.
    static func plain(_ markup: String?) -> String? {
        guard let markup else { return nil }
        guard markup.contains("<") || markup.contains("&") else { return Normalize.text(markup) }
        return Normalize.text(sections(markup).map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }.joined(separator: " "))
    }

    /// The abstract's sections: each heading (`h1`…`h6`, JATS `title`) labels the text up to the next one. A
    /// lone "Abstract" heading is the abstract's own title, not a section label.
    static func abstract(_ markup: String?) -> Abstract? {
        guard let markup else { return nil }
        let sections = sections(markup)
        guard !sections.isEmpty else { return nil }
        return Abstract(sections: sections)
    }

    static func sections(_ markup: String) -> [AbstractSection] {
        var sections: [AbstractSection] = []
        var label: String?
        var text = ""
        var heading: String?
        var index = markup.startIndex

        func flush() {
            if let body = Normalize.text(decodeEntities(text)) {
                sections.append(AbstractSection(label: label, text: body))
            }
            text = ""
            label = nil
        }

        // Text runs between tags are copied whole: abstracts are mostly text, and Character-wise copying is slow.
        let bytes = markup.utf8
        while index < markup.endIndex {
            let opening = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? markup.endIndex
            if opening > index {
                if heading != nil { heading! += markup[index..<opening] } else { text += markup[index..<opening] }
            }
            guard opening < markup.endIndex else { break }
            guard let tag = Tag(in: markup, at: opening) else {
                if heading != nil { heading! += "<" } else { text += "<" }
                index = bytes.index(after: opening)
                continue
            }
            index = tag.end
            if tag.isHeading {
                if tag.isClosing {
                    if let title = Normalize.text(decodeEntities(heading ?? "")),
                        !["abstract", "summary", "résumé"].contains(title.lowercased())
                    {
                        label = title.hasSuffix(":") ? String(title.dropLast()) : title
                    }
                    heading = nil
                } else {
                    flush()
                    heading = ""
                }
            } else if tag.breaksText {
                if heading != nil { heading! += " " } else { text += " " }
            }
        }
        flush()
        return sections
    }

    private struct Tag {
        let end: String.Index
        let name: String
        let isClosing: Bool

        init?(in text: String, at start: String.Index) {
            var index = text.index(after: start)
            guard index < text.endIndex else { return nil }
            isClosing = text[index] == "/"
            if isClosing { index = text.index(after: index) }
            let nameStart = index
            while index < text.endIndex, text[index].isLetter || text[index].isNumber || ":-_.".contains(text[index]) {
                index = text.index(after: index)
            }
            guard nameStart < index, text[nameStart].isLetter else { return nil }
            let fullName = text[nameStart..<index].lowercased()
            let localName = fullName.split(separator: ":").last.map(String.init) ?? fullName
            guard fullName.contains(":") || MarkupText.knownTags.contains(localName) else { return nil }
            // Attributes run to the closing bracket, which must come before any other tag opens.
            var scanned = 0
            while index < text.endIndex, text[index] != ">" {
                if text[index] == "<" || scanned > 2000 { return nil }
                index = text.index(after: index)
                scanned += 1
            }
            guard index < text.endIndex else { return nil }
            end = text.index(after: index)
            name = localName
        }

        var isHeading: Bool { name == "title" || (name.count == 2 && name.first == "h" && name.last!.isNumber) }
        var breaksText: Bool { !MarkupText.inlineTags.contains(name) }
    }

    private static let inlineTags: Set<String> = [
        "i", "b", "em", "strong", "u", "sub", "sup", "sc", "a", "span", "italic", "bold", "underline", "small", "big",
        "font", "monospace", "tt", "s", "strike", "xref", "ext-link", "inline-formula", "named-content", "styled-content",
    ]

    private static let knownTags: Set<String> = inlineTags.union([
        "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "list", "list-item", "title",
        "sec", "abstract", "label", "table", "tr", "td", "th", "tbody", "thead", "caption", "fig", "disp-formula",
        "blockquote", "q", "cite", "code", "pre", "section", "header", "article", "dl", "dt", "dd",
    ])

    /// `&amp;`, `&lt;`, `&#233;`, `&#xE9;` and the few named entities abstracts use.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let decoded = entity(String(name)) {
                result.append(decoded)
                index = text.index(after: semicolon)
            } else {
                result.append("&")
                index = text.index(after: index)
            }
        }
        return result
    }

    private static func entity(_ name: String) -> Character? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return namedEntities[name]
    }

    private static let namedEntities: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "plusmn": "±", "times": "×", "le": "≤", "ge": "≥", "deg": "°", "micro": "µ",
    ]
}
