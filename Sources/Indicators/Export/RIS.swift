import Core
import Search

/// A result set as RIS, the tagged format Zotero, EndNote and Mendeley import: one `TAG  - value` line per
/// field, CRLF line ends (the specification's, and what EndNote expects), each record from `TY` to `ER`.
public enum RIS {
    public static func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) {
        for document in documents { output(record(document)) }
    }

    public static func record(_ document: SearchDocument) -> String {
        var lines: [String] = []
        func add(_ tag: String, _ value: String?) {
            guard let value else { return }
            let flat = singleLine(value)
            if !flat.isEmpty { lines.append("\(tag)  - \(flat)") }
        }
        add("TY", type(document))
        for author in document.authors {
            if let family = author.family, !family.isEmpty {
                add("AU", family + (author.given.map { ", " + $0 } ?? ""))
            } else {
                add("AU", author.name)
            }
        }
        add("TI", document.title)
        add("T2", document.journal)
        add("PY", document.year.map(String.init))
        if let date = document.date {
            // RIS dates are YYYY/MM/DD/other, missing parts left empty.
            let month = date.month.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? ""
            let day = date.day.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? ""
            add("DA", "\(date.year)/\(month)/\(day)/")
        }
        add("VL", document.volume)
        add("IS", document.issue)
        if let pages = document.pages {
            let parts = pages.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" })
            add("SP", parts.first.map { $0.trimmingWhitespace })
            if parts.count > 1 { add("EP", parts[1].trimmingWhitespace) }
        }
        add("PB", document.publisher)
        add("SN", document.issn)
        add("DO", document.identifiers.doi)
        add("AN", document.identifiers.pmid.map { "PMID:\($0)" })
        add("LA", document.language)
        add("AB", document.abstract)
        for keyword in document.keywords + document.mesh { add("KW", keyword) }
        add("UR", url(document))
        lines.append("ER  - ")
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// The RIS type of the first publication type Hublot knows, else a journal article when there is a journal.
    static func type(_ document: SearchDocument) -> String {
        switch BibTeX.entryType(document) {
        case "incollection": "CHAP"
        case "book": "BOOK"
        case "phdthesis": "THES"
        case "inproceedings": "CPAPER"
        case "techreport": "RPRT"
        case "article": "JOUR"
        default: document.publicationTypes.contains { $0.folded.contains("preprint") } ? "UNPB" : "GEN"
        }
    }

    /// Where the publication can be read: its DOI, else its PubMed page. Links only: nothing is fetched.
    static func url(_ document: SearchDocument) -> String? {
        if let doi = document.identifiers.doi { return "https://doi.org/" + doi }
        if let pmid = document.identifiers.pmid { return "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }
        return document.openAccess?.url
    }

    /// A value on one line: RIS has no continuation lines that every reader accepts. Read by Unicode scalars,
    /// not characters: an export writes every abstract, and grapheme breaking costs ten times more.
    static func singleLine(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let isBreak = { (scalar: Unicode.Scalar) in
            (0x09...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
        }
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        if !scalars.contains(where: isBreak), !(scalars.first.map(isSpace) ?? false), !(scalars.last.map(isSpace) ?? false) { return text }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars {
            if isBreak(scalar) || isSpace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }
}
