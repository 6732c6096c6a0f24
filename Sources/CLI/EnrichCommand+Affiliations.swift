import ArgumentParser
import Enrichment
import Foundation
import Store

/// `hublot enrich affiliations`: the matcher on one string or a gold set, and curators' corrections.
struct AffiliationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affiliations",
        abstract: "Match affiliation strings to the loaded registries; measure the matcher; correct a string's organisations.",
        subcommands: [Match.self, Evaluate.self, Correct.self, Uncorrect.self]
    )

    static func matcher(_ store: Store) async throws -> AffiliationMatcher {
        let organisations = try await OrganisationRepository(store: store).organisations()
        if organisations.isEmpty { printError("no organisation registry in the store: `hublot organisations import ror FILE` first") }
        return AffiliationMatcher(organisations: organisations)
    }
}

extension AffiliationsCommand {
    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The organisations one affiliation string names, best first, with the matcher's confidence.",
            discussion: #"JSON: [{"id", "name", "country", "score"}]; an empty list when nothing matches."#)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The affiliation string, as printed.")
        var affiliation: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let matches = try await AffiliationsCommand.matcher(try storeOptions.open()).match(affiliation)
            if format == .json { return try printJSON(matches) }
            if matches.isEmpty { print("no organisation matched") }
            print(columns(matches.map { [String(format: "%.2f", $0.score), $0.id, $0.country ?? "", $0.name] }))
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision, recall and F1 of the matcher on a gold set, with the misses by cause.",
            discussion: """
                GOLD is ROR's test-set JSON ([{"affiliation", "ror_ids": [...]}] or {"affiliation", "ror-id"}) or a \
                works-magnet CSV export (raw_affiliation_name, new_rors). Only the strings whose gold organisations \
                are all in the loaded registries are judged; strings whose gold is empty are judged too (anything \
                matched there is a false positive). The gold speaks ROR: an RNSR lab matched counts as its linked ROR \
                organisation, or not at all when it has none.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The gold set file.", completion: .file())
        var gold: String

        @Option(help: "How many misses of each kind to list.")
        var misses = 20

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        struct Answer: Encodable {
            struct Miss: Encodable {
                var affiliation: String
                var id: String
                var cause: String
                var others: [String]
            }
            var file: String
            var strings: Int
            var judged: Int
            var judgedWithEmptyGold: Int
            var truePositives: Int
            var falsePositives: Int
            var falseNegatives: Int
            var precision: Double
            var recall: Double
            var f1: Double
            var missesByCause: [String: Int]
            var falsePositiveMisses: [Miss]
            var falseNegativeMisses: [Miss]
        }

        func run() async throws {
            let items: [AffiliationGoldItem]
            do {
                items =
                    gold.lowercased().hasSuffix(".csv")
                    ? try AffiliationGold.readWorksMagnetCSV(path: gold) : try AffiliationGold.readJSON(path: gold)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            let evaluation = AffiliationEvaluation(
                items: items, matcher: try await AffiliationsCommand.matcher(try storeOptions.open()), goldRegistry: .ror)
            let miss = { (miss: AffiliationEvaluation.Miss) in
                Answer.Miss(affiliation: miss.affiliation, id: miss.id, cause: miss.cause.rawValue, others: miss.others)
            }
            let answer = Answer(
                file: gold, strings: evaluation.strings, judged: evaluation.judged, judgedWithEmptyGold: evaluation.judgedWithEmptyGold,
                truePositives: evaluation.truePositives, falsePositives: evaluation.falsePositives, falseNegatives: evaluation.falseNegatives,
                precision: evaluation.precision, recall: evaluation.recall, f1: evaluation.f1,
                missesByCause: Dictionary(uniqueKeysWithValues: evaluation.missesByCause.map { ($0.key.rawValue, $0.value) }),
                falsePositiveMisses: evaluation.falsePositiveMisses.prefix(misses).map(miss),
                falseNegativeMisses: evaluation.falseNegativeMisses.prefix(misses).map(miss))
            if format == .json { return try printJSON(answer) }
            print(
                String(
                    format: "%d strings, %d judged (%d with no organisation): precision %.3f, recall %.3f, F1 %.3f (TP %d, FP %d, FN %d)",
                    answer.strings, answer.judged, answer.judgedWithEmptyGold, answer.precision, answer.recall, answer.f1, answer.truePositives,
                    answer.falsePositives, answer.falseNegatives))
            for (cause, count) in answer.missesByCause.sorted(by: { $0.value > $1.value }) { print("  \(count)  \(cause)") }
            for miss in answer.falsePositiveMisses { print("FP \(miss.id)  \(miss.affiliation)  (gold: \(miss.others.joined(separator: " ")))") }
            for miss in answer.falseNegativeMisses { print("FN \(miss.id)  \(miss.affiliation)  (found: \(miss.others.joined(separator: " ")))") }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which organisations a string names (none: --organisation omitted); kept across runs and registries.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The affiliation string, as printed.")
        var affiliation: String

        @Option(name: .customLong("organisation"), help: "An organisation id of the store (repeatable).")
        var organisations: [String] = []

        @Option(help: "Who decides.")
        var curator: String

        @Option(help: "Why.")
        var note: String?

        func run() async throws {
            let store = try storeOptions.open()
            let registry = OrganisationRepository(store: store)
            var matches: [AffiliationMatch] = []
            for id in organisations {
                guard let organisation = try await registry.organisation(id: id) else {
                    throw ValidationError("--organisation \(id): no such organisation in the store")
                }
                matches.append(AffiliationMatch(id: organisation.id, name: organisation.name, country: organisation.place?.countryCode, score: 1))
            }
            try await AffiliationRepository(store: store).correct(affiliation, organisations: matches, curator: curator, note: note)
            print(matches.isEmpty ? "recorded: names no organisation" : "recorded: " + matches.map(\.name).joined(separator: "; "))
        }
    }

    struct Uncorrect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a correction: the string is matched again at the next run.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The affiliation string, as printed.")
        var affiliation: String

        func run() async throws {
            guard try await AffiliationRepository(store: try storeOptions.open()).removeCorrection(affiliation) else {
                throw ValidationError("no correction for this string")
            }
            print("correction removed")
        }
    }
}
