import Core
import Foundation

/// An article while it is read: the parts only settled once the whole article has been seen (affiliations
/// referred to before they are defined, the best of several publication dates, pages).
struct JATSArticle {
    var metadata = PublicationMetadata()
    var journal = Journal()
    var journalIDs: [String: String] = [:]
    var contributors: [JATSContributor] = []
    /// `aff` elements in document order, with their `id` when they have one.
    var affiliations: [(id: String?, text: String)] = []
    var dates: [JATSDate] = []
    var firstPage: String?
    var lastPage: String?
    var elocation: String?
    var hasLicense = false
    var licenseURL: String?
    var isOpenAccessByPMC = false

    var assembled: PublicationMetadata {
        var result = metadata
        var journal = self.journal
        journal.isoAbbreviation = journalIDs["iso-abbrev"] ?? journalIDs["nlm-ta"]
        journal.issns.sort { ($0.kind == .print ? 0 : 1) < ($1.kind == .print ? 0 : 1) }
        journal.pages = pages
        if !journal.isEmpty || journal.publisher != nil { result.journal = journal }
        result.authors = authors
        result.date = JATSDate.best(of: dates)
        if hasLicense || isOpenAccessByPMC {
            result.openAccess = OpenAccess(isOpenAccess: true, url: licenseURL.flatMap { Normalize.text($0) })
        }
        return result
    }

    private var pages: String? {
        guard let firstPage else { return elocation }
        guard let lastPage, lastPage != firstPage else { return firstPage }
        return "\(firstPage)-\(lastPage)"
    }

    /// Authors with their affiliations resolved: through `xref rid=` to `aff id=`, the `aff` inside the
    /// contributor, or, when nobody points to any and there is only one, that one for everybody.
    private var authors: [Author] {
        var byID: [String: String] = [:]
        for affiliation in affiliations {
            if let id = affiliation.id { byID[id] = byID[id] ?? affiliation.text }
        }
        let nobodyPoints = contributors.allSatisfy { $0.affiliationIDs.isEmpty }
        let shared = nobodyPoints && affiliations.count == 1 ? [affiliations[0].text] : []
        return contributors.map { contributor in
            var author = contributor.author
            var texts = contributor.affiliationIDs.compactMap { byID[$0] } + contributor.ownAffiliations
            if texts.isEmpty { texts = shared }
            var seen: Set<String> = []
            author.affiliations = texts.filter { seen.insert($0).inserted }
            return author
        }
    }
}

struct JATSContributor {
    var author = Author()
    var affiliationIDs: [String] = []
    var ownAffiliations: [String] = []
}

/// One `pub-date`, with what it says it is (`epub`, `ppub`, `collection`, `pmc-release`).
struct JATSDate {
    var type: String?
    var format: String?
    var date: PublicationDate

    /// The publication date proper: electronic or print publication, the most precise of them (a full date
    /// over a month); then the date; never PMC's own release date unless it is all there is.
    static func best(of dates: [JATSDate]) -> PublicationDate? {
        func rank(_ candidate: JATSDate) -> Int {
            switch candidate.type {
            case "epub", "ppub", "epub-ppub", "pub", "epreprint": 0
            case "collection", nil: 1
            case "pmc-release": 3
            default: 2
            }
        }
        func precision(_ date: PublicationDate) -> Int { date.day != nil ? 2 : date.month != nil ? 1 : 0 }
        let sorted = dates.enumerated().sorted { lhs, rhs in
            let left = (rank(lhs.element), -precision(lhs.element.date), lhs.element.date, lhs.offset)
            let right = (rank(rhs.element), -precision(rhs.element.date), rhs.element.date, rhs.offset)
            if left.0 != right.0 { return left.0 < right.0 }
            if left.1 != right.1 { return left.1 < right.1 }
            if left.2 != right.2 { return left.2 < right.2 }
            return left.3 < right.3
        }
        return sorted.first?.element.date
    }
}

enum JATSGrants {
    /// One grant per award number, each naming the group's funders; a group without number still names
    /// who funded.
    static func grants(funders: [(name: String, identifier: String?)], awards: [String]) -> [Grant] {
        let funder = funders.isEmpty ? nil : funders.map(\.name).joined(separator: "; ")
        let funderID = funders.count == 1 ? funders[0].identifier : nil
        guard !awards.isEmpty else {
            return funder == nil ? [] : [Grant(funder: funder, funderID: funderID)]
        }
        return awards.map { Grant(identifier: $0, funder: funder, funderID: funderID) }
    }

