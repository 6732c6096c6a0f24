import Foundation
import Indicators

/// The collaboration network drawn as SVG at the positions `NetworkLayout` computed: nodes sized by
/// documents and coloured by cluster, links more opaque and thicker as they are stronger, the names of the
/// biggest nodes written. Clusters past the palette's eight colours are grey rather than a reused colour,
/// which would suggest two clusters are one.
enum NetworkSVG {
    /// The words of the tooltips, in the page's language.
    struct Words: Hashable, Sendable {
        var documents: String = "documents"
        var cluster: String = "cluster"
        var coauthored: String = "co-authored documents"
    }

    static let otherColour = "#9aa5b1"

    static func render(_ network: CollaborationNetwork, text: ChartText, words: Words = Words(), labelled: Int = 25) -> String {
        let (width, height, margin) = (800.0, 600.0, 48.0)
        guard !network.nodes.isEmpty else {
            return Charts.frame(width: width, height: 200, text: text, points: [], body: Charts.emptyNote(text, width, 200))
        }
        let position = { (node: CollaborationNetwork.Node) -> (Double, Double) in
            (margin + (node.x + 1) / 2 * (width - 2 * margin), 24 + margin + (node.y + 1) / 2 * (height - 24 - 2 * margin))
        }
        let maximumDocuments = Double(network.nodes.map(\.documents).max() ?? 1)
        let maximumStrength = network.links.map(\.strength).max() ?? 1
        let radius = { (node: CollaborationNetwork.Node) in 3 + 13 * (Double(node.documents) / max(maximumDocuments, 1)).squareRoot() }
        let colour = { (node: CollaborationNetwork.Node) in
            node.cluster >= 1 && node.cluster <= Charts.palette.count ? Charts.palette[node.cluster - 1] : otherColour
        }

        var body = "<g>"
        // Weakest first, so that strong links are drawn over weak ones.
        for link in network.links.reversed() {
            let (source, target) = (network.nodes[link.source - 1], network.nodes[link.target - 1])
            let ((x1, y1), (x2, y2)) = (position(source), position(target))
            let relative = maximumStrength > 0 ? link.strength / maximumStrength : 0
            body += """
                <line x1="\(Charts.f(x1))" y1="\(Charts.f(y1))" x2="\(Charts.f(x2))" y2="\(Charts.f(y2))" stroke="#52606d" \
                stroke-opacity="\(Charts.f(0.15 + 0.6 * relative))" stroke-width="\(Charts.f(0.6 + 2.4 * relative))">\
                <title>\(Charts.svgEscape("\(source.label) — \(target.label): \(Charts.number(link.strength)) \(words.coauthored)"))</title></line>
                """
        }
        body += "</g><g>"
        // Smallest first, so that big nodes stay on top and their labels readable.
        let order = network.nodes.indices.sorted {
            network.nodes[$0].documents != network.nodes[$1].documents ? network.nodes[$0].documents < network.nodes[$1].documents : $0 > $1
        }
        for index in order {
            let node = network.nodes[index]
            let (x, y) = position(node)
            let tooltip = "\(node.label): \(node.documents) \(words.documents), \(words.cluster) \(node.cluster)"
            body += """
                <g><title>\(Charts.svgEscape(tooltip))</title><circle cx="\(Charts.f(x))" cy="\(Charts.f(y))" r="\(Charts.f(radius(node)))" \
                fill="\(colour(node))" fill-opacity="0.85" stroke="#fff"/></g>
                """
        }
        body += "</g><g font-size=\"11\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
        // Nodes are ranked by documents: the first ones are the biggest.
        for node in network.nodes.prefix(max(0, labelled)) {
            let (x, y) = position(node)
            body += "<text x=\"\(Charts.f(x))\" y=\"\(Charts.f(y - radius(node) - 3))\">\(Charts.svgEscape(Charts.truncated(node.label, 24)))</text>"
        }
        body += "</g>"
        let points = network.nodes.prefix(max(0, labelled)).map { ChartPoint($0.label, Double($0.documents)) }
        return Charts.frame(width: width, height: height, text: text, points: Array(points), body: body)
    }
}
