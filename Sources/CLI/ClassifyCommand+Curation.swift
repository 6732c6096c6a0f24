import ArgumentParser
import Classification
import Foundation

extension ClassifyCommand {
    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the uncertain verdicts no curator has decided, least sure first, with their evidence.",
            discussion: "Label a case with `hublot classify label ID --database NAME --verdict uses|mentions|no --curator NAME`."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Only the verdicts on this database.")
        var database: String?

        @Option(help: "How many cases at most.")
        var limit = 20

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let items = try await ClassificationRepository(store: try storeOptions.open()).queue(database: database, limit: limit)
            if format == .json { return try printJSON(items) }
            if items.isEmpty { return print("Nothing to curate: run `hublot classify run` first, or every verdict is curated.") }
            print(Self.render(items, highlight: isatty(STDOUT_FILENO) == 1))
        }

        static func render(_ items: [QueueItem], highlight: Bool) -> String {
            items.map { item in
                var lines = [
                    "\(item.publication.name)  \(item.database): \(item.verdict.rawValue) (confidence \(String(format: "%.2f", item.confidence)))",
                    "  \(item.publication.title ?? "(no title)")" + (item.publication.year.map { " (\($0))" } ?? ""),
                ]
                for evidence in item.evidence.prefix(3) {
                    let place = [evidence.field.rawValue, evidence.section].compactMap { $0 }.joined(separator: "/")
                    lines.append("  - [\(place), weight \(String(format: "%.2f", evidence.weight))\(evidence.note.map { ", \($0)" } ?? "")]")
                    lines.append("    " + highlighted(evidence.sentence, evidence.phrase, highlight: highlight))
                }
                return lines.joined(separator: "\n")
            }.joined(separator: "\n\n")
        }

        /// The sentence with the phrase in reverse video on a terminal, between »« otherwise.
        static func highlighted(_ sentence: String, _ phrase: String, highlight: Bool) -> String {
            guard let range = sentence.range(of: phrase) else { return sentence }
            let (open, close) = highlight ? ("\u{1B}[1;7m", "\u{1B}[0m") : ("»", "«")
            return sentence.replacingCharacters(in: range, with: open + phrase + close)
        }
    }

    struct Label: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a curator's decision on a publication and a database.",
            discussion: """
                The label is kept under the publication's lasting name (jsonl key, pmid:…, doi:…), so it survives \
                `classify run` and re-harvests; it replaces the classifier's verdict in `classify export`.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The publication: a jsonl key, pmid:N, a DOI, PMC…, or #N (Hublot's number).")
        var id: String

        @Option(help: "The database, e.g. SNDS.")
        var database: String

        @Option(help: "uses, mentions or no.")
        var verdict: Verdict

        @Option(help: "Who decides.")
        var curator: String

        @Option(help: "Why, for the next curator.")
        var note: String?

        func validate() throws {
            if curator.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--curator must name someone") }
        }

        func run() async throws {
            let label: CuratedLabel
            do {
                label = try await ClassificationRepository(store: try storeOptions.open()).label(
                    id, database: database, verdict: verdict, curator: curator, note: note)
            } catch let error as UnknownPublication {
                throw ValidationError(error.description)
            } catch let error as UnknownDatabase {
                throw ValidationError(error.description)
            }
            print("Labelled \(label.publication) \(label.database): \(label.verdict.rawValue), by \(label.curator).")
        }
    }
}
