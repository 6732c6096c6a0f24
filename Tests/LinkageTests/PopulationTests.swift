import Foundation
import Testing
import Workbench

@testable import Linkage

/// Keeps everything a generation hands over, for small populations.
struct CollectingSink: PopulationSink {
    var records: [PopulationFile: [PopulationRecord]] = [:]
    var pairs: [(left: Int, right: Int)] = []

    mutating func write(_ record: PopulationRecord, to file: PopulationFile) throws { records[file, default: []].append(record) }
    mutating func writePair(left: Int, right: Int) throws { pairs.append((left, right)) }

    func byID(_ file: PopulationFile) -> [Int: PopulationRecord] {
        Dictionary(uniqueKeysWithValues: (records[file] ?? []).map { ($0.id, $0) })
    }
}

func collect(_ options: PopulationOptions) throws -> (CollectingSink, PopulationReport) {
    var sink = CollectingSink()
    let report = try LinkagePopulation(options: options).generate(into: &sink)
    return (sink, report)
}

@Suite struct PopulationTests {
    @Test func theSameSeedWritesTheSameBytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-population-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: String, seed: UInt64, shape: PopulationShape) throws -> [Data] {
            let directory = root.appendingPathComponent(name).path
            var files = try PopulationCSVFiles(directory: directory, shape: shape)
            let options = PopulationOptions(shape: shape, people: 400, seed: seed, overlap: 0.7, corruptOriginals: true)
            _ = try LinkagePopulation(options: options).generate(into: &files)
            try files.close()
            return try PopulationFile.files(of: shape).map {
                try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent($0.fileName))
            }
        }
        for shape in PopulationShape.allCases {
            let first = try write("\(shape)-a", seed: 7, shape: shape)
            #expect(try write("\(shape)-b", seed: 7, shape: shape) == first)
            #expect(try write("\(shape)-c", seed: 8, shape: shape) != first)
        }
        let header = try String(contentsOf: root.appendingPathComponent("link-a/truth.csv"), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header == "left_id,right_id")
        let records = try String(contentsOf: root.appendingPathComponent("deduplicate-a/records.csv"), encoding: .utf8)
        #expect(records.hasPrefix(PopulationRecord.columns.joined(separator: ",") + "\n"))
    }

    @Test func aFebrlLikeLinkHasOnePairPerPerson() throws {
        let (sink, report) = try collect(PopulationOptions(shape: .link, people: 5_000, seed: 4))
        #expect(sink.records[.left]?.count == 5_000)
        #expect(sink.records[.right]?.count == 5_000)
        #expect(sink.pairs.count == 5_000)
        #expect(report.truePairs == 5_000 && report.people == 5_000)
        #expect(Set(sink.records[.left]?.map(\.id) ?? []) == Set(1...5_000))
        #expect(Set(sink.records[.right]?.map(\.id) ?? []) == Set(1...5_000))
    }

    @Test func linkTruthPairsRecordsOfOnePersonAndRespectsTheOverlap() throws {
        let (sink, report) = try collect(PopulationOptions(shape: .link, people: 2_000, seed: 3, overlap: 0.6))
        let left = sink.byID(.left)
        let right = sink.byID(.right)
        #expect(left.count == 2_000 && right.count == 2_000)
        #expect(sink.pairs.count == 1_200 && report.sharedPeople == 1_200 && report.people == 2_800)
        for pair in sink.pairs {
            #expect(left[pair.left]?.person == right[pair.right]?.person)
        }
        // Each person at most once per side, and every person on both sides is in the truth.
        let leftPeople = Set(left.values.map(\.person))
        let rightPeople = Set(right.values.map(\.person))
        #expect(leftPeople.count == 2_000 && rightPeople.count == 2_000)
        #expect(Set(sink.pairs.map(\.left)).count == 1_200 && Set(sink.pairs.map(\.right)).count == 1_200)
        #expect(leftPeople.intersection(rightPeople).count == 1_200)
    }

    @Test func deduplicationTruthListsEveryPairOfAPersonsRecords() throws {
        let options = PopulationOptions(
            shape: .deduplicate, people: 1_500, seed: 5, duplicates: try CopiesDistribution(parsing: "1=0.4,2=0.3,3=0.2,5=0.1"))
        let (sink, report) = try collect(options)
        let records = sink.records[.records] ?? []
        #expect(Set(records.map(\.id)) == Set(1...records.count))
        var byPerson: [Int: [Int]] = [:]
        for record in records { byPerson[record.person, default: []].append(record.id) }
        #expect(byPerson.count == 1_500)
        #expect(Set(byPerson.values.map(\.count)).isSubset(of: [1, 2, 3, 5]))
        var expected: Set<[Int]> = []
        for ids in byPerson.values {
            let sorted = ids.sorted()
            for first in sorted.indices { for second in sorted.indices where second > first { expected.insert([sorted[first], sorted[second]]) } }
        }
        #expect(sink.pairs.allSatisfy { $0.left < $0.right })
        #expect(Set(sink.pairs.map { [$0.left, $0.right] }) == expected)
        #expect(sink.pairs.count == expected.count && report.truePairs == expected.count)
        // The mean of the table is 2.2 records a person.
        #expect(abs(Double(records.count) / 1_500 - 2.2) < 0.15)
    }

    @Test func theSocialSecurityNumberAgreesWithThePerson() throws {
        let (sink, _) = try collect(PopulationOptions(shape: .link, people: 1_000, seed: 2, corruption: .none))
        for record in sink.records[.left] ?? [] {
            let nir = try #require(record.nir)
            let birth = try #require(record.birthDate)
            let department = try #require(record.department)
            #expect(nir.count == 13 && nir.allSatisfy(\.isNumber))
            #expect(nir.hasPrefix(record.sex + birth.dropFirst(2).prefix(2) + birth.dropFirst(5).prefix(2)))
            let place = department == "2A" || department == "2B" ? "20" : department
            #expect(nir.dropFirst(5).hasPrefix(place))
            #expect(record.commune?.hasPrefix(department) == true && record.commune?.count == 5)
            #expect(record.postcode?.count == 5)
            #expect(record.diagnosis?.first?.isLetter == true)
        }
    }

    @Test func twinsShareAllButTheirGivenNameAndAreNeverATruePair() throws {
        var rates = CorruptionRates.none
        rates.twins = 0.2
        let (sink, report) = try collect(PopulationOptions(shape: .link, people: 2_000, seed: 9, overlap: 0.5, corruption: rates))
        let population = try LinkagePopulation(options: PopulationOptions(shape: .link, people: 2_000, seed: 9, overlap: 0.5, corruption: rates))
        #expect(report.twins > 450 && report.twins < 750)
        let records = (sink.records[.left] ?? []) + (sink.records[.right] ?? [])
        let byPerson = Dictionary(records.map { ($0.person, $0) }, uniquingKeysWith: { first, _ in first })
        var pairsSeen = 0
        for (person, record) in byPerson {
            guard let twin = population.person(person).twin, let other = byPerson[twin] else { continue }
            pairsSeen += 1
            #expect(other.surname == record.surname && other.birthDate == record.birthDate && other.sex == record.sex)
            #expect(other.streetName == record.streetName && other.commune == record.commune && other.streetNumber == record.streetNumber)
            #expect(other.givenName != record.givenName)
            #expect(other.nir != record.nir && other.nir?.prefix(10) == record.nir?.prefix(10))
        }
        #expect(pairsSeen > 100)
        let left = sink.byID(.left)
        let right = sink.byID(.right)
        #expect(sink.pairs.allSatisfy { left[$0.left]?.person == right[$0.right]?.person })
    }

    @Test func generationStreamsThroughTheSink() throws {
        struct StopAfter: PopulationSink, Error {
            var left: Int
            mutating func write(_ record: PopulationRecord, to file: PopulationFile) throws {
                left -= 1
                if left == 0 { throw self }
            }
            mutating func writePair(left: Int, right: Int) throws {}
        }
        let population = try LinkagePopulation(options: PopulationOptions(shape: .deduplicate, people: 1_000_000, seed: 1))
        var sink = StopAfter(left: 10)
        var cursor = PopulationCursor()
        #expect(throws: StopAfter.self) { try population.generate(into: &sink, cursor: &cursor) }
        // Ten records are ten people's worth of work, not a million's held somewhere.
        #expect(cursor.person <= 10)
        #expect(population.recordCount > 1_900_000)
    }

    @Test func surnamesHaveAFewFrequentNamesAndALongTail() throws {
        let (sink, _) = try collect(PopulationOptions(shape: .link, people: 20_000, seed: 11, overlap: 0, corruption: .none))
        var counts: [String: Int] = [:]
        for record in sink.records[.left] ?? [] { counts[record.surname ?? "", default: 0] += 1 }
        let ranked = counts.values.sorted(by: >)
        #expect(counts.count > 2_000)
        #expect(Double(ranked[0]) / 20_000 < 0.02)
        #expect(ranked[0] > 5 * ranked[ranked.count / 2])
        #expect(counts.values.filter { $0 == 1 }.count > 100)
    }

    @Test func loadsIntoAnEngine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-population-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try Engines.open("sqlite://\(directory.path)/population.sqlite")
        let population = try LinkagePopulation(options: PopulationOptions(shape: .link, people: 300, seed: 2, overlap: 0.5))
        let loaded = try await population.load(into: engine, prefix: "febrl", batchRows: 64)
        #expect(loaded == ["febrl_left": 300, "febrl_right": 300, "febrl_truth": 150])
        let joined = try await engine.count(
            "SELECT COUNT(*) FROM febrl_truth t JOIN febrl_left l ON l.record_id = t.left_id JOIN febrl_right r ON r.record_id = t.right_id")
        #expect(joined == 150)
    }
}
