import Catalog
import Foundation

/// Draws a table's join graph as SVG: the table in the middle, the tables it joins around it, one arrow per
/// join (pointing at the referenced table) labelled with the key columns. Busy tables (the beneficiary
/// referential has dozens of joins) get two rings so labels stay readable. Unresolved targets are dashed.
enum JoinGraphSVG {
    struct Neighbor {
        var table: String
        var outgoing: [Join] = []
        var incoming: [Join] = []
        var resolved: Bool { (outgoing + incoming).allSatisfy(\.resolved) }
    }

    static func neighbors(of joins: [Join]) -> [Neighbor] {
        var byTable: [String: Neighbor] = [:]
        for join in joins {
            var neighbor = byTable[join.table] ?? Neighbor(table: join.table)
            if join.direction == .outgoing { neighbor.outgoing.append(join) } else { neighbor.incoming.append(join) }
            byTable[join.table] = neighbor
        }
        return byTable.values.sorted { $0.table < $1.table }
    }

    static func render(table: String, joins: [Join], links: CatalogLinks) -> String {
        let neighbors = neighbors(of: joins)
        let count = neighbors.count
        // Room on the ring for each box and its key line; past 20 neighbours (PMSI stay tables have 45),
        // alternate two rings so that neighbouring labels do not collide.
        let twoRings = count > 20
        let slots = Double(twoRings ? (count + 1) / 2 : count)
        let outer = max(180.0, slots * 150 / (2 * Double.pi))
        let inner = twoRings ? outer * 0.66 : outer
        let width = Int(2 * outer + 320)
        let height = Int(2 * outer + 140)
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)

        var edges = ""
        var nodes = ""
        for (index, neighbor) in neighbors.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(max(count, 1)) - Double.pi / 2
            let radius = twoRings && index % 2 == 1 ? inner : outer
            let (x, y) = (cx + radius * cos(angle), cy + radius * sin(angle))
            let keys = (neighbor.outgoing + neighbor.incoming).map { join in
                zip(join.fields, join.otherFields).map { $0 == $1 ? $0 : "\($0)=\($1)" }.joined(separator: " + ")
            }
            let label = keys.first.map { $0.count > 30 ? String($0.prefix(27)) + "..." : $0 } ?? ""
            let dash = neighbor.resolved ? "" : " stroke-dasharray=\"5 4\""
            // Arrows end at the boxes' borders, not under them.
            let (x1, y1) = border(of: (cx, cy), halfWidth: halfWidth(table), towards: (x, y))
            let (x2, y2) = border(of: (x, y), halfWidth: halfWidth(neighbor.table), towards: (cx, cy))
            let markers =
                (neighbor.outgoing.isEmpty ? "" : " marker-end=\"url(#to)\"") + (neighbor.incoming.isEmpty ? "" : " marker-start=\"url(#from)\"")
            let direction =
                neighbor.outgoing.isEmpty
                ? "← \(neighbor.table) references \(table)" : (neighbor.incoming.isEmpty ? "→ \(table) references \(neighbor.table)" : "↔ both ways")
            edges += """
                <g class="edge"><title>\(escape(direction)): \(escape(keys.joined(separator: "; ")))</title>\
                <line x1="\(format(x1))" y1="\(format(y1))" x2="\(format(x2))" y2="\(format(y2))" stroke="#7a8da3" stroke-width="1.4"\(dash)\(markers)/>\
                <text x="\(format(x))" y="\(format(y < cy - 1 ? y - halfHeight - 5 : y + halfHeight + 12))" class="key">\(escape(label))</text></g>

                """
            nodes += node(neighbor.table, x: x, y: y, href: neighbor.resolved ? links.table(neighbor.table) : nil, center: false)
        }
        nodes += node(table, x: cx, y: cy, href: nil, center: true)
        let note = count == 0 ? "<text x=\"\(format(cx))\" y=\"\(format(cy + 50))\" class=\"key\">no declared join</text>" : ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-label="Join graph of \(escape(table))">
            <style>text{font-family:ui-monospace,Menlo,monospace;font-size:12px;text-anchor:middle}.key{fill:#4a5868;font-size:10.5px;paint-order:stroke;stroke:#fff;stroke-width:3px}.name{fill:#0b3d63}.center .name{fill:#fff;font-weight:700}</style>
            <defs>
            <marker id="to" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#7a8da3"/></marker>
            <marker id="from" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#7a8da3"/></marker>
            </defs>
            \(edges)\(nodes)\(note)
            </svg>
            """
    }

    private static let halfHeight = 13.0

    private static func halfWidth(_ name: String) -> Double {
        (Double(name.count) * 7.6 + 18) / 2
    }

    /// Where the segment from a box's centre towards `target` leaves the box.
    static func border(of center: (Double, Double), halfWidth: Double, towards target: (Double, Double)) -> (Double, Double) {
        let (dx, dy) = (target.0 - center.0, target.1 - center.1)
        guard dx != 0 || dy != 0 else { return center }
        let scale = min(dx == 0 ? .infinity : halfWidth / abs(dx), dy == 0 ? .infinity : halfHeight / abs(dy))
        return (center.0 + dx * scale, center.1 + dy * scale)
    }

    private static func node(_ name: String, x: Double, y: Double, href: String?, center: Bool) -> String {
        let width = halfWidth(name) * 2
        let shape = """
            <g class="\(center ? "center" : "table")"><rect x="\(format(x - width / 2))" y="\(format(y - halfHeight))" width="\(format(width))" height="\(format(2 * halfHeight))" rx="5" \
            fill="\(center ? "#0b3d63" : "#eef4fb")" stroke="#0b3d63"/><text x="\(format(x))" y="\(format(y + 4))" class="name">\(escape(name))</text></g>
            """
        return (href.map { "<a href=\"\(escape($0))\">\(shape)</a>" } ?? shape) + "\n"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
