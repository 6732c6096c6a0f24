import Foundation

/// What the quality checks found on a project's tables, per table and per column.
public struct QualityReport: Codable, Sendable {
    public var catalogVersion: String
    public var engine: String
    public var checkedAt: Date
    public var tables: [TableQuality]

    public init(catalogVersion: String, engine: String, checkedAt: Date = Date(), tables: [TableQuality]) {
        self.catalogVersion = catalogVersion
        self.engine = engine
        self.checkedAt = checkedAt
        self.tables = tables
    }

    /// Every rule result of the report, table-level and column-level.
    public var allRules: [RuleResult] { tables.flatMap(\.allRules) }
    /// True when a blocking rule failed: the data is not fit to hand over (`hublot quality check` exits 1).
    public var hasBlockingFailure: Bool { allRules.contains { $0.status == .failed && $0.severity == .blocking } }
    public var failedRules: [RuleResult] { allRules.filter { $0.status == .failed } }
}

/// One catalog table as found on the engine.
public struct TableQuality: Codable, Sendable {
    public var name: String
    public var isPresent: Bool
    /// Rows in the table; nil when it is missing.
    public var rowCount: Int?
    /// Rules that concern the table or several of its columns (keys, duplicates, date pairs).
    public var rules: [RuleResult]
    public var columns: [ColumnQuality]

    public init(name: String, isPresent: Bool, rowCount: Int? = nil, rules: [RuleResult] = [], columns: [ColumnQuality] = []) {
        self.name = name
        self.isPresent = isPresent
        self.rowCount = rowCount
        self.rules = rules
        self.columns = columns
    }

    public var allRules: [RuleResult] { rules + columns.flatMap(\.rules) }

    public func column(_ name: String) -> ColumnQuality? {
        columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func rules(named rule: String) -> [RuleResult] { allRules.filter { $0.rule == rule } }
}

/// One column: its types, its null rate, and the rules run on its values.
public struct ColumnQuality: Codable, Sendable {
    public var name: String
    /// The type the catalog gives (`string(17)`, `number(10,2)`, `date`).
    public var catalogType: String?
    /// The type the engine declares; nil when the column is missing.
    public var declaredType: String?
    public var nullCount: Int?
    /// Nulls over rows, 0 for an empty table.
    public var nullRate: Double?
    public var rules: [RuleResult]

    public init(
        name: String, catalogType: String?, declaredType: String?, nullCount: Int? = nil, nullRate: Double? = nil, rules: [RuleResult] = []
    ) {
        self.name = name
        self.catalogType = catalogType
        self.declaredType = declaredType
        self.nullCount = nullCount
        self.nullRate = nullRate
        self.rules = rules
    }
}

/// How much a failed rule matters.
public enum RuleSeverity: String, Codable, Sendable, Comparable {
    /// The data cannot be used as the catalog describes it (a missing column, a duplicated key, a broken join).
    case blocking
    /// Worth a look, common in real deliveries (codes missing from an outdated nomenclature, a stay ending before it starts).
    case warning

    public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool { lhs == .blocking && rhs == .warning }
}

public enum RuleStatus: String, Codable, Sendable {
    case passed
    case failed
    /// The rule could not run (a foreign key to a table absent from the engine); `detail` says why.
    case skipped
}

/// The outcome of one rule on one subject (a column, a key, a pair of dates).
public struct RuleResult: Codable, Sendable {
    /// The rule's stable name: `column.present`, `value.type`, `key.unique`, `key.foreign`, `date.order`...
    public var rule: String
    public var severity: RuleSeverity
    public var table: String
    /// The column(s) the rule looked at, comma-separated; empty for the whole row.
    public var subject: String
    public var status: RuleStatus
    /// Rows (or values, or keys, as `detail` says) the rule looked at.
    public var checked: Int
    /// Rows that break the rule.
    public var failures: Int
    public var detail: String
    /// Up to ten rows that break the rule, for a person to look at.
    public var examples: [ExampleRow]

    public init(
        rule: String, severity: RuleSeverity, table: String, subject: String, status: RuleStatus, checked: Int = 0, failures: Int = 0,
        detail: String = "", examples: [ExampleRow] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.table = table
        self.subject = subject
        self.status = status
        self.checked = checked
        self.failures = failures
        self.detail = detail
        self.examples = examples
    }
}

/// A row shown as an example of a failure: the columns that matter for the rule, as text (nil for NULL).
public struct ExampleRow: Codable, Sendable, Hashable {
    public var columns: [String]
    public var values: [String?]

    public init(columns: [String], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    public subscript(column: String) -> String? {
        guard let index = columns.firstIndex(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) else { return nil }
        return values[index]
    }
}
