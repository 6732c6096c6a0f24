import Foundation

/// A force-directed layout (Fruchterman–Reingold), computed by Hublot so the network needs no script in the
/// browser: linked nodes attract (more for stronger links), all nodes repel, a weak gravity keeps unlinked
/// parts on the page, and the step shrinks over a fixed number of iterations.
///
/// Deterministic: the start is drawn from a seeded generator and clusters start near each other, so the same
/// network always gets the same drawing. Every pair is computed directly, which is fine for the few hundred
/// nodes a readable network has (Barnes–Hut pays from thousands).
public enum NetworkLayout {
    public struct Options: Hashable, Sendable {
        public var iterations: Int
        public var seed: UInt64

        public init(iterations: Int = 300, seed: UInt64 = 0x5EED) {
            self.iterations = iterations
            self.seed = seed
        }
    }

    /// The position of each node, from -1 to 1 on the wider axis, centred on 0 (VOSviewer's convention).
    public static func positions(
        nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)], clusters: [Int], options: Options = Options()
    ) -> [(x: Double, y: Double)] {
        guard nodeCount > 1 else { return Array(repeating: (0, 0), count: nodeCount) }
        var random = SplitMix64(seed: options.seed)
        let clusterCount = (clusters.max() ?? 0) + 1
        var x = [Double](repeating: 0, count: nodeCount)
        var y = [Double](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            // Each cluster starts around its own point on a circle, which spares the forces most of their work.
            let cluster = node < clusters.count ? clusters[node] : 0
            let angle = 2 * Double.pi * Double(cluster) / Double(clusterCount)
            x[node] = 0.5 * cos(angle) + 0.2 * (random.unit() - 0.5)
            y[node] = 0.5 * sin(angle) + 0.2 * (random.unit() - 0.5)
        }
        let maximumWeight = edges.map(\.weight).max() ?? 1
        let springs = edges.filter { $0.source != $0.target }.map { edge in
            // Strength grows slower than weight, so that one very strong pair does not collapse onto itself.
            (edge.source, edge.target, 1 + log1p(edge.weight) / log1p(maximumWeight))
        }
        let k = (1 / Double(nodeCount)).squareRoot()
        let iterations = max(1, options.iterations)
        var dx = [Double](repeating: 0, count: nodeCount)
        var dy = [Double](repeating: 0, count: nodeCount)
        for iteration in 0..<iterations {
            for node in 0..<nodeCount {
                dx[node] = 0
                dy[node] = 0
            }
            for i in 0..<nodeCount - 1 {
                for j in i + 1..<nodeCount {
                    var (ddx, ddy) = (x[i] - x[j], y[i] - y[j])
                    var distance2 = ddx * ddx + ddy * ddy
                    if distance2 < 1e-12 {
                        // Two nodes on the same spot: push them apart along a direction that depends on them only.
                        let angle = Double((i * 7919 + j * 104_729) % 360) * Double.pi / 180
                        (ddx, ddy) = (cos(angle) * 1e-3, sin(angle) * 1e-3)
                        distance2 = 1e-6
                    }
                    let force = k * k / distance2
                    dx[i] += ddx * force
                    dy[i] += ddy * force
                    dx[j] -= ddx * force
                    dy[j] -= ddy * force
                }
            }
            for (source, target, strength) in springs {
                let (ddx, ddy) = (x[source] - x[target], y[source] - y[target])
                let distance = (ddx * ddx + ddy * ddy).squareRoot()
                let force = distance * strength / k
                dx[source] -= ddx * force
                dy[source] -= ddy * force
                dx[target] += ddx * force
                dy[target] += ddy * force
            }
            let temperature = 0.1 * (1 - Double(iteration) / Double(iterations)) + 0.002
            for node in 0..<nodeCount {
                // Gravity towards the centre, proportional to the distance, keeps parts without links in view.
                dx[node] -= x[node] * gravity
                dy[node] -= y[node] * gravity
                let length = (dx[node] * dx[node] + dy[node] * dy[node]).squareRoot()
                guard length > 0, length.isFinite else { continue }
                let step = min(length, temperature) / length
                x[node] += dx[node] * step
                y[node] += dy[node] * step
            }
        }
        return normalised(x: x, y: y)
    }

    static let gravity = 0.8

    /// Centred on the mean, scaled so that the farthest coordinate is ±1, proportions kept.
    static func normalised(x: [Double], y: [Double]) -> [(x: Double, y: Double)] {
        let count = Double(x.count)
        let (meanX, meanY) = (x.reduce(0, +) / count, y.reduce(0, +) / count)
        let extent = zip(x, y).reduce(0.0) { max($0, abs($1.0 - meanX), abs($1.1 - meanY)) }
        let scale = extent > 0 ? 1 / extent : 0
        return zip(x, y).map { (($0 - meanX) * scale, ($1 - meanY) * scale) }
    }
}

/// A small, fast generator with a fixed sequence for each seed (Foundation's generators are not seedable).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// From 0 (included) to 1 (excluded).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
