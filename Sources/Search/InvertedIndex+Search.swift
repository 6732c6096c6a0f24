/// Per-request working memory, kept between requests: arrays as long as the slots, stamped with the request's
/// epoch instead of being cleared.
struct Scratch {
    var epoch: UInt32 = 0
    var stamps: [UInt32] = []
    var excluded: [UInt32] = []
    /// Clauses matched so far, for the current epoch.
    var hits: [UInt16] = []
    var scores: [Float] = []
    /// The best alternative's score of the clause being read.
    var best: [Float] = []
    var candidates: [Int32] = []
    var results: [Int32] = []
    var counts: [[Int32]] = []
    var touched: [[Int32]] = []

    mutating func prepare(slots: Int, facets: [FacetColumn]) {
        if stamps.count < slots {
            let grown = max(slots, stamps.count * 5 / 4)
            stamps += [UInt32](repeating: 0, count: grown - stamps.count)
            excluded += [UInt32](repeating: 0, count: grown - excluded.count)
            hits += [UInt16](repeating: 0, count: grown - hits.count)
            scores += [Float](repeating: 0, count: grown - scores.count)
            best += [Float](repeating: 0, count: grown - best.count)
        }
        if counts.count != facets.count {
            counts = facets.map { _ in [] }
            touched = facets.map { _ in [] }
        }
        for (index, facet) in facets.enumerated() where counts[index].count < facet.values.count {
            counts[index] += [Int32](repeating: 0, count: facet.values.count - counts[index].count)
        }
        epoch &+= 1
        if epoch == 0 {
            // Once in four billion requests: stamps of the first epoch could be taken for current ones.
            for index in stamps.indices {
                stamps[index] = 0
                excluded[index] = 0
            }
            epoch = 1
        }
        candidates.removeAll(keepingCapacity: true)
    }
}

/// What a search found before its page is turned into hits: the matching slots in the request's order, the
/// scores, and the facet counts.
struct IndexAnswer {
    var total: Int
    var slots: [Int32]
    var scores: [Float]
    var facets: [Facet: [FacetCount]]
}

extension InvertedIndex {
    static let facetSize = 20

    /// The matches of `query` that pass `filters`, the first `limit` of them in `sort` order (all when nil),
    /// and the facet counts over all of them (when `countFacets`).
    func search(
        _ query: CompiledQuery, filters: SearchFilters, sort: SearchSort, limit: Int?, countFacets: Bool
    ) -> IndexAnswer {
        // A local copy is checked for exclusive access at compile time, not on every access to the class's property.
        var scratch = self.scratch
        self.scratch = Scratch()
        defer { self.scratch = scratch }
        scratch.prepare(slots: slotCount, facets: facets)
        let epoch = scratch.epoch
        let live = self.live
        let positive = query.positive
        if positive.isEmpty {
            for slot in 0..<Int32(slotCount) where live[Int(slot)] {
                scratch.stamps[Int(slot)] = epoch
                scratch.scores[Int(slot)] = 0
                scratch.candidates.append(slot)
            }
        } else {
            // The rarest clause first: the later ones only narrow its candidates.
            let ordered = positive.sorted { cost($0) < cost($1) }
            for (number, clause) in ordered.enumerated() {
                read(clause, number: UInt16(number), &scratch)
                if number > 0 {
                    let needed = UInt16(number + 1)
                    scratch.candidates.removeAll { scratch.hits[Int($0)] != needed }
                }
                if scratch.candidates.isEmpty { break }
            }
        }
        for clause in query.clauses where clause.isExcluded {
            for alternative in clause.alternatives {
                matches(alternative) { slot, _ in scratch.excluded[Int(slot)] = epoch }
            }
        }
        let filter = CompiledFilters(filters, index: self)
        var results = scratch.results
        scratch.results = []
        results.removeAll(keepingCapacity: true)
        defer { scratch.results = results }
        for slot in scratch.candidates where scratch.excluded[Int(slot)] != epoch {
            let failed = filter.failures(slot, index: self)
            if failed.count == 0 {
                results.append(slot)
                if countFacets { count(slot, only: nil, &scratch) }
            } else if failed.count == 1, countFacets {
                count(slot, only: failed.facet, &scratch)
            }
        }
        let facetCounts = countFacets ? collectFacetCounts(&scratch) : [:]
        let ordered = top(results, sort: positive.isEmpty && sort == .relevance ? .date : sort, limit: limit, scores: scratch.scores)
        return IndexAnswer(total: results.count, slots: ordered, scores: ordered.map { scratch.scores[Int($0)] }, facets: facetCounts)
    }

    private func cost(_ clause: CompiledQuery.Clause) -> Int {
        clause.alternatives.reduce(0) { total, alternative in
            total + (alternative.terms.map { postings[Int($0)].slots.count }.min() ?? 0)
        }
    }

