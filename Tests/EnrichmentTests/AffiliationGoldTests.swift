import Foundation
import Testing

@testable import Enrichment

/// Country detection measured on real affiliation strings whose organisations are known: the Crossref and
/// Springer Nature gold sets of ROR's matching service, each string with its ROR ids, and ROR's own records for
/// the organisations' countries. Only strings whose every ROR id is in the extract are judged.
@Suite(
    .enabled(
        if: SharedData.has("affiliations/dataset_affiliations_crossref_2024_02_19.json") && SharedData.has("organisations/ror-partial-v2.json"),
        "../shared/data/affiliations or organisations is absent"))
struct AffiliationGoldTests {
    struct GoldString: Decodable {
        let affiliation: String
        let ror_ids: [String]
    }

    struct Organisation: Decodable {
        struct Location: Decodable {
            struct Details: Decodable { let country_code: String }
            let geonames_details: Details
        }
        let id: String
        let locations: [Location]
    }

    struct Measure: CustomStringConvertible {
        var strings = 0
        var withCountry = 0
        /// Strings whose ROR ids are all in the extract, with at least one.
        var judged = 0
        var judgedWithCountry = 0
        var right = 0
        var wrong: [(text: String, read: String, expected: Set<String>)] = []

        var coverage: Double { Double(withCountry) / Double(max(strings, 1)) }
        var precision: Double { Double(right) / Double(max(judgedWithCountry, 1)) }
        var recall: Double { Double(right) / Double(max(judged, 1)) }

        var description: String {
            let percent = { (value: Double) in String(format: "%.1f%%", value * 100) }
            return "\(strings) strings, a country for \(withCountry) (\(percent(coverage))); judged \(judged): "
                + "precision \(percent(precision)) (\(right)/\(judgedWithCountry)), recall \(percent(recall))"
        }
    }

    /// ROR id → ISO code of its country; read once for both sets.
    static let countries: [String: String] = {
        guard let data = FileManager.default.contents(atPath: SharedData.path("organisations/ror-partial-v2.json")),
            let organisations = try? JSONDecoder().decode([Organisation].self, from: data)
        else { return [:] }
        return Dictionary(
            organisations.compactMap { organisation in organisation.locations.first.map { (organisation.id, $0.geonames_details.country_code) } },
            uniquingKeysWith: { first, _ in first })
    }()

    static func measure(_ file: String) throws -> Measure {
        let data = try #require(FileManager.default.contents(atPath: SharedData.path("affiliations/\(file)")))
        let strings = try JSONDecoder().decode([GoldString].self, from: data)
        var measure = Measure()
        for gold in strings {
            let read = AffiliationReader.read(gold.affiliation).country?.name
            let code = read.flatMap { Country.named($0)?.code }
            measure.strings += 1
            if read != nil { measure.withCountry += 1 }
            let expected = gold.ror_ids.compactMap { countries[$0] }
            guard !gold.ror_ids.isEmpty, expected.count == gold.ror_ids.count else { continue }
            measure.judged += 1
            guard let code, let read else { continue }
            measure.judgedWithCountry += 1
            if expected.contains(code) {
                measure.right += 1
            } else {
                measure.wrong.append((gold.affiliation, read, Set(expected)))
            }
        }
        return measure
    }

    static func report(_ name: String, _ measure: Measure) {
        print("AffiliationReader country, \(name): \(measure)")
        for wrong in measure.wrong.prefix(40) { print("  wrong: \(wrong.text) → \(wrong.read), ROR: \(wrong.expected.sorted())") }
    }

    @Test func crossrefStrings() throws {
        #expect(!Self.countries.isEmpty)
        let measure = try Self.measure("dataset_affiliations_crossref_2024_02_19.json")
        Self.report("Crossref", measure)
        #expect(measure.strings == 3000)
        // Measured: precision 99.9% (1625/1627), recall 90.4%, a country for 85.3% of the strings.
        #expect(measure.precision >= 0.99)
        #expect(measure.recall >= 0.88)
        #expect(measure.coverage >= 0.83)
    }

    @Test(.enabled(if: SharedData.has("affiliations/dataset_affiliations_springer_2023_10_31.json"), "the Springer set is absent"))
    func springerStrings() throws {
        let measure = try Self.measure("dataset_affiliations_springer_2023_10_31.json")
        Self.report("Springer Nature", measure)
        #expect(measure.strings == 3000)
        // Measured: precision and recall 99.9% (2005/2007): every Springer string ends with its country.
        #expect(measure.precision >= 0.99)
        #expect(measure.recall >= 0.99)
        #expect(measure.coverage >= 0.99)
    }
}
