import ArgumentParser
import Classification
import Foundation

extension ClassifyCommand {
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the classifier against labels: precision, recall and F1 of `uses`, per database and overall.",
            discussion: """
                LABELS is JSON Lines: {"id": "pmid:123", "uses": ["SNDS", "PMSI"]} per publication (extra keys such as \
                pmid, doi, note, hard are allowed). `id` is the key given in a jsonl file at ingest, or pmid:N (bare \
                digits too), doi:… or a bare DOI, PMC…; the line's own pmid and doi are tried next. The labelled \
                publications are classified now with the current registry: `classify run` is not needed, and curated \
                labels do not replace the classifier's verdicts. The databases evaluated are those named in at least \
                one label's `uses`: a `uses` verdict on a database no label names is not counted. Overall figures are \
                micro-averaged (true and false positives summed over databases). --curated takes the curators' \
                labels in the store as the gold set instead.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The labels file (JSON Lines).", completion: .file())
        var labels: String?

        @Flag(help: "Use the curated labels of the store as the gold set.")
        var curated = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            if curated == (labels != nil) { throw ValidationError("give either a LABELS file or --curated") }
        }

        func run() async throws {
            let repository = ClassificationRepository(store: try storeOptions.open())
            let gold: [GoldLabel]
            if let labels {
                let text: String
                do {
                    text = try String(contentsOfFile: labels, encoding: .utf8)
                } catch {
                    throw ValidationError("\(labels): cannot be read as UTF-8 text (\(error.localizedDescription))")
                }
                do {
                    gold = try GoldLabel.read(text, file: labels)
                } catch {
                    printError(error.description)
                    throw ExitCode(2)
                }
            } else {
                gold = try await repository.curatedGold()
            }
            let evaluation = try await repository.evaluate(gold)
            if format == .json { return try printJSON(evaluation) }
            print(Self.render(evaluation))
        }

        static func render(_ evaluation: ClassificationEvaluation) -> String {
            func number(_ value: Double) -> String { String(format: "%.3f", value) }
            var lines = [
                "\(evaluation.labelled) labelled publications evaluated"
                    + (evaluation.unresolved.isEmpty
                        ? ""
                        : ", \(evaluation.unresolved.count) not in the store: "
                            + evaluation.unresolved.prefix(10).joined(separator: ", ") + (evaluation.unresolved.count > 10 ? ", …" : ""))
            ]
            let rows = evaluation.perDatabase.sorted { $0.key < $1.key }.map { name, score in
                [
                    name, number(score.precision), number(score.recall), number(score.f1), String(score.truePositives), String(score.falsePositives),
                    String(score.falseNegatives), String(score.support),
                ]
            }
            let total = evaluation.perDatabase.values.reduce(into: (0, 0, 0, 0)) {
                $0 = ($0.0 + $1.truePositives, $0.1 + $1.falsePositives, $0.2 + $1.falseNegatives, $0.3 + $1.support)
            }
            lines.append(
                columns(
                    [["DATABASE", "PRECISION", "RECALL", "F1", "TP", "FP", "FN", "SUPPORT"]] + rows
                        + [
                            [
                                "all (micro)", number(evaluation.precision), number(evaluation.recall), number(evaluation.f1), String(total.0),
                                String(total.1),
                                String(total.2), String(total.3),
                            ]
                        ]))
            if !evaluation.misclassified.isEmpty {
                lines.append("\nMisclassified (\(evaluation.misclassified.count)):")
                for miss in evaluation.misclassified {
                    lines.append(
                        "  \(miss.id)  \(miss.database): expected \(miss.expected.rawValue), predicted \(miss.predicted.rawValue) (\(number(miss.confidence)))"
                    )
                    if let top = miss.evidence.first {
                        let place = [top.field.rawValue, top.section].compactMap { $0 }.joined(separator: "/")
                        lines.append("      [\(place), weight \(number(top.weight))\(top.note.map { ", \($0)" } ?? "")] \(top.sentence)")
                    }
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
