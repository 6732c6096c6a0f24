import ArgumentParser
import Catalog
import Classification
import Foundation
import Publications

extension PublicationsCommand {
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read publication dumps and store only the publications that use or mention a database of the hub.",
            discussion: """
                FORMAT and FILE are those of ingest: PubMed baseline and update files (.xml.gz), JATS full texts, or \
                any other format. Each record is classified by the database registry (names, acronyms and their \
                context): a candidate, one the classifier finds using (--keep uses) or at least naming (--keep \
                mentions, the default) the --database, or any database when none is given, is stored as ingest \
                would; the others are counted as skipped and not stored. DeleteCitation still deletes. The file is \
                read once, in constant memory, one transaction per file.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The format: \(PublicationSource.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: PublicationSource

        @Argument(help: "The files to read.", completion: .file())
        var files: [String]

        @Option(help: "Keep candidates for this database only (SNDS, PMSI…); any database of the registry when absent.")
        var database: String?

        @Option(help: "uses: only publications classified as using the database; mentions: those naming it too.")
        var keep: Verdict = .mentions

        @Flag(help: "A rejected record or a warning fails its file, which is then not kept.")
        var strict = false

        @Option(help: "Output format of the summary: text or json.")
        var output: OutputFormat = .text

        func validate() throws {
            // `--keep no` would keep everything, which is `ingest`.
            guard keep != .no else { throw ValidationError("--keep takes uses or mentions") }
            _ = try criterion(in: .standard)
        }

        /// The criterion with the registry's own spelling of `--database`.
        func criterion(in registry: DatabaseRegistry) throws -> CandidateCriterion {
            guard let database else { return CandidateCriterion(keep: keep) }
            guard let known = registry.database(named: database) else {
                throw ValidationError(
                    "--database \(database) is not in the registry (version \(registry.version)); it knows \(registry.databases.map(\.name).joined(separator: ", "))"
                )
            }
            return CandidateCriterion(database: known.name, keep: keep)
        }

        func run() async throws {
            try scan(with: .standard)
        }

        /// Scans the files with the classifier of `registry`.
        func scan(with registry: DatabaseRegistry) throws {
            let scanner = try CandidateScanner(registry: registry, criterion: try criterion(in: registry))
            let ingestor = PublicationIngestor(store: try storeOptions.open(), strict: strict, filter: scanner.filter)
            let progress = ProgressLine()
            var total = IngestSummary()
            var totalTally = ScanTally(registry: registry)
            var failures = 0
            var reports: [ScanFileReport] = []
            let clock = ContinuousClock()
            for (index, file) in files.enumerated() {
                let label = "\(index + 1)/\(files.count) \(URL(fileURLWithPath: file).lastPathComponent)"
                progress.begin()
                let start = clock.now
                do {
                    let summary = try ingestor.ingest(file, as: format) { state in
                        progress.update(
                            label, count: state.read, unit: "records, \(state.read - state.skipped) candidates", fraction: state.fractionRead)
                    }
                    progress.clear()
                    let tally = scanner.takeTally()
                    total.add(summary)
                    totalTally.add(tally)
                    reports.append(ScanFileReport(file: file, summary: summary, tally: tally, error: nil))
                    if output == .text { print("\(file): \(Self.counts(summary)) in \(clock.now - start)") }
                } catch {
                    progress.clear()
                    _ = scanner.takeTally()
                    failures += 1
                    reports.append(ScanFileReport(file: file, summary: nil, tally: nil, error: error.description))
                    if output == .text { printError(error.description) }
                }
            }
            if output == .json {
                try printJSON(ScanReport(files: reports, total: total, tally: totalTally))
            } else {
                if files.count > 1 { print("Total: \(Self.counts(total))") }
                if let table = Self.databaseTable(totalTally) { print(table) }
                Ingest.printProblems("rejected", total.rejections)
                Ingest.printProblems("warning", total.warnings)
            }
            if failures > 0 { throw ExitCode(2) }
        }

        static func counts(_ summary: IngestSummary) -> String {
            let kept = summary.new + summary.merged + summary.updated + summary.unchanged
            var stored = ["\(summary.new) new", "\(summary.merged) merged"]
            if summary.updated > 0 { stored.append("\(summary.updated) updated") }
            stored.append("\(summary.unchanged) unchanged")
            var parts = [
                "\(summary.read) read", "\(kept) candidates kept (\(stored.joined(separator: ", ")))", "\(summary.skipped) skipped",
                "\(summary.deleted) deleted", "\(summary.rejected) rejected",
            ]
            if summary.joinedPublications > 0 { parts.append("\(summary.joinedPublications) publications joined") }
            if !summary.warnings.isEmpty { parts.append("\(summary.warnings.count) warnings") }
            return parts.joined(separator: ", ")
        }

        /// The databases the candidates use or mention, those of no candidate left out.
        static func databaseTable(_ tally: ScanTally) -> String? {
            let rows = tally.databases.filter { $0.uses + $0.mentions > 0 }
            guard !rows.isEmpty else { return nil }
            return "Candidates by database:\n"
                + columns(rows.map { ["  \($0.database)", "\($0.uses) use it", "\($0.mentions) mention it"] })
        }
    }

    struct ScanFileReport: Encodable {
        var file: String
        var summary: IngestSummary?
        var tally: ScanTally?
        var error: String?
    }

    struct ScanReport: Encodable {
        var files: [ScanFileReport]
        var total: IngestSummary
        var tally: ScanTally
    }
}
