import Foundation
import Workbench
import Yams

extension LinkageSpec {
    /// Reads the spec at `path`; every error names the file, the line and the field.
    public static func read(path: String) throws(LinkageError) -> LinkageSpec {
        let text: String
        do {
            text = try SpecDocument.text(atPath: path)
        } catch {
            throw LinkageError(file: path, field: "", error.message)
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(LinkageError) -> LinkageSpec {
        let root: Node
        do {
            root = try SpecDocument.mapping(text)
        } catch {
            throw LinkageError(file: file, line: error.line, field: "", error.message)
        }
        return try SpecReader(file: file).spec(root)
    }
}

/// Reads the YAML tree, keeping each field's path and line for messages.
struct SpecReader {
    let file: String
    var folder: String { (file as NSString).deletingLastPathComponent }

    func error(_ node: Node?, _ field: String, _ message: String) -> LinkageError {
        LinkageError(file: file, line: node?.mark?.line, field: field, message)
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    static let topKeys: Set<String> = [
        "version", "mode", "link_type", "left", "right", "records", "deterministic", "comparisons", "blocking",
        "training", "threshold", "max_pairs", "one_to_one", "cluster_threshold", "model",
    ]

    func spec(_ root: Node) throws(LinkageError) -> LinkageSpec {
        for (key, _) in root.mapping! where !Self.topKeys.contains(key.string ?? "") {
            throw error(key, key.string ?? "?", "unknown field; known: \(Self.topKeys.sorted().joined(separator: ", "))")
        }
        guard let version = root["version"] else { throw error(root, "version", "missing; write version: 1") }
        guard version.int == 1 else { throw error(version, "version", "unsupported version \(version.string ?? "?"); this Hublot reads version 1") }
        let modeNode = root["mode"] ?? root["link_type"]
        guard let modeNode, let modeText = modeNode.string else { throw error(root, "mode", "missing; link or deduplicate") }
        guard let mode = LinkageMode(spelling: modeText) else {
            throw error(modeNode, "mode", "unknown mode '\(modeText)'; link (link_only) or deduplicate (dedupe_only)")
        }
        let left: SideSpec
        var right: SideSpec?
        switch mode {
        case .link:
            guard let leftNode = root["left"] else { throw error(root, "left", "missing: a link job has a left and a right side") }
            guard let rightNode = root["right"] else { throw error(root, "right", "missing: a link job has a left and a right side") }
            left = try side(leftNode, "left")
            right = try side(rightNode, "right")
        case .deduplicate:
            guard let node = root["records"] ?? root["left"] else { throw error(root, "records", "missing: the records to deduplicate") }
            if let extra = root["right"] { throw error(extra, "right", "a deduplication has one side (records), not two") }
            left = try side(node, root["records"] != nil ? "records" : "left")
        }
        let deterministic = try rules(root["deterministic"], mode: mode)
        let comparisons = try comparisons(root["comparisons"])
        let blocking = try blockingRules(root["blocking"], field: "blocking")
        if comparisons.isEmpty && deterministic.isEmpty {
            throw error(root, "comparisons", "the spec has neither comparisons nor deterministic rules: nothing to link on")
        }
        if !comparisons.isEmpty && blocking.isEmpty {
            throw error(root, "blocking", "comparisons need at least one blocking rule: without one every pair would be compared")
        }
        var training = TrainingSpec()
        if let node = root["training"] { training = try trainingSpec(node) }
        if training.blocking.isEmpty { training.blocking = blocking }
        let threshold = try threshold(root["threshold"])
        let maxPairs = try integer(root["max_pairs"], "max_pairs", default: 50_000_000, minimum: 1)
        let oneToOne = try boolean(root["one_to_one"], "one_to_one", default: false)
        if oneToOne, mode == .deduplicate { throw error(root["one_to_one"], "one_to_one", "one-to-one assignment is for link jobs") }
        let clusterThreshold = try probability(root["cluster_threshold"], "cluster_threshold", default: 0.95)
        var modelPath = resolve(((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".model.json")
        if let node = root["model"] {
            guard let text = node.string, !text.isEmpty else { throw error(node, "model", "expected a file path") }
            modelPath = resolve(text)
        }
        return LinkageSpec(
            file: file, mode: mode, left: left, right: right, deterministic: deterministic, comparisons: comparisons, blocking: blocking,
            training: training, threshold: threshold, maxPairs: maxPairs, oneToOne: oneToOne, clusterThreshold: clusterThreshold,
            modelPath: modelPath)
    }

    func side(_ node: Node, _ field: String) throws(LinkageError) -> SideSpec {
        guard node.mapping != nil else { throw error(node, field, "expected a mapping with csv: or engine: and table:, and id:") }
        guard let id = node["id"]?.string, !id.isEmpty else { throw error(node, "\(field).id", "missing: the column that identifies a record") }
        if let csv = node["csv"] {
            guard let path = csv.string, !path.isEmpty else { throw error(csv, "\(field).csv", "expected a file path") }
            return SideSpec(name: field, source: .csv(path: resolve(path)), id: id, line: node.mark?.line)
        }
        guard let engine = node["engine"] else { throw error(node, field, "missing csv: or engine:") }
        guard var url = engine.string, let colon = url.range(of: "://") else {
            throw error(engine, "\(field).engine", "expected an engine URL such as sqlite:///path/project.sqlite")
        }
        guard let table = node["table"]?.string, !table.isEmpty else { throw error(node, "\(field).table", "missing: the table on the engine") }
        if url.hasPrefix("sqlite") {
            let path = String(url[colon.upperBound...])
            url = "sqlite://" + (path.hasPrefix("/") ? path : resolve(path))
        }
        return SideSpec(name: field, source: .engine(url: url, table: table), id: id, line: node.mark?.line)
    }

    func rules(_ node: Node?, mode: LinkageMode) throws(LinkageError) -> [DeterministicRule] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw error(node, "deterministic", "expected a list of rules") }
        var rules: [DeterministicRule] = []
        for (index, item) in items.enumerated() {
            let field = "deterministic[\(index)]"
            if let name = item.string ?? item["preset"]?.string {
                guard var preset = DeterministicRule.presets[name] else {
                    throw error(item, field, "unknown preset '\(name)'; known: \(DeterministicRule.presets.keys.sorted().joined(separator: ", "))")
                }
                preset.line = item.mark?.line
                rules.append(preset)
                continue
            }
            guard let keyNodes = item["keys"]?.sequence, !keyNodes.isEmpty else {
                throw error(item, field, "expected a preset name or keys: [COLUMN, LEFT = RIGHT, ...]")
            }
            var keys: [(left: KeyExpression, right: KeyExpression)] = []
            for (keyIndex, keyNode) in keyNodes.enumerated() {
                let keyField = "\(field).keys[\(keyIndex)]"
                guard let text = keyNode.string else { throw error(keyNode, keyField, "expected a column or LEFT = RIGHT") }
                let parts = text.split(separator: "=", maxSplits: 1).map { String($0) }
                let leftKey = try expression(parts[0], keyNode, keyField)
                let rightKey = parts.count == 2 ? try expression(parts[1], keyNode, keyField) : leftKey
                keys.append((leftKey, rightKey))
            }
            rules.append(
                DeterministicRule(
                    name: item["name"]?.string ?? keys.map(\.left.description).joined(separator: "+"), keys: keys,
                    dropNonzeroReturnCodes: try boolean(item["drop_nonzero_return_codes"], "\(field).drop_nonzero_return_codes", default: false),
                    dropFictive: try boolean(item["drop_fictive"], "\(field).drop_fictive", default: false), line: item.mark?.line))
        }
        return rules
    }

    func comparisons(_ node: Node?) throws(LinkageError) -> [ComparisonSpec] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw error(node, "comparisons", "expected a list of comparisons") }
        guard items.count <= 16 else { throw error(node, "comparisons", "at most 16 comparisons (a pair's levels are packed in 64 bits)") }
        var result: [ComparisonSpec] = []
        for (index, item) in items.enumerated() {
            let field = "comparisons[\(index)]"
            var columns: [String] = []
            if let column = item["column"]?.string {
                columns = [column]
            } else if let list = item["columns"]?.sequence {
                columns = list.compactMap(\.string)
            }
            guard !columns.isEmpty else { throw error(item, "\(field).column", "missing: the column (or columns:) to compare") }
            let name = item["name"]?.string ?? columns.joined(separator: "_")
            guard let levelNodes = item["levels"]?.sequence, !levelNodes.isEmpty else {
                throw error(item, "\(field).levels", "missing: the comparison's levels, e.g. [exact, {jaro_winkler: 0.9}]")
            }
            var levels: [ComparisonLevel] = []
            for (levelIndex, levelNode) in levelNodes.enumerated() {
                if let level = try level(levelNode, "\(field).levels[\(levelIndex)]") { levels.append(level) }
            }
            guard levels.count <= 13 else { throw error(item, "\(field).levels", "at most 13 levels besides null and else") }
            if result.contains(where: { $0.name == name }) { throw error(item, "\(field).name", "a second comparison named \(name)") }
            result.append(ComparisonSpec(name: name, columns: columns, levels: levels, line: item.mark?.line))
        }
        return result
    }

    static let levelKinds = [
        "null", "exact", "jaro_winkler", "levenshtein", "date_within_days", "same_month_year", "day_month_swapped", "numeric_within",
    ]

    /// One level: `exact`, `{exact: {term_frequency: true}}`, `{jaro_winkler: 0.9}`, `{levenshtein: 1}`,
    /// `{date_within_days: 30}`, `same_month_year`, `day_month_swapped`, `{numeric_within: 0.5}`; `null` is implicit.
    func level(_ node: Node, _ field: String) throws(LinkageError) -> ComparisonLevel? {
        let kind: String
        var argument: Node?
        if let text = node.string {
            kind = text
        } else if let mapping = node.mapping, mapping.count == 1, let first = mapping.first, let key = first.key.string {
            kind = key
            argument = first.value
        } else {
            throw error(node, field, "expected a level kind such as exact or {jaro_winkler: 0.9}")
        }
        func number(_ what: String) throws(LinkageError) -> Double {
            guard let argument, let value = argument.float else { throw error(node, field, "\(kind) needs \(what), e.g. {\(kind): 1}") }
            return value
        }
        switch kind {
        case "null": return nil
        case "exact":
            let tf = try boolean(argument?["term_frequency"], "\(field).term_frequency", default: false)
            return .exact(termFrequency: tf)
        case "jaro_winkler":
            let t = try number("a similarity between 0 and 1")
            guard (0...1).contains(t) else { throw error(node, field, "a Jaro-Winkler threshold is between 0 and 1, not \(t)") }
            return .jaroWinkler(atLeast: t)
        case "levenshtein":
            let k = try number("a number of edits")
            guard k >= 0, k == k.rounded() else { throw error(node, field, "a Levenshtein distance is a whole number of edits, not \(k)") }
            return .levenshtein(atMost: Int(k))
        case "date_within_days":
            let days = try number("a number of days")
            guard days >= 0 else { throw error(node, field, "a number of days is not negative") }
            return .dateWithin(days: Int(days))
        case "same_month_year": return .sameMonthYear
        case "day_month_swapped": return .dayMonthSwapped
        case "numeric_within":
            let d = try number("a difference")
            guard d >= 0 else { throw error(node, field, "a difference is not negative") }
            return .numericWithin(d)
        default:
            throw error(node, field, "unknown level kind '\(kind)'; known: \(Self.levelKinds.joined(separator: ", "))")
        }
    }

    func blockingRules(_ node: Node?, field: String) throws(LinkageError) -> [BlockingRule] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw error(node, field, "expected a list of rules, each a list of keys") }
        var rules: [BlockingRule] = []
        for (index, item) in items.enumerated() {
            let ruleField = "\(field)[\(index)]"
            let keyNodes: [Node]
            if let text = item.string {
                keyNodes = [Node(text)]
            } else if let list = item.sequence ?? item["keys"]?.sequence {
                keyNodes = Array(list)
            } else {
                throw error(item, ruleField, "expected a list of keys such as [surname, substr(given_name, 1, 2)]")
            }
            guard !keyNodes.isEmpty else { throw error(item, ruleField, "a blocking rule needs at least one key") }
            var keys: [KeyExpression] = []
            for keyNode in keyNodes {
                guard let text = keyNode.string else { throw error(item, ruleField, "expected a key such as surname or year(dob)") }
                keys.append(try expression(text, item, ruleField))
            }
            rules.append(BlockingRule(keys: keys, line: item.mark?.line))
        }
        return rules
    }

    /// `column`, `substr(column, start, length)`, `soundex(column)`, `year(column)`, `month_year(column)`, `folded(column)`.
    func expression(_ raw: String, _ node: Node, _ field: String) throws(LinkageError) -> KeyExpression {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            guard !text.isEmpty, !text.contains(where: { " ,()".contains($0) }) else {
                throw error(node, field, "'\(text)' is not a column nor a key")
            }
            return KeyExpression(column: text)
        }
        let function = text[..<open].trimmingCharacters(in: .whitespaces).lowercased()
        let arguments = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let column = arguments.first, !column.isEmpty else { throw error(node, field, "\(function)() needs a column") }
        switch (function, arguments.count) {
        case ("substr", 3), ("substring", 3):
            guard let start = Int(arguments[1]), let length = Int(arguments[2]), start >= 1, length >= 1 else {
                throw error(node, field, "substr(column, start, length) takes a 1-based start and a length, not \(text)")
            }
            return KeyExpression(.substring(start: start, length: length), column: column)
        case ("soundex", 1): return KeyExpression(.soundex, column: column)
        case ("year", 1): return KeyExpression(.year, column: column)
        case ("month_year", 1): return KeyExpression(.monthYear, column: column)
        case ("folded", 1), ("lower", 1): return KeyExpression(.folded, column: column)
        default:
            throw error(node, field, "unknown key '\(text)'; known: column, substr(c, start, length), soundex(c), year(c), month_year(c), folded(c)")
        }
    }

    func trainingSpec(_ node: Node) throws(LinkageError) -> TrainingSpec {
        var training = TrainingSpec()
        training.seed = UInt64(try integer(node["seed"], "training.seed", default: 42, minimum: 0))
        training.uSamplePairs = try integer(node["u_sample_pairs"], "training.u_sample_pairs", default: 1_000_000, minimum: 1)
        training.maxIterations = try integer(node["max_iterations"], "training.max_iterations", default: 100, minimum: 1)
        training.deterministicRecall = try probability(node["deterministic_recall"], "training.deterministic_recall", default: 1)
        training.blocking = try blockingRules(node["blocking"], field: "training.blocking")
        return training
    }

    func threshold(_ node: Node?) throws(LinkageError) -> Threshold {
        guard let node else { return .probability(0.9) }
        if let value = node.float { return .probability(try probability(node, "threshold", default: value)) }
        if let p = node["probability"] { return .probability(try probability(p, "threshold.probability", default: 0.9)) }
        if let w = node["weight"] {
            guard let value = w.float else { throw error(w, "threshold.weight", "expected a match weight in bits") }
            return .weight(value)
        }
        throw error(node, "threshold", "expected a probability (0.9), {probability: 0.9} or {weight: 6}")
    }

    func integer(_ node: Node?, _ field: String, default value: Int, minimum: Int) throws(LinkageError) -> Int {
        guard let node else { return value }
        guard let number = node.int ?? node.string.flatMap({ Int($0.replacingOccurrences(of: "_", with: "")) }), number >= minimum else {
            throw error(node, field, "expected a whole number of at least \(minimum), not \(node.string ?? "?")")
        }
        return number
    }

    func probability(_ node: Node?, _ field: String, default value: Double) throws(LinkageError) -> Double {
        guard let node else { return value }
        guard let p = node.float, p > 0, p < 1 || (field.hasSuffix("recall") && p == 1) else {
            throw error(node, field, "expected a probability between 0 and 1, not \(node.string ?? "?")")
        }
        return p
    }

    func boolean(_ node: Node?, _ field: String, default value: Bool) throws(LinkageError) -> Bool {
        guard let node else { return value }
        guard let flag = node.bool else { throw error(node, field, "expected true or false, not \(node.string ?? "?")") }
        return flag
    }
}
