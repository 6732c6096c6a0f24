/// Union-find over mentions, with what decides whether two groups may join: their given names, the id they
/// are pinned to (an ORCID, a curator's assignment) and the mentions a curator set apart from them.
struct MentionClusters {
    private var parent: [Int]
    private var size: [Int]
    /// On roots only.
    private(set) var pin: [String?]
    private var names: [[GivenNames]]
    private var forbidden: [Int: Set<Int>] = [:]

    init(given: [GivenNames]) {
        parent = Array(given.indices)
        size = Array(repeating: 1, count: given.count)
        pin = Array(repeating: nil, count: given.count)
        names = given.map { [$0] }
    }

    mutating func find(_ mention: Int) -> Int {
        var root = mention
        while parent[root] != root { root = parent[root] }
        var current = mention
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    /// Whether `a` and `b` may be one person; `checkingNames` is off for what a curator or an ORCID says.
    mutating func mayJoin(_ a: Int, _ b: Int, checkingNames: Bool = true) -> Bool {
        let (ra, rb) = (find(a), find(b))
        guard ra != rb else { return false }
        if let pa = pin[ra], let pb = pin[rb], pa != pb { return false }
        for (root, other) in [(ra, rb), (rb, ra)] {
            for mention in forbidden[root] ?? [] where find(mention) == other { return false }
        }
        guard checkingNames else { return true }
        for mine in names[ra] { for theirs in names[rb] where !mine.isCompatible(with: theirs) { return false } }
        return true
    }

    mutating func join(_ a: Int, _ b: Int) {
        var (ra, rb) = (find(a), find(b))
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        pin[ra] = pin[ra] ?? pin[rb]
        for name in names[rb] where !names[ra].contains(name) { names[ra].append(name) }
        names[rb] = []
        if let apart = forbidden.removeValue(forKey: rb) { forbidden[ra, default: []].formUnion(apart) }
    }

    mutating func setPin(_ id: String, on mention: Int) { pin[find(mention)] = id }

    mutating func keepApart(_ a: Int, _ b: Int) {
        forbidden[find(a), default: []].insert(b)
        forbidden[find(b), default: []].insert(a)
    }
}
