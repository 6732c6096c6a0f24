import Foundation
import GRDB

/// What the registries in the store hold: for `hublot organisations stats` and the coverage pages.
public struct OrganisationStats: Hashable, Sendable, Codable {
    public struct Registry: Hashable, Sendable, Codable {
        public var registry: OrganisationRegistryKind
        public var organisations: Int
        public var byStatus: [String: Int]
        public var withCoordinates: Int
        public var withParents: Int
        public var countries: Int
    }

    public struct Country: Hashable, Sendable, Codable {
        public var countryCode: String
        public var organisations: Int
    }

    public struct Links: Hashable, Sendable, Codable {
        public var labs: Int
        public var labsLinked: Int
        public var tutelles: Int
        public var tutellesLinked: Int
        /// Labs with at least one tutelle that is a ROR organisation: their parents are ROR ids.
        public var labsWithARORParent: Int
        public var byKind: OrganisationLinkCounts
    }

    public struct Import: Hashable, Sendable, Codable {
        public var source: OrganisationImportReport.Source
        public var file: String
        public var sha256: String
        public var records: Int
        public var importedAt: Date
    }

    public var registryVersion: String
    public var registries: [Registry]
    /// The countries with most organisations, most first.
    public var topCountries: [Country]
    public var links: Links
    /// Newest first.
    public var imports: [Import]
}

extension OrganisationRepository {
    public func stats(topCountries: Int = 20) async throws -> OrganisationStats {
        try await store.reader.read { db in
            let registries = try OrganisationRegistryKind.allCases.map { registry in
                try Self.registryStats(registry, db)
            }
            let countries = try Row.fetchAll(
                db,
                sql: """
                    SELECT countryCode, COUNT(*) AS count FROM organisation WHERE countryCode IS NOT NULL
                    GROUP BY countryCode ORDER BY count DESC, countryCode LIMIT ?
                    """,
                arguments: [topCountries]
            ).map { OrganisationStats.Country(countryCode: $0["countryCode"], organisations: $0["count"]) }
            let imports = try Row.fetchAll(
                db, sql: "SELECT registry, file, sha256, records, importedAt FROM organisationImport ORDER BY id DESC"
            ).map { row in
                OrganisationStats.Import(
                    source: OrganisationImportReport.Source(rawValue: row["registry"]) ?? .links, file: row["file"], sha256: row["sha256"],
                    records: row["records"], importedAt: row["importedAt"])
            }
            return OrganisationStats(
                registryVersion: try Self.registryVersion(db), registries: registries, topCountries: countries, links: try Self.linkStats(db),
                imports: imports)
        }
    }

    private static func registryStats(_ registry: OrganisationRegistryKind, _ db: Database) throws -> OrganisationStats.Registry {
        let arguments: StatementArguments = [registry.rawValue]
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS organisations, COUNT(latitude) AS withCoordinates, COUNT(DISTINCT countryCode) AS countries,
                    (SELECT COUNT(DISTINCT p.organisationID) FROM organisationParent p JOIN organisation o ON o.id = p.organisationID
                     WHERE o.registry = ?1) AS withParents
                FROM organisation WHERE registry = ?1
                """,
            arguments: arguments)
        var byStatus: [String: Int] = [:]
        for status in try Row.fetchAll(
            db, sql: "SELECT status, COUNT(*) AS count FROM organisation WHERE registry = ? GROUP BY status", arguments: arguments)
        {
            byStatus[status["status"]] = status["count"]
        }
        return OrganisationStats.Registry(
            registry: registry, organisations: row?["organisations"] ?? 0, byStatus: byStatus, withCoordinates: row?["withCoordinates"] ?? 0,
            withParents: row?["withParents"] ?? 0, countries: row?["countries"] ?? 0)
    }

    private static func linkStats(_ db: Database) throws -> OrganisationStats.Links {
        let prefix = RNSRTutelle.placeholderPrefix + "%"
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT
                    (SELECT COUNT(*) FROM organisation WHERE registry = 'rnsr') AS labs,
                    (SELECT COUNT(DISTINCT l.rnsrID) FROM organisationLink l JOIN organisation o ON o.id = l.rnsrID) AS labsLinked,
                    (SELECT COUNT(*) FROM organisationTutelle) AS tutelles,
                    (SELECT COUNT(DISTINCT rnsrID) FROM organisationLink WHERE rnsrID LIKE ?1) AS tutellesLinked,
                    (SELECT COUNT(DISTINCT p.organisationID) FROM organisationParent p
                     JOIN organisationLink l ON l.rnsrID = p.parentID WHERE p.parentID LIKE ?1) AS labsWithARORParent
                """,
            arguments: [prefix])
        return OrganisationStats.Links(
            labs: row?["labs"] ?? 0, labsLinked: row?["labsLinked"] ?? 0, tutelles: row?["tutelles"] ?? 0,
            tutellesLinked: row?["tutellesLinked"] ?? 0, labsWithARORParent: row?["labsWithARORParent"] ?? 0,
            byKind: try OrganisationLinker.counts(db))
    }
}
