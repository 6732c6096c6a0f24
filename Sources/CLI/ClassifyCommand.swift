import ArgumentParser
import Classification
import Foundation

extension Verdict: ExpressibleByArgument {}

struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Which databases of the hub each publication uses: classify, export, measure against labels, curate.",
        subcommands: [Run.self, Export.self, Evaluate.self, Queue.self, Label.self]
    )
}

extension ClassifyCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify every publication of the store with the current registry, keeping the verdicts with their evidence.",
            discussion: """
                Verdicts other than `no` are stored, replacing the previous run's; curated labels are kept. \
                With --database, only that database's verdicts (and its components') are replaced.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Only this database and its components (e.g. PMSI).")
        var database: String?

        @Option(help: "Output format of the summary: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let progress = ProgressLine()
            progress.begin()
            let start = ContinuousClock.now
            let summary: ClassificationSummary
            do {
                summary = try await ClassificationRunner(store: try storeOptions.open()).run(database: database) { done, total in
                    progress.update("classify", count: done, unit: "publications", fraction: total == 0 ? nil : Double(done) / Double(total))
                }
            } catch let error as UnknownDatabase {
                progress.clear()
                throw ValidationError(error.description)
            }
            progress.clear()
            if format == .json { return try printJSON(summary) }
            print("Classified \(summary.publications) publications with registry \(summary.registry) in \(start.duration(to: .now))")
            print(columns([["DATABASE", "USES", "MENTIONS"]] + summary.databases.map { [$0.name, String($0.uses), String($0.mentions)] }))
        }
    }

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every publication's verdicts, one JSON line per publication.",
            discussion: """
                Each line: {"id", "doi", "pmid", "databases": [{"name", "verdict", "confidence", "evidence", "curated_by"}]}. \
                `id` is the key given in a jsonl file at ingest, else pmid:…, doi:…, PMC…, hal:…, openalex:…. Every \
                top-level database of the registry is listed (verdict `no` when nothing was found), and every \
                component used or mentioned. A curator's label replaces the classifier's verdict and says who. \
                Reads what `hublot classify run` stored.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: jsonl.")
        var format: ExportFormat = .jsonl

        @Option(name: .shortAndLong, help: "The file to write (default: standard output).", completion: .file())
        var output: String?

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) else { throw ValidationError("\(output): cannot be written") }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            } else {
                handle = FileHandle.standardOutput
            }
            let encoder = JSONEncoder.hublot()
            var buffer = Data()
            var count = 0
            try await ClassificationRepository(store: try storeOptions.open()).export { publication in
                buffer.append(try encoder.encode(publication))
                buffer.append(0x0A)
                count += 1
                if buffer.count > 1 << 20 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(buffer)
            if let output {
                try handle.close()
                printError("Wrote \(count) publications to \(output).")
            }
        }
    }
}
