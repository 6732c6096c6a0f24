/// Communities of a weighted graph by the Louvain method: nodes move, one at a time in a fixed order, to the
/// neighbouring community that most raises modularity; communities then become the nodes of a smaller graph,
/// until nothing moves. The order is fixed and ties go to the lowest community, so the same graph always
/// gives the same clusters.
public enum NetworkClustering {
    /// The cluster of each node, from 0, the largest cluster first (ties: the one holding the lowest node).
    /// A node without links is a cluster of its own.
    public static func clusters(nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)]) -> [Int] {
        guard nodeCount > 0 else { return [] }
        var graph = Graph(nodeCount: nodeCount, edges: edges)
        var membership = Array(0..<nodeCount)
        for _ in 0..<maximumLevels {
            let (community, moved) = graph.localMoving()
            for node in membership.indices { membership[node] = community[membership[node]] }
            guard moved else { break }
            graph = graph.aggregated(by: community)
        }
        return ranked(membership)
    }

    static let maximumLevels = 20
    static let maximumPasses = 50

    /// Renumbers clusters by size, largest first, ties by their lowest node.
    static func ranked(_ membership: [Int]) -> [Int] {
        var sizes: [Int: Int] = [:]
        var first: [Int: Int] = [:]
        for (node, cluster) in membership.enumerated() {
            sizes[cluster, default: 0] += 1
            if first[cluster] == nil { first[cluster] = node }
        }
        let order = sizes.keys.sorted { sizes[$0]! != sizes[$1]! ? sizes[$0]! > sizes[$1]! : first[$0]! < first[$1]! }
        var rank: [Int: Int] = [:]
        for (index, cluster) in order.enumerated() { rank[cluster] = index }
        return membership.map { rank[$0]! }
    }

    /// A symmetric weighted graph; `selfLoops[i]` holds the weight inside an aggregated node, both directions.
    struct Graph {
        var neighbours: [[(node: Int, weight: Double)]]
        var selfLoops: [Double]

        init(nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)]) {
            neighbours = Array(repeating: [], count: nodeCount)
            selfLoops = Array(repeating: 0, count: nodeCount)
            for edge in edges where edge.weight > 0 {
                if edge.source == edge.target {
                    selfLoops[edge.source] += 2 * edge.weight
                } else {
                    neighbours[edge.source].append((edge.target, edge.weight))
                    neighbours[edge.target].append((edge.source, edge.weight))
                }
            }
        }

        init(neighbours: [[(node: Int, weight: Double)]], selfLoops: [Double]) {
            self.neighbours = neighbours
            self.selfLoops = selfLoops
        }

        var degrees: [Double] { neighbours.indices.map { node in neighbours[node].reduce(selfLoops[node]) { $0 + $1.weight } } }

        /// Phase one: each node's community, numbered from 0 in the order of the nodes, and whether any moved.
        func localMoving() -> (community: [Int], moved: Bool) {
            let count = neighbours.count
            let degree = degrees
            let totalWeight = degree.reduce(0, +)
            var community = Array(0..<count)
            guard totalWeight > 0 else { return (community, false) }
            var communityDegree = degree
            var weightTo = [Double](repeating: 0, count: count)
            var touched: [Int] = []
            var movedAny = false
            for _ in 0..<NetworkClustering.maximumPasses {
                var moved = false
                for node in 0..<count {
                    let own = community[node]
                    for (other, weight) in neighbours[node] where other != node {
                        let target = community[other]
                        if weightTo[target] == 0 { touched.append(target) }
                        weightTo[target] += weight
                    }
                    communityDegree[own] -= degree[node]
                    // Gain of joining community c, up to a constant: links into c minus what chance would give.
                    func gain(_ candidate: Int) -> Double { weightTo[candidate] - degree[node] * communityDegree[candidate] / totalWeight }
                    var best = own
                    var bestGain = gain(own)
                    for candidate in touched.sorted() where candidate != own {
                        let value = gain(candidate)
                        if value > bestGain + 1e-12 {
                            best = candidate
                            bestGain = value
                        }
                    }
                    communityDegree[best] += degree[node]
                    if best != own {
                        community[node] = best
                        moved = true
                        movedAny = true
                    }
                    for target in touched { weightTo[target] = 0 }
                    touched.removeAll(keepingCapacity: true)
                }
                if !moved { break }
            }
            var renumbered: [Int: Int] = [:]
            for node in 0..<count where renumbered[community[node]] == nil { renumbered[community[node]] = renumbered.count }
            return (community.map { renumbered[$0]! }, movedAny)
        }

        /// Phase two: one node per community, links between communities summed.
        func aggregated(by community: [Int]) -> Graph {
            let count = (community.max() ?? -1) + 1
            var weights: [[Int: Double]] = Array(repeating: [:], count: count)
            var loops = [Double](repeating: 0, count: count)
            for node in neighbours.indices {
                let from = community[node]
                loops[from] += selfLoops[node]
                for (other, weight) in neighbours[node] {
                    let to = community[other]
                    if to == from { loops[from] += weight } else { weights[from][to, default: 0] += weight }
                }
            }
            let neighbours = weights.map { row in row.keys.sorted().map { (node: $0, weight: row[$0]!) } }
            return Graph(neighbours: neighbours, selfLoops: loops)
        }
    }
}
