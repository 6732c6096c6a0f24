import Foundation
import Testing
import Workbench

@testable import Linkage

@Suite struct PopulationCorruptionTests {
    /// Right records of 3,000 people against the clean left ones (overlap 1: every person on both sides).
    func pairs(_ rates: CorruptionRates, seed: UInt64 = 21) throws -> (
        pairs: [(clean: PopulationRecord, dirty: PopulationRecord)], report: PopulationReport
    ) {
        let (sink, report) = try collect(PopulationOptions(shape: .link, people: 3_000, seed: seed, corruption: rates))
        let left = Dictionary(uniqueKeysWithValues: (sink.records[.left] ?? []).map { ($0.person, $0) })
        let pairs = (sink.records[.right] ?? []).compactMap { dirty in left[dirty.person].map { (clean: $0, dirty: dirty) } }
        #expect(pairs.count == 3_000)
        return (pairs, report)
    }

    @Test func typosChangeTheAskedShareOfFieldsByOneCharacter() throws {
        var rates = CorruptionRates.none
        rates.typo = 0.2
        let (pairs, report) = try pairs(rates)
        let fields: [KeyPath<PopulationRecord, String?>] = [\.givenName, \.surname, \.streetName, \.nir]
        var changed = 0
        for (clean, dirty) in pairs {
            for field in fields where clean[keyPath: field] != dirty[keyPath: field] {
                changed += 1
                let before = Array(clean[keyPath: field] ?? "")
                let after = Array(dirty[keyPath: field] ?? "")
                #expect(abs(before.count - after.count) <= 1)
            }
            #expect(clean.birthDate == dirty.birthDate && clean.commune == dirty.commune)
        }
        let observed = Double(changed) / Double(pairs.count * fields.count)
        #expect(abs(observed - 0.2) < 0.015)
        #expect(report.corruption[.typo].applied == changed && report.corruption[.typo].chances == 12_000)
    }

    @Test func missingSwappedAndMovedAtTheirRates() throws {
        var rates = CorruptionRates.none
        rates.missing = 0.05
        rates.swap = 0.3
        rates.move = 0.1
        let (pairs, report) = try pairs(rates)
        let blankable = PopulationRecord.blankable
        let missing = pairs.reduce(0) { total, pair in total + blankable.filter { pair.dirty[keyPath: $0] == nil }.count }
        #expect(abs(Double(missing) / Double(pairs.count * blankable.count) - 0.05) < 0.008)
        #expect(pairs.allSatisfy { pair in blankable.allSatisfy { pair.clean[keyPath: $0] != nil } })

        var eligible = 0
        var swapped = 0
        for (clean, dirty) in pairs {
            guard let date = clean.birthDate, let dirtyDate = dirty.birthDate else { continue }
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts[2] <= 12, parts[2] != parts[1] else { continue }
            eligible += 1
            if dirtyDate != date {
                swapped += 1
                #expect(dirtyDate == "\(parts[0])-\(date.suffix(2))-\(date.dropFirst(5).prefix(2))")
            }
        }
        #expect(eligible > 800)
        #expect(abs(Double(swapped) / Double(eligible) - 0.3) < 0.05)
        #expect(abs(report.corruption[.swap].rate - 0.3) < 0.05)

        // A move changes the commune (the département four times in ten), never the birth date.
        let moves = report.corruption[.move]
        #expect(moves.chances == 3_000 && abs(moves.rate - 0.1) < 0.02)
        let otherCommune = pairs.filter { $0.clean.commune != nil && $0.dirty.commune != nil && $0.clean.commune != $0.dirty.commune }
        #expect(Double(otherCommune.count) / 3_000 > 0.07 && Double(otherCommune.count) / 3_000 < 0.11)
        let otherDepartment = otherCommune.filter { $0.clean.department != $0.dirty.department }.count
        #expect(otherDepartment > otherCommune.count / 5 && otherDepartment < otherCommune.count * 3 / 5)
    }

