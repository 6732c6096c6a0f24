/// One blocking rule's key for every record of each side (the null code when a key is missing: no block).
struct RuleKeys: Sendable {
    var left: [Int32]
    var right: [Int32]

    @inline(__always) func agree(_ i: Int, _ j: Int) -> Bool {
        let a = left[i]
        return a >= 0 && a == right[j]
    }

    /// Composite keys numbered through the dictionary: equal key tuples get equal codes, on both sides.
    static func codes(_ expressions: [KeyExpression], _ records: RecordSet, dictionary: inout ValueDictionary) -> [Int32] {
        var keys = expressions[0].codes(in: records, dictionary: &dictionary)
        for expression in expressions.dropFirst() {
            let next = expression.codes(in: records, dictionary: &dictionary)
            for index in keys.indices {
                keys[index] = keys[index] < 0 || next[index] < 0 ? ValueDictionary.null : dictionary.combined(keys[index], next[index])
            }
        }
        return keys
    }
}

/// The blocks of one rule: records grouped by key (a counting sort of the codes), never a cross product.
struct BlockPlan: Sendable {
    struct Block: Sendable {
        var left: Range<Int32>
        var right: Range<Int32>
        var pairs: Int
        /// Deduplication: the first position of the block holding a new record (incremental runs), else `left.lowerBound`.
        var firstNew: Int32
    }

    var deduplicate: Bool
    /// Record numbers ordered by key; a block's ranges index these.
    var leftOrder: [Int32]
    var rightOrder: [Int32]
    var blocks: [Block]
    var pairs: Int

    /// With `newFrom`, a deduplication compares only pairs with at least one record numbered `newFrom` or more:
    /// new records against the linked set and each other, never the linked set again.
    init(_ keys: RuleKeys, deduplicate: Bool, newFrom: Int32 = 0) {
        self.deduplicate = deduplicate
        let space = Int(max(keys.left.max() ?? -1, deduplicate ? -1 : keys.right.max() ?? -1)) + 1
        func grouped(_ codes: [Int32]) -> (order: [Int32], starts: [Int32]) {
            var starts = [Int32](repeating: 0, count: space + 1)
            for code in codes where code >= 0 { starts[Int(code) + 1] += 1 }
            for index in 0..<space { starts[index + 1] += starts[index] }
            var fill = starts
            var order = [Int32](repeating: 0, count: Int(starts[space]))
            for (record, code) in codes.enumerated() where code >= 0 {
                order[Int(fill[Int(code)])] = Int32(record)
                fill[Int(code)] += 1
            }
            return (order, starts)
        }
        let left = grouped(keys.left)
        let right = deduplicate ? left : grouped(keys.right)
        leftOrder = left.order
        rightOrder = right.order
        var blocks: [Block] = []
        var total = 0
        for code in 0..<space {
            let l = left.starts[code]..<left.starts[code + 1]
            let r = right.starts[code]..<right.starts[code + 1]
            // Records are in increasing order within a block (the sort is stable), so new ones come last.
            var firstNew = l.lowerBound
            while firstNew < l.upperBound, left.order[Int(firstNew)] < newFrom { firstNew += 1 }
            let fresh = Int(l.upperBound - firstNew)
            let pairs = deduplicate ? fresh * (fresh - 1) / 2 + fresh * (l.count - fresh) : l.count * r.count
            if pairs > 0 {
                blocks.append(Block(left: l, right: r, pairs: pairs, firstNew: firstNew))
                total += pairs
            }
        }
        self.blocks = blocks
        pairs = total
    }

    /// Blocks gathered into units of roughly `target` pairs, largest first, for the workers to share.
    func units(target: Int) -> [[Block]] {
        var units: [[Block]] = []
        var current: [Block] = []
        var size = 0
        for block in blocks {
            current.append(block)
            size += block.pairs
            if size >= target {
                units.append(current)
                current = []
                size = 0
            }
        }
        if !current.isEmpty { units.append(current) }
        return units
    }

    /// Calls `body` with each pair of the blocks of `unit`, as record numbers (left, right; i < j in deduplication).
    @inline(__always) func forEachPair(in unit: [Block], _ body: (Int, Int) -> Void) {
        for block in unit {
            if deduplicate {
                for y in block.firstNew..<block.left.upperBound {
                    let b = Int(leftOrder[Int(y)])
                    for x in block.left.lowerBound..<y { body(Int(leftOrder[Int(x)]), b) }
                }
            } else {
                for x in block.left {
                    let a = Int(leftOrder[Int(x)])
                    for y in block.right { body(a, Int(rightOrder[Int(y)])) }
                }
            }
        }
    }
}