    /// Adds the clause's best alternative score to every candidate it matches; the first clause makes the candidates.
    private func read(_ clause: CompiledQuery.Clause, number: UInt16, _ scratch: inout Scratch) {
        let epoch = scratch.epoch
        for alternative in clause.alternatives {
            matches(alternative) { slot, score in
                let index = Int(slot)
                if number == 0 {
                    if scratch.stamps[index] != epoch {
                        scratch.stamps[index] = epoch
                        scratch.hits[index] = 1
                        scratch.scores[index] = score
                        scratch.best[index] = score
                        scratch.candidates.append(slot)
                    } else if score > scratch.best[index] {
                        scratch.scores[index] += score - scratch.best[index]
                        scratch.best[index] = score
                    }
                } else if scratch.stamps[index] == epoch {
                    if scratch.hits[index] == number {
                        scratch.hits[index] = number + 1
                        scratch.scores[index] += score
                        scratch.best[index] = score
                    } else if scratch.hits[index] == number + 1, score > scratch.best[index] {
                        scratch.scores[index] += score - scratch.best[index]
                        scratch.best[index] = score
                    }
                }
            }
        }
    }

    /// Calls `found` with each live slot the alternative matches and its score.
    func matches(_ alternative: CompiledQuery.Alternative, _ found: (Int32, Float) -> Void) {
        let scale = alternative.weight * (Self.k1 + 1) / 255
        if alternative.terms.count == 1 {
            let term = alternative.terms[0]
            let weight = inverseDocumentFrequency(term) * scale
            let list = postings[Int(term)]
            let mask = alternative.field?.mask
            let live = self.live
            for posting in list.slots.indices {
                let slot = list.slots[posting]
                guard live[Int(slot)] else { continue }
                if let mask, list.fields[posting] & mask == 0 { continue }
                found(slot, weight * Float(list.impacts[posting]))
            }
            return
        }
        phraseMatches(alternative, scale: scale, found)
    }

    /// Slots where the terms follow each other, in one field (the alternative's, when it names one).
    private func phraseMatches(_ alternative: CompiledQuery.Alternative, scale: Float, _ found: (Int32, Float) -> Void) {
        let lists = alternative.terms.map { postings[Int($0)] }
        let weights = alternative.terms.map { inverseDocumentFrequency($0) * scale }
        guard let rarest = lists.indices.min(by: { lists[$0].slots.count < lists[$1].slots.count }) else { return }
        var cursors = [Int](repeating: 0, count: lists.count)
        var postingOf = [Int](repeating: 0, count: lists.count)
        let live = self.live
        for posting in lists[rarest].slots.indices {
            let slot = lists[rarest].slots[posting]
            guard live[Int(slot)] else { continue }
            var present = true
            for (index, list) in lists.enumerated() {
                let next = Self.seek(list.slots, slot, from: cursors[index])
                cursors[index] = next
                guard next < list.slots.count, list.slots[next] == slot else {
                    present = false
                    break
                }
                postingOf[index] = next
            }
            guard present else { continue }
            let first = lists[0]
            var matched = false
            for position in first.positions[first.positionRange(postingOf[0])] {
                if let field = alternative.field, Int(position >> 24) != field.rawValue { continue }
                var follows = true
                for index in 1..<lists.count {
                    let wanted = position + UInt32(index)
                    let range = lists[index].positionRange(postingOf[index])
                    if !lists[index].positions[range].contains(wanted) {
                        follows = false
                        break
                    }
                }
                if follows {
                    matched = true
                    break
                }
            }
            guard matched else { continue }
            var score: Float = 0
            for index in lists.indices { score += weights[index] * Float(lists[index].impacts[postingOf[index]]) }
            found(slot, score)
        }
    }

