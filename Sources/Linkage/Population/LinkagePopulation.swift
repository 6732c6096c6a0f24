import Foundation
import Workbench

/// The files a test population writes.
public enum PopulationFile: String, Sendable, CaseIterable, Codable {
    case left, right, records, truth

    public var fileName: String { rawValue + ".csv" }

    public static func files(of shape: PopulationShape) -> [PopulationFile] {
        shape == .link ? [.left, .right, .truth] : [.records, .truth]
    }
}

/// Where generated records and true pairs go, as they are made: a CSV file, an engine's loader, a count.
public protocol PopulationSink {
    mutating func write(_ record: PopulationRecord, to file: PopulationFile) throws
    /// A pair of records of the same person: left and right ids (link), or two ids with `left < right`.
    mutating func writePair(left: Int, right: Int) throws
}

/// How far a generation has gone, and what it has made so far.
public struct PopulationCursor: Sendable {
    /// The next hidden person to generate.
    public internal(set) var person = 0
    /// Deduplication: the position of the next record in the file.
    var record = 0
    public internal(set) var records: [PopulationFile: Int] = [:]
    /// People born a twin.
    public internal(set) var twins = 0
    public internal(set) var tally = CorruptionTally()

    public init() {}
}

/// A keyed bijection of 0..<count: a four-round Feistel network on the smallest even number of bits that
/// holds `count`, walking the cycle until it lands inside. Record ids then give away neither which records
/// are of the same person nor the order they were made in, and no table of ids is kept.
struct Scramble: Sendable {
    let count: Int
    let halfBits: Int
    let keys: [UInt64]

    init(count: Int, key: UInt64) {
        self.count = count
        var bits = 2
        while bits < 62, (1 << bits) < count { bits += 2 }
        halfBits = bits / 2
        var random = SplitMix64(seed: key)
        keys = (0..<4).map { _ in random.next() }
    }

    func callAsFunction(_ index: Int) -> Int {
        var value = UInt64(index)
        repeat { value = permute(value) } while value >= UInt64(count)
        return Int(value)
    }

    private func permute(_ value: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << halfBits) - 1
        var left = value >> halfBits
        var right = value & mask
        for key in keys { (left, right) = (right, left ^ (SplitMix64.finalize(right ^ key) & mask)) }
        return left << halfBits | right
    }
}

/// A test population for linkage: French people with names, birth dates, addresses, social security
/// numbers and a care episode, written as the records two sources (link) or one source (deduplicate) would
/// hold of them, with errors put in at controlled rates, and the truth: which records are the same person.
///
/// Nothing is kept: each person and each record is recomputed from the seed and its number, and handed to a
/// `PopulationSink` at once, so a million records take the memory of one. The same options give the same
/// records, byte for byte.
public struct LinkagePopulation: Sendable {
    public let options: PopulationOptions
    /// Every person of the population, on either side.
    public let hiddenPeople: Int
    /// Link: how many people both files hold.
    public let sharedPeople: Int
    /// Deduplication: how many records the file holds.
    public let recordCount: Int
    let corruption: RecordCorruption
    let leftIDs: Scramble
    let rightIDs: Scramble
    let sharing: Scramble
    let recordIDs: Scramble

    public init(options: PopulationOptions) throws(PopulationError) {
        guard options.people >= 0 else { throw .invalid(option: "people", value: String(options.people), reason: "must be 0 or more") }
        guard (0...1).contains(options.overlap) else {
            throw .invalid(option: "overlap", value: String(options.overlap), reason: "a share from 0 to 1")
        }
        self.options = options
        corruption = RecordCorruption(rates: options.corruption, referenceYear: options.referenceYear)
        let seed = options.seed
        let people = options.people
        switch options.shape {
        case .link:
            sharedPeople = Int((options.overlap * Double(people)).rounded())
            hiddenPeople = 2 * people - sharedPeople
            recordCount = 0
        case .deduplicate:
            sharedPeople = 0
            hiddenPeople = people
            var total = 0
            for person in 0..<people { total += Self.copies(of: person, seed: seed, options.duplicates) }
            recordCount = total
        }
        leftIDs = Scramble(count: people, key: SplitMix64.key(seed, SplitMix64.key("left ids")))
        rightIDs = Scramble(count: people, key: SplitMix64.key(seed, SplitMix64.key("right ids")))
        sharing = Scramble(count: people, key: SplitMix64.key(seed, SplitMix64.key("shared people")))
        recordIDs = Scramble(count: recordCount, key: SplitMix64.key(seed, SplitMix64.key("record ids")))
    }

