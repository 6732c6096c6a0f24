import Classification
import Foundation
import Publications

/// The curation pages, as pure functions of what the repository returned.
enum CurationViews {
    static func queue(_ items: [QueueItem], database: String?, curator: String, labelled: String?) -> String {
        let done = labelled.map { "<p class=\"done\">Labelled \(escape($0)). Next case below.</p>" } ?? ""
        let cases =
            items.isEmpty
            ? "<div class=\"empty\"><p>Nothing to curate: run <code>hublot classify run</code>, or every verdict is decided.</p></div>"
            : items.map { caseCard($0, queue: database, curator: curator) }.joined(separator: "\n")
        return Layout.page(
            title: "Curation",
            body: """
                <h1>Curation</h1>
                <p>The verdicts the classifier is least sure of, that no curator has decided yet. Read the evidence and say
                whether the publication <b>uses</b> the database as a data source, only <b>mentions</b> it, or <b>no</b> (not this database).</p>
                <form method="get" action="/curation"><label>Database <input name="database" value="\(escape(database ?? ""))" placeholder="all"></label>
                <input type="hidden" name="curator" value="\(escape(curator))"> <button type="submit">Filter</button></form>
                \(done)
                \(cases)
                """)
    }

    static func caseCard(_ item: QueueItem, queue: String?, curator: String) -> String {
        let publication = item.publication
        let title = publication.title ?? "(no title)"
        let identifiers = [publication.pmid.map { "PMID \($0)" }, publication.doi.map { "DOI \($0)" }, publication.year.map { String($0) }]
            .compactMap { $0 }.joined(separator: " · ")
        let options = Verdict.allCases.map { verdict in
            "<label><input type=\"radio\" name=\"verdict\" value=\"\(verdict.rawValue)\"\(verdict == item.verdict ? " checked" : "")> \(verdict.rawValue)</label>"
        }.joined(separator: " ")
        return """
            <section class="case">
            <h2>\(link(publicationPath(publication.name), title))</h2>
            <p class="muted">\(escape(publication.name))\(identifiers.isEmpty ? "" : " · " + escape(identifiers))</p>
            <p><b>\(escape(item.database))</b>: the classifier says <b>\(escape(item.verdict.rawValue))</b>, confidence \(String(format: "%.2f", item.confidence))</p>
            \(evidenceList(item.evidence))
            <form method="post" action="/curation/labels">
            <input type="hidden" name="publication" value="\(escape(publication.name))">
            <input type="hidden" name="database" value="\(escape(item.database))">
            <input type="hidden" name="queue" value="\(escape(queue ?? ""))">
            \(options)
            <label>Curator <input name="curator" value="\(escape(curator))" required></label>
            <label>Note <input name="note" size="40"></label>
            <button type="submit">Save</button>
            </form>
            </section>
            """
    }

    static func evidenceList(_ evidence: [Evidence]) -> String {
        guard !evidence.isEmpty else { return "<p class=\"muted\">No evidence kept.</p>" }
        let items = evidence.map { item in
            let place = [item.field.rawValue, item.section].compactMap { $0 }.joined(separator: " / ")
            let note = item.note.map { " — \(escape($0))" } ?? ""
            return "<li><span class=\"muted\">\(escape(place)), weight \(String(format: "%.2f", item.weight))\(note)</span><br>"
                + highlighted(item.sentence, item.phrase) + "</li>"
        }
        return "<ul class=\"evidence\">\(items.joined())</ul>"
    }

    /// The sentence, escaped, with the phrase that named the database in `<mark>`.
    static func highlighted(_ sentence: String, _ phrase: String) -> String {
        guard !phrase.isEmpty, let range = sentence.range(of: phrase) else { return escape(sentence) }
        return escape(String(sentence[..<range.lowerBound])) + "<mark>" + escape(phrase) + "</mark>" + escape(String(sentence[range.upperBound...]))
    }

    static func publication(_ classification: PublicationClassification) -> String {
        let publication = classification.publication
        let labels = Dictionary(classification.labels.map { ($0.database, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = classification.verdicts.map { verdict in
            [
                escape(verdict.database), escape(verdict.verdict.rawValue), String(format: "%.2f", verdict.confidence),
                labels[verdict.database].map { escape("\($0.verdict.rawValue) by \($0.curator)" + ($0.note.map { ": \($0)" } ?? "")) } ?? "",
                evidenceList(verdict.evidence),
            ]
        }
        let curatedOnly = classification.labels.filter { label in !classification.verdicts.contains { $0.database == label.database } }
        let curatedRows = curatedOnly.map { label in
            [escape(label.database), "no", "", escape("\(label.verdict.rawValue) by \(label.curator)" + (label.note.map { ": \($0)" } ?? "")), ""]
        }
        let body =
            rows.isEmpty && curatedRows.isEmpty
            ? "<p>No database used or mentioned (or <code>hublot classify run</code> has not been run).</p>"
            : htmlTable(headers: ["Database", "Classifier", "Confidence", "Curated", "Evidence"], rows: rows + curatedRows, raw: true)
        return Layout.page(
            title: publication.title ?? publication.name,
            body: """
                <p class="muted">\(link("/curation", "Curation")) › publication</p>
                <h1>\(escape(publication.title ?? "(no title)"))</h1>
                <p class="muted">\(escape(publication.name)) · Hublot #\(publication.id)\(publication.year.map { " · \($0)" } ?? "")</p>
                \(body)
                """)
    }

    static func notFound(_ message: String, title: String = "Not found") -> String {
        Layout.page(title: title, body: "<h1>\(escape(title))</h1><p>\(escape(message))</p><p>\(link("/curation", "Back to the curation queue"))</p>")
    }

    static func publicationPath(_ name: String) -> String {
        "/curation/publications/"
            + name.split(separator: "/", omittingEmptySubsequences: false).map { encodeComponent(String($0)) }
            .joined(separator: "/")
    }
}
