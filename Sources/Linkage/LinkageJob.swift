import Core
import Foundation

/// A linkage job with its records in memory, checked against its spec: every problem the spec and the data can
/// be found to have is found here, before training or prediction starts.
public struct LinkageJob: Sendable {
    public let spec: LinkageSpec
    public let left: RecordSet
    /// The right side; the same records as `left` when deduplicating.
    public let right: RecordSet
    let comparator: Comparator
    let blockingKeys: [RuleKeys]
    let plans: [BlockPlan]
    let trainingKeys: [RuleKeys]
    /// Pairs the deterministic rules accept (`pairKey`), with the rule's index.
    let deterministicPairs: [UInt64: Int]
    /// Incremental deduplication: records from this number on are new; only pairs touching one are compared.
    public let newFrom: Int

    public var mode: LinkageMode { spec.mode }
    /// Every pair of records the job could form: the denominator of the prior.
    public var candidatePairs: Double {
        spec.mode == .link ? Double(left.count) * Double(right.count) : Double(left.count) * Double(left.count - 1) / 2
    }
    /// Candidate pairs per blocking rule, before pairs an earlier rule produced are dropped.
    public var blockedPairs: [Int] { plans.map(\.pairs) }
    public var deterministicMatches: Int { deterministicPairs.count }

    static func pairKey(_ i: Int, _ j: Int) -> UInt64 { UInt64(i) << 32 | UInt64(j) }

