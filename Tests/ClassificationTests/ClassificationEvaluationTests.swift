import Testing

@testable import Classification

@Suite struct ClassificationEvaluationTests {
    func verdicts(uses: [String], mentions: [String] = []) -> [DatabaseVerdict] {
        uses.map { DatabaseVerdict(database: $0, verdict: .uses, confidence: 0.9) }
            + mentions.map {
                DatabaseVerdict(
                    database: $0, verdict: .mentions, confidence: 0.7, evidence: [Evidence(field: .abstract, sentence: "s", phrase: $0, weight: 0.2)])
            }
    }

    @Test func precisionRecallAndF1ByHand() {
        // SNDS: a TP, b TP, c FP, d FN -> P 2/3, R 2/3. PMSI: a TP, b FN -> P 1, R 1/2. EGB named by nobody: not counted.
        let cases = [
            ClassificationEvaluation.Case(label: GoldLabel(id: "a", uses: ["SNDS", "PMSI"]), verdicts: verdicts(uses: ["SNDS", "PMSI", "EGB"])),
            ClassificationEvaluation.Case(label: GoldLabel(id: "b", uses: ["SNDS", "PMSI"]), verdicts: verdicts(uses: ["SNDS"], mentions: ["PMSI"])),
            ClassificationEvaluation.Case(label: GoldLabel(id: "c", uses: []), verdicts: verdicts(uses: ["SNDS"])),
            ClassificationEvaluation.Case(label: GoldLabel(id: "d", uses: ["SNDS"]), verdicts: verdicts(uses: [])),
        ]
        let evaluation = ClassificationEvaluation(cases: cases, unresolved: ["e"])
        let snds = evaluation.perDatabase["SNDS"]!
        #expect((snds.truePositives, snds.falsePositives, snds.falseNegatives, snds.support) == (2, 1, 1, 3))
        #expect(snds.precision == 0.6667 && snds.recall == 0.6667 && snds.f1 == 0.6667)
        let pmsi = evaluation.perDatabase["PMSI"]!
        #expect((pmsi.truePositives, pmsi.falsePositives, pmsi.falseNegatives) == (1, 0, 1))
        #expect(pmsi.precision == 1 && pmsi.recall == 0.5 && pmsi.f1 == 0.6667)
        #expect(evaluation.perDatabase["EGB"] == nil)
        // Micro: TP 3, FP 1, FN 2 -> P 3/4, R 3/5, F1 2/3.
        #expect(evaluation.precision == 0.75 && evaluation.recall == 0.6 && evaluation.f1 == 0.6667)
        #expect(evaluation.labelled == 4 && evaluation.unresolved == ["e"])
        let misses = evaluation.misclassified.map { "\($0.id) \($0.database) \($0.expected.rawValue)->\($0.predicted.rawValue)" }
        #expect(misses == ["b PMSI uses->mentions", "c SNDS no->uses", "d SNDS uses->no"])
        #expect(evaluation.misclassified[0].evidence.first?.phrase == "PMSI")
    }

    @Test func nothingToCountIsZeroNotNaN() {
        let evaluation = ClassificationEvaluation(cases: [ClassificationEvaluation.Case(label: GoldLabel(id: "a", uses: []), verdicts: [])])
        #expect(evaluation.perDatabase.isEmpty)
        #expect(evaluation.precision == 0 && evaluation.recall == 0 && evaluation.f1 == 0)
    }

    @Test func aLabelsFileIsReadWithItsErrorsNamingTheLine() throws {
        let labels = try GoldLabel.read(
            """
            {"id": "w001", "uses": [], "note": "a trap", "hard": true}

            {"id": "pmid:123", "uses": ["SNDS", "PMSI"], "pmid": 123, "doi": "10.1/x"}
            """, file: "labels.jsonl")
        #expect(labels.map(\.id) == ["w001", "pmid:123"])
        #expect(labels[1].uses == ["SNDS", "PMSI"] && labels[1].pmid == "123" && labels[1].names == ["pmid:123", "pmid:123", "doi:10.1/x"])
        #expect(throws: GoldLabelError.self) { try GoldLabel.read("{\"id\": \"a\", \"uses\": []}\n{oops", file: "l.jsonl") }
        do {
            _ = try GoldLabel.read("{\"id\": \"a\", \"uses\": []}\n{\"id\": \"b\"}", file: "l.jsonl")
            Issue.record("a line without uses was accepted")
        } catch {
            #expect(error.description.hasPrefix("l.jsonl:2"))
            #expect(error.description.contains("uses"))
        }
        #expect(throws: GoldLabelError.self) { try GoldLabel.read("{\"uses\": []}", file: "l.jsonl") }
        #expect(throws: GoldLabelError.self) { try GoldLabel.read("{\"id\": \"a\", \"uses\": []}\n{\"id\": \"a\", \"uses\": []}", file: "l.jsonl") }
    }
}
