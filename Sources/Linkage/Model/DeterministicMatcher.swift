/// What counts as a fictive (placeholder) pseudonym: a value no real person has, which chaining on it would
/// join thousands of unrelated rows. A pseudonym is fictive when, spaces ignored, it is
/// - empty;
/// - one character repeated (`0000000000000`, `XXXXXXXXXXXXXXXXX`, `999999999`);
/// - a run of consecutive digits up or down of five or more (`0123456789`, `987654321`);
/// - or holds a placeholder word (`INCONNU`, `FICTIF`, `ANONYME`, `UNKNOWN`, `DUMMY`), whatever its case.
public enum FictivePseudonym {
    static let words = ["INCONNU", "FICTIF", "ANONYME", "UNKNOWN", "DUMMY"]

    public static func isFictive(_ value: String) -> Bool {
        let bytes = value.utf8.filter { $0 != 0x20 }
        guard let first = bytes.first else { return true }
        if bytes.allSatisfy({ $0 == first }) { return true }
        if bytes.count >= 5, bytes.allSatisfy({ (48...57).contains($0) }) {
            let steps = zip(bytes, bytes.dropFirst()).map { Int($1) - Int($0) }
            if steps.allSatisfy({ $0 == 1 }) || steps.allSatisfy({ $0 == -1 }) { return true }
        }
        let upper = value.uppercased()
        return words.contains { upper.contains($0) }
    }
}

/// Pairs the deterministic rules accept: records whose keys are all equal, after each rule's cleaning.
enum DeterministicMatcher {
    static func pairs(
        _ spec: LinkageSpec, left: RecordSet, right: RecordSet, newFrom: Int = 0, dictionary: inout ValueDictionary
    ) throws -> [UInt64: Int] {
        var accepted: [UInt64: Int] = [:]
        let deduplicate = spec.mode == .deduplicate
        for (index, rule) in spec.deterministic.enumerated() {
            let leftKeys = keys(rule, rule.keys.map(\.left), left, dictionary: &dictionary)
            let rightKeys = deduplicate ? leftKeys : keys(rule, rule.keys.map(\.right), right, dictionary: &dictionary)
            let plan = BlockPlan(RuleKeys(left: leftKeys, right: rightKeys), deduplicate: deduplicate, newFrom: Int32(newFrom))
            if plan.pairs > spec.maxPairs {
                throw LinkageError(
                    file: spec.file, line: rule.line, field: "deterministic[\(index)] (\(rule.name))",
                    "its keys are shared by so many records that it would accept \(plan.pairs) pairs, over max_pairs (\(spec.maxPairs))")
            }
            plan.forEachPair(in: plan.blocks) { i, j in
                let key = LinkageJob.pairKey(i, j)
                if accepted[key] == nil { accepted[key] = index }
            }
        }
        return accepted
    }

    /// The rule's composite key per record; null for rows the cleaning drops.
    static func keys(_ rule: DeterministicRule, _ expressions: [KeyExpression], _ records: RecordSet, dictionary: inout ValueDictionary) -> [Int32] {
        var keys = RuleKeys.codes(expressions, records, dictionary: &dictionary)
        if rule.dropNonzeroReturnCodes {
            let zero = dictionary.existingCode("0")
            for column in records.columns.keys where column.hasSuffix("_RET") {
                for (row, code) in records.columns[column]!.enumerated() where code != zero { keys[row] = ValueDictionary.null }
            }
        }
        if rule.dropFictive {
            var fictive: [Int32: Bool] = [:]
            for expression in expressions {
                for (row, code) in records.codes(expression.column).enumerated() where keys[row] >= 0 {
                    let isFictive = code < 0 || fictive[code, default: FictivePseudonym.isFictive(dictionary.values[Int(code)])]
                    if code >= 0 { fictive[code] = isFictive }
                    if isFictive { keys[row] = ValueDictionary.null }
                }
            }
        }
        return keys
    }
}
