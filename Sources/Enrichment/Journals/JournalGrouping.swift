import Publications

/// A journal as the ISSN network knows it: its linking ISSN (ISSN-L), which names every medium of it, and
/// the title most records give it.
public struct JournalGroup: Hashable, Sendable, Codable {
    public var issnL: String
    public var title: String?
    /// Every ISSN of the group, the ISSN-L included, sorted.
    public var issns: [String]

    public init(issnL: String, title: String?, issns: [String]) {
        self.issnL = issnL
        self.title = title
        self.issns = issns
    }
}

/// Groups the ISSNs records give into journals. A record's ISSNs are one journal's (its print and electronic
/// editions); records that share any ISSN are the same journal, so groups are the connected ISSNs (union-find).
/// A group's ISSN-L is the linking ISSN records state, the most stated if several; else its most cited print
/// ISSN, else its most cited ISSN, so that every ISSN resolves to one key.
public struct JournalGrouping: Hashable, Sendable {
    public var groups: [JournalGroup]
    /// ISSN → ISSN-L, for every ISSN seen.
    public var linking: [String: String]

    public init(_ journals: some Sequence<Journal>) {
        var parent: [String: String] = [:]
        func find(_ issn: String) -> String {
            var root = issn
            while let next = parent[root], next != root { root = next }
            var current = issn
            while let next = parent[current], next != root {
                parent[current] = root
                current = next
            }
            return root
        }
        var linkingCounts: [String: Int] = [:]
        var printCounts: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var titles: [String: [String: Int]] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        var recorded: [(issns: [String], title: String?)] = []
        for journal in journals {
            let issns = journal.issns.map(\.value).filter { !$0.isEmpty }
            guard let first = issns.first else { continue }
            for issn in issns where parent[issn] == nil {
                parent[issn] = issn
                firstSeen[issn] = order
                order += 1
            }
            for issn in issns.dropFirst() {
                let (a, b) = (find(first), find(issn))
                // The root seen first stays the root: the outcome does not depend on hash order.
                if a != b { if firstSeen[a]! <= firstSeen[b]! { parent[b] = a } else { parent[a] = b } }
            }
            for issn in journal.issns {
                counts[issn.value, default: 0] += 1
                if issn.kind == .linking { linkingCounts[issn.value, default: 0] += 1 }
                if issn.kind == .print { printCounts[issn.value, default: 0] += 1 }
            }
            recorded.append((issns, journal.title.flatMap { $0.isEmpty ? nil : $0 }))
        }
        for (issns, title) in recorded {
            guard let title else { continue }
            titles[find(issns[0]), default: [:]][title, default: 0] += 1
        }
        var members: [String: [String]] = [:]
        for issn in parent.keys { members[find(issn), default: []].append(issn) }
        func mostCounted(_ issns: [String], _ table: [String: Int]) -> String? {
            issns.filter { table[$0] != nil }.max { (table[$0]!, $1) < (table[$1]!, $0) }
        }
        var groups: [JournalGroup] = []
        var linking: [String: String] = [:]
        for (root, issns) in members {
            let sorted = issns.sorted()
            let issnL = mostCounted(sorted, linkingCounts) ?? mostCounted(sorted, printCounts) ?? mostCounted(sorted, counts) ?? sorted[0]
            let title = titles[root].flatMap { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key }
            groups.append(JournalGroup(issnL: issnL, title: title, issns: sorted))
            for issn in sorted { linking[issn] = issnL }
        }
        self.groups = groups.sorted { $0.issnL < $1.issnL }
        self.linking = linking
    }

    /// The group of the first of `issns` that is known.
    public func group(of issns: [String]) -> JournalGroup? {
        guard let issnL = issns.lazy.compactMap({ self.linking[$0] }).first else { return nil }
        return groups.first { $0.issnL == issnL }
    }
}