    /// `10.13039/501100001665` from an Open Funder Registry DOI or URL; a ROR URL as it is.
    static func funderID(_ raw: String) -> String? {
        if let doi = Normalize.doi(raw) { return doi }
        if raw.contains("ror.org/") { return Normalize.text(raw) }
        if raw.allSatisfy(\.isNumber), !raw.isEmpty { return "10.13039/\(raw)" }
        return nil
    }
}

enum JATSText {
    /// `Background:` → `Background`, `Institute of X,` → `Institute of X`.
    static func trimmingPunctuation(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, ":;,.".contains(last) || last == " " { result.removeLast() }
        while let first = result.first, ",; ".contains(first) { result.removeFirst() }
        return String(result)
    }
}

enum JATSSections {
    /// The kind of a section, from its `sec-type` when it has one, else from its title in English or French.
    static func kind(sectionType: String?, title: String?) -> TextSection.Kind {
        if let sectionType, let kind = kind(sectionType: sectionType.lowercased()) { return kind }
        guard let title else { return .other }
        return kind(title: title)
    }

    private static func kind(sectionType: String) -> TextSection.Kind? {
        switch sectionType {
        case "intro", "introduction", "background": .introduction
        case "methods", "materials|methods", "materials", "methods|materials", "subjects", "cases", "patients": .methods
        case "results": .results
        case "discussion": .discussion
        case "conclusions", "conclusion": .conclusions
        case "results|discussion": .results
        case "supplementary-material", "supplementary": .supplementary
        case "data-availability", "data-access": .dataAvailability
        case "acknowledgements", "acknowledgments": .acknowledgements
        default: nil
        }
    }

    private static func kind(title: String) -> TextSection.Kind {
        let folded = title.folded.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        let words = folded.split(whereSeparator: { !$0.isLetter })
        func has(_ word: String) -> Bool { words.contains { $0 == word } }
        func starts(_ prefix: String) -> Bool { folded.hasPrefix(prefix) }
        if starts("data availability") || starts("availability of data") || starts("disponibilite des donnees")
            || starts("data sharing")
        {
            return .dataAvailability
        }
        if starts("acknowledg") || starts("remerciement") { return .acknowledgements }
        if starts("supplementary") || starts("supporting information") { return .supplementary }
        if has("methods") || has("methodology") || has("methodes") || has("methode") || has("method")
            || starts("materiel et") || starts("study population") || starts("data sources") || starts("data source")
            || starts("patients and") || starts("subjects and") || starts("study design")
        {
            return .methods
        }
        if starts("introduction") || starts("background") || starts("contexte") { return .introduction }
        if starts("results") || starts("resultats") || starts("findings") { return .results }
        if starts("discussion") { return .discussion }
        if starts("conclusion") { return .conclusions }
        return .other
    }
}

enum JATSElements {
    static let underArticle: Set<String> = ["processing-meta", "floats-group", "sub-article", "response"]
    static let underFront: Set<String> = ["notes"]
    static let underArticleMeta: Set<String> = [
        "article-categories", "article-version", "author-notes", "copyright-statement", "copyright-year", "counts",
        "ext-link", "history", "related-article", "self-uri", "trans-abstract", "supplementary-material",
        "custom-meta-group", "article-version-alternatives", "pub-date-not-available", "conference", "product",
        "page-range", "pub-history", "support-group", "contrib-group-alternatives", "isbn", "issue-id", "issue-title",
        "volume-id", "related-object", "uri", "aff-alternatives", "word-count",
    ]
    static let underBack: Set<String> = ["fn-group", "app-group", "glossary", "notes", "bio", "label", "title"]

    /// Paragraph-like elements: their texts are separate sentences.
    static let blocks: Set<String> = [
        "p", "title", "sec", "list-item", "def-item", "term", "def", "boxed-text", "disp-quote", "statement",
        "caption", "td", "th",
    ]
    /// Left out of section text: formulas, figures, tables, and labels printed in the margin.
    static let noise: Set<String> = [
        "disp-formula", "inline-formula", "math", "fig", "table-wrap", "table-wrap-group", "fig-group", "label",
        "graphic", "media", "supplementary-material", "alternatives", "tex-math", "object-id",
    ]
    static let affiliationParts: Set<String> = ["institution", "addr-line", "country", "city", "state"]
    static let affiliationNoise: Set<String> = ["label", "sup", "institution-id", "email"]
    static let citations: Set<String> = ["mixed-citation", "element-citation", "citation", "nlm-citation"]

    /// The article's abstract proper, not a graphical abstract, a teaser or a table-of-contents blurb.
    static func isMainAbstract(type: String?) -> Bool {
        guard let type = type?.lowercased() else { return true }
        return !["graphical", "teaser", "toc", "summary", "author-highlights", "editor-summary", "precis"].contains(type)
    }
}
