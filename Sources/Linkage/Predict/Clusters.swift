import Foundation

/// Connected components of the match graph (union-find with path halving and union by size).
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var (x, y) = (find(a), find(b))
        guard x != y else { return }
        if size[x] < size[y] { swap(&x, &y) }
        parent[y] = Int32(x)
        size[x] += size[y]
    }
}

/// Records grouped as the same person: each cluster named by the smallest id among its records, so that the name
/// does not depend on the order pairs were scored in.
public struct Clusters: Sendable, Equatable {
    /// The cluster id of each record, in record order.
    public var clusterIDs: [String]

    public var count: Int { Set(clusterIDs).count }

    /// Clusters of `ids` joined by the pairs at or above `threshold` (a match weight) and every deterministic pair.
    public static func build(ids: [String], pairs: [ScoredPair], threshold: Double) -> Clusters {
        var components = UnionFind(count: ids.count)
        for pair in pairs where pair.rule != nil || pair.weight >= threshold { components.union(Int(pair.left), Int(pair.right)) }
        var names: [Int: String] = [:]
        for (record, id) in ids.enumerated() {
            let root = components.find(record)
            if let name = names[root], name <= id { continue }
            names[root] = id
        }
        return Clusters(clusterIDs: ids.indices.map { names[components.find($0)]! })
    }
}

extension LinkageJob {
    public func clusters(_ prediction: Prediction) -> Clusters {
        let threshold = log2(spec.clusterThreshold / (1 - spec.clusterThreshold))
        return Clusters.build(ids: left.ids, pairs: prediction.pairs, threshold: threshold)
    }
}
