import ArgumentParser
import Foundation
import Publications

extension PublicationSource: ExpressibleByArgument {}

extension PublicationsCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read publication files into the store, merging records of the same work.",
            discussion: """
                FORMAT is pubmed (NLM XML, .xml or .xml.gz, baseline/update files and efetch output; DeleteCitation \
                deletes), jats (PMC full text .nxml, or efetch db=pmc), hal (HAL search API JSON), crossref (REST \
                /works JSON, or recorded HTTP cassettes .yml), openalex (API pages, a work, or snapshot JSON Lines, \
                .gz too), europepmc (REST search JSON, or the CSV export of core fields), jsonl (Hublot's own JSON \
                Lines, docs/publications-jsonl.md). Each file is one transaction: a malformed or truncated file is \
                reported with its line and record and nothing of it is kept; records without identifier nor title \
                are rejected and listed, the file goes on (--strict: the file fails instead). Ingesting a file again \
                changes nothing.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The format: \(PublicationSource.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: PublicationSource

        @Argument(help: "The files to read.", completion: .file())
        var files: [String]

        @Flag(help: "A rejected record or a warning fails its file, which is then not kept.")
        var strict = false

        @Option(help: "Output format of the summary: text or json.")
        var output: OutputFormat = .text

        @OptionGroup var enrichment: EnrichAfterwardsOptions

        func run() async throws {
            let store = try storeOptions.open()
            let ingestor = PublicationIngestor(store: store, strict: strict)
            let progress = ProgressLine()
            var total = IngestSummary()
            var failures: [PublicationIngestError] = []
            var reports: [FileReport] = []
            let clock = ContinuousClock()
            for (index, file) in files.enumerated() {
                let label = "\(index + 1)/\(files.count) \(URL(fileURLWithPath: file).lastPathComponent)"
                progress.begin()
                let start = clock.now
                do {
                    let summary = try ingestor.ingest(file, as: format) { state in
                        progress.update(label, count: state.read, unit: "records", fraction: state.fractionRead)
                    }
                    progress.clear()
                    total.add(summary)
                    reports.append(FileReport(file: file, summary: summary, error: nil))
                    if output == .text { print("\(file): \(Self.counts(summary)) in \(clock.now - start)") }
                } catch {
                    progress.clear()
                    failures.append(error)
                    reports.append(FileReport(file: file, summary: nil, error: error.description))
                    if output == .text { printError(error.description) }
                }
            }
            if output == .json {
                try printJSON(IngestReport(files: reports, total: total))
            } else {
                if files.count > 1 { print("Total: \(Self.counts(total))") }
                Self.printProblems("rejected", total.rejections)
                Self.printProblems("warning", total.warnings)
            }
            try await enrichment.enrich(store, printing: output == .text)
            if !failures.isEmpty { throw ExitCode(2) }
        }

        static func counts(_ summary: IngestSummary) -> String {
            var parts = ["\(summary.read) read", "\(summary.new) new", "\(summary.merged) merged"]
            if summary.updated > 0 { parts.append("\(summary.updated) updated") }
            parts.append("\(summary.unchanged) unchanged")
            parts.append("\(summary.deleted) deleted")
            if summary.skipped > 0 { parts.append("\(summary.skipped) skipped") }
            parts.append("\(summary.rejected) rejected")
            if summary.joinedPublications > 0 { parts.append("\(summary.joinedPublications) publications joined") }
            if !summary.warnings.isEmpty { parts.append("\(summary.warnings.count) warnings") }
            return parts.joined(separator: ", ")
        }

        /// The first problems in full, then how many more: a file of a million bad lines must not flood the terminal.
        static func printProblems(_ label: String, _ problems: [PublicationProblem], limit: Int = 20) {
            guard !problems.isEmpty else { return }
            for problem in problems.prefix(limit) { printError("\(label): \(problem) [\(problem.kind.rawValue)]") }
            if problems.count > limit { printError("… and \(problems.count - limit) more (--output json lists them all)") }
        }
    }

    struct FileReport: Encodable {
        var file: String
        var summary: IngestSummary?
        var error: String?
    }

    struct IngestReport: Encodable {
        var files: [FileReport]
        var total: IngestSummary
    }
}
