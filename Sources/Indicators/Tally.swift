/// Counts of values, and the N most frequent of them.
struct Tally<Key: Hashable & Comparable> {
    var counts: [Key: Int] = [:]

    mutating func add(_ key: Key, _ amount: Int = 1) {
        counts[key, default: 0] += amount
    }

    /// The `limit` most frequent keys, most frequent first, ties in the keys' order so that the same set
    /// always gives the same list whatever the order of its documents.
    ///
    /// A bounded insertion rather than sorting every key: a set of 100k publications names tens of thousands of
    /// researchers, of which the dashboard shows ten.
    func top(_ limit: Int) -> [(key: Key, count: Int)] {
        top(limit, by: <)
    }

    /// The `limit` most frequent keys, ties in the order `areInIncreasingOrder` gives.
    func top(_ limit: Int, by areInIncreasingOrder: (Key, Key) -> Bool) -> [(key: Key, count: Int)] {
        guard limit > 0 else { return [] }
        func precedes(_ lhs: (key: Key, count: Int), _ rhs: (key: Key, count: Int)) -> Bool {
            lhs.count != rhs.count ? lhs.count > rhs.count : areInIncreasingOrder(lhs.key, rhs.key)
        }
        var best: [(key: Key, count: Int)] = []
        best.reserveCapacity(limit + 1)
        for (key, count) in counts {
            if best.count == limit, let last = best.last, !precedes((key, count), last) { continue }
            var index = best.count
            while index > 0, precedes((key, count), best[index - 1]) { index -= 1 }
            best.insert((key, count), at: index)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}

extension Array where Element: Equatable {
    /// Appends the element unless present: the lists it is used on (a paper's countries) are short, where a
    /// linear scan costs less than hashing into a set.
    mutating func appendIfAbsent(_ element: Element) {
        if !contains(element) { append(element) }
    }
}
