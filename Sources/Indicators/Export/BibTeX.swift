import Core
import Search

/// A result set as BibTeX, in UTF-8 (biber, Zotero and JabRef read it; classic bibtex passes it through).
///
/// Citation keys are `familyYEARword` (`dupont2019cancer`), made unique within the export by a letter
/// (`dupont2019cancerb`). Values are braced with TeX's special characters escaped; words with capitals
/// after their first letter (`SNDS`, `mRNA`) are braced so styles do not lower-case them.
public enum BibTeX {
    public static func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) {
        var keys = CitationKeys()
        var first = true
        for document in documents {
            output((first ? "" : "\n") + entry(document, key: keys.unique(citationKey(document))))
            first = false
        }
    }

    public static func entry(_ document: SearchDocument, key: String) -> String {
        var fields: [(String, String)] = []
        if !document.authors.isEmpty {
            let names = document.authors.map { author in
                // A collective's name is one braced unit, else BibTeX splits it into first and last names.
                guard let family = author.family, !family.isEmpty else { return "{" + escaped(author.name) + "}" }
                let given = author.given.map { ", " + escaped($0) } ?? ""
                return escaped(family) + given
            }
            fields.append(("author", names.joined(separator: " and ")))
        }
        fields.append(("title", protectedCapitals(escaped(document.title))))
        let type = entryType(document)
        if let journal = document.journal {
            fields.append(
                (type == "article" ? "journal" : type == "incollection" || type == "inproceedings" ? "booktitle" : "howpublished", escaped(journal)))
        }
        if let date = document.date {
            fields.append(("year", String(date.year)))
            if let month = date.month, (1...12).contains(month) { fields.append(("month", String(month))) }
        }
        for (name, value) in [("volume", document.volume), ("number", document.issue), ("publisher", document.publisher)] {
            if let value, !value.isEmpty { fields.append((name, escaped(value))) }
        }
        if let pages = document.pages, !pages.isEmpty { fields.append(("pages", escaped(pageRange(pages)))) }
        if let issn = document.issn { fields.append(("issn", escaped(issn))) }
        if let doi = document.identifiers.doi { fields.append(("doi", escaped(doi))) }
        if let pmid = document.identifiers.pmid { fields.append(("pmid", escaped(pmid))) }
        if let pmcid = document.identifiers.pmcid { fields.append(("pmcid", escaped(pmcid))) }
        if let url = RIS.url(document) { fields.append(("url", escaped(url))) }
        if let language = document.language { fields.append(("language", escaped(language))) }
        let keywords = document.keywords + document.mesh
        if !keywords.isEmpty { fields.append(("keywords", escaped(keywords.joined(separator: ", ")))) }
        if let abstract = document.abstract, !abstract.isEmpty { fields.append(("abstract", escaped(abstract))) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@\(type){\(key),\n\(body)\n}\n"
    }

    /// The entry type of the first publication type Hublot knows, else `article` for a journal's paper, `misc`.
    public static func entryType(_ document: SearchDocument) -> String {
        for type in document.publicationTypes {
            let folded = type.folded
            if folded.contains("chapter") { return "incollection" }
            if folded.contains("book") { return "book" }
            if folded.contains("thesis") || folded.contains("dissertation") || folded.contains("these") { return "phdthesis" }
            if folded.contains("proceedings") || folded.contains("conference") { return "inproceedings" }
            if folded.contains("preprint") || folded.contains("posted") { return "misc" }
            if folded.contains("report") { return "techreport" }
            if folded.contains("article") || folded.contains("review") || folded.contains("letter") || folded.contains("editorial") {
                return document.journal == nil ? "misc" : "article"
            }
        }
        return document.journal == nil ? "misc" : "article"
    }

    /// `dupont2019cancer`: the first author's family name, the year, the title's first significant word, in
    /// ASCII letters and digits.
    public static func citationKey(_ document: SearchDocument) -> String {
        let author = document.authors.first.map { $0.family ?? $0.name } ?? "anon"
        let family = asciiWord(author.split(separator: " ").last.map(String.init) ?? author)
        let year = document.year.map(String.init) ?? "nd"
        let word =
            document.title.split { !$0.isLetter && !$0.isNumber }.map { asciiWord(String($0)) }
            .first { $0.count > 2 && !stopWords.contains($0) } ?? ""
        return (family.isEmpty ? "anon" : family) + year + word
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "into", "between", "among", "les", "des", "une", "dans", "par", "pour", "sur", "aux", "avec",
    ]

    static func asciiWord(_ text: String) -> String {
        String(text.folded.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// The keys given so far, so that each new one differs: `b`, `c`… after the first, then numbers.
    struct CitationKeys {
        var used: Set<String> = []

        mutating func unique(_ key: String) -> String {
            if used.insert(key).inserted { return key }
            for suffix in "bcdefghijklmnopqrstuvwxyz" where used.insert(key + String(suffix)).inserted { return key + String(suffix) }
            var number = 2
            while !used.insert(key + String(number)).inserted { number += 1 }
            return key + String(number)
        }
    }

    /// Text safe inside a braced BibTeX value: TeX's special characters escaped, line breaks as spaces. Read by
    /// Unicode scalars (the special characters are all ASCII): grapheme breaking every abstract is ten times slower.
    public static func escaped(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result.append(contentsOf: "\\textbackslash{}".unicodeScalars)
            case "{", "}", "&", "%", "$", "#", "_":
                result.append("\\")
                result.append(scalar)
            case "~": result.append(contentsOf: "\\textasciitilde{}".unicodeScalars)
            case "^": result.append(contentsOf: "\\textasciicircum{}".unicodeScalars)
            case "\n" where previous == "\r": break
            case "\n", "\r", "\t": result.append(" ")
            default: result.append(scalar)
            }
            previous = scalar
        }
        return String(result)
    }

    /// Braces around words with a capital after their first letter, which title-casing styles would otherwise
    /// lower-case. The text is already escaped: words holding a backslash are left alone.
    static func protectedCapitals(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let needs = word.dropFirst().contains { $0.isUppercase } && !word.contains("\\")
            return needs ? "{" + word + "}" : String(word)
        }.joined(separator: " ")
    }

    /// `123-130` as BibTeX's `123--130`.
    static func pageRange(_ pages: String) -> String {
        let parts = pages.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" })
        return parts.count == 2 ? parts[0].trimmingWhitespace + "--" + parts[1].trimmingWhitespace : pages
    }
}

extension Substring {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
