import Foundation

/// A linkage job as the operator writes it in YAML (`version: 1`), versioned with the project.
public struct LinkageSpec: Sendable {
    /// The spec file, for messages; relative paths in it resolve against its folder.
    public var file: String
    public var mode: LinkageMode
    /// The records to link from (or to deduplicate).
    public var left: SideSpec
    /// The records to link to; nil when deduplicating.
    public var right: SideSpec?
    public var deterministic: [DeterministicRule]
    public var comparisons: [ComparisonSpec]
    public var blocking: [BlockingRule]
    public var training: TrainingSpec
    public var threshold: Threshold
    /// No blocking rule may produce more candidate pairs than this.
    public var maxPairs: Int
    /// Link jobs: each record pairs with at most one record of the other side (greedy, best weight first).
    public var oneToOne: Bool
    /// Deduplication: pairs at or above this match probability join their records' cluster.
    public var clusterThreshold: Double
    /// Where the model's parameters are saved and read.
    public var modelPath: String

    public var sides: [SideSpec] { right.map { [left, $0] } ?? [left] }
}

/// Where one side's records come from, and which column identifies them.
public struct SideSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case csv(path: String)
        case engine(url: String, table: String)
    }

    public var name: String
    public var source: Source
    public var id: String
    public var line: Int?

    public init(name: String, source: Source, id: String, line: Int? = nil) {
        self.name = name
        self.source = source
        self.id = id
        self.line = line
    }

    public var sourceDescription: String {
        switch source {
        case .csv(let path): path
        case .engine(let url, let table): "\(url) table \(table)"
        }
    }
}

/// A value a key or a block is made of: a column, or a key derived from it.
public struct KeyExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Function: Sendable, Hashable {
        case value
        /// `substr(column, start, length)`, 1-based like SQL, on characters.
        case substring(start: Int, length: Int)
        /// A Soundex-like phonetic code of the folded text (letter and three digits).
        case soundex
        /// The year of a date (`1987`).
        case year
        /// The month and year of a date (`1987-04`).
        case monthYear
        /// The text in lower case with accents and spaces removed.
        case folded
    }

    public var function: Function
    public var column: String

    public init(_ function: Function = .value, column: String) {
        self.function = function
        self.column = column
    }

    public var description: String {
        switch function {
        case .value: column
        case .substring(let start, let length): "substr(\(column), \(start), \(length))"
        case .soundex: "soundex(\(column))"
        case .year: "year(\(column))"
        case .monthYear: "month_year(\(column))"
        case .folded: "folded(\(column))"
        }
    }
}

/// Records pair when every key of a rule is equal (and not null) on both.
public struct BlockingRule: Sendable, Equatable {
    public var keys: [KeyExpression]
    public var line: Int?

    public init(keys: [KeyExpression], line: Int? = nil) {
        self.keys = keys
        self.line = line
    }

    public var description: String { keys.map(\.description).joined(separator: " & ") }
    public var columns: Set<String> { Set(keys.map(\.column)) }
}

/// A deterministic rule: records whose keys are all equal are the same person.
public struct DeterministicRule: Sendable, Equatable {
    public var name: String
    /// Each key as the left side names it and as the right side names it (the same in deduplication).
    public var keys: [(left: KeyExpression, right: KeyExpression)]
    /// The PMSI cleaning rule: rows whose `*_RET` return codes are not all '0' take no part.
    public var dropNonzeroReturnCodes: Bool
    /// Rows whose key is a fictive pseudonym take no part (see `FictivePseudonym`).
    public var dropFictive: Bool
    public var line: Int?

    public static func == (lhs: DeterministicRule, rhs: DeterministicRule) -> Bool {
        lhs.name == rhs.name && lhs.keys.map(\.left) == rhs.keys.map(\.left) && lhs.keys.map(\.right) == rhs.keys.map(\.right)
            && lhs.dropNonzeroReturnCodes == rhs.dropNonzeroReturnCodes && lhs.dropFictive == rhs.dropFictive
    }

    /// The DCIR's join of beneficiaries: pseudonym and rank of birth (which tells same-sex twins apart).
    public static let sndsDCIRBeneficiary = DeterministicRule(
        name: "snds_dcir_beneficiary",
        keys: [
            (KeyExpression(column: "BEN_NIR_PSA"), KeyExpression(column: "BEN_NIR_PSA")),
            (KeyExpression(column: "BEN_RNG_GEM"), KeyExpression(column: "BEN_RNG_GEM")),
        ],
        dropNonzeroReturnCodes: false, dropFictive: false)

    /// PMSI chaining to the DCIR: BEN_NIR_PSA = NIR_ANO_17, after the cleaning the SNDS documents.
    public static let sndsPMSIChaining = DeterministicRule(
        name: "snds_pmsi_chaining",
        keys: [(KeyExpression(column: "BEN_NIR_PSA"), KeyExpression(column: "NIR_ANO_17"))],
        dropNonzeroReturnCodes: true, dropFictive: true)

    public static let presets: [String: DeterministicRule] = [
        sndsDCIRBeneficiary.name: sndsDCIRBeneficiary, sndsPMSIChaining.name: sndsPMSIChaining,
    ]

    public var columns: (left: Set<String>, right: Set<String>) {
        (Set(keys.map(\.left.column)), Set(keys.map(\.right.column)))
    }
}

/// One probabilistic comparison: a column (or several, compared as one text joined by spaces) and its
/// levels, tried in order; a pair falls in the first level it meets, else in the implicit last level.
public struct ComparisonSpec: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var levels: [ComparisonLevel]
    public var line: Int?

    public init(name: String, columns: [String], levels: [ComparisonLevel], line: Int? = nil) {
        self.name = name
        self.columns = columns
        self.levels = levels
        self.line = line
    }

    /// Level labels as the model stores them: null first, the spec's levels, then `else`.
    public var levelLabels: [String] { ["null"] + levels.map(\.label) + ["else"] }
}

public enum ComparisonLevel: Sendable, Equatable {
    case exact(termFrequency: Bool)
    case jaroWinkler(atLeast: Double)
    case levenshtein(atMost: Int)
    case dateWithin(days: Int)
    case sameMonthYear
    case dayMonthSwapped
    case numericWithin(Double)

    public var label: String {
        switch self {
        case .exact(let tf): tf ? "exact (tf)" : "exact"
        case .jaroWinkler(let t): "jaro_winkler >= \(t)"
        case .levenshtein(let k): "levenshtein <= \(k)"
        case .dateWithin(let days): "date within \(days) days"
        case .sameMonthYear: "same month and year"
        case .dayMonthSwapped: "day and month swapped"
        case .numericWithin(let d): "numeric within \(d)"
        }
    }

    var comparesDates: Bool {
        switch self {
        case .dateWithin, .sameMonthYear, .dayMonthSwapped: true
        default: false
        }
    }
}

public struct TrainingSpec: Sendable, Equatable {
    public var seed: UInt64 = 42
    /// Random pairs drawn to estimate u.
    public var uSamplePairs: Int = 1_000_000
    /// The blocking rules m is estimated under, one EM session each (default: the prediction's rules).
    public var blocking: [BlockingRule] = []
    public var maxIterations: Int = 100
    /// Share of true matches the deterministic rules are believed to find, for the prior.
    public var deterministicRecall: Double = 1
    public init() {}
}

public enum Threshold: Sendable, Equatable {
    case probability(Double)
    case weight(Double)

    public var weight: Double {
        switch self {
        case .weight(let w): w
        case .probability(let p): log2(p / (1 - p))
        }
    }
}
