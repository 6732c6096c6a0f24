/// One comparison ready to run: both sides' codes, the levels, and what each distinct value parses to.
struct ComparisonKernel: Sendable {
    var levels: [ComparisonLevel]
    var left: [Int32]
    var right: [Int32]
    /// The first exact level (1-based, after null), so that equal codes skip every other test.
    var exactLevel: UInt8?
    var elseLevel: UInt8 { UInt8(levels.count + 1) }
    /// Per code: days since 1970 for dates (Int32.min when not a date), and the packed year, month, day.
    var dayNumbers: [Int32] = []
    var dateParts: [Int32] = []
    var numbers: [Double] = []
    /// Per code, the share of records holding the value, for term-frequency adjustments.
    var frequencies: [Float] = []
    var usesTermFrequency: Bool { if case .exact(true)? = exactLevel.map({ levels[Int($0) - 1] }) { true } else { false } }

    /// The level of a pair of codes; `level(a, b) == level(b, a)` for every kind, so caches key on the ordered pair.
    func level(_ a: Int32, _ b: Int32, values: ValueBytes) -> UInt8 {
        if a < 0 || b < 0 { return 0 }
        if a == b, let exactLevel { return exactLevel }
        var jaroWinkler = -1.0
        for (index, level) in levels.enumerated() {
            let met: Bool
            switch level {
            case .exact: met = a == b
            case .jaroWinkler(let t):
                if jaroWinkler < 0 { jaroWinkler = values.with(a, b) { StringDistance.jaroWinkler($0, $1) } }
                met = jaroWinkler >= t
            case .levenshtein(let k): met = values.with(a, b) { StringDistance.levenshtein($0, $1, limit: k) } <= k
            case .dateWithin(let days):
                let x = dayNumbers[Int(a)], y = dayNumbers[Int(b)]
                met = x != .min && y != .min && abs(Int(x) - Int(y)) <= days
            case .sameMonthYear:
                let x = dateParts[Int(a)], y = dateParts[Int(b)]
                met = x > 0 && y > 0 && x / 100 == y / 100
            case .dayMonthSwapped:
                let x = dateParts[Int(a)], y = dateParts[Int(b)]
                met = x > 0 && y > 0 && x / 10_000 == y / 10_000 && (x / 100) % 100 == y % 100 && x % 100 == (y / 100) % 100
            case .numericWithin(let d):
                let x = numbers[Int(a)], y = numbers[Int(b)]
                met = !x.isNaN && !y.isNaN && abs(x - y) <= d
            }
            if met { return UInt8(index + 1) }
        }
        return elseLevel
    }
}

/// The job's values as bytes, for the string similarities.
struct ValueBytes: Sendable {
    var bytes: [UInt8]
    var offsets: [Int32]

    func with<T>(_ a: Int32, _ b: Int32, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            let x = UnsafeBufferPointer(start: base + Int(offsets[Int(a)]), count: Int(offsets[Int(a) + 1] - offsets[Int(a)]))
            let y = UnsafeBufferPointer(start: base + Int(offsets[Int(b)]), count: Int(offsets[Int(b) + 1] - offsets[Int(b)]))
            return body(x, y)
        }
    }
}

/// Every comparison of a job: a pair of records becomes its comparison vector, levels packed 4 bits each.
struct Comparator: Sendable {
    var kernels: [ComparisonKernel]
    var values: ValueBytes

    static func level(of pattern: UInt64, comparison: Int) -> Int { Int((pattern >> (4 * UInt64(comparison))) & 0xF) }

    /// A worker's memory of levels already computed for unequal value pairs, one table per comparison.
    struct Cache {
        var tables: [[UInt64: UInt8]]
        init(count: Int) { tables = Array(repeating: [:], count: count) }
    }

    func pattern(_ i: Int, _ j: Int, cache: inout Cache) -> UInt64 {
        var pattern: UInt64 = 0
        for (index, kernel) in kernels.enumerated() {
            let a = kernel.left[i], b = kernel.right[j]
            let level: UInt8
            if a < 0 || b < 0 {
                level = 0
            } else if a == b, let exact = kernel.exactLevel {
                level = exact
            } else {
                let key = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
                if let known = cache.tables[index][key] {
                    level = known
                } else {
                    level = kernel.level(a, b, values: values)
                    // Bounded: a worker keeps at most a few million distinct pairs per comparison.
                    if cache.tables[index].count > 4_000_000 { cache.tables[index].removeAll(keepingCapacity: true) }
                    cache.tables[index][key] = level
                }
            }
            pattern |= UInt64(level) << (4 * UInt64(index))
        }
        return pattern
    }

    /// The pattern without caches, for one pair (explanations, labelled pairs blocking missed).
    func pattern(_ i: Int, _ j: Int) -> UInt64 {
        var pattern: UInt64 = 0
        for (index, kernel) in kernels.enumerated() {
            pattern |= UInt64(kernel.level(kernel.left[i], kernel.right[j], values: values)) << (4 * UInt64(index))
        }
        return pattern
    }
}
