import Foundation
import Testing

@testable import Indicators

@Suite struct VOSviewerTests {
    let network = CollaborationNetwork(documents: CollaborationNetworkTests.documents)

    @Test func readsBackAsTheNetwork() throws {
        let text = VOSviewerJSON.text(of: network)
        let file = try JSONDecoder().decode(VOSviewerJSON.File.self, from: Data(text.utf8))
        #expect(file.network.items.map(\.id) == network.nodes.map(\.id))
        #expect(file.network.items.map(\.label) == network.nodes.map(\.label))
        #expect(file.network.items.map(\.cluster) == network.nodes.map(\.cluster))
        #expect(file.network.items[0].weights == ["Documents": 3, "Links": 2, "Total link strength": 4, "Citations": 6])
        #expect(file.network.items[0].scores == ["Avg. pub. year": 2019, "Avg. citations": 3])
        #expect(file.network.items[3].weights["Citations"] == nil)
        #expect(file.network.links.map { [$0.sourceID, $0.targetID] } == network.links.map { [$0.source, $0.target] })
        #expect(file.network.links.map(\.strength) == [3, 2, 1, 1])
        #expect(file.config.terminology["item"] == "Researcher")
        #expect(text.contains("\"source_id\" : 1"))
        #expect(text == VOSviewerJSON.text(of: network))
    }

    /// The keys of our file are keys VOSviewer's own files use, at the same places.
    @Test(.enabled(if: !SharedData.files(in: "vosviewer", extension: "json").isEmpty))
    func matchesTheShapeOfRealFiles() throws {
        let ours = try shape(Data(VOSviewerJSON.text(of: network).utf8))
        var real = Shape()
        for url in SharedData.files(in: "vosviewer", extension: "json") {
            var data = try Data(contentsOf: url)
            // One of the real files starts with a byte-order mark, which JSONSerialization refuses.
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            real.formUnion(try shape(data))
        }
        #expect(ours.top.isSubset(of: real.top))
        #expect(ours.network.isSubset(of: real.network))
        #expect(ours.item.isSubset(of: real.item), "\(ours.item.subtracting(real.item))")
        #expect(ours.link == real.link)
        #expect(ours.weights.isSubset(of: real.weights), "\(ours.weights.subtracting(real.weights))")
        #expect(ours.scores.isSubset(of: real.scores), "\(ours.scores.subtracting(real.scores))")
        #expect(ours.terminology.isSubset(of: real.terminology), "\(ours.terminology.subtracting(real.terminology))")
        #expect(ours.item.isSuperset(of: ["id", "label", "x", "y", "cluster", "weights", "scores"]))
    }

    struct Shape {
        var top: Set<String> = []
        var network: Set<String> = []
        var item: Set<String> = []
        var link: Set<String> = []
        var weights: Set<String> = []
        var scores: Set<String> = []
        var terminology: Set<String> = []

        mutating func formUnion(_ other: Shape) {
            top.formUnion(other.top)
            network.formUnion(other.network)
            item.formUnion(other.item)
            link.formUnion(other.link)
            weights.formUnion(other.weights)
            scores.formUnion(other.scores)
            terminology.formUnion(other.terminology)
        }
    }

    func shape(_ data: Data) throws -> Shape {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let network = try #require(root["network"] as? [String: Any])
        let items = try #require(network["items"] as? [[String: Any]])
        let links = try #require(network["links"] as? [[String: Any]])
        var shape = Shape(top: Set(root.keys), network: Set(network.keys))
        for item in items {
            shape.item.formUnion(item.keys)
            shape.weights.formUnion(((item["weights"] as? [String: Any]) ?? [:]).keys)
            shape.scores.formUnion(((item["scores"] as? [String: Any]) ?? [:]).keys)
        }
        for link in links { shape.link.formUnion(link.keys) }
        let terminology = ((root["config"] as? [String: Any])?["terminology"] as? [String: Any]) ?? [:]
        shape.terminology = Set(terminology.keys)
        return shape
    }
}
