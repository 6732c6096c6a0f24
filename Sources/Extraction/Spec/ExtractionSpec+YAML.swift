import Core
import Crypto
import Foundation
import Workbench
import Yams

extension ExtractionSpec {
    /// Reads the spec at `path`; every error names the file, the line and the field.
    public static func read(path: String) throws(ExtractionError) -> ExtractionSpec {
        let text: String
        do {
            text = try SpecDocument.text(atPath: path)
        } catch {
            throw ExtractionError(file: path, field: "", error.message)
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ExtractionError) -> ExtractionSpec {
        let root: Node
        do {
            root = try SpecDocument.mapping(text)
        } catch {
            throw ExtractionError(file: file, line: error.line, field: "", error.message)
        }
        let hash = SHA256.hash(data: Data(text.utf8)).hexadecimal
        return try ExtractionSpecReader(file: file).spec(root, hash: hash)
    }
}

/// Reads the YAML tree, keeping each field's path and line for messages.
struct ExtractionSpecReader {
    let file: String

    func error(_ node: Node?, _ field: String, _ message: String) -> ExtractionError {
        ExtractionError(file: file, line: node?.mark?.line, field: field, message)
    }

    func checkKeys(_ node: Node, _ field: String, _ known: Set<String>) throws(ExtractionError) {
        for (key, _) in node.mapping ?? [:] where !known.contains(key.string ?? "") {
            let path = field.isEmpty ? key.string ?? "?" : "\(field).\(key.string ?? "?")"
            throw error(key, path, "unknown field; known: \(known.sorted().joined(separator: ", "))")
        }
    }

    func spec(_ root: Node, hash: String) throws(ExtractionError) -> ExtractionSpec {
        try checkKeys(root, "", ["version", "name", "catalog", "period", "population", "extract"])
        guard let version = root["version"] else { throw error(root, "version", "missing; write version: 1") }
        guard version.int == 1 else { throw error(version, "version", "unsupported version \(version.string ?? "?"); this Hublot reads version 1") }
        let name = try identifier(root["name"], "name", parent: root)
        var catalog: String?
        if let node = root["catalog"] {
            guard let text = node.string, !text.isEmpty else { throw error(node, "catalog", "expected a catalog version name") }
            catalog = text
        }
        guard let periodNode = root["period"] else { throw error(root, "period", "missing; e.g. period: {start: 2019-01-01, end: 2019-12-31}") }
        let period = try self.period(periodNode)
        guard let populationNode = root["population"], let items = populationNode.sequence, !items.isEmpty else {
            throw error(root["population"] ?? root, "population", "missing: a list of criteria (preset: or table:)")
        }
        var population: [Criterion] = []
        for (index, item) in items.enumerated() {
            let criterion = try self.criterion(item, "population[\(index)]", period: period)
            if let twin = population.first(where: { $0.name == criterion.name }) {
                throw error(item, "population[\(index)].name", "\(criterion.name) is already the name of a criterion (line \(twin.line ?? 0))")
            }
            population.append(criterion)
        }
        var extracts: [TableExtract] = []
        if let node = root["extract"] {
            guard let items = node.sequence else { throw error(node, "extract", "expected a list of tables") }
            for (index, item) in items.enumerated() { extracts.append(try extract(item, "extract[\(index)]")) }
        }
        return ExtractionSpec(
            file: file, name: name, catalogVersion: catalog, period: period, population: population, extracts: extracts, hash: hash)
    }

    /// Names become table names on every engine: letters, digits and underscores, starting with a letter.
    func identifier(_ node: Node?, _ field: String, parent: Node) throws(ExtractionError) -> String {
        guard let node else { throw error(parent, field, "missing") }
        guard let text = node.string, let first = text.unicodeScalars.first, first.isASCIILetter,
            text.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" })
        else {
            throw error(node, field, "expected a name of letters, digits and underscores, starting with a letter (it names tables)")
        }
        return text
    }

    func period(_ node: Node) throws(ExtractionError) -> Period {
        try checkKeys(node, "period", ["start", "end"])
        guard node.mapping != nil else { throw error(node, "period", "expected start: and end: dates") }
        let start = try date(node["start"], "period.start", parent: node)
        let end = try date(node["end"], "period.end", parent: node)
        guard start <= end else { throw error(node, "period", "the end (\(CalendarDay.isoText(end))) is before the start") }
        return Period(start: start, end: end)
    }

