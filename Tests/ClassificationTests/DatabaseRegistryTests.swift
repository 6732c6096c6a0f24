import Catalog
import Testing

@Suite struct DatabaseRegistryTests {
    @Test func theStandardRegistryIsValidAndRoundTripsThroughYAML() throws {
        let standard = DatabaseRegistry.standard
        #expect(standard.database(named: "snds")?.name == "SNDS")
        #expect(standard.ancestors(of: "PMSI") == ["SNDS"])
        #expect(standard.family(of: "SNDS").isSuperset(of: ["SNDS", "PMSI", "DCIR", "EGB", "CepiDc"]))
        let again = try DatabaseRegistry.decode(yaml: try standard.yaml(), file: "exported.yml")
        #expect(again == standard)
    }

    @Test func aBrokenRegistryIsRefusedWithThePlaceOfTheError() {
        let unknownParent = """
            version: 2
            databases:
              - { name: PMSI, title: Hospital stays, kind: hospital, part_of: SNDS }
            """
        #expect(throws: DatabaseRegistryError(file: "mine.yml", path: "databases[0].part_of", message: "unknown database SNDS")) {
            try DatabaseRegistry.decode(yaml: unknownParent, file: "mine.yml")
        }
        let badPhrase = """
            version: 2
            databases:
              - { name: SNDS, title: SNDS, kind: system, names: ["french (national health data"] }
            """
        #expect(throws: DatabaseRegistryError(file: "mine.yml", path: "databases[0].names[0]", message: "phrase \"french (national health data\": a '(' is not closed")) {
            try DatabaseRegistry.decode(yaml: badPhrase, file: "mine.yml")
        }
        do {
            _ = try DatabaseRegistry.decode(yaml: "version: 2\ndatabases:\n  - { name: SNDS, kind: system }", file: "mine.yml")
            Issue.record("a database without a title was accepted")
        } catch {
            #expect(error.file == "mine.yml")
            #expect(error.path == "databases[0].title")
        }
    }

    @Test func phrasesMatchFoldedWordsWithChoicesOptionsAndPrefixes() throws {
        let pattern = try PhrasePattern("french (national)? health insurance (claim*|information system)")
        func ends(_ text: String) -> [Int] {
            let words = text.split(separator: " ").map { String($0).folded }.filter { !PhrasePattern.skippedWords.contains($0) }
            return pattern.matchEnds(in: words, from: 0)
        }
        #expect(ends("French national health insurance claims") == [5])
        #expect(ends("French health insurance information system") == [5])
        #expect(ends("French health insurance data") == [])
        #expect(pattern.firstWords.words == ["french"])
        let accents = try PhrasePattern("système national des données de santé")
        #expect(accents.matchEnds(in: ["systeme", "national", "donnees", "sante"], from: 0) == [4])
        #expect(try PhrasePattern("(interregime*|interscheme*) system").firstWords.prefixes == ["interregime", "interscheme"])
    }
}
