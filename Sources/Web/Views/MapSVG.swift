import Foundation
import Indicators

/// A map of structures drawn by Hublot from their coordinates: the coarse land outlines of `MapView`, a
/// graticule on the world view, and a point per organisation, its area growing with its publications and its
/// colour its cluster in the structures' collaboration network (grey past the palette, as `NetworkSVG`).
/// Each point links to its structure's page and says its name, place and count in its `<title>`.
enum MapSVG {
    /// The words of the tooltips, in the page's language.
    struct Words: Hashable, Sendable {
        var publications: String = "publications"
    }

    static let landColour = "#e4e9ee"
    static let coastColour = "#9aa5b1"
    static let seaColour = "#f7f9fb"
    static let graticuleColour = "#dde3ea"
    /// Room above the map for the title `Charts.frame` writes.
    static let top = 32.0

    /// `highlighted` ids are ringed in black: the structure a page is about among its partners.
    static func render(
        _ map: StructureMap, text: ChartText, words: Words = Words(), href: (StructureMap.Point) -> String, highlighted: Set<String> = [],
        labelled: Int = 8
    ) -> String {
        let view = map.view
        let (width, height) = (view.width, view.height)
        func path(_ places: [GeoPoint], closed: Bool) -> String {
            let positions = places.compactMap(view.project)
            guard let first = positions.first else { return "" }
            return "M\(Charts.f(first.x)),\(Charts.f(first.y))" + positions.dropFirst().map { "L\(Charts.f($0.x)),\(Charts.f($0.y))" }.joined()
                + (closed ? "Z" : "")
        }
        var body = "<g transform=\"translate(0,\(Charts.f(top)))\">"
        body += "<rect width=\"\(Charts.f(width))\" height=\"\(Charts.f(height))\" fill=\"\(seaColour)\"/>"
        let graticule = view.graticule.map { path($0, closed: false) }.joined()
        if !graticule.isEmpty { body += "<path d=\"\(graticule)\" fill=\"none\" stroke=\"\(graticuleColour)\" stroke-width=\"0.8\"/>" }
        let land = view.outlines.map { path($0, closed: true) }.joined()
        body += "<path d=\"\(land)\" fill=\"\(landColour)\" stroke=\"\(coastColour)\" stroke-width=\"1\" stroke-linejoin=\"round\"/>"
        // Biggest first, so that small points stay visible on top of them.
        for point in map.points {
            let colour =
                point.cluster.flatMap { $0 >= 1 && $0 <= Charts.palette.count ? Charts.palette[$0 - 1] : nil } ?? NetworkSVG.otherColour
            let ring = highlighted.contains(point.id) ? " stroke=\"#000\" stroke-width=\"2.5\"" : " stroke=\"#fff\" stroke-width=\"1\""
            let place = [point.city, point.country].compactMap { $0 }.joined(separator: ", ")
            let tooltip = "\(point.name)\(place.isEmpty ? "" : " (\(place))"): \(point.publications) \(words.publications)"
            body += """
                <a href="\(escape(href(point)))"><g><title>\(Charts.svgEscape(tooltip))</title>\
                <circle cx="\(Charts.f(point.position.x))" cy="\(Charts.f(point.position.y))" r="\(Charts.f(map.radius(of: point)))" \
                fill="\(colour)" fill-opacity="0.8"\(ring)/></g></a>
                """
        }
        body += "<g font-size=\"11\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
        for point in map.points.prefix(max(0, labelled)) {
            let y = point.position.y - map.radius(of: point) - 3
            body += "<text x=\"\(Charts.f(point.position.x))\" y=\"\(Charts.f(y))\">\(Charts.svgEscape(Charts.truncated(point.name, 24)))</text>"
        }
        body += "</g></g>"
        if map.points.isEmpty {
            body +=
                "<text x=\"\(Charts.f(width / 2))\" y=\"\(Charts.f(top + height / 2))\" text-anchor=\"middle\" font-size=\"13\" "
                + "fill=\"\(Charts.axisColour)\">\(Charts.svgEscape(text.empty))</text>"
        }
        let listed = map.points.prefix(20).map { ChartPoint($0.name, Double($0.publications)) }
        return Charts.frame(width: width, height: height + top, text: text, points: Array(listed), body: body)
    }
}
