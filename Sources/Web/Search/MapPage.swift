import Indicators
import Search

/// The map of the structures of a result set, in France or in the world, with the list of its points.
enum MapPage {
    static func viewName(_ view: MapView, language: Language) -> String {
        switch view {
        case .france: "France"
        case .world: language == .fr ? "Monde" : "World"
        }
    }

    static func title(_ view: MapView, language: Language) -> String {
        (language == .fr ? "Carte des structures" : "Map of structures") + " (\(viewName(view, language: language)))"
    }

    /// What the map shows and leaves out, in words: read before the points by screen readers, and under the map.
    static func summary(_ map: StructureMap, language: Language) -> String {
        language == .fr
            ? "\(map.points.count) structures placées, \(map.outside) hors de cette vue, \(map.unplaced) sans coordonnées."
            : "\(map.points.count) structures placed, \(map.outside) outside this view, \(map.unplaced) without coordinates."
    }

    static func svg(_ map: StructureMap, language: Language, id: String, highlighted: Set<String> = []) -> String {
        let title = title(map.view, language: language)
        return MapSVG.render(
            map, text: ChartText(id: id, title: title, description: summary(map, language: language), empty: "—"),
            words: MapSVG.Words(publications: "publications"),
            href: { PublicationsLinks.structure($0.name, language: language) }, highlighted: highlighted)
    }

    static func page(_ map: StructureMap, request: SearchRequest, language: Language) -> String {
        let french = language == .fr
        let title = title(map.view, language: language)
        let views = MapView.allCases.map { view in
            let name = viewName(view, language: language)
            return view == map.view
                ? "<b aria-current=\"true\">\(escape(name))</b>"
                : "<a href=\"\(escape(request.href("/map", language: language, extra: [("view", view.rawValue)])))\">\(escape(name))</a>"
        }.joined(separator: " · ")
        let rows = map.points.prefix(50).map { point in
            [
                link(PublicationsLinks.structure(point.name, language: language), point.name), escape(point.city ?? ""),
                escape(point.country ?? ""), "\(point.publications)",
            ]
        }
        let headers = french ? ["Structure", "Ville", "Pays", "Publications"] : ["Structure", "City", "Country", "Publications"]
        return PublicationsLayout.page(
            title: title, language: language, current: .map, request: request, keeping: [("view", map.view.rawValue)],
            body: """
                <h1>\(escape(title))</h1>
                <p>\(views) · <a href="\(escape(request.href("/dashboard", language: language)))">\(escape(language.labels.dashboard))</a></p>
                <p class="muted">\(escape(summary(map, language: language))) \(escape(french ? "Taille : publications ; couleur : groupe du réseau de collaboration." : "Size: publications; colour: cluster of the collaboration network."))</p>
                <div class="map">\(svg(map, language: language, id: "map"))</div>
                \(htmlTable(headers: headers, rows: Array(rows), raw: true))
                """)
    }
}
