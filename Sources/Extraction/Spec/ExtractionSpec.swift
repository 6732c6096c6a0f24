import Core
import Workbench

/// A declarative extraction: who the project's population is, over which period, and which of their rows to
/// copy into the project's space. Read from YAML (`ExtractionSpec.parse`), planned as SQL for one engine
/// (`ExtractionPlanner`), run by `ExtractionRunner`; see `docs/extraction.md`.
public struct ExtractionSpec: Sendable, Equatable {
    public var file: String
    public var name: String
    /// The catalog version the spec was written against, recorded in the lineage.
    public var catalogVersion: String?
    public var period: Period
    /// People matching any criterion form the population.
    public var population: [Criterion]
    public var extracts: [TableExtract]
    /// The SHA-256 of the spec file's bytes, so that lineage names exactly what ran.
    public var hash: String

    public init(
        file: String, name: String, catalogVersion: String?, period: Period, population: [Criterion], extracts: [TableExtract], hash: String
    ) {
        self.file = file
        self.name = name
        self.catalogVersion = catalogVersion
        self.period = period
        self.population = population
        self.extracts = extracts
        self.hash = hash
    }
}

/// Care dates kept, both ends included, as day numbers (`CalendarDay`).
public struct Period: Sendable, Equatable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var startText: String { CalendarDay.isoText(start) }
    public var endText: String { CalendarDay.isoText(end) }
    public var years: ClosedRange<Int> { CalendarDay.civil(start).year...CalendarDay.civil(end).year }
}

/// One way into the population: rows of one or several sources whose person is then in it.
public struct Criterion: Sendable, Equatable {
    public var name: String
    /// Alternatives, each a table read with its joins: a person found by any of them matches.
    public var sources: [Source]
    public var line: Int?

    public init(name: String, sources: [Source], line: Int?) {
        self.name = name
        self.sources = sources
        self.line = line
    }
}

/// A table read, with the tables joined to it, the column naming its person, the date held to the period,
/// filters, and the SNDS quality presets to apply.
public struct Source: Sendable, Equatable {
    public var table: String
    public var joins: [Join]
    public var person: ColumnReference
    public var date: ColumnReference?
    public var filters: [Filter]
    public var quality: [QualityPreset]
    public var line: Int?

    public init(
        table: String, joins: [Join] = [], person: ColumnReference, date: ColumnReference? = nil, filters: [Filter] = [],
        quality: [QualityPreset] = [], line: Int? = nil
    ) {
        self.table = table
        self.joins = joins
        self.person = person
        self.date = date
        self.filters = filters
        self.quality = quality
        self.line = line
    }

    /// Every table read, the main one first; a column reference's table is one of these.
    public var tables: [String] { [table] + joins.map(\.table) }
}

/// An inner join on column pairs (the source's column = the joined table's).
public struct Join: Sendable, Equatable {
    public var table: String
    public var on: [(left: ColumnReference, right: String)]

    public init(table: String, on: [(left: ColumnReference, right: String)]) {
        self.table = table
        self.on = on
    }

    public static func == (a: Join, b: Join) -> Bool {
        a.table == b.table && a.on.map(\.left) == b.on.map(\.left) && a.on.map(\.right) == b.on.map(\.right)
    }
}

/// `COLUMN` (of the source's main table) or `TABLE.COLUMN` (of a joined one).
public struct ColumnReference: Sendable, Hashable, CustomStringConvertible {
    public var table: String?
    public var column: String

    public init(table: String? = nil, column: String) {
        self.table = table
        self.column = column
    }

    public init(parsing text: String) {
        if let dot = text.lastIndex(of: "."), dot != text.startIndex {
            self.init(table: String(text[..<dot]), column: String(text[text.index(after: dot)...]))
        } else {
            self.init(column: text)
        }
    }

    public var description: String { table.map { "\($0).\(column)" } ?? column }
}