    /// Reads the spec's records and checks everything that can be checked before the work.
    /// With `newRecords` (deduplication only), those records are appended after the linked set and only pairs
    /// touching a new record are compared: an incremental run.
    public static func prepare(_ spec: LinkageSpec, newRecords: SideSpec? = nil) async throws -> LinkageJob {
        if newRecords != nil, spec.mode == .link {
            throw LinkageError(
                file: spec.file, field: "mode",
                "incremental runs add records to a deduplication; for a link job, predict with the new records as the left side")
        }
        var dictionary = ValueDictionary()
        let sides = spec.sides
        var loaded: [RecordSet] = []
        for (sideIndex, side) in sides.enumerated() {
            let available = try await RecordLoader.availableColumns(side, spec: spec.file)
            let needed = try neededColumns(spec, side: side, sideIndex: sideIndex, available: Set(available))
            guard available.contains(side.id) else {
                throw LinkageError(file: spec.file, line: side.line, field: "\(side.name).id", "no column \(side.id) in \(side.sourceDescription)")
            }
            let returnCodes = spec.deterministic.contains(where: \.dropNonzeroReturnCodes) ? available.filter { $0.hasSuffix("_RET") } : []
            let columns = Array(Set(needed).union(returnCodes)).sorted()
            var records = try await RecordLoader.load(side, columns: columns, dictionary: &dictionary)
            guard records.count > 0 else {
                throw LinkageError(file: spec.file, line: side.line, field: side.name, "\(side.sourceDescription) holds no records")
            }
            for comparison in spec.comparisons where comparison.columns.count > 1 {
                records.columns[comparison.columns.joined(separator: "+")] = joinedCodes(comparison.columns, records, dictionary: &dictionary)
            }
            loaded.append(records)
        }
        var newFrom = 0
        if let newRecords {
            let available = try await RecordLoader.availableColumns(newRecords, spec: spec.file)
            let columns = Array(loaded[0].columns.keys).filter { !$0.contains("+") }.sorted()
            for column in columns + [newRecords.id] where !available.contains(column) {
                throw LinkageError(file: spec.file, field: "new records", "no column \(column) in \(newRecords.sourceDescription)")
            }
            var added = try await RecordLoader.load(newRecords, columns: columns, dictionary: &dictionary)
            for comparison in spec.comparisons where comparison.columns.count > 1 {
                added.columns[comparison.columns.joined(separator: "+")] = joinedCodes(comparison.columns, added, dictionary: &dictionary)
            }
            newFrom = loaded[0].count
            loaded[0].ids += added.ids
            for key in Array(loaded[0].columns.keys) { loaded[0].columns[key]! += added.codes(key) }
        }
        let left = loaded[0]
        let right = loaded.count > 1 ? loaded[1] : left
        let deduplicate = spec.mode == .deduplicate

        var kernels: [ComparisonKernel] = []
        for (index, comparison) in spec.comparisons.enumerated() {
            kernels.append(try kernel(comparison, index: index, spec: spec, left: left, right: right, dictionary: dictionary))
        }
        let comparator = Comparator(kernels: kernels, values: ValueBytes(bytes: dictionary.bytes, offsets: dictionary.offsets))

        func keys(_ rules: [BlockingRule], field: String) throws -> [RuleKeys] {
            try rules.enumerated().map { index, rule in
                for key in rule.keys where key.function == .year || key.function == .monthYear {
                    try checkDates(key.column, [left, right], dictionary: dictionary, spec: spec, line: rule.line, field: "\(field)[\(index)]")
                }
                let l = RuleKeys.codes(rule.keys, left, dictionary: &dictionary)
                let r = deduplicate ? l : RuleKeys.codes(rule.keys, right, dictionary: &dictionary)
                return RuleKeys(left: l, right: r)
            }
        }
        let blockingKeys = try keys(spec.blocking, field: "blocking")
        let trainingKeys = try keys(spec.training.blocking, field: "training.blocking")
        var plans: [BlockPlan] = []
        for (index, keys) in blockingKeys.enumerated() {
            let plan = BlockPlan(keys, deduplicate: deduplicate, newFrom: Int32(newFrom))
            let rule = spec.blocking[index]
            if plan.pairs == 0 {
                throw LinkageError(
                    file: spec.file, line: rule.line, field: "blocking[\(index)]",
                    "\(rule.description) forms no block of two records: its keys are empty or never equal across the sides")
            }
            if plan.pairs > spec.maxPairs {
                throw LinkageError(
                    file: spec.file, line: rule.line, field: "blocking[\(index)]",
                    "\(rule.description) would compare \(plan.pairs) pairs, over max_pairs (\(spec.maxPairs)): add a key to the rule")
            }
            plans.append(plan)
        }
        for (index, keys) in trainingKeys.enumerated() {
            let pairs = BlockPlan(keys, deduplicate: deduplicate).pairs
            if pairs > spec.maxPairs {
                throw LinkageError(
                    file: spec.file, line: spec.training.blocking[index].line, field: "training.blocking[\(index)]",
                    "\(spec.training.blocking[index].description) would compare \(pairs) pairs, over max_pairs (\(spec.maxPairs))")
            }
        }
        let deterministicPairs = try DeterministicMatcher.pairs(spec, left: left, right: right, newFrom: newFrom, dictionary: &dictionary)
        return LinkageJob(
            spec: spec, left: left, right: right, comparator: comparator, blockingKeys: blockingKeys, plans: plans,
            trainingKeys: trainingKeys, deterministicPairs: deterministicPairs, newFrom: newFrom)
    }

    /// The columns a side must have, each missing one an error naming the field that asks for it.
    static func neededColumns(_ spec: LinkageSpec, side: SideSpec, sideIndex: Int, available: Set<String>) throws -> [String] {
        var needed: [String] = []
        func require(_ column: String, line: Int?, field: String) throws {
            guard available.contains(column) else {
                throw LinkageError(file: spec.file, line: line, field: field, "no column \(column) in \(side.name) (\(side.sourceDescription))")
            }
            needed.append(column)
        }
        for (index, comparison) in spec.comparisons.enumerated() {
            for column in comparison.columns { try require(column, line: comparison.line, field: "comparisons[\(index)].column") }
        }
        for (field, rules) in [("blocking", spec.blocking), ("training.blocking", spec.training.blocking)] {
            for (index, rule) in rules.enumerated() {
                for column in rule.columns.sorted() { try require(column, line: rule.line, field: "\(field)[\(index)]") }
            }
        }
        for (index, rule) in spec.deterministic.enumerated() {
            let columns = sideIndex == 0 ? rule.columns.left : rule.columns.right
            for column in columns.sorted() { try require(column, line: rule.line, field: "deterministic[\(index)] (\(rule.name))") }
        }
        return needed
    }

