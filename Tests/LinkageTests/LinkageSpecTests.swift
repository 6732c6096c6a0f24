import Testing

@testable import Linkage

@Suite struct LinkageSpecTests {
    static let valid = """
        version: 1
        mode: link_only
        left: {csv: data/left.csv, id: rec_id}
        right: {engine: "sqlite://people.sqlite", table: people, id: rec_id}
        deterministic:
          - snds_dcir_beneficiary
          - keys: [soc_sec_id = ssn]
        comparisons:
          - column: given_name
            levels: [{exact: {term_frequency: true}}, {jaro_winkler: 0.9}, {levenshtein: 2}]
          - column: date_of_birth
            levels: [exact, day_month_swapped, {date_within_days: 31}, same_month_year]
        blocking:
          - [surname]
          - [given_name, "substr(postcode, 1, 2)"]
          - ["soundex(surname)", "year(date_of_birth)"]
        threshold: {weight: 6}
        max_pairs: 1_000_000
        one_to_one: true
        """

    @Test func readsEveryPartOfASpec() throws {
        let spec = try LinkageSpec.parse(Self.valid, file: "/p/job.yaml")
        #expect(spec.mode == .link)
        #expect(spec.left.source == .csv(path: "/p/data/left.csv"))
        #expect(spec.right?.source == .engine(url: "sqlite:///p/people.sqlite", table: "people"))
        #expect(spec.deterministic.count == 2)
        #expect(spec.deterministic[0] == DeterministicRule.sndsDCIRBeneficiary)
        #expect(spec.deterministic[1].keys.map(\.right.column) == ["ssn"])
        #expect(spec.comparisons[0].levels == [.exact(termFrequency: true), .jaroWinkler(atLeast: 0.9), .levenshtein(atMost: 2)])
        #expect(spec.comparisons[1].levelLabels.first == "null" && spec.comparisons[1].levelLabels.last == "else")
        #expect(spec.blocking[1].keys[1] == KeyExpression(.substring(start: 1, length: 2), column: "postcode"))
        #expect(spec.blocking[2].keys == [KeyExpression(.soundex, column: "surname"), KeyExpression(.year, column: "date_of_birth")])
        #expect(spec.training.blocking == spec.blocking)
        #expect(spec.threshold == .weight(6))
        #expect(spec.maxPairs == 1_000_000)
        #expect(spec.oneToOne)
        #expect(spec.modelPath == "/p/job.model.json")
    }

    func problem(_ text: String) -> LinkageError? {
        do {
            _ = try LinkageSpec.parse(text, file: "job.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func namesTheFileLineAndFieldOfAnUnknownLevel() throws {
        let text = Self.valid.replacingOccurrences(of: "{jaro_winkler: 0.9}", with: "{jaro: 0.9}")
        let error = try #require(problem(text))
        #expect(error.location.file == "job.yaml")
        #expect(error.location.line == 10)
        #expect(error.field == "comparisons[0].levels[1]")
        #expect(error.message.contains("unknown level kind 'jaro'"))
    }

    @Test func refusesBadSpecs() throws {
        #expect(problem("mode: link")?.field == "version")
        #expect(problem(Self.valid.replacingOccurrences(of: "mode: link_only", with: "mode: link_and_dedupe"))?.field == "mode")
        #expect(problem(Self.valid.replacingOccurrences(of: "snds_dcir_beneficiary", with: "snds_nope"))?.field == "deterministic[0]")
        #expect(problem(Self.valid.replacingOccurrences(of: "\"substr(postcode, 1, 2)\"", with: "\"substr(postcode, 0)\""))?.field == "blocking[1]")
        #expect(problem(Self.valid.replacingOccurrences(of: "{levenshtein: 2}", with: "{levenshtein: 1.5}"))?.field == "comparisons[0].levels[2]")
        #expect(problem(Self.valid.replacingOccurrences(of: "one_to_one: true", with: "one_to_one: maybe"))?.field == "one_to_one")
        #expect(problem(Self.valid.replacingOccurrences(of: "max_pairs: 1_000_000", with: "max_pairs: 0"))?.field == "max_pairs")
        let noBlocking = Self.valid.components(separatedBy: "blocking:")[0] + "threshold: 0.9\n"
        #expect(problem(noBlocking)?.field == "blocking")
        #expect(problem("version: 1\nmode: dedupe\nrecords: {csv: a.csv, id: id}\nright: {csv: b.csv, id: id}")?.field == "right")
        #expect(problem("version: 1\nmode: [")?.location.line != nil)
    }
}
