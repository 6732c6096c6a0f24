import Workbench

/// A link job made only of deterministic rules, run as SQL on the engine that holds both sides: the pairs are
/// found by joins there and written to `<prefix>_pairs`, and no record comes back to Hublot. The statements
/// give the pairs `DeterministicMatcher` gives in memory: keys compared as trimmed text, empty and NULL never
/// equal, each rule's cleaning (`*_RET` codes, fictive pseudonyms) written as portable SQL, and a pair kept
/// under the first rule that accepts it.
public enum DeterministicPushdown {
    /// Why the job cannot run as SQL, or nil when it can.
    public static func obstacle(_ spec: LinkageSpec, out: String) -> String? {
        guard spec.mode == .link, let right = spec.right else { return "a deduplication's clusters are computed in memory" }
        guard spec.comparisons.isEmpty else { return "the spec has probabilistic comparisons, scored in memory" }
        guard case .engine(let leftURL, _) = spec.left.source, case .engine(let rightURL, _) = right.source else {
            return "a side is a CSV file"
        }
        guard leftURL == rightURL, rightURL == out else { return "the sides and the output are not all on one engine" }
        for rule in spec.deterministic {
            for key in rule.keys.flatMap({ [$0.left, $0.right] }) {
                switch key.function {
                case .value, .substring: continue
                // Dates are read in several formats in memory; phonetic codes and folding have no SQL all engines share.
                case .soundex, .folded, .year, .monthYear: return "\(key) is computed in memory"
                }
            }
        }
        return nil
    }

    /// Runs the job on `engine` (which holds both sides; see `obstacle`), writing `<prefix>_pairs`; returns its rows.
    public static func run(_ spec: LinkageSpec, on engine: any Engine, prefix: String) async throws -> Int {
        var sides: [(table: String, columns: [String])] = []
        for side in spec.sides {
            guard case .engine(_, let table) = side.source else { preconditionFailure("checked by obstacle(_:out:)") }
            guard let columns = try await engine.columns(of: table) else {
                throw EngineError.noSuchTable(engine: engine.url.description, table: table)
            }
            sides.append((table, columns.map(\.name)))
        }
        let pairs = LinkageOutput.pairsTable(prefix)
        do {
            for statement in statements(spec, dialect: engine.dialect, left: sides[0], right: sides[1], prefix: prefix) {
                try await engine.execute(statement)
            }
        } catch {
            try? await engine.execute(engine.dialect.dropTable(pairs.name + "__linking"))
            throw error
        }
        return try await engine.count("SELECT COUNT(*) FROM \(engine.dialect.quote(pairs.name))")
    }

    /// The statements that write `<prefix>_pairs`, given each side's table and its columns on the engine.
    public static func statements(
        _ spec: LinkageSpec, dialect: any SQLDialect, left: (table: String, columns: [String]), right: (table: String, columns: [String]),
        prefix: String
    ) -> [String] {
        let pairs = LinkageOutput.pairsTable(prefix)
        var working = pairs
        working.name += "__linking"
        let q = dialect.quote
        let text = dialect.typeName(.text(length: nil))
        var candidates: [String] = []
        for (order, rule) in spec.deterministic.enumerated() {
            var conditions = rule.keys.map { "\(expression($0.left, "l", text: text, q)) = \(expression($0.right, "r", text: text, q))" }
            conditions += rule.keys.map { "\(expression($0.left, "l", text: text, q)) <> ''" }
            if rule.dropNonzeroReturnCodes {
                conditions += left.columns.filter { $0.uppercased().hasSuffix("_RET") }.map { "CAST(l.\(q($0)) AS \(text)) = '0'" }
                conditions += right.columns.filter { $0.uppercased().hasSuffix("_RET") }.map { "CAST(r.\(q($0)) AS \(text)) = '0'" }
            }
            if rule.dropFictive {
                for key in rule.keys {
                    conditions += notFictive("l.\(q(key.left.column))", text: text, dialect: dialect)
                    conditions += notFictive("r.\(q(key.right.column))", text: text, dialect: dialect)
                }
            }
            candidates.append(
                """
                SELECT DISTINCT CAST(l.\(q(spec.left.id)) AS \(text)) AS left_id, CAST(r.\(q(spec.right!.id)) AS \(text)) AS right_id, \
                \(order) AS rule_order, \(dialect.literal(rule.name)) AS matched_by
                FROM \(q(left.table)) l JOIN \(q(right.table)) r ON \(conditions.joined(separator: "\n  AND "))
                """)
        }
        // One statement, reading only the sides: a pair is kept under the first rule that accepts it.
        let real = dialect.typeName(.real)
        var statements = [dialect.dropTable(working.name), dialect.createTable(working)]
        statements.append(
            """
            INSERT INTO \(q(working.name)) (\(working.columnNames.map(q).joined(separator: ", ")))
            SELECT left_id, right_id, CAST(NULL AS \(real)), CAST(1 AS \(real)), matched_by FROM (
            SELECT left_id, right_id, matched_by, ROW_NUMBER() OVER (PARTITION BY left_id, right_id ORDER BY rule_order) AS rank_in_pair FROM (
            \(candidates.joined(separator: "\nUNION ALL\n"))
            ) candidates
            ) ranked WHERE rank_in_pair = 1
            """)
        statements.append(dialect.dropTable(pairs.name))
        statements.append("ALTER TABLE \(q(working.name)) RENAME TO \(q(pairs.name))")
        return statements
    }

    /// A key as the in-memory matcher reads it: trimmed text, or characters of it (`substr`).
    static func expression(_ key: KeyExpression, _ alias: String, text: String, _ quote: (String) -> String) -> String {
        let value = "TRIM(CAST(\(alias).\(quote(key.column)) AS \(text)))"
        switch key.function {
        case .value: return value
        case .substring(let start, let length): return "SUBSTR(\(value), \(start), \(length))"
        case .soundex, .folded, .year, .monthYear: preconditionFailure("checked by obstacle(_:out:)")
        }
    }

    /// `FictivePseudonym` as SQL: not empty once spaces are removed, not one character repeated, not a run of
    /// five or more consecutive digits, no placeholder word.
    static func notFictive(_ column: String, text: String, dialect: any SQLDialect) -> [String] {
        let compact = "REPLACE(CAST(\(column) AS \(text)), ' ', '')"
        let digits = Array("0123456789")
        var runs: [String] = []
        for length in 5...10 {
            for start in 0...(10 - length) {
                let run = String(digits[start..<start + length])
                runs += [run, String(run.reversed())]
            }
        }
        return [
            "\(compact) <> ''", "REPLACE(\(compact), SUBSTR(\(compact), 1, 1), '') <> ''",
            "\(compact) NOT IN (\(runs.map(dialect.literal).joined(separator: ", ")))",
        ] + FictivePseudonym.words.map { "UPPER(CAST(\(column) AS \(text))) NOT LIKE \(dialect.literal("%\($0)%"))" }
    }
}
