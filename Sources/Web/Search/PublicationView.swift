import Classification
import Foundation
import Publications
import Search

/// A publication's page: what it is, who wrote it where, and which databases it uses with the sentences that
/// say so.
enum PublicationView {
    static func page(_ document: SearchDocument, classification: PublicationClassification?, language: Language) -> String {
        let labels = language.labels
        let affiliationNumbers = Dictionary(uniqueKeysWithValues: document.affiliations.indices.map { ($0, $0 + 1) })
        let authors = document.authors.map { author in
            let marks = author.affiliations.compactMap { affiliationNumbers[$0] }.map(String.init).joined(separator: ",")
            let orcid = author.orcid.map { " <a class=\"muted\" href=\"https://orcid.org/\(escape($0))\" rel=\"external\">ORCID</a>" } ?? ""
            return "<a href=\"\(escape(PublicationsLinks.researcher(author.researcherKey, language: language)))\">\(escape(author.name))</a>"
                + (marks.isEmpty ? "" : "<sup>\(marks)</sup>") + orcid
        }.joined(separator: ", ")
        let affiliations = document.affiliations.enumerated().map { index, affiliation in
            let structure =
                affiliation.structure.map {
                    " — <a href=\"\(escape(PublicationsLinks.structure($0, language: language)))\">\(escape($0))</a>"
                } ?? ""
            return "<li value=\"\(index + 1)\">\(escape(affiliation.text))\(structure)</li>"
        }.joined()
        let journal =
            document.journal.map {
                "<a href=\"\(escape(PublicationsLinks.journal($0, language: language)))\">\(escape($0))</a>"
            } ?? ""
        let where_ = [
            journal,
            [document.volume.map { "vol. \($0)" }, document.issue.map { "(\($0))" }, document.pages].compactMap { $0 }
                .map(escape).joined(separator: " "), document.date.map { escape($0.description) } ?? "",
        ].filter { !$0.isEmpty }.joined(separator: " · ")
        return PublicationsLayout.page(
            title: document.title, language: language, current: .entity, request: SearchRequest(),
            body: """
                <p class="muted">\(escape(labels.publication))</p>
                <h1>\(escape(document.title))</h1>
                <p>\(authors)</p>
                <p class="muted">\(where_)</p>
                \(affiliations.isEmpty ? "" : "<ol class=\"affiliations muted\">\(affiliations)</ol>")
                \(SearchViews.databaseBadges(document.databases, labels: labels, language: language))
                <h2>\(escape(labels.abstract))</h2>
                \(document.abstract.map { "<p class=\"abstract\">" + escape($0).replacingOccurrences(of: "\n", with: "<br>") + "</p>" } ?? "<p class=\"muted\">\(escape(labels.noAbstract))</p>")
                \(terms(labels.keywords, document.keywords))
                \(terms(labels.mesh, document.mesh))
                <h2>\(escape(labels.identifiers))</h2>
                \(identifiers(document))
                <h2>\(escape(labels.databases)) · \(escape(labels.evidence))</h2>
                \(evidence(classification, name: document.name, labels: labels))
                """)
    }

    static func terms(_ title: String, _ values: [String]) -> String {
        guard !values.isEmpty else { return "" }
        return "<h2>\(escape(title))</h2><p>\(values.map(escape).joined(separator: " · "))</p>"
    }

    static func identifiers(_ document: SearchDocument) -> String {
        let identifiers = document.identifiers
        var rows: [(String, String)] = []
        if let doi = identifiers.doi { rows.append(("DOI", link("https://doi.org/\(doi)", doi))) }
        if let pmid = identifiers.pmid { rows.append(("PMID", link("https://pubmed.ncbi.nlm.nih.gov/\(pmid)/", pmid))) }
        if let pmcid = identifiers.pmcid { rows.append(("PMCID", link("https://www.ncbi.nlm.nih.gov/pmc/articles/\(pmcid)/", pmcid))) }
        if let hal = identifiers.halID { rows.append(("HAL", link("https://hal.science/\(hal)", hal))) }
        if let openAlex = identifiers.openAlexID { rows.append(("OpenAlex", link("https://openalex.org/\(openAlex)", openAlex))) }
        if let oa = document.openAccess { rows.append(("Open access", escape(oa.isOpenAccess ? (oa.status ?? "yes") : "no"))) }
        if let citations = document.citations { rows.append(("Citations", "\(citations)")) }
        rows.append(("Sources", escape(document.sources.joined(separator: ", "))))
        rows.append(("Hublot", escape("#\(document.id) · \(document.name)")))
        return "<dl>" + rows.map { "<dt>\(escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    /// The classifier's verdicts with their evidence, and what curators decided over them.
    static func evidence(_ classification: PublicationClassification?, name: String, labels: Labels) -> String {
        guard let classification, !(classification.verdicts.isEmpty && classification.labels.isEmpty) else {
            return "<p class=\"muted\">\(escape(labels.noDatabase))</p>"
        }
        let curated = Dictionary(classification.labels.map { ($0.database, $0) }, uniquingKeysWith: { first, _ in first })
        let verdicts: String = classification.verdicts.map { (verdict: StoredVerdict) -> String in
            var label = ""
            if let decided = curated[verdict.database] {
                let note = decided.note.map { " — " + escape($0) } ?? ""
                label = "<p><b>\(escape(labels.curated))</b>: \(escape(decided.verdict.rawValue)) (\(escape(decided.curator)))\(note)</p>"
            }
            return """
                <section class="case"><h3>\(escape(verdict.database)): \(escape(verdict.verdict.rawValue)) <span class="score">\(String(format: "%.2f", verdict.confidence))</span></h3>
                \(label)\(CurationViews.evidenceList(verdict.evidence))</section>
                """
        }.joined(separator: "\n")
        let labelsOnly: String = classification.labels.filter { label in !classification.verdicts.contains { $0.database == label.database } }.map {
            "<section class=\"case\"><h3>\(escape($0.database)): \(escape($0.verdict.rawValue))</h3><p>\(escape(labels.curated)) (\(escape($0.curator)))</p></section>"
        }.joined()
        let curate = "<p><a href=\"\(escape(CurationViews.publicationPath(name)))\">\(escape(labels.curate))</a></p>"
        return verdicts + labelsOnly + curate
    }
}