    /// The first index at or after `start` whose slot is at least `slot` (galloping, then binary search).
    static func seek(_ slots: [Int32], _ slot: Int32, from start: Int) -> Int {
        var low = start
        var step = 1
        var high = start
        while high < slots.count, slots[high] < slot {
            low = high + 1
            high += step
            step *= 2
        }
        high = min(high, slots.count)
        while low < high {
            let middle = (low + high) / 2
            if slots[middle] < slot { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func count(_ slot: Int32, only facet: Int?, _ scratch: inout Scratch) {
        if let facet {
            countFacet(facet, slot, &scratch)
            return
        }
        for facet in facets.indices { countFacet(facet, slot, &scratch) }
    }

    private func countFacet(_ facet: Int, _ slot: Int32, _ scratch: inout Scratch) {
        for item in facets[facet].range(slot) {
            let value = Int(facets[facet].items[item])
            if scratch.counts[facet][value] == 0 { scratch.touched[facet].append(Int32(value)) }
            scratch.counts[facet][value] += 1
        }
    }

    /// The counted values, most frequent first (ties by value), and the counters cleared for the next request.
    private func collectFacetCounts(_ scratch: inout Scratch) -> [Facet: [FacetCount]] {
        var answer: [Facet: [FacetCount]] = [:]
        for facet in Facet.allCases {
            let index = facet.index
            let column = facets[index]
            let touched = scratch.touched[index]
            let size = facet == .year ? touched.count : Self.facetSize
            // A kept list of the best `size`, not a sort of every value: authors run into thousands.
            let best = scratch.counts[index].withUnsafeBufferPointer { counts in
                func precedes(_ a: Int32, _ b: Int32) -> Bool {
                    let (countA, countB) = (counts[Int(a)], counts[Int(b)])
                    return countA != countB ? countA > countB : column.values[Int(a)] < column.values[Int(b)]
                }
                var best: [Int32] = []
                best.reserveCapacity(size + 1)
                for value in touched {
                    if best.count == size, let last = best.last, !precedes(value, last) { continue }
                    var place = best.count
                    while place > 0, precedes(value, best[place - 1]) { place -= 1 }
                    best.insert(value, at: place)
                    if best.count > size { best.removeLast() }
                }
                return best
            }
            answer[facet] = best.map {
                FacetCount(value: column.values[Int($0)], label: column.labels[Int($0)], count: Int(scratch.counts[index][Int($0)]))
            }
            for value in touched { scratch.counts[index][Int(value)] = 0 }
            scratch.touched[index].removeAll(keepingCapacity: true)
        }
        return answer
    }

    /// The first `limit` slots in `sort` order (ties by publication number, for stable pages).
    private func top(_ slots: [Int32], sort: SearchSort, limit: Int?, scores: [Float]) -> [Int32] {
        let ids = publicationIDs
        let dates = self.dates
        let citations = self.citations
        let precedes: (Int32, Int32) -> Bool
        switch sort {
        case .relevance:
            precedes = { a, b in
                let (x, y) = (scores[Int(a)], scores[Int(b)])
                return x != y ? x > y : ids[Int(a)] < ids[Int(b)]
            }
        case .date:
            precedes = { a, b in
                let (x, y) = (dates[Int(a)], dates[Int(b)])
                return x != y ? x > y : ids[Int(a)] < ids[Int(b)]
            }
        case .citations:
            precedes = { a, b in
                let (x, y) = (citations[Int(a)], citations[Int(b)])
                return x != y ? x > y : ids[Int(a)] < ids[Int(b)]
            }
        }
        guard let limit, limit < slots.count / 4 else {
            let sorted = slots.sorted(by: precedes)
            return limit.map { Array(sorted.prefix($0)) } ?? sorted
        }
        return Self.smallest(limit, of: slots, by: precedes)
    }

    /// The `count` first elements by `precedes`, in order: a bounded heap whose root is the last kept.
    static func smallest(_ count: Int, of slots: [Int32], by precedes: (Int32, Int32) -> Bool) -> [Int32] {
        guard count > 0 else { return [] }
        var heap: [Int32] = []
        heap.reserveCapacity(count)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var worst = left
                if left + 1 < heap.count, precedes(heap[worst], heap[left + 1]) { worst = left + 1 }
                guard precedes(heap[parent], heap[worst]) else { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for slot in slots {
            if heap.count < count {
                heap.append(slot)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard precedes(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if precedes(slot, heap[0]) {
                heap[0] = slot
                siftDown(0)
            }
        }
        return heap.sorted(by: precedes)
    }
}

/// The request's filters as value numbers of the index's facet columns.
struct CompiledFilters {
    var facets: [(index: Int, values: [Int32])] = []
    var years: ClosedRange<Int>?

    init(_ filters: SearchFilters, index: InvertedIndex) {
        years = filters.years
        for facet in Facet.allCases where facet != .year {
            guard let wanted = filters.values[facet], !wanted.isEmpty else { continue }
            let column = index.facets[facet.index]
            facets.append((facet.index, wanted.compactMap { column.valueIDs[$0] }))
        }
        if let wanted = filters.values[.year], !wanted.isEmpty {
            let column = index.facets[Facet.year.index]
            facets.append((Facet.year.index, wanted.compactMap { column.valueIDs[$0] }))
        }
    }

    /// How many of the filters the slot fails, and the facet of the failing one when only one does: a
    /// document failing only facet F's filter still counts in F's counts.
    func failures(_ slot: Int32, index: InvertedIndex) -> (count: Int, facet: Int?) {
        var count = 0
        var failing: Int?
        if let years, !years.contains(Int(index.years[Int(slot)])) || index.years[Int(slot)] == 0 {
            count += 1
            failing = Facet.year.index
        }
        for (facet, values) in facets {
            let column = index.facets[facet]
            var passes = false
            for item in column.range(slot) where values.contains(column.items[item]) {
                passes = true
                break
            }
            if !passes {
                count += 1
                failing = facet
                if count > 1 { return (count, nil) }
            }
        }
        return (count, failing)
    }
}