    func date(_ node: Node?, _ field: String, parent: Node) throws(ExtractionError) -> Int {
        guard let node else { throw error(parent, field, "missing") }
        guard let text = node.string, let day = CalendarDay.day(iso: text) else {
            throw error(node, field, "expected a date as YYYY-MM-DD, got \(node.string ?? "?")")
        }
        return day
    }

    func strings(_ node: Node?, _ field: String, parent: Node) throws(ExtractionError) -> [String] {
        guard let node else { throw error(parent, field, "missing") }
        if let items = node.sequence {
            var values: [String] = []
            for (index, item) in items.enumerated() {
                guard item.scalar != nil, let text = item.string, !text.isEmpty else {
                    throw error(item, "\(field)[\(index)]", "expected a value")
                }
                values.append(text)
            }
            guard !values.isEmpty else { throw error(node, field, "an empty list") }
            return values
        }
        guard node.scalar != nil, let text = node.string, !text.isEmpty else { throw error(node, field, "expected a value or a list") }
        return [text]
    }

    func column(_ node: Node?, _ field: String, parent: Node) throws(ExtractionError) -> String {
        guard let node else { throw error(parent, field, "missing: a column") }
        guard node.scalar != nil, let text = node.string, !text.isEmpty, !text.contains(where: { $0 == "\"" || $0 == "`" }) else {
            throw error(node, field, "expected a column name")
        }
        return text
    }

