import ArgumentParser
import Core
import Enrichment
import Foundation

struct OrganisationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisations",
        abstract: "The registries of research organisations (ROR, RNSR): import, statistics, one organisation.",
        discussion: """
            Import the ROR dump and the RNSR export; the RNSR→GRID/ROR mapping is optional. A registry's import \
            replaces its organisations (a dump is complete), then RNSR labs and their tutelles are linked to ROR \
            organisations again, through the mapping and through names.
            """,
        subcommands: [Import.self, Stats.self, Show.self]
    )
}

extension OrganisationsCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a ROR dump (JSON, schema v2 or v1), an RNSR export (CSV) or the RNSR→GRID/ROR mapping (CSV).",
            discussion: "One transaction: on an error, named with its file, line and field, nothing changes (exit code 2)."
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case ror, rnsr, links
        }

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "What the file is: ror, rnsr or links.")
        var kind: Kind

        @Argument(help: "The file.", completion: .file())
        var file: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("\(file): no such readable file") }
            let start = ContinuousClock.now
            let repository = OrganisationRepository(store: try storeOptions.open())
            let report: OrganisationImportReport
            do {
                switch kind {
                case .ror: report = try await repository.importROR(path: file)
                case .rnsr: report = try await repository.importRNSR(path: file)
                case .links: report = try await repository.importLinks(path: file)
                }
            } catch let error as OrganisationImportError {
                printError(error.description)
                throw ExitCode(2)
            }
            if format == .json { return try printJSON(report) }
            let seconds = String(format: "%.1f", start.duration(to: .now).inSeconds)
            let what = kind == .links ? "mapping rows" : "organisations"
            print("Imported \(report.records) \(what) from \(file) into \(storeOptions.path) in \(seconds) s (replaced \(report.replaced)).")
            print("Registry version \(report.registryVersion); links: \(Self.describe(report.links))")
        }

        static func describe(_ links: OrganisationLinkCounts) -> String {
            func list(_ counts: [OrganisationLink.Via: Int]) -> String {
                let parts = OrganisationLink.Via.allCases.compactMap { via in counts[via].map { "\($0) by \(via.rawValue)" } }
                return parts.isEmpty ? "none" : parts.joined(separator: ", ")
            }
            return "labs \(list(links.labs)); tutelles \(list(links.tutelles))"
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the organisations per registry, status and country, the links by kind, and list the imports.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(help: "How many countries to list.")
        var countries = 20

        func run() async throws {
            let stats = try await OrganisationRepository(store: try storeOptions.open()).stats(topCountries: countries)
            if format == .json { return try printJSON(stats) }
            print("Registry version \(stats.registryVersion)")
            print(
                columns(
                    [["REGISTRY", "ORGANISATIONS", "ACTIVE", "INACTIVE", "WITHDRAWN", "WITH COORDINATES", "WITH PARENTS", "COUNTRIES"]]
                        + stats.registries.map { registry in
                            [registry.registry.rawValue, String(registry.organisations)]
                                + ["active", "inactive", "withdrawn"].map { String(registry.byStatus[$0] ?? 0) }
                                + [String(registry.withCoordinates), String(registry.withParents), String(registry.countries)]
                        }))
            let links = stats.links
            print(
                "\nLinks to ROR: \(links.labsLinked) of \(links.labs) RNSR labs, \(links.tutellesLinked) of \(links.tutelles) tutelles; "
                    + "\(links.labsWithARORParent) labs have a ROR parent")
            print("  \(Import.describe(links.byKind))")
            if !stats.topCountries.isEmpty {
                print("\nCountries: " + stats.topCountries.map { "\($0.countryCode) \($0.organisations)" }.joined(separator: ", "))
            }
            if stats.imports.isEmpty { return print("\nNothing imported yet: hublot organisations import ror|rnsr|links FILE") }
            print("\nImports, newest first:")
            print(
                columns(
                    [["SOURCE", "IMPORTED", "RECORDS", "SHA-256", "FILE"]]
                        + stats.imports.map {
                            [$0.source.rawValue, $0.importedAt.formatted(.iso8601), String($0.records), String($0.sha256.prefix(16)), $0.file]
                        }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an organisation: names, place, parents and children, links.",
            discussion: "ID is a ROR id (https://ror.org/03acrzv41, or 03acrzv41) or an RNSR number (200412238P)."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The organisation's id.")
        var id: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        /// ROR ids are stored as URLs; users type the short form.
        var storedID: String {
            let isShortROR = id.count == 9 && id.first == "0" && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            return isShortROR ? "https://ror.org/" + id : id
        }

        func run() async throws {
            let repository = OrganisationRepository(store: try storeOptions.open())
            guard let organisation = try await repository.organisation(id: storedID) else {
                throw ValidationError("no organisation \(id) in \(storeOptions.path)")
            }
            let children = try await repository.children(of: organisation.id)
            if format == .json { return try printJSON(Shown(organisation: organisation, children: children.map(Shown.Child.init))) }
            print("\(organisation.name) — \(organisation.id) (\(organisation.registry.rawValue), \(organisation.status.rawValue))")
            let place = organisation.place
            var rows: [[String]] = [
                ["types", organisation.types.joined(separator: ", ")],
                [
                    "place",
                    [place?.city, place?.postcode, place?.subdivision, place?.countryName ?? place?.countryCode].compactMap { $0 }.joined(
                        separator: ", "),
                ],
                ["coordinates", place?.latitude.flatMap { latitude in place?.longitude.map { "\(latitude), \($0)" } } ?? ""],
                ["established", organisation.established.map(String.init) ?? ""], ["website", organisation.website ?? ""],
                ["domains", organisation.domains.joined(separator: ", ")],
            ]
            for kind in [OrganisationName.Kind.label, .alias, .acronym, .unitCode] {
                rows.append([kind.rawValue, organisation.names.filter { $0.kind == kind }.map(\.value).joined(separator: "; ")])
            }
            // Children are listed below, with those that name it as their parent.
            for relationship in organisation.relationships where relationship.kind != .child {
                rows.append([relationship.kind.rawValue, [relationship.label, relationship.id].compactMap { $0 }.joined(separator: " — ")])
            }
            for (scheme, values) in organisation.externalIDs.sorted(by: { $0.key < $1.key }) {
                rows.append([scheme, values.joined(separator: ", ")])
            }
            print(columns(rows.filter { !$0[1].isEmpty }))
            if !children.isEmpty {
                print("\n\(children.count) children:")
                print(columns(children.prefix(Self.childrenShown).map { [$0.id, $0.name, $0.place?.city ?? ""] }))
                if children.count > Self.childrenShown { print("… and \(children.count - Self.childrenShown) more (--format json lists them all)") }
            }
        }

        static let childrenShown = 50

        /// The organisation with its children named, as `--format json` prints it.
        struct Shown: Encodable {
            struct Child: Encodable {
                var id: String
                var name: String
                var registry: OrganisationRegistryKind

                init(_ organisation: Organisation) {
                    id = organisation.id
                    name = organisation.name
                    registry = organisation.registry
                }
            }

            var organisation: Organisation
            var children: [Child]
        }
    }
}
