import ArgumentParser
import Foundation
import Workbench

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the hash-chained audit log and report what left the platform.",
        subcommands: [Verify.self, Report.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit log's hash chain; exit code 1 if an entry was edited, removed, inserted or reordered.",
            discussion: """
                Keep the last sequence number and hash it prints somewhere else (a release note, a ticket): the chain \
                proves that nothing changed before that entry, but cannot show by itself that entries were cut off its end.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func verification() async throws -> AuditVerification {
            try await AuditLog(store: try storeOptions.open()).verify()
        }

        func run() async throws {
            let verification = try await verification()
            if format == .json {
                try printJSON(verification)
            } else if verification.intact {
                let head = verification.lastSequence.map { " up to entry \($0), hash \(verification.lastHash ?? "")" } ?? ""
                print("Audit log intact: \(verification.entries) entries\(head)")
            } else {
                print("Audit log TAMPERED: \(verification.problems.count) problem(s) in \(verification.entries) entries")
                for problem in verification.problems { print("  entry \(problem.sequence) [\(problem.kind)]: \(problem.message)") }
            }
            if !verification.intact { throw ExitCode(1) }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the files released since a date: for whom, when, decided by whom.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The first day (YYYY-MM-DD, UTC) or instant (ISO 8601) to list.") var since: String
        @Option(help: "Only this project.") var project: String?
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func releases() async throws -> [ReleaseRecord] {
            guard since.count >= 10, AuditLog.isISODateOrTime(since) else {
                throw ValidationError("--since \(since): expected a date YYYY-MM-DD or an ISO 8601 instant such as 2026-01-31T12:00:00Z")
            }
            return try await ExportDesk(store: try storeOptions.open()).releases(since: since, project: project)
        }

        func run() async throws {
            let releases = try await releases()
            if format == .json { return try printJSON(["releases": releases]) }
            if releases.isEmpty { return print("Nothing released since \(since).") }
            for release in releases {
                let recipient = release.recipient.isEmpty ? "(no recipient)" : release.recipient
                print("\(release.time)  \(release.project) -> \(recipient)  request \(release.request) by \(release.requestedBy)")
                print("  approved by \(release.decidedBy ?? "?"), released by \(release.releasedBy)")
                if !release.reason.isEmpty { print("  why: \(release.reason)") }
                for file in release.files { print("  \(file.path)  sha256 \(file.sha256)") }
            }
        }
    }
}