    func presets(_ node: Node?, _ field: String) throws(ExtractionError) -> [QualityPreset] {
        guard let node else { return [] }
        var presets: [QualityPreset] = []
        for (index, text) in try strings(node, field, parent: node).enumerated() {
            guard let preset = QualityPreset(rawValue: text) else {
                let item = node.sequence?[index] ?? node
                throw error(item, field, "unknown quality preset \(text); known: \(QualityPreset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            presets.append(preset)
        }
        return presets
    }

    func criterion(_ node: Node, _ field: String, period: Period) throws(ExtractionError) -> Criterion {
        guard node.mapping != nil else { throw error(node, field, "expected a mapping with name: and preset: or table:") }
        let name = try identifier(node["name"], "\(field).name", parent: node)
        let line = node.mark?.line
        if let presetNode = node["preset"] {
            guard let text = presetNode.string, let preset = CriterionPreset(rawValue: text) else {
                throw error(
                    presetNode, "\(field).preset",
                    "unknown preset \(presetNode.string ?? "?"); known: \(CriterionPreset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            switch preset {
            case .pmsiMCODiagnosis:
                try checkKeys(node, field, ["name", "preset", "codes", "positions"])
                let codes = try strings(node["codes"], "\(field).codes", parent: node)
                var positions = CriterionPreset.DiagnosisPosition.allCases
                if let positionsNode = node["positions"] {
                    positions = []
                    for text in try strings(positionsNode, "\(field).positions", parent: node) {
                        guard let position = CriterionPreset.DiagnosisPosition(rawValue: text) else {
                            throw error(positionsNode, "\(field).positions", "unknown position \(text); main, related or associated")
                        }
                        positions.append(position)
                    }
                }
                return Criterion(
                    name: name, sources: CriterionPreset.diagnosisSources(codes: codes, positions: positions, years: period.years, line: line),
                    line: line)
            case .dcirDrug:
                try checkKeys(node, field, ["name", "preset", "atc"])
                let atc = try strings(node["atc"], "\(field).atc", parent: node)
                return Criterion(name: name, sources: CriterionPreset.drugSources(atc: atc, line: line), line: line)
            }
        }
        try checkKeys(node, field, ["name", "table", "join", "person", "date", "where", "quality"])
        let template = try source(node, field)
        let sources = ExtractionPlanner.expand(template.table, years: period.years).map { table, year in
            year.map { year in template.renamingTables { ExtractionPlanner.fill($0, year: year) } } ?? template
        }
        return Criterion(name: name, sources: sources, line: line)
    }

    /// A table read as a criterion or an extract writes it: table, join, person, date, where, quality.
    func source(_ node: Node, _ field: String) throws(ExtractionError) -> Source {
        let table = try column(node["table"], "\(field).table", parent: node)
        var joins: [Join] = []
        if let joinNode = node["join"] {
            guard let items = joinNode.sequence else { throw error(joinNode, "\(field).join", "expected a list of {table:, on:}") }
            for (index, item) in items.enumerated() { joins.append(try join(item, "\(field).join[\(index)]")) }
        }
        let person = ColumnReference(parsing: try column(node["person"], "\(field).person", parent: node))
        let date = try node["date"].map { (dateNode) throws(ExtractionError) in
            ColumnReference(parsing: try column(dateNode, "\(field).date", parent: node))
        }
        return Source(
            table: table, joins: joins, person: person, date: date, filters: try filters(node["where"], "\(field).where"),
            quality: try presets(node["quality"], "\(field).quality"), line: node.mark?.line)
    }

    func join(_ node: Node, _ field: String) throws(ExtractionError) -> Join {
        try checkKeys(node, field, ["table", "on"])
        let table = try column(node["table"], "\(field).table", parent: node)
        guard let on = node["on"] else { throw error(node, "\(field).on", "missing: the columns joined (a list of shared names, or a mapping)") }
        if let pairs = on.mapping {
            var result: [(left: ColumnReference, right: String)] = []
            for (key, value) in pairs {
                result.append((ColumnReference(parsing: try column(key, "\(field).on", parent: on)), try column(value, "\(field).on", parent: on)))
            }
            return Join(table: table, on: result)
        }
        let names = try strings(on, "\(field).on", parent: node)
        return Join(table: table, on: names.map { (ColumnReference(column: $0), $0) })
    }

    static let operators = ["equals", "not_equals", "in", "not_in", "starts_with", "not_starts_with", "between", "is_null", "not_null", "any_of"]

    func filters(_ node: Node?, _ field: String) throws(ExtractionError) -> [Filter] {
        guard let node else { return [] }
        guard let items = node.sequence else { throw error(node, field, "expected a list of conditions such as {column: DPN_QLF, not_equals: 71}") }
        var filters: [Filter] = []
        for (index, item) in items.enumerated() { filters.append(try filter(item, "\(field)[\(index)]")) }
        return filters
    }

    func filter(_ node: Node, _ field: String) throws(ExtractionError) -> Filter {
        try checkKeys(node, field, Set(["column"] + Self.operators))
        let given = Self.operators.filter { node[$0] != nil }
        guard given.count == 1, let op = given.first else {
            throw error(node, field, "expected exactly one of \(Self.operators.joined(separator: ", "))")
        }
        let value = node[op]!
        if op == "any_of" {
            if let extra = node["column"] { throw error(extra, "\(field).column", "any_of holds whole conditions, each with its column") }
            let inner = try filters(value, "\(field).any_of")
            guard inner.count >= 2 else { throw error(value, "\(field).any_of", "expected at least two conditions") }
            return .anyOf(inner)
        }
        let column = ColumnReference(parsing: try self.column(node["column"], "\(field).column", parent: node))
        let path = "\(field).\(op)"
        switch op {
        case "equals", "not_equals":
            guard value.scalar != nil, let text = value.string else { throw error(value, path, "expected one value") }
            return op == "equals" ? .equals(column, text) : .notEquals(column, text)
        case "in": return .isIn(column, try strings(value, path, parent: node))
        case "not_in": return .notIn(column, try strings(value, path, parent: node))
        case "starts_with": return .startsWith(column, try strings(value, path, parent: node))
        case "not_starts_with": return .notStartsWith(column, try strings(value, path, parent: node))
        case "between":
            let bounds = try strings(value, path, parent: node)
            guard bounds.count == 2 else { throw error(value, path, "expected [low, high]") }
            return .between(column, bounds[0], bounds[1])
        default:
            guard value.bool == true else { throw error(value, path, "expected true") }
            return op == "is_null" ? .isNull(column) : .isNotNull(column)
        }
    }

    func extract(_ node: Node, _ field: String) throws(ExtractionError) -> TableExtract {
        guard node.mapping != nil else { throw error(node, field, "expected a mapping with table:, person: and columns:") }
        try checkKeys(node, field, ["table", "join", "columns", "person", "date", "where", "quality"])
        let columns = try node["columns"].map { (columnsNode) throws(ExtractionError) in try strings(columnsNode, "\(field).columns", parent: node) }
        return TableExtract(source: try source(node, field), columns: columns)
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
