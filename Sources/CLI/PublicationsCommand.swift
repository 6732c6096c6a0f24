import ArgumentParser
import Foundation
import Publications

struct PublicationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publications",
        abstract: "Bring in publications from files and live services, merged into one record per work, and look at them.",
        subcommands: [Ingest.self, Scan.self, Harvest.self, Stats.self, Show.self]
    )
}

extension PublicationsCommand {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the publications, their records per source, and what they hold.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let stats = try await PublicationRepository(store: try storeOptions.open()).statistics()
            if format == .json { return try printJSON(stats) }
            func share(_ count: Int) -> String {
                stats.publications == 0 ? String(count) : "\(count) (\(count * 100 / stats.publications)%)"
            }
            print(
                columns(
                    [
                        ["publications", String(stats.publications)],
                        [
                            "records",
                            "\(stats.records): " + stats.bySource.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                        ],
                        ["merged from several sources", share(stats.merged)], ["with abstract", share(stats.withAbstract)],
                        ["with full text", share(stats.withFullText)], ["with DOI", share(stats.withDOI)], ["with PMID", share(stats.withPMID)],
                        ["with authors", share(stats.withAuthors)], ["withdrawn records", String(stats.deleted)],
                    ]
                        + stats.harvests.map { harvest in
                            [
                                "harvest \(harvest.key.source.rawValue)",
                                "\"\(harvest.key.query)\"\(harvest.key.since.isEmpty ? "" : " since \(harvest.key.since)"): \(harvest.fetched)"
                                    + (harvest.total.map { " of \($0)" } ?? "") + (harvest.isComplete ? ", complete" : ", resumable"),
                            ]
                        }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one publication, merged, with the source record each field came from.",
            discussion: "ID is Hublot's number, or an identifier: 10.1234/x or doi:…, pmid:…, PMC…, hal-…, W… (OpenAlex)."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The publication: Hublot's id, a DOI, pmid:N, a PMCID, a HAL id or an OpenAlex id.")
        var id: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            guard let reference = PublicationReference(id) else {
                throw ValidationError("\(id) is neither a publication number nor an identifier (DOI, pmid:N, PMC…, hal-…, W…)")
            }
            guard let details = try await PublicationRepository(store: try storeOptions.open()).publication(reference) else {
                printError("No publication \(id) in \(storeOptions.path).")
                throw ExitCode(1)
            }
            if format == .json { return try printJSON(details) }
            print(PublicationText.render(details))
        }
    }
}

/// `publications show` for a terminal: the merged fields, each followed by the record that gave it.
enum PublicationText {
    static func render(_ details: PublicationDetails) -> String {
        let metadata = details.metadata
        var lines: [String] = []
        func line(_ label: String, _ value: String?, _ field: PublicationField? = nil) {
            guard let value, !value.isEmpty else { return }
            let source = field.flatMap { details.provenance[$0] }.map { "  [\($0)]" } ?? ""
            lines.append("\(label.padding(toLength: 14, withPad: " ", startingAt: 0))\(value)\(source)")
        }
        line("Publication", "#\(details.id)")
        line("Title", metadata.title, .title)
        let ids = metadata.identifiers
        line("DOI", ids.doi, .doi)
        line("PMID", ids.pmid, .pmid)
        line("PMCID", ids.pmcid, .pmcid)
        line("HAL", ids.halID, .halID)
        line("OpenAlex", ids.openAlexID, .openAlexID)
        line("Date", metadata.date?.description, .date)
        line("Journal", metadata.journal.map(journalText), .journal)
        line("Language", metadata.language, .language)
        line("Types", metadata.publicationTypes.joined(separator: "; "), .publicationTypes)
        line("Authors", authorsText(metadata.authors), .authors)
        line("Keywords", metadata.keywords.joined(separator: "; "), .keywords)
        line("MeSH", metadata.meshHeadings.map { $0.descriptor + ($0.isMajorTopic ? "*" : "") }.joined(separator: "; "), .meshHeadings)
        line("Grants", metadata.grants.map { [$0.funder, $0.identifier].compactMap { $0 }.joined(separator: " ") }.joined(separator: "; "), .grants)
        line("Open access", metadata.openAccess.map { $0.isOpenAccess ? "yes" + ($0.status.map { " (\($0))" } ?? "") : "no" }, .openAccess)
        line("References", metadata.references.isEmpty ? nil : String(metadata.references.count), .references)
        line("Cited by", metadata.citationCount.map(String.init), .citationCount)
        line(
            "Full text", metadata.fullText.isEmpty ? nil : metadata.fullText.map { $0.title ?? $0.kind.rawValue }.joined(separator: " | "), .fullText)
        if let abstract = metadata.abstract, !abstract.isEmpty {
            let source = details.provenance[.abstract].map { "  [\($0)]" } ?? ""
            lines.append("Abstract\(source)")
            lines.append(contentsOf: abstract.text.split(separator: "\n").map { "  \($0)" })
        }
        lines.append("Records (\(details.records.count))")
        for record in details.records {
            let place = "\(record.file), record \(record.position)" + (record.line.map { ", line \($0)" } ?? "")
            let fields = record.fields.isEmpty ? "no field kept" : record.fields.map(\.rawValue).joined(separator: ", ")
            lines.append("  \(record.source.rawValue):\(record.key)  from \(place)  gave: \(fields)")
        }
        return lines.joined(separator: "\n")
    }

    private static func journalText(_ journal: Journal) -> String {
        var text = journal.title ?? journal.isoAbbreviation ?? ""
        let details = [journal.volume.map { "vol. \($0)" }, journal.issue.map { "no. \($0)" }, journal.pages.map { "p. \($0)" }].compactMap { $0 }
        if !details.isEmpty { text += ", " + details.joined(separator: ", ") }
        let issns = journal.issns.map(\.value).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !issns.isEmpty { text += " (ISSN " + issns.joined(separator: ", ") + ")" }
        return text
    }

    private static func authorsText(_ authors: [Author]) -> String? {
        guard !authors.isEmpty else { return nil }
        let shown = authors.prefix(8).map { author in
            author.displayName + (author.orcid.map { " (ORCID \($0))" } ?? "")
        }
        return shown.joined(separator: ", ") + (authors.count > 8 ? ", … (\(authors.count) authors)" : "")
    }
}