    @Test func nicknamesMarriagesShiftsAndDiagnoses() throws {
        var rates = CorruptionRates.none
        rates.nickname = 0.5
        rates.marriage = 0.5
        rates.shift = 0.2
        rates.diagnosis = 0.1
        let (pairs, report) = try pairs(rates)
        for kind in [CorruptionKind.nickname, .marriage] { #expect(abs(report.corruption[kind].rate - 0.5) < 0.06) }
        #expect(abs(report.corruption[.shift].rate - 0.2) < 0.03)
        #expect(abs(report.corruption[.diagnosis].rate - 0.1) < 0.02)
        for (clean, dirty) in pairs {
            if clean.surname != dirty.surname { #expect(clean.sex == "2") }
            if clean.diagnosis != dirty.diagnosis, dirty.diagnosis?.count == 4 {
                #expect(dirty.diagnosis?.first?.isLetter == true)
            }
        }
        // A changed given name is a known short form, part of the compound, its initials, or the name without accents.
        let renamed = pairs.compactMap { pair -> (String, String)? in
            guard let clean = pair.clean.givenName, let dirty = pair.dirty.givenName, clean != dirty else { return nil }
            return (clean, dirty)
        }
        #expect(renamed.count > 300)
        for (clean, dirty) in renamed {
            let known = FrenchNames.nicknames[clean]?.contains(dirty) == true
            let compound =
                clean.contains("-") && (clean.hasPrefix(dirty) || dirty == clean.replacingOccurrences(of: "-", with: " ") || dirty.count == 3)
            #expect(known || compound || dirty == clean.folding(options: .diacriticInsensitive, locale: nil), "\(clean) -> \(dirty)")
        }
    }

    @Test func originalsAreCleanUnlessAsked() throws {
        let (clean, cleanReport) = try collect(PopulationOptions(shape: .deduplicate, people: 500, seed: 1, duplicates: .fixed(1)))
        #expect(cleanReport.corruption[.missing].chances == 0)
        #expect((clean.records[.records] ?? []).allSatisfy { $0.nir != nil && $0.givenName != nil })
        let (_, dirtyReport) = try collect(
            PopulationOptions(shape: .deduplicate, people: 500, seed: 1, duplicates: .fixed(1), corruptOriginals: true))
        #expect(dirtyReport.corruption[.missing].chances == 500 * PopulationRecord.blankable.count)
    }

    @Test func typosAlwaysChangeTheTextByOneEdit() {
        var random = SplitMix64(seed: 3)
        for text in ["MARTIN", "Anne", "aa", "É", "rue de l'Église", "D'ALMEIDA"] {
            for _ in 0..<200 {
                let typed = Typo.apply(to: text, &random)
                #expect(typed != nil && typed != text)
                #expect(abs((typed?.count ?? 0) - text.count) <= 1)
            }
        }
        for _ in 0..<200 {
            let typed = Typo.applyToDigits("1850775123456", &random)
            #expect(typed?.count == 13 && typed != "1850775123456" && typed?.allSatisfy(\.isNumber) == true)
        }
        #expect(Typo.apply(to: "", &random) == nil)
        #expect(Set(Typo.neighbours["a"] ?? []) == ["z", "q"])
    }

    @Test func ratesAndDuplicatesAreReadWithClearErrors() throws {
        let rates = try CorruptionRates(parsing: "none,typo=0.2,twins=0.01")
        #expect(rates.typo == 0.2 && rates.twins == 0.01 && rates.missing == 0)
        #expect(try CorruptionRates(parsing: "swap=0.5").typo == CorruptionRates().typo)
        #expect(throws: PopulationError.self) { try CorruptionRates(parsing: "typo=1.5") }
        #expect(throws: PopulationError.self) { try CorruptionRates(parsing: "colour=0.1") }
        #expect(try CopiesDistribution(parsing: "3") == .fixed(3))
        #expect(try CopiesDistribution(parsing: "poisson:2.5") == .poisson(mean: 2.5))
        #expect(try CopiesDistribution(parsing: "1=1,3=1").mean == 2)
        #expect(throws: PopulationError.self) { try CopiesDistribution(parsing: "0") }
        #expect(throws: PopulationError.self) { try CopiesDistribution(parsing: "poisson:0.5") }
        #expect(throws: PopulationError.self) { try LinkagePopulation(options: PopulationOptions(shape: .link, people: 10, overlap: 1.5)) }
        do {
            _ = try CorruptionRates(parsing: "colour=0.1")
        } catch {
            #expect(error.description.contains("colour") && error.description.contains("typo"))
        }
    }
}
