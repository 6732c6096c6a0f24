import ArgumentParser
import Core
import Enrichment
import Foundation
import Search
import Store

/// `hublot enrich`: publications matched to the organisation registries, researchers, journals.
struct EnrichCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "Enrich the publications: affiliations matched to organisations, researchers, journals.",
        discussion: """
            `enrich run` is incremental: it reads the publications written since the last run and matches only the \
            affiliation strings the current registry has not matched (an import of ROR or RNSR rematches them all). \
            Curators' corrections are kept across runs. Ingest and harvest run it by themselves once a registry is loaded.
            """,
        subcommands: [Run.self, Stats.self, AffiliationsCommand.self, ResearchersCommand.self]
    )
}

extension EnrichCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring enrichment up to date with the publications and the registries.")

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Match affiliations only: no researchers, no journals.")
        var affiliationsOnly = false

        @Flag(help: "Rerun researchers and journals even when no publication and no match changed.")
        var full = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let store = try storeOptions.open()
            let summary = try await EnrichCommand.run(store: store, affiliationsOnly: affiliationsOnly, full: full)
            if format == .json { return try printJSON(summary) }
            print(Self.render(summary))
        }

        static func render(_ summary: EnrichmentSummary) -> String {
            let seconds = summary.seconds.values.reduce(0, +)
            var lines = [
                "registry \(summary.registryVersion): \(summary.organisations) organisations",
                "\(summary.publicationsRead) publications read, \(summary.stringsMatched) affiliation strings matched, "
                    + "\(summary.stringsChanged) changed",
            ]
            if let researchers = summary.researchers?.statistics {
                lines.append(
                    "\(researchers.mentions) author mentions → \(researchers.researchers) researchers (\(researchers.withORCID) with an ORCID)")
            }
            if let journals = summary.journals { lines.append("\(journals.journals) journals (ISSN-L groups) of \(journals.issns) ISSNs") }
            let steps = summary.seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value)) s" }
            lines.append(String(format: "%.1f s", seconds) + " (" + steps.joined(separator: ", ") + ")")
            return lines.joined(separator: "\n")
        }
    }

    /// Runs enrichment, then has search rebuild every document if the journal groups changed, since no
    /// trigger can tell which publications a new group touches.
    static func run(store: Store, affiliationsOnly: Bool = false, full: Bool = false) async throws -> EnrichmentSummary {
        var run = EnrichmentRun(store: store)
        run.always = full
        run.researchers = !affiliationsOnly
        run.journals = !affiliationsOnly
        let summary = try await run.run()
        if summary.journalsChanged { try await SearchEngine.markAllDocumentsPending(store: store) }
        return summary
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How much of the affiliations the registries explain.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(help: "How many of the most printed unmatched strings to list.")
        var unmatched = 10

        func run() async throws {
            let repository = AffiliationRepository(store: try storeOptions.open())
            let statistics = try await repository.statistics()
            let top = try await repository.unmatched(limit: unmatched)
            if format == .json {
                struct Unmatched: Encodable {
                    var text: String
                    var occurrences: Int
                }
                struct Answer: Encodable {
                    var affiliations: AffiliationStatistics
                    var unmatched: [Unmatched]
                }
                return try printJSON(Answer(affiliations: statistics, unmatched: top.map { Unmatched(text: $0.text, occurrences: $0.occurrences) }))
            }
            func percent(_ part: Int, _ whole: Int) -> String { String(format: "%.1f%%", 100 * Double(part) / Double(max(whole, 1))) }
            print(
                """
                \(statistics.strings) distinct affiliation strings: \(statistics.matched) matched (\(percent(statistics.matched, statistics.strings))), \
                \(statistics.unmatched) unmatched, \(statistics.corrected) corrected, \(statistics.pending) not yet matched
                \(statistics.occurrences) affiliations in bylines: \(statistics.occurrencesMatched) matched \
                (\(percent(statistics.occurrencesMatched, statistics.occurrences)))
                """)
            for version in statistics.byRegistryVersion.sorted(by: { $0.key < $1.key }) {
                print("  registry \(version.key): \(version.value) strings")
            }
            if !top.isEmpty { print("Most printed unmatched strings:") }
            for entry in top { print("  \(entry.occurrences)  \(entry.text)") }
        }
    }
}

/// `--no-enrich` for the commands that write publications: by default they bring enrichment up to date after
/// themselves, once a registry is loaded, so that a new publication has its structures and researchers at once.
struct EnrichAfterwardsOptions: ParsableArguments {
    @Flag(name: .customLong("no-enrich"), help: "Do not run `hublot enrich run` afterwards (it runs when an organisation registry is loaded).")
    var noEnrich = false

    func enrich(_ store: Store, printing: Bool) async throws {
        guard !noEnrich, try await OrganisationRepository(store: store).registryVersion() != "none" else { return }
        let summary = try await EnrichCommand.run(store: store)
        if printing {
            print("Enriched: \(summary.publicationsRead) publications read, \(summary.stringsMatched) affiliation strings matched")
        }
    }
}
