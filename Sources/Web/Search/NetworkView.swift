import Indicators
import Search

/// The collaboration network of a result set, between researchers, structures or countries.
enum NetworkView {
    static func page(_ network: CollaborationNetwork, request: SearchRequest, language: Language) -> String {
        let labels = language.labels
        let french = language == .fr
        let names: [CollaborationNetwork.Level: String] =
            french
            ? [.researchers: "chercheurs", .structures: "structures", .countries: "pays"]
            : [.researchers: "researchers", .structures: "structures", .countries: "countries"]
        let kinds = CollaborationNetwork.Level.allCases.map { level in
            let href = request.href("/network", language: language, extra: [("kind", level.rawValue)])
            return level == network.level
                ? "<b aria-current=\"true\">\(escape(names[level] ?? level.rawValue))</b>"
                : "<a href=\"\(escape(href))\">\(escape(names[level] ?? level.rawValue))</a>"
        }.joined(separator: " · ")
        let title = "\(labels.network) (\(names[network.level] ?? network.level.rawValue))"
        let words =
            french
            ? NetworkSVG.Words(documents: "documents", cluster: "groupe", coauthored: "documents co-signés")
            : NetworkSVG.Words()
        let description =
            french
            ? "\(network.nodes.count) nœuds, \(network.links.count) liens, \(network.clusters) groupes"
            : "\(network.nodes.count) nodes, \(network.links.count) links, \(network.clusters) clusters"
        let svg = NetworkSVG.render(network, text: ChartText(id: "network", title: title, description: description), words: words)
        let rows = network.nodes.sorted { ($0.documents, $1.label) > ($1.documents, $0.label) }.prefix(50).map { node in
            let name =
                network.level == .researchers
                ? link(PublicationsLinks.researcher(node.key, language: language), node.label)
                : network.level == .structures ? link(PublicationsLinks.structure(node.label, language: language), node.label) : escape(node.label)
            return [name, "\(node.documents)", "\(node.links)", "\(Int(node.totalLinkStrength.rounded()))", "\(node.cluster)"]
        }
        let vosviewer = request.href("/api/export", extra: [("format", "vosviewer"), ("kind", network.level.rawValue)])
        return PublicationsLayout.page(
            title: title, language: language, current: .network, request: request, keeping: [("kind", network.level.rawValue)],
            body: """
                <h1>\(escape(title))</h1>
                <p>\(kinds) · <a href="\(escape(vosviewer))" download>VOSviewer JSON</a></p>
                <p class="muted">\(escape(description)) · \(escape(french ? "disposition calculée par Hublot" : "layout computed by Hublot"))</p>
                <div class="network">\(svg)</div>
                \(htmlTable(headers: french ? ["Nœud", "Documents", "Liens", "Force totale", "Groupe"] : ["Node", "Documents", "Links", "Total link strength", "Cluster"], rows: Array(rows), raw: true))
                """)
    }
}