    /// How many records a deduplication file holds of `person`.
    static func copies(of person: Int, seed: UInt64, _ distribution: CopiesDistribution) -> Int {
        var random = SplitMix64(seed: SplitMix64.key(SplitMix64.key(seed, SplitMix64.key("copies")), UInt64(person)))
        switch distribution {
        case .fixed(let count): return count
        case .poisson(let mean): return 1 + random.poisson(mean - 1)
        case .table(let weights):
            let counts = weights.keys.sorted()
            var target = random.unit() * weights.values.reduce(0, +)
            for count in counts {
                target -= weights[count] ?? 0
                if target < 0 { return count }
            }
            return counts.last ?? 1
        }
    }

    public func person(_ index: Int) -> PopulationPerson {
        PopulationPerson(
            index: index, count: hiddenPeople, seed: options.seed, twins: options.corruption.twins, referenceYear: options.referenceYear)
    }

    /// Generates the next person's records and pairs into `sink`; false once every person is done.
    @discardableResult
    public func next(into sink: inout some PopulationSink, cursor: inout PopulationCursor) throws -> Bool {
        guard cursor.person < hiddenPeople else { return false }
        let index = cursor.person
        let person = self.person(index)
        if person.twin != nil { cursor.twins += 1 }
        switch options.shape {
        case .link:
            let people = options.people
            var leftID: Int?
            if index < people {
                let id = leftIDs(index) + 1
                try sink.write(record(id, of: person, copy: 0, cursor: &cursor), to: .left)
                cursor.records[.left, default: 0] += 1
                leftID = id
            }
            let rank = index < people ? sharing(index) : sharedPeople + index - people
            if rank < sharedPeople || index >= people {
                let id = rightIDs(rank) + 1
                try sink.write(record(id, of: person, copy: 1, cursor: &cursor), to: .right)
                cursor.records[.right, default: 0] += 1
                if let leftID {
                    try sink.writePair(left: leftID, right: id)
                    cursor.records[.truth, default: 0] += 1
                }
            }
        case .deduplicate:
            let count = Self.copies(of: index, seed: options.seed, options.duplicates)
            var ids: [Int] = []
            for copy in 0..<count {
                let id = recordIDs(cursor.record) + 1
                cursor.record += 1
                try sink.write(record(id, of: person, copy: copy, cursor: &cursor), to: .records)
                ids.append(id)
            }
            cursor.records[.records, default: 0] += count
            ids.sort()
            for first in ids.indices {
                for second in ids.index(after: first)..<ids.endIndex {
                    try sink.writePair(left: ids[first], right: ids[second])
                }
            }
            cursor.records[.truth, default: 0] += count * (count - 1) / 2
        }
        cursor.person += 1
        return true
    }

    /// Record `copy` of `person` (link: 0 left, 1 right); the first is the clean original unless
    /// `corruptOriginals`.
    func record(_ id: Int, of person: PopulationPerson, copy: Int, cursor: inout PopulationCursor) -> PopulationRecord {
        var record = PopulationRecord(id: id, of: person)
        guard copy > 0 || options.corruptOriginals else { return record }
        var random = SplitMix64(seed: SplitMix64.key(SplitMix64.key(person.key, PersonStream.record), UInt64(copy)))
        corruption.corrupt(&record, of: person, &random, tally: &cursor.tally)
        return record
    }

    /// Generates every person into `sink`, from where `cursor` stands.
    public func generate(into sink: inout some PopulationSink, cursor: inout PopulationCursor) throws {
        while try next(into: &sink, cursor: &cursor) {}
    }

    /// Generates the whole population into `sink` and says what it made.
    public func generate(into sink: inout some PopulationSink) throws -> PopulationReport {
        let started = Date()
        var cursor = PopulationCursor()
        try generate(into: &sink, cursor: &cursor)
        return PopulationReport(population: self, cursor: cursor, seconds: Date().timeIntervalSince(started))
    }
}

/// What a generation made.
public struct PopulationReport: Sendable, Codable {
    public struct File: Sendable, Codable {
        public var name: String
        public var rows: Int
    }

    public var shape: PopulationShape
    public var seed: UInt64
    /// Distinct people, on either side.
    public var people: Int
    public var sharedPeople: Int?
    public var twins: Int
    public var files: [File]
    public var records: Int
    public var truePairs: Int
    public var corruption: CorruptionTally
    public var rates: CorruptionRates
    public var seconds: Double
    public var recordsPerSecond: Double

    init(population: LinkagePopulation, cursor: PopulationCursor, seconds: Double) {
        let options = population.options
        shape = options.shape
        seed = options.seed
        people = population.hiddenPeople
        sharedPeople = options.shape == .link ? population.sharedPeople : nil
        twins = cursor.twins
        files = PopulationFile.files(of: options.shape).map { File(name: $0.fileName, rows: cursor.records[$0] ?? 0) }
        records = files.filter { $0.name != PopulationFile.truth.fileName }.reduce(0) { $0 + $1.rows }
        truePairs = cursor.records[.truth] ?? 0
        corruption = cursor.tally
        rates = options.corruption
        self.seconds = seconds
        recordsPerSecond = seconds > 0 ? Double(records) / seconds : 0
    }
}
