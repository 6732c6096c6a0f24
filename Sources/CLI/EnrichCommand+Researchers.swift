import ArgumentParser
import Core
import Enrichment
import Foundation

/// `hublot enrich researchers`: who wrote what, as disambiguation found them, and the curators' corrections.
struct ResearchersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "researchers",
        abstract: "Researchers disambiguated from the bylines: run, list, show, and correct merges.",
        discussion: """
            A mention is an author of a publication, written PUBLICATION#POSITION: the publication's lasting name \
            (jsonl key, pmid:N, a DOI, or #N) and the author's place in its byline, from 1 (pmid:34097368#2).
            """,
        subcommands: [Run.self, List.self, Show.self, Same.self, Different.self, Assign.self]
    )
}

extension MentionKey: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ResearchersCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disambiguate every author of the store, applying every correction; only changed assignments are rewritten.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let start = ContinuousClock.now
            let summary = try await ResearcherRepository(store: try storeOptions.open()).runWithStoredMatches()
            if format == .json { return try printJSON(summary) }
            print(Self.render(summary, seconds: (ContinuousClock.now - start).inSeconds))
        }

        static func render(_ summary: ResearcherRunSummary, seconds: Double) -> String {
            let statistics = summary.statistics
            return """
                \(statistics.mentions) author mentions: \(statistics.researchers) researchers (\(statistics.withORCID) with an ORCID), \
                \(statistics.merged) mentions merged into another's researcher.
                Corrections: \(statistics.correctionsApplied) applied, \(statistics.correctionsNotApplied) not applied.
                Assignments: \(summary.assignmentsWritten) written, \(summary.assignmentsRemoved) removed, in \(summary.publicationsChanged) publications \
                (\(String(format: "%.1f", seconds)) s).
                """
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List researchers, most mentioned first.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Only researchers whose name holds this (accents and case aside).")
        var name: String?

        @Option(help: "How many at most.")
        var limit = 50

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let researchers = try await ResearcherRepository(store: try storeOptions.open()).researchers(name: name, limit: limit)
            if format == .json { return try printJSON(researchers) }
            if researchers.isEmpty { return print("No researcher: run `hublot enrich researchers run` first, or no name holds \(name ?? "it").") }
            print(columns([["ID", "NAME", "MENTIONS", "ORCID"]] + researchers.map { [$0.id, $0.name, String($0.mentions), $0.orcid ?? ""] }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a researcher's mentions and why each was merged.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The researcher's id (orcid:… or hublot:…).")
        var id: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            guard let profile = try await ResearcherRepository(store: try storeOptions.open()).researcher(id: id) else {
                throw ValidationError("no researcher \(id) in the store (`hublot enrich researchers list` lists them)")
            }
            if format == .json { return try printJSON(profile) }
            print(Self.render(profile))
        }

        static func render(_ profile: ResearcherProfile) -> String {
            var lines = ["\(profile.name)  \(profile.id)" + (profile.orcid.map { "  ORCID \($0)" } ?? "")]
            for mention in profile.mentions {
                let year = mention.year.map { " (\($0))" } ?? ""
                lines.append("- \(mention.key)  \(mention.name ?? "")  \(mention.title ?? "(no title)")\(year)")
                for reason in mention.reasons { lines.append("    \(reason.explanation)") }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// What `same`, `different` and `assign` share: who decides, why, and whether to rerun at once.
    struct Curation: ParsableArguments {
        @Option(help: "Who decides.")
        var curator: String

        @Option(help: "Why, for the next curator.")
        var note: String?

        @Flag(help: "Only record the correction; the next `run` applies it.")
        var deferRun = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            if curator.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--curator must name someone") }
        }

        func record(_ decision: ResearcherCorrection.Decision, in storeOptions: StoreOptions) async throws {
            let repository = ResearcherRepository(store: try storeOptions.open())
            let stored: ResearcherCorrection
            do {
                stored = try await repository.correct(ResearcherCorrection(decision, curator: curator, note: note))
            } catch let error as ResearcherCorrectionError {
                throw ValidationError(error.description)
            }
            let summary = deferRun ? nil : try await repository.runWithStoredMatches()
            if format == .json { return try printJSON(RecordedCorrection(correction: stored.kind, curator: stored.curator, run: summary)) }
            print("Recorded (\(stored.kind), by \(stored.curator)).")
            if let summary { print(Run.render(summary, seconds: 0).split(separator: "\n").dropFirst().joined(separator: "\n")) }
        }
    }

    struct RecordedCorrection: Encodable {
        var correction: String
        var curator: String
        var run: ResearcherRunSummary?
    }

    struct Same: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say two mentions are the same person; kept across reruns.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "A mention, PUBLICATION#POSITION.") var first: MentionKey
        @Argument(help: "The other mention.") var second: MentionKey
        @OptionGroup var curation: Curation

        func run() async throws { try await curation.record(.same(first, second), in: storeOptions) }
    }

    struct Different: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say two mentions are different people: no merge will join them.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "A mention, PUBLICATION#POSITION.") var first: MentionKey
        @Argument(help: "The other mention.") var second: MentionKey
        @OptionGroup var curation: Curation

        func run() async throws { try await curation.record(.different(first, second), in: storeOptions) }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a mention to a researcher; kept across reruns.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The mention, PUBLICATION#POSITION.") var mention: MentionKey
        @Argument(help: "The researcher's id (orcid:… or hublot:…).") var researcher: String
        @OptionGroup var curation: Curation

        func run() async throws { try await curation.record(.assign(mention, researcher: researcher), in: storeOptions) }
    }
}
