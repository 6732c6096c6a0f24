import Foundation

/// A collaboration network in VOSviewer's JSON format, which VOSviewer and VOSviewer Online open as a map:
/// `config.terminology` names the items, `network.items` carry `id`, `label`, `x`, `y`, `cluster`,
/// `weights` and `scores` under VOSviewer's own names (`Documents`, `Links`, `Total link strength`,
/// `Avg. pub. year`), `network.links` carry `source_id`, `target_id`, `strength`.
public enum VOSviewerJSON {
    public struct File: Hashable, Sendable, Codable {
        public var config: Config
        public var network: Network
    }

    public struct Config: Hashable, Sendable, Codable {
        public var terminology: [String: String]
    }

    public struct Network: Hashable, Sendable, Codable {
        public var items: [Item]
        public var links: [Link]
    }

    public struct Item: Hashable, Sendable, Codable {
        public var id: Int
        public var label: String
        public var x: Double
        public var y: Double
        public var cluster: Int
        public var weights: [String: Double]
        public var scores: [String: Double]
    }

    public struct Link: Hashable, Sendable, Codable {
        public var sourceID: Int
        public var targetID: Int
        public var strength: Double

        enum CodingKeys: String, CodingKey {
            case sourceID = "source_id"
            case targetID = "target_id"
            case strength
        }
    }

    public static func file(of network: CollaborationNetwork) -> File {
        let items = network.nodes.map { node in
            var weights = [
                "Documents": Double(node.documents), "Links": Double(node.links), "Total link strength": rounded(node.totalLinkStrength),
                "Citations": Double(node.citations),
            ]
            if node.averageCitations == nil { weights["Citations"] = nil }
            var scores: [String: Double] = [:]
            if let year = node.averageYear { scores["Avg. pub. year"] = rounded(year) }
            if let citations = node.averageCitations { scores["Avg. citations"] = rounded(citations) }
            return Item(
                id: node.id, label: node.label, x: rounded(node.x), y: rounded(node.y), cluster: node.cluster, weights: weights, scores: scores)
        }
        let links = network.links.map { Link(sourceID: $0.source, targetID: $0.target, strength: rounded($0.strength)) }
        return File(config: Config(terminology: terminology(network.level)), network: Network(items: items, links: links))
    }

    /// The file's text: pretty-printed like VOSviewer's own, keys sorted so that the same network gives the same bytes.
    public static func text(of network: CollaborationNetwork) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every number is finite (rounded and checked), so encoding cannot fail.
        guard let data = try? encoder.encode(file(of: network)) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The words VOSviewer uses for items and links instead of its defaults ("item", "link").
    static func terminology(_ level: CollaborationNetwork.Level) -> [String: String] {
        let (item, items): (String, String) =
            switch level {
            case .researchers: ("Researcher", "Researchers")
            case .structures: ("Organization", "Organizations")
            case .countries: ("Country", "Countries")
            }
        return [
            "item": item, "items": items, "link": "Co-authorship link", "links": "Co-authorship links",
            "link_strength": "Co-authored documents", "total_link_strength": "Total co-authored documents",
            "cluster": "Cluster", "clusters": "Clusters",
        ]
    }

    /// Four decimals, as VOSviewer writes; a value that is not finite becomes 0 so the file stays valid JSON.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (value * 10_000).rounded() / 10_000
    }
}