    static func joinedCodes(_ columns: [String], _ records: RecordSet, dictionary: inout ValueDictionary) -> [Int32] {
        let sources = columns.map { records.codes($0) }
        return (0..<records.count).map { row in
            let parts = sources.compactMap { dictionary.value($0[row]) }
            return parts.isEmpty ? ValueDictionary.null : dictionary.code(parts.joined(separator: " "))
        }
    }

    static func checkDates(_ column: String, _ sides: [RecordSet], dictionary: ValueDictionary, spec: LinkageSpec, line: Int?, field: String) throws {
        var seen = Set<Int32>()
        var bad: String?
        var parsed = 0
        for records in sides {
            for code in records.codes(column) where code >= 0 && seen.count < 10_000 && seen.insert(code).inserted {
                if DateParts(dictionary.values[Int(code)]) != nil { parsed += 1 } else if bad == nil { bad = dictionary.values[Int(code)] }
            }
        }
        if let bad, parsed * 2 < seen.count {
            throw LinkageError(
                file: spec.file, line: line, field: field,
                "column \(column) does not hold dates (YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY): '\(bad)', and \(seen.count - parsed) of \(seen.count) values like it"
            )
        }
    }

    static func kernel(
        _ comparison: ComparisonSpec, index: Int, spec: LinkageSpec, left: RecordSet, right: RecordSet, dictionary: ValueDictionary
    ) throws -> ComparisonKernel {
        let column = comparison.columns.count > 1 ? comparison.columns.joined(separator: "+") : comparison.columns[0]
        let field = "comparisons[\(index)]"
        var kernel = ComparisonKernel(levels: comparison.levels, left: left.codes(column), right: right.codes(column))
        kernel.exactLevel = comparison.levels.firstIndex { if case .exact = $0 { true } else { false } }.map { UInt8($0 + 1) }
        let codes = Set(kernel.left).union(kernel.right).subtracting([ValueDictionary.null])
        if comparison.levels.contains(where: \.comparesDates) {
            try checkDates(column, [left, right], dictionary: dictionary, spec: spec, line: comparison.line, field: field)
            kernel.dayNumbers = [Int32](repeating: .min, count: dictionary.count)
            kernel.dateParts = [Int32](repeating: 0, count: dictionary.count)
            for code in codes {
                guard let date = DateParts(dictionary.values[Int(code)]) else { continue }
                kernel.dayNumbers[Int(code)] = Int32(date.dayNumber)
                kernel.dateParts[Int(code)] = Int32(date.year * 10_000 + date.month * 100 + date.day)
            }
        }
        if comparison.levels.contains(where: { if case .numericWithin = $0 { true } else { false } }) {
            kernel.numbers = [Double](repeating: .nan, count: dictionary.count)
            var bad: String?
            for code in codes {
                let text = dictionary.values[Int(code)]
                if let number = Double(text.replacingOccurrences(of: ",", with: ".")) {
                    kernel.numbers[Int(code)] = number
                } else if bad == nil {
                    bad = text
                }
            }
            let numeric = kernel.numbers.count(where: { !$0.isNaN })
            if let bad, numeric * 2 < codes.count {
                throw LinkageError(file: spec.file, line: comparison.line, field: field, "column \(column) is not numeric: '\(bad)'")
            }
        }
        if kernel.usesTermFrequency {
            var counts = [Int32](repeating: 0, count: dictionary.count)
            var total = 0
            for code in kernel.left where code >= 0 {
                counts[Int(code)] += 1
                total += 1
            }
            if spec.mode == .link {
                for code in kernel.right where code >= 0 {
                    counts[Int(code)] += 1
                    total += 1
                }
            }
            kernel.frequencies = counts.map { Float($0) / Float(max(total, 1)) }
        }
        return kernel
    }

    /// The record number of an id on a side.
    public func index(of id: String, onLeft: Bool) -> Int? {
        (onLeft ? left : right).ids.firstIndex(of: id)
    }
}