/// A condition on rows. Values are written as text and typed by the engine's column: a number for a numeric
/// column, a string otherwise, so that one spec runs on engines that type strictly (PostgreSQL) and loosely (SQLite).
public indirect enum Filter: Sendable, Equatable {
    case equals(ColumnReference, String)
    case notEquals(ColumnReference, String)
    case isIn(ColumnReference, [String])
    case notIn(ColumnReference, [String])
    /// Codes by prefix: an ICD-10 chapter (`E11`), an ATC class (`A10`).
    case startsWith(ColumnReference, [String])
    case notStartsWith(ColumnReference, [String])
    case between(ColumnReference, String, String)
    case isNull(ColumnReference)
    case isNotNull(ColumnReference)
    case anyOf([Filter])

    public var columns: [ColumnReference] {
        switch self {
        case .equals(let c, _), .notEquals(let c, _), .isIn(let c, _), .notIn(let c, _), .startsWith(let c, _), .notStartsWith(let c, _),
            .between(let c, _, _), .isNull(let c), .isNotNull(let c):
            [c]
        case .anyOf(let filters): filters.flatMap(\.columns)
        }
    }
}

/// Rows of one table for the population's people, copied into the project's space.
public struct TableExtract: Sendable, Equatable {
    /// The table read, with its joins, person, date, filters and presets. `{yy}` or `{yyyy}` in a table name
    /// stands for each year of the period (`T_MCO{yy}B`): one output table per year.
    public var source: Source
    /// Columns of the source's main table; nil for every column.
    public var columns: [String]?

    public init(source: Source, columns: [String]?) {
        self.source = source
        self.columns = columns
    }
}

extension Source {
    /// The source with every table name passed through `rename`, in references and filters too.
    func renamingTables(_ rename: (String) -> String) -> Source {
        var copy = self
        copy.table = rename(table)
        copy.joins = joins.map { join in
            Join(table: rename(join.table), on: join.on.map { ($0.left.renamingTable(rename), $0.right) })
        }
        copy.person = person.renamingTable(rename)
        copy.date = date?.renamingTable(rename)
        copy.filters = filters.map { $0.renamingTables(rename) }
        return copy
    }
}

extension ColumnReference {
    func renamingTable(_ rename: (String) -> String) -> ColumnReference {
        ColumnReference(table: table.map(rename), column: column)
    }
}

extension Filter {
    func renamingTables(_ rename: (String) -> String) -> Filter {
        switch self {
        case .equals(let c, let v): .equals(c.renamingTable(rename), v)
        case .notEquals(let c, let v): .notEquals(c.renamingTable(rename), v)
        case .isIn(let c, let v): .isIn(c.renamingTable(rename), v)
        case .notIn(let c, let v): .notIn(c.renamingTable(rename), v)
        case .startsWith(let c, let v): .startsWith(c.renamingTable(rename), v)
        case .notStartsWith(let c, let v): .notStartsWith(c.renamingTable(rename), v)
        case .between(let c, let low, let high): .between(c.renamingTable(rename), low, high)
        case .isNull(let c): .isNull(c.renamingTable(rename))
        case .isNotNull(let c): .isNotNull(c.renamingTable(rename))
        case .anyOf(let filters): .anyOf(filters.map { $0.renamingTables(rename) })
        }
    }
}

/// The SNDS's rules for reading its tables right, by name.
public enum QualityPreset: String, Sendable, CaseIterable, Equatable {
    /// DCIR claims: no information-only lines (`DPN_QLF <> 71`), no lines without a base amount
    /// (`BSE_PRS_NAT <> 0`), and read month by month on the flux date `FLX_DIS_DTD`, from the period's first
    /// month to `fluxMonthsAfter` months past its last (claims arrive up to months after the care).
    case sndsDCIR = "snds_dcir"
    /// PMSI stays: every `*_RET` check column of the tables read is `'0'`, and no error GHM (`GRG_GHM NOT LIKE '90%'`).
    case sndsPMSI = "snds_pmsi"

    /// How many flux months past the period a claim of the period can arrive.
    public static let fluxMonthsAfter = 6
}
