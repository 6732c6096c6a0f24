import Workbench

/// The kinds of error put into records (twins are people, not errors of a record).
public enum CorruptionKind: String, Sendable, CaseIterable, Codable {
    case typo, swap, missing, move, nickname, marriage, shift, diagnosis
}

/// How many times each kind of error was put into records, out of how many chances (fields or records it
/// could apply to): the observed rate to set against the asked one.
public struct CorruptionTally: Sendable, Equatable, Codable {
    public struct Count: Sendable, Equatable, Codable {
        public var applied = 0
        public var chances = 0
        public var rate: Double { chances > 0 ? Double(applied) / Double(chances) : 0 }
    }

    private var counts = [Count](repeating: Count(), count: CorruptionKind.allCases.count)

    public init() {}

    public subscript(kind: CorruptionKind) -> Count {
        get { counts[Self.position[kind] ?? 0] }
        set { counts[Self.position[kind] ?? 0] = newValue }
    }

    private static let position = Dictionary(uniqueKeysWithValues: CorruptionKind.allCases.enumerated().map { ($1, $0) })

    mutating func chance(_ kind: CorruptionKind, applied: Bool) {
        self[kind].chances += 1
        if applied { self[kind].applied += 1 }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for kind in CorruptionKind.allCases {
            try container.encode(Entry(applied: self[kind].applied, chances: self[kind].chances, rate: self[kind].rate), forKey: Key(kind.rawValue))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for kind in CorruptionKind.allCases {
            let entry = try container.decode(Entry.self, forKey: Key(kind.rawValue))
            self[kind] = Count(applied: entry.applied, chances: entry.chances)
        }
    }

    private struct Entry: Codable {
        var applied: Int
        var chances: Int
        var rate: Double
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Puts the configured errors into one record of a person, each drawn from the record's own stream.
struct RecordCorruption: Sendable {
    let rates: CorruptionRates
    let referenceYear: Int

    func corrupt(_ record: inout PopulationRecord, of person: PopulationPerson, _ random: inout SplitMix64, tally: inout CorruptionTally) {
        if let variant = FrenchNames.variant(of: person.givenName, &random) {
            let applied = random.chance(rates.nickname)
            if applied { record.givenName = variant }
            tally.chance(.nickname, applied: applied)
        }
        if person.female, person.age(at: referenceYear) >= 20 {
            let applied = random.chance(rates.marriage)
            if applied { record.surname = person.marriedName }
            tally.chance(.marriage, applied: applied)
        }
        let moved = random.chance(rates.move)
        if moved { record.place(at: person.movedAddress) }
        tally.chance(.move, applied: moved)
        if let swapped = person.birth.swapped {
            let applied = random.chance(rates.swap)
            if applied { record.birthDate = swapped.iso }
            tally.chance(.swap, applied: applied)
        }
        let shifted = random.chance(rates.shift)
        if shifted {
            let days = (1 + random.below(3)) * (random.chance(0.5) ? 1 : -1)
            record.careDate = person.care.adding(days: days).iso
        }
        tally.chance(.shift, applied: shifted)
        let recoded = random.chance(rates.diagnosis)
        if recoded { record.diagnosis = otherDiagnosis(than: person.diagnosis, &random) }
        tally.chance(.diagnosis, applied: recoded)

        for field in [\PopulationRecord.givenName, \.surname, \.streetName, \.nir] {
            guard let value = record[keyPath: field] else { continue }
            let applied = random.chance(rates.typo)
            if applied {
                record[keyPath: field] = field == \PopulationRecord.nir ? Typo.applyToDigits(value, &random) : Typo.apply(to: value, &random)
            }
            tally.chance(.typo, applied: applied)
        }
        for field in PopulationRecord.blankable {
            let applied = random.chance(rates.missing)
            if applied { record[keyPath: field] = nil }
            tally.chance(.missing, applied: applied)
        }
    }

    /// Another subdivision of the same category most of the time (E119 for E118), else another frequent code.
    func otherDiagnosis(than code: String, _ random: inout SplitMix64) -> String {
        if random.chance(0.7) {
            let category = String(code.prefix(3))
            var other = code
            while other == code { other = category + String(random.below(10)) }
            return other
        }
        var other = code
        while other == code { other = FrenchPlaces.diagnoses[random.below(FrenchPlaces.diagnoses.count)] }
        return other
    }
}
