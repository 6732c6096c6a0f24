import Foundation

/// The two shapes of a test population: two files sharing some people (each person at most once per
/// side, like FEBRL4), or one file holding several records of each person.
public enum PopulationShape: String, Sendable, Codable, CaseIterable {
    case link
    case deduplicate
}

/// How often each kind of error a real source holds is put into a record. Rates are probabilities: per
/// field for `typo` (given name, surname, street name, social security number) and `missing` (every field
/// but the record's id and sex); per record for the others, among the records it can apply to (`swap` needs
/// a day of 12 or less that is not the month, `marriage` a woman of 20 or more, `nickname` a name with a
/// variant); `twins` is the share of people born a twin.
public struct CorruptionRates: Sendable, Codable, Equatable {
    public var typo = 0.1
    /// Day and month of the birth date exchanged.
    public var swap = 0.02
    public var missing = 0.05
    /// The record holds the address the person moved to (the same département six times in ten).
    public var move = 0.05
    /// The given name as a short form or another spelling.
    public var nickname = 0.05
    /// A woman's record holds her married name (sometimes joined to her own).
    public var marriage = 0.2
    /// The care date a few days off, as an admission and a claim disagree.
    public var shift = 0.1
    /// Another code of the same diagnosis category, or another frequent diagnosis.
    public var diagnosis = 0.05
    public var twins = 0.02

    public init() {}

    public static let none: CorruptionRates = {
        var rates = CorruptionRates()
        for key in names { rates[key] = 0 }
        return rates
    }()

    public static let names = ["typo", "swap", "missing", "move", "nickname", "marriage", "shift", "diagnosis", "twins"]

    public subscript(name: String) -> Double {
        get {
            switch name {
            case "typo": typo
            case "swap": swap
            case "missing": missing
            case "move": move
            case "nickname": nickname
            case "marriage": marriage
            case "shift": shift
            case "diagnosis": diagnosis
            default: twins
            }
        }
        set {
            switch name {
            case "typo": typo = newValue
            case "swap": swap = newValue
            case "missing": missing = newValue
            case "move": move = newValue
            case "nickname": nickname = newValue
            case "marriage": marriage = newValue
            case "shift": shift = newValue
            case "diagnosis": diagnosis = newValue
            default: twins = newValue
            }
        }
    }

    /// Reads `typo=0.2,swap=0.02,...` over the defaults; `none` starts from no corruption at all
    /// (`none,typo=0.1`).
    public init(parsing text: String) throws(PopulationError) {
        self.init()
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if part == "none" {
                self = .none
                continue
            }
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, Self.names.contains(pieces[0]) else {
                throw .invalid(option: "corruption", value: part, reason: "expected NAME=RATE with NAME one of \(Self.names.joined(separator: ", "))")
            }
            guard let rate = Double(pieces[1]), (0...1).contains(rate) else {
                throw .invalid(option: "corruption", value: part, reason: "a rate is a number from 0 to 1")
            }
            self[pieces[0]] = rate
        }
    }
}

/// How many records of one person a deduplication file holds: always `k`, 1 + a Poisson count (mean
/// given for the total), or a table of counts and their weights.
public enum CopiesDistribution: Sendable, Equatable, Codable {
    case fixed(Int)
    case poisson(mean: Double)
    case table([Int: Double])

    /// Reads `3`, `poisson:2.5` or `1=0.5,2=0.3,3=0.2`.
    public init(parsing text: String) throws(PopulationError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let count = Int(text), count >= 1 {
            self = .fixed(count)
        } else if text.hasPrefix("poisson:"), let mean = Double(text.dropFirst("poisson:".count)), mean >= 1 {
            self = .poisson(mean: mean)
        } else {
            var weights: [Int: Double] = [:]
            for part in text.split(separator: ",") {
                let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pieces.count == 2, let count = Int(pieces[0]), count >= 1, let weight = Double(pieces[1]), weight >= 0 else {
                    throw .invalid(
                        option: "duplicates", value: text,
                        reason: "expected a count (3), poisson:MEAN with MEAN >= 1, or COUNT=WEIGHT,... (1=0.5,2=0.3,3=0.2)")
                }
                weights[count, default: 0] += weight
            }
            guard weights.values.reduce(0, +) > 0 else { throw .invalid(option: "duplicates", value: text, reason: "the weights sum to 0") }
            self = .table(weights)
        }
    }

    public var mean: Double {
        switch self {
        case .fixed(let count): Double(count)
        case .poisson(let mean): mean
        case .table(let weights):
            weights.reduce(0) { $0 + Double($1.key) * $1.value } / weights.values.reduce(0, +)
        }
    }
}

/// What to generate. `people` is the number of records per side for a link population (FEBRL4: 5,000),
/// and the number of distinct people for a deduplication one.
public struct PopulationOptions: Sendable, Codable {
    public var shape: PopulationShape
    public var people: Int
    public var seed: UInt64
    /// Link: the share of the left file's people that the right file holds too.
    public var overlap: Double
    public var duplicates: CopiesDistribution
    public var corruption: CorruptionRates
    /// Whether the left record (link) and the first record of each person (deduplicate) are corrupted
    /// too; by default they are the clean originals, as in FEBRL.
    public var corruptOriginals: Bool
    /// The year ages are counted at and care is dated before (care dates fall in the five years before).
    public var referenceYear: Int

    public init(
        shape: PopulationShape, people: Int, seed: UInt64 = 1, overlap: Double = 1, duplicates: CopiesDistribution = .poisson(mean: 2),
        corruption: CorruptionRates = CorruptionRates(), corruptOriginals: Bool = false, referenceYear: Int = 2024
    ) {
        self.shape = shape
        self.people = people
        self.seed = seed
        self.overlap = overlap
        self.duplicates = duplicates
        self.corruption = corruption
        self.corruptOriginals = corruptOriginals
        self.referenceYear = referenceYear
    }
}

public enum PopulationError: Error, CustomStringConvertible, Equatable {
    case invalid(option: String, value: String, reason: String)
    case cannotWrite(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let option, let value, let reason): "--\(option) \(value): \(reason)"
        case .cannotWrite(let file, let reason): "\(file): \(reason)"
        }
    }
}
