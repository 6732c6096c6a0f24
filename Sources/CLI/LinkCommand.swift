import ArgumentParser
import Foundation
import Linkage
import Workbench

struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link records between databases, or deduplicate one, deterministically and with a Fellegi-Sunter model.",
        subcommands: [Train.self, Predict.self, Evaluate.self, Explain.self, Add.self, Population.self]
    )

    /// Reads the spec and its records, timing the step for the report.
    static func prepare(_ path: String, newRecords: SideSpec? = nil) async throws -> (LinkageJob, Double) {
        let started = Date()
        let spec = try LinkageSpec.read(path: path)
        let job = try await LinkageJob.prepare(spec, newRecords: newRecords)
        return (job, Date().timeIntervalSince(started))
    }

    /// The saved model, or one trained now (and saved) when the spec's model file does not exist yet.
    static func model(for job: LinkageJob, quiet: Bool) async throws -> ModelParameters {
        if FileManager.default.fileExists(atPath: job.spec.modelPath) { return try ModelParameters.load(from: job.spec.modelPath) }
        if job.spec.comparisons.isEmpty { return await job.train() }
        if !quiet { printError("no model at \(job.spec.modelPath): training it first") }
        let model = await job.train()
        try model.save(to: job.spec.modelPath)
        return model
    }

    static func f(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate the model (u from random pairs, m by EM under the blocking rules, the prior) and save it.",
            discussion: "Example: hublot link train cohort-link.yaml  (writes cohort-link.model.json beside the spec, or the spec's model:)")

        @Argument(help: "The linkage spec (YAML).") var spec: String
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let (job, loading) = try await LinkCommand.prepare(spec)
            let started = Date()
            let model = await job.train()
            try model.save(to: job.spec.modelPath)
            let seconds = Date().timeIntervalSince(started)
            if format == .json {
                return try printJSON(TrainReport(model: model, modelFile: job.spec.modelPath, loadSeconds: loading, trainSeconds: seconds))
            }
            print(
                "records: \(job.left.count)\(job.mode == .link ? " × \(job.right.count)" : ""), read in \(f(loading, 2)) s; trained in \(f(seconds, 2)) s"
            )
            print("prior λ = \(String(format: "%.3g", model.prior)) (\(f(model.priorWeight, 2)) bits)")
            var rows = [["comparison", "level", "m", "u", "log2(m/u)"]]
            for comparison in model.comparisons {
                for level in comparison.levels where !level.isNull {
                    rows.append([comparison.name, level.label, f(level.m), String(format: "%.6f", level.u), f(level.weight, 2)])
                }
            }
            print(columns(rows))
            for line in model.training { print("  \(line)") }
            print("model saved to \(job.spec.modelPath)")
        }
    }

    struct TrainReport: Encodable {
        var model: ModelParameters
        var modelFile: String
        var loadSeconds: Double
        var trainSeconds: Double
    }

    struct Predict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every blocked pair and write the matches (and clusters when deduplicating) to an engine.",
            discussion: """
                Writes PREFIX_pairs (left_id, right_id, match_weight, match_probability, matched_by) and, when \
                deduplicating, PREFIX_clusters (record_id, cluster_id). Trains first when the model file is missing. \
                Example: hublot link predict cohort-link.yaml --out sqlite:///tmp/links.sqlite --charts /tmp/charts
                """)

        @Argument(help: "The linkage spec (YAML).") var spec: String
        @Option(help: "The engine to write to, e.g. sqlite:///path/links.sqlite.") var out: String
        @Option(help: "The tables' name prefix.") var prefix: String = "link"
        @Option(help: "A folder to write the SVG charts to (weights histogram, m/u per level).") var charts: String?
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let started = Date()
            let engine = try Engines.open(out)
            let parsed = try LinkageSpec.read(path: spec)
            if DeterministicPushdown.obstacle(parsed, out: out) == nil {
                // Only deterministic rules, both sides and the output on one engine: the joins run there.
                let matches = try await DeterministicPushdown.run(parsed, on: engine, prefix: prefix)
                let seconds = Date().timeIntervalSince(started)
                if format == .json {
                    return try printJSON(
                        PredictReport(
                            matches: matches, comparedPairs: matches, deterministicPairs: matches, expectedMatches: Double(matches), clusters: nil,
                            thresholdWeight: 0, seconds: seconds, out: engine.url.description, weightHistogram: []))
                }
                print("\(matches) matches by deterministic rules, joined on \(engine.url) (\(prefix)_pairs) in \(f(seconds, 2)) s")
                return
            }
            let (job, _) = try await LinkCommand.prepare(spec)
            let model = try await LinkCommand.model(for: job, quiet: format == .json)
            let prediction = try await job.predict(model: model)
            let matches = LinkageJob.matches(prediction)
            try await LinkageOutput.writePairs(matches, job: job, to: engine, table: LinkageOutput.pairsTable(prefix))
            var clusterCount: Int?
            if job.mode == .deduplicate {
                let clusters = job.clusters(prediction)
                try await LinkageOutput.writeClusters(
                    ids: job.left.ids, clusters: clusters.clusterIDs, to: engine, table: LinkageOutput.clustersTable(prefix))
                clusterCount = clusters.count
            }
            if let charts { try LinkCommand.writeCharts(charts, prediction: prediction, model: model) }
            let report = PredictReport(
                matches: matches.count, comparedPairs: prediction.comparedPairs, deterministicPairs: prediction.deterministicPairs,
                expectedMatches: prediction.expectedMatches, clusters: clusterCount, thresholdWeight: prediction.threshold,
                seconds: Date().timeIntervalSince(started), out: engine.url.description, weightHistogram: prediction.histogram.counts)
            if format == .json { return try printJSON(report) }
            print("\(matches.count) matches of \(prediction.comparedPairs) pairs compared (\(prediction.deterministicPairs) by deterministic rules)")
            print("the model expects \(f(prediction.expectedMatches, 1)) matches among the compared pairs")
            if let clusterCount { print("\(clusterCount) clusters of \(job.left.count) records") }
            print("written to \(engine.url) (\(prefix)_pairs\(clusterCount == nil ? "" : ", \(prefix)_clusters")) in \(f(report.seconds, 2)) s")
        }
    }

    struct PredictReport: Encodable {
        var matches: Int
        var comparedPairs: Int
        var deterministicPairs: Int
        var expectedMatches: Double
        var clusters: Int?
        var thresholdWeight: Double
        var seconds: Double
        var out: String
        /// Pairs per one-bit weight bin, from -40 to +40.
        var weightHistogram: [Int]
    }

    static func writeCharts(_ folder: String, prediction: Prediction, model: ModelParameters) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let histogram = LinkageCharts.weightHistogram(prediction.histogram, threshold: prediction.threshold)
        try Data(histogram.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("match-weights.svg"))
        try Data(LinkageCharts.levelWeights(model).utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("level-weights.svg"))
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the job against known true pairs: precision, recall, F1, and the worst pairs explained.",
            discussion: "Example: hublot link evaluate cohort-link.yaml --labels truth.csv --format json  (labels: a CSV with left_id,right_id)")

        @Argument(help: "The linkage spec (YAML).") var spec: String
        @Option(help: "The true pairs: a CSV with the columns left_id and right_id.") var labels: String
        @Option(help: "How many of the worst false positives and missed pairs to explain.") var examples: Int = 5
        @Option(help: "A folder to write the SVG charts to (weights histogram, m/u per level).") var charts: String?
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let started = Date()
            let truth = try TruthLabels.read(path: labels)
            let (job, _) = try await LinkCommand.prepare(spec)
            let model = try await LinkCommand.model(for: job, quiet: format == .json)
            let prediction = try await job.predict(model: model)
            let evaluation = try job.evaluate(prediction, labels: truth, model: model, examples: examples)
            if let charts { try LinkCommand.writeCharts(charts, prediction: prediction, model: model) }
            let seconds = Date().timeIntervalSince(started)
            if format == .json { return try printJSON(EvaluateReport(evaluation: evaluation, seconds: seconds)) }
            print("precision \(f(evaluation.precision))  recall \(f(evaluation.recall))  F1 \(f(evaluation.f1))")
            print(
                "\(evaluation.pairs) pairs declared matches: \(evaluation.truePositives) true, \(evaluation.falsePositives) false; "
                    + "\(evaluation.falseNegatives) of \(evaluation.labelledPairs) true pairs missed "
                    + "(\(evaluation.labelledPairs - evaluation.labelledPairsBlocked) never compared by blocking)")
            if evaluation.unknownLabels > 0 { print("\(evaluation.unknownLabels) labels name ids the job does not have") }
            print("\(evaluation.comparedPairs) pairs compared in \(f(seconds, 2)) s")
            if !evaluation.worstFalsePositives.isEmpty { print("\nhighest-weight false positives:") }
            for waterfall in evaluation.worstFalsePositives { print(waterfall.text) }
            if !evaluation.worstMissedPairs.isEmpty { print("\nlowest-weight missed true pairs:") }
            for waterfall in evaluation.worstMissedPairs { print(waterfall.text) }
        }
    }

    struct EvaluateReport: Encodable {
        var evaluation: Evaluation
        var seconds: Double

        func encode(to encoder: any Encoder) throws {
            try evaluation.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(seconds, forKey: .seconds)
        }

        enum Key: String, CodingKey { case seconds }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a pair's match weight: the prior, each comparison's level and log2(m/u), the total.",
            discussion: "Example: hublot link explain cohort-link.yaml rec-1070-org rec-1070-dup-0")

        @Argument(help: "The linkage spec (YAML).") var spec: String
        @Argument(help: "The left record's id.") var leftID: String
        @Argument(help: "The right record's id (another record's id when deduplicating).") var rightID: String
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let (job, _) = try await LinkCommand.prepare(spec)
            let model = try await LinkCommand.model(for: job, quiet: format == .json)
            let waterfall = try job.explain(leftID: leftID, rightID: rightID, model: model)
            if format == .json { return try printJSON(waterfall) }
            print(waterfall.text)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deduplication: score new records against the linked set with the saved model; clusters keep their ids.",
            discussion: """
                Reads PREFIX_clusters from --out (written by `link predict`), compares the new records with the spec's \
                records and each other (never the linked records again), and rewrites PREFIX_clusters with the new \
                records added and PREFIX_new_pairs with their matches. \
                Example: hublot link add people.yaml --new new-people.csv --out sqlite:///tmp/links.sqlite
                """)

        @Argument(help: "The linkage spec (YAML) the linked set was built with.") var spec: String
        @Option(help: "The new records: a CSV file, or a table on the spec's engine with --new-engine.") var new: String
        @Option(help: "The engine holding the new records' table, when --new names a table.") var newEngine: String?
        @Option(help: "The engine holding the linked set's clusters, written to.") var out: String
        @Option(help: "The tables' name prefix.") var prefix: String = "link"
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let started = Date()
            let specification = try LinkageSpec.read(path: spec)
            let source: SideSpec.Source = newEngine.map { .engine(url: $0, table: new) } ?? .csv(path: new)
            let newRecords = SideSpec(name: "new records", source: source, id: specification.left.id)
            let (job, _) = try await LinkCommand.prepare(spec, newRecords: newRecords)
            let model = try ModelParameters.load(from: job.spec.modelPath)
            let engine = try Engines.open(out)
            let existing = try await LinkageOutput.readClusters(from: engine, table: LinkageOutput.clustersTable(prefix).name)
            let prediction = try await job.predict(model: model)
            let threshold = log2(job.spec.clusterThreshold / (1 - job.spec.clusterThreshold))
            let (clusters, bridges) = Clusters.extend(
                existing: existing, ids: job.left.ids, newFrom: job.newFrom, pairs: prediction.pairs, threshold: threshold)
            let matches = LinkageJob.matches(prediction)
            try await LinkageOutput.writePairs(matches, job: job, to: engine, table: LinkageOutput.pairsTable("\(prefix)_new"))
            try await LinkageOutput.writeClusters(
                ids: job.left.ids, clusters: clusters.clusterIDs, to: engine, table: LinkageOutput.clustersTable(prefix))
            let added = job.left.count - job.newFrom
            let joined = (job.newFrom..<job.left.count).filter { existing.values.contains(clusters.clusterIDs[$0]) }.count
            let report = AddReport(
                newRecords: added, joinedExistingClusters: joined,
                newClusters: Set(clusters.clusterIDs[job.newFrom...]).count
                    - Set(
                        clusters.clusterIDs[job.newFrom...].filter { existing.values.contains($0) }
                    ).count,
                bridges: bridges, matches: matches.count, seconds: Date().timeIntervalSince(started))
            if format == .json { return try printJSON(report) }
            print("\(added) new records: \(joined) joined a linked cluster, \(report.newClusters) new clusters; \(matches.count) matches")
            if bridges > 0 { print("\(bridges) groups of new records match records of two linked clusters: kept apart, ids unchanged") }
        }
    }

    struct AddReport: Encodable {
        var newRecords: Int
        var joinedExistingClusters: Int
        var newClusters: Int
        var bridges: Int
        var matches: Int
        var seconds: Double
    }
}
