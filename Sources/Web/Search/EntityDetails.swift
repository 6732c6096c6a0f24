import Foundation
import Indicators
import Search

/// What the structure and researcher pages add above their dashboard: what enrichment identified.
enum EntityDetails {
    static func structure(_ profile: StructureProfile, language: Language) -> String {
        let french = language == .fr
        var lines: [String] = []
        if !profile.organisations.isEmpty {
            let rows = profile.organisations.map { organisation in
                let place = [organisation.city, organisation.country].compactMap { $0 }.joined(separator: ", ")
                let coordinates =
                    organisation.latitude.flatMap { latitude in
                        organisation.longitude.map { String(format: "%.3f, %.3f", latitude, $0) }
                    } ?? "—"
                return [identifier(organisation.id), escape(place), escape(coordinates)]
            }
            lines.append(
                htmlTable(
                    headers: french ? ["Identifiant au registre", "Lieu", "Latitude, longitude"] : ["Registry id", "Place", "Latitude, longitude"],
                    rows: rows, raw: true, classes: "organisations"))
        } else {
            lines.append(
                "<p class=\"muted\">\(escape(french ? "Aucune organisation du registre reconnue sous ce nom." : "No registry organisation matched under this name."))</p>"
            )
        }
        lines.append(
            list(
                french ? "Chercheurs de la structure" : "Researchers of the structure",
                profile.researchers.map { (PublicationsLinks.researcher($0.key, language: language), $0.name, $0.publications) }, id: "researchers"))
        lines.append(
            list(
                french ? "Structures partenaires" : "Partner structures",
                profile.partners.map { (PublicationsLinks.structure($0.value, language: language), $0.value, $0.publications) }, id: "partners"))
        return lines.joined(separator: "\n")
    }

    static func researcher(_ profile: ResearcherProfile, language: Language) -> String {
        let french = language == .fr
        var lines: [String] = []
        if let orcid = profile.orcid {
            lines.append("<p><a href=\"https://orcid.org/\(escape(orcid))\" rel=\"external\">ORCID \(escape(orcid))</a></p>")
        }
        if let researcher = profile.researcher, researcher != profile.orcid.map({ "orcid:\($0)" }) {
            lines.append("<p class=\"muted\">\(escape(french ? "Identifiant Hublot" : "Hublot id")): <code>\(escape(researcher))</code></p>")
        }
        if !profile.affiliations.isEmpty {
            let rows = profile.affiliations.map { affiliation in
                [
                    link(PublicationsLinks.structure(affiliation.structure, language: language), affiliation.structure),
                    escape(years(affiliation.firstYear, affiliation.lastYear)), "\(affiliation.publications)",
                ]
            }
            lines.append("<h2>\(escape(french ? "Structures au fil du temps" : "Structures over time"))</h2>")
            lines.append(
                htmlTable(
                    headers: french ? ["Structure", "Années", "Publications"] : ["Structure", "Years", "Publications"], rows: rows, raw: true,
                    classes: "affiliations"))
        }
        lines.append(
            list(
                language.labels.coAuthors,
                profile.coAuthors.map { (PublicationsLinks.researcher($0.key, language: language), $0.name, $0.publications) }, id: "co-authors"))
        return lines.joined(separator: "\n")
    }

    /// A registry id, linked when it is an address (ROR's are): the page links, it never fetches.
    static func identifier(_ id: String) -> String {
        id.hasPrefix("https://") ? "<a href=\"\(escape(id))\" rel=\"external\">\(escape(id))</a>" : "<code>\(escape(id))</code>"
    }

    static func years(_ first: Int?, _ last: Int?) -> String {
        guard let first, let last else { return "—" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    private static func list(_ title: String, _ rows: [(href: String, label: String, count: Int)], id: String) -> String {
        guard !rows.isEmpty else { return "" }
        return "<section id=\"\(id)\"><h2>\(escape(title))</h2><ol>"
            + rows.map { "<li>\(link($0.href, $0.label)) (\($0.count))</li>" }.joined() + "</ol></section>"
    }
}
