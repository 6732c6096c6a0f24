import Foundation
import Search
import Testing

@testable import Indicators

@Suite struct CollaborationNetworkTests {
    /// Alpha, Beta and Charlie write together, Delta and Echo apart, Foxtrot alone.
    static let documents = [
        Sample.coauthored(1, ["Alpha", "Beta"], year: 2018, citations: 4),
        Sample.coauthored(2, ["Alpha", "Beta"], year: 2019, citations: 2),
        Sample.coauthored(3, ["Alpha", "Beta", "Charlie"], year: 2020),
        Sample.coauthored(4, ["Charlie"], year: 2021),
        Sample.coauthored(5, ["Delta", "Echo"]),
        Sample.coauthored(6, ["Delta", "Echo"]),
        Sample.coauthored(7, ["Foxtrot"]),
    ]

    @Test func nodesAndLinksWithFullCounting() {
        let network = CollaborationNetwork(documents: Self.documents)
        #expect(network.nodes.map(\.label) == ["X Alpha", "X Beta", "X Charlie", "X Delta", "X Echo", "X Foxtrot"])
        #expect(network.nodes.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(network.nodes.map(\.documents) == [3, 3, 2, 2, 2, 1])
        #expect(
            network.links == [
                .init(source: 1, target: 2, strength: 3), .init(source: 4, target: 5, strength: 2),
                .init(source: 1, target: 3, strength: 1), .init(source: 2, target: 3, strength: 1),
            ])
        #expect(network.nodes.map(\.links) == [2, 2, 2, 1, 1, 0])
        #expect(network.nodes.map(\.totalLinkStrength) == [4, 4, 2, 2, 2, 0])
        #expect(network.nodes[0].citations == 6)
        #expect(network.nodes[0].averageCitations == 3)
        #expect(network.nodes[0].averageYear == 2019)
        #expect(network.nodes[3].averageCitations == nil)
    }

    @Test func clusters() {
        let network = CollaborationNetwork(documents: Self.documents)
        #expect(network.nodes.map(\.cluster) == [1, 1, 1, 2, 2, 3])
        #expect(network.clusters == 3)
    }

    @Test func fractionalCounting() {
        let network = CollaborationNetwork(documents: Self.documents, options: .init(counting: .fractional, minimumLinkStrength: 0.5))
        #expect(network.links.map(\.strength) == [2.5, 2, 0.5, 0.5])
        #expect(network.nodes[2].totalLinkStrength == 1)
    }

    @Test func limitsOnNodesLinksAndAuthorsPerDocument() {
        let strong = CollaborationNetwork(documents: Self.documents, options: .init(minimumLinkStrength: 2))
        #expect(strong.links.map { [$0.source, $0.target] } == [[1, 2], [4, 5]])
        let top = CollaborationNetwork(documents: Self.documents, options: .init(maximumNodes: 2))
        #expect(top.nodes.map(\.label) == ["X Alpha", "X Beta"])
        #expect(top.links == [.init(source: 1, target: 2, strength: 3)])
        let small = CollaborationNetwork(documents: Self.documents, options: .init(maximumActorsPerDocument: 2))
        #expect(small.links.map(\.strength) == [2, 2])
    }

    @Test func structuresAndCountries() {
        let network = CollaborationNetwork(documents: Sample.documents, options: .init(level: .countries))
        #expect(network.nodes.map(\.label) == ["France", "Germany", "United Kingdom"])
        #expect(network.links == [.init(source: 1, target: 2, strength: 1), .init(source: 1, target: 3, strength: 1)])
        let structures = CollaborationNetwork(documents: Sample.documents, options: .init(level: .structures))
        #expect(structures.nodes.first?.label == "Inserm")
        #expect(structures.links.count == 2)
    }

    @Test func layoutIsDeterministicBoundedAndKeepsLinkedNodesClose() {
        let first = CollaborationNetwork(documents: Self.documents)
        let second = CollaborationNetwork(documents: Self.documents.reversed())
        #expect(first == second)
        let coordinates = first.nodes.flatMap { [$0.x, $0.y] }
        #expect(coordinates.allSatisfy { $0.isFinite && abs($0) <= 1 + 1e-9 })
        #expect(abs((coordinates.map(abs).max() ?? 0) - 1) < 1e-9)
        func distance(_ a: Int, _ b: Int) -> Double {
            let (p, q) = (first.nodes[a], first.nodes[b])
            return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        }
        #expect(distance(0, 1) < distance(0, 3))
        #expect(distance(3, 4) < distance(3, 0))
        let reseeded = CollaborationNetwork(documents: Self.documents, options: .init(layout: .init(seed: 7)))
        #expect(reseeded.nodes.map(\.x) != first.nodes.map(\.x))
    }

    @Test func emptyAndSingleNodeNetworks() {
        let empty = CollaborationNetwork(documents: [])
        #expect(empty.nodes.isEmpty && empty.links.isEmpty && empty.clusters == 0)
        let single = CollaborationNetwork(documents: [Sample.coauthored(1, ["Alone"])])
        #expect(single.nodes.map(\.x) == [0])
        #expect(single.nodes.map(\.cluster) == [1])
        let coincident = NetworkLayout.positions(nodeCount: 3, edges: [], clusters: [0, 0, 0], options: .init(iterations: 5))
        #expect(coincident.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    }

    @Test func louvainSplitsTwoTrianglesJoinedByOneLink() {
        let edges: [(source: Int, target: Int, weight: Double)] = [
            (0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, 1),
        ]
        #expect(NetworkClustering.clusters(nodeCount: 6, edges: edges) == [0, 0, 0, 1, 1, 1])
        #expect(NetworkClustering.clusters(nodeCount: 0, edges: []) == [])
        #expect(NetworkClustering.clusters(nodeCount: 3, edges: []) == [0, 1, 2])
    }

    @Test func aLargerNetworkStaysFiniteAndSeparatesItsGroups() {
        // Ten groups of eight researchers, each group writing together, one paper between neighbouring groups.
        var documents: [SearchDocument] = []
        for group in 0..<10 {
            let members = (0..<8).map { "G\(group)M\($0)" }
            for paper in 0..<6 { documents.append(Sample.coauthored(Int64(documents.count), Array(members.shuffledDeterministically(paper)))) }
            documents.append(Sample.coauthored(Int64(documents.count), [members[0], "G\((group + 1) % 10)M0"]))
        }
        let network = CollaborationNetwork(documents: documents)
        #expect(network.nodes.count == 80)
        #expect(network.nodes.allSatisfy { $0.x.isFinite && $0.y.isFinite })
        #expect(network.clusters == 10)
        let clusterOf = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.label, $0.cluster) })
        #expect(clusterOf["X G3M1"] == clusterOf["X G3M7"])
        #expect(clusterOf["X G3M1"] != clusterOf["X G4M1"])
    }
}

extension Array {
    /// A rotation of the array, enough to vary the authors' order between papers without randomness.
    fileprivate func shuffledDeterministically(_ offset: Int) -> [Element] {
        guard !isEmpty else { return self }
        let start = offset % count
        return Array(self[start...]) + Array(self[..<start])
    }
}
