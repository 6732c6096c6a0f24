import ArgumentParser
import Foundation
import Workbench

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Check, protect, request, decide and release the files a project takes out; every step goes to the audit log.",
        subcommands: [Check.self, Suppress.self, Request.self, Decide.self, Release.self]
    )
}

/// The options of the commands that run the disclosure rules.
struct DisclosureOptions: ParsableArguments {
    @Option(help: "The project the files belong to (its minimum count and earlier files apply).") var project: String

    @Option(
        name: .customLong("count-column"),
        help: "A column that counts people (repeat, or separate with commas; default: detected from names and values).")
    var countColumnArguments: [String] = []

    @Option(name: .customLong("min-count"), help: "Raise the project's minimum cell count for this run.") var minimumCount: Int?

    var countColumns: [String] {
        countColumnArguments.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension ExportCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check CSV files of aggregated results before they leave: small cells, secondary disclosure, differencing, identifiers.",
            discussion: """
                Verdict per file: pass, review (a person must look: totals close to another file's, counts not found) or fail \
                (small cells published, a suppressed cell recomputable from the margins, identifying columns, one row per \
                person). The check is recorded in the audit log. Exit code 1 when a file fails.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The CSV files (`;` or `,`, UTF-8 or Windows-1252).") var files: [String]
        @OptionGroup var disclosure: DisclosureOptions
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        /// The report `run` prints; a function of its own so that tests read the JSON it prints.
        func report() async throws -> DisclosureReport {
            try await reportingWorkbenchErrors {
                try await ExportDesk(store: try storeOptions.open()).check(
                    paths: files, project: disclosure.project, actor: try actorOptions.resolved(), minimumCount: disclosure.minimumCount,
                    countColumns: disclosure.countColumns)
            }
        }

        func run() async throws {
            let report = try await report()
            if format == .json {
                try printJSON(report)
            } else {
                for file in report.files { printCheck(file) }
            }
            if report.verdict == .fail { throw ExitCode(1) }
        }
    }

    struct Suppress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the protected version of a file: small counts as <N, complementary cells as s.",
            discussion: """
                Primary suppression withholds each count from 1 to N-1 (written <N). Complementary suppression then withholds, \
                while a withheld cell can still be recomputed from the margins, the smallest published count of a margin \
                that holds it (written s). A file with identifying columns or one row per person is refused.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "Where to write the protected file.") var out: String
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let result: SuppressionResult = try await reportingWorkbenchErrors {
                try await ExportDesk(store: try storeOptions.open()).suppress(
                    path: file, output: out, project: disclosure.project, actor: try actorOptions.resolved(),
                    minimumCount: disclosure.minimumCount, countColumns: disclosure.countColumns)
            }
            if format == .json {
                struct Answer: Encodable {
                    var file: String
                    var out: String
                    var suppressed: [ProposedSuppression]
                    var unprotected: [FlaggedCell]
                }
                try printJSON(Answer(file: file, out: out, suppressed: result.suppressed, unprotected: result.unprotected))
            } else {
                print("Wrote \(out): \(result.suppressed.count) cell(s) suppressed")
                for cell in result.suppressed {
                    print("  line \(cell.line), column \(cell.column): \(cell.value) -> \(cell.marker) (\(cell.kind))")
                }
                for cell in result.unprotected { print("  line \(cell.line), column \(cell.column): could not be protected; aggregate further") }
            }
            if !result.unprotected.isEmpty { throw ExitCode(1) }
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request that files leave: they are checked and the request is recorded; prints the request's id.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The CSV files.") var files: [String]
        @OptionGroup var disclosure: DisclosureOptions
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Why the files should leave.") var reason: String
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let (entry, report): (AuditEntry, DisclosureReport) = try await reportingWorkbenchErrors {
                try await ExportDesk(store: try storeOptions.open()).request(
                    paths: files, project: disclosure.project, actor: try actorOptions.resolved(), reason: reason,
                    minimumCount: disclosure.minimumCount, countColumns: disclosure.countColumns)
            }
            if format == .json {
                struct Answer: Encodable {
                    var request: Int
                    var files: [FileCheck]
                }
                return try printJSON(Answer(request: entry.sequence, files: report.files))
            }
            print("Request \(entry.sequence) recorded for project \(entry.project) (overall verdict \(report.verdict.rawValue))")
            for file in report.files { printCheck(file) }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve or reject a request, saying why.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The request's id (as `export request` printed it).") var request: Int
        @Flag(exclusivity: .exclusive, help: "The decision.") var decision: Verdict
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Why.") var reason: String

        enum Verdict: String, EnumerableFlag {
            case approve
            case reject
        }

        func run() async throws {
            let entry: AuditEntry = try await reportingWorkbenchErrors {
                try await ExportDesk(store: try storeOptions.open()).decide(
                    request: request, approve: decision == .approve, actor: try actorOptions.resolved(), reason: reason)
            }
            print("Request \(request) \(decision == .approve ? "approved" : "rejected") by \(entry.actor) (audit entry \(entry.sequence))")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release an approved request's files, if each is still the file that was checked (same SHA-256).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The request's id.") var request: Int
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let entry: AuditEntry = try await reportingWorkbenchErrors {
                try await ExportDesk(store: try storeOptions.open()).release(request: request, actor: try actorOptions.resolved())
            }
            if format == .json { return try printJSON(entry) }
            print("Released request \(request) (audit entry \(entry.sequence)):")
            for file in entry.auditFiles { print("  \(file.path)  sha256 \(file.sha256)") }
        }
    }
}

/// A file's verdict and reasons, for terminals.
func printCheck(_ file: FileCheck) {
    print("\(file.file): \(file.verdict.rawValue.uppercased())  (\(file.rows) rows, count columns: \(file.countColumns.joined(separator: ", ")))")
    for reason in file.reasons { print("  - \(reason)") }
    if !file.proposedSuppressions.isEmpty {
        print("  proposed suppressions (`hublot export suppress` writes them):")
        for cell in file.proposedSuppressions {
            print("    line \(cell.line), column \(cell.column): \(cell.value) -> \(cell.marker) (\(cell.kind))")
        }
    }
}
