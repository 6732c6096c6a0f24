import ArgumentParser
import Foundation
import Linkage
import Workbench

extension PopulationShape: ExpressibleByArgument {}

extension LinkCommand {
    struct Population: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a test population for linkage: French people, records with controlled errors, and the truth.",
            discussion: """
                --shape link writes left.csv and right.csv, PEOPLE records each, of which --overlap share the same \
                people (each person at most once per side, like FEBRL4); --shape deduplicate writes records.csv with \
                --duplicates records per person (3, poisson:2.5, or 1=0.5,2=0.3,3=0.2). truth.csv lists the pairs of \
                records of one person (left_id,right_id; for deduplication left_id < right_id). The left record and a \
                person's first record are clean originals unless --corrupt-originals. Corruption rates: typo and \
                missing per field, the others per record they can apply to, twins per person (default: \
                typo=0.1,swap=0.02,missing=0.05,move=0.05,nickname=0.05,marriage=0.2,shift=0.1,diagnosis=0.05,twins=0.02; \
                `none,typo=0.2` starts from none). The same --seed gives the same bytes. Example: \
                hublot link population --shape link --people 5000 --seed 1 --out /tmp/febrl
                """
        )

        @Option(help: "link (two files) or deduplicate (one file).")
        var shape: PopulationShape

        @Option(help: "Records per side (link), or distinct people (deduplicate).")
        var people: Int

        @Option(help: "Link: the share of the left file's people the right file holds too.")
        var overlap: Double = 1

        @Option(help: "Deduplicate: records per person: K, poisson:MEAN, or COUNT=WEIGHT,...")
        var duplicates: String = "poisson:2"

        @Option(help: "Corruption rates, NAME=RATE,... (typo, swap, missing, move, nickname, marriage, shift, diagnosis, twins) or none.")
        var corruption: String?

        @Flag(help: "Corrupt the left records and each person's first record too.")
        var corruptOriginals = false

        @Option(help: "The seed: the same seed gives the same files.")
        var seed: UInt64 = 1

        @Option(help: "The directory to write the CSV files to.", completion: .directory)
        var out: String

        @Option(help: "Also load the population into this engine, e.g. sqlite:///tmp/population.sqlite.")
        var engine: String?

        @Option(help: "With --engine: the tables' prefix (PREFIX_left, PREFIX_right or PREFIX_records, PREFIX_truth).")
        var tablePrefix = "population"

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard people >= 0 else { throw ValidationError("--people must be 0 or more") }
            guard (0...1).contains(overlap) else { throw ValidationError("--overlap must be a share from 0 to 1, not \(overlap)") }
            _ = try populationOptions()
        }

        func populationOptions() throws -> PopulationOptions {
            do {
                return PopulationOptions(
                    shape: shape, people: people, seed: seed, overlap: overlap, duplicates: try CopiesDistribution(parsing: duplicates),
                    corruption: try corruption.map { try CorruptionRates(parsing: $0) } ?? CorruptionRates(), corruptOriginals: corruptOriginals)
            } catch {
                throw ValidationError("\(error)")
            }
        }

        func run() async throws {
            let population = try LinkagePopulation(options: try populationOptions())
            var files = try PopulationCSVFiles(directory: out, shape: shape)
            let report = try population.generate(into: &files)
            try files.close()
            var loaded: [String: Int] = [:]
            if let engine {
                loaded = try await population.load(into: try Engines.open(engine), prefix: tablePrefix)
            }
            if format == .json { return try printJSON(PopulationOutput(report: report, directory: out, engine: engine, tables: loaded)) }
            print(text(report))
            if let engine {
                print("loaded into \(engine): " + loaded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) rows" }.joined(separator: ", "))
            }
        }

        private func text(_ report: PopulationReport) -> String {
            var lines = [
                "\(report.shape.rawValue) population, seed \(report.seed): \(report.people) people (\(report.twins) twins)"
                    + (report.sharedPeople.map { ", \($0) on both sides" } ?? "") + ", \(report.records) records, \(report.truePairs) true pairs"
                    + " in \(String(format: "%.2f", report.seconds)) s (\(Int(report.recordsPerSecond)) records/s)"
            ]
            lines += report.files.map { "  \((out as NSString).appendingPathComponent($0.name))  \($0.rows) rows" }
            let kinds = CorruptionKind.allCases.filter { report.corruption[$0].chances > 0 }
            lines.append("corruption (applied / chances, observed rate vs asked):")
            lines += kinds.map { kind in
                let count = report.corruption[kind]
                return
                    "  \(kind.rawValue)  \(count.applied) / \(count.chances)  \(String(format: "%.4f", count.rate)) vs \(report.rates[kind.rawValue])"
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// The JSON `hublot link population --format json` prints.
struct PopulationOutput: Encodable {
    var report: PopulationReport
    var directory: String
    var engine: String?
    var tables: [String: Int]
}
