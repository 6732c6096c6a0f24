import Foundation
import GRDB
import Store

/// The organisation registries in the store: imports, links between registries, and every read the matcher,
/// pages and the CLI need.
///
/// Organisations are read *resolved*: an RNSR lab's tutelles linked to ROR carry their ROR id in place of the
/// placeholder, and linked organisations name each other in `externalIDs` (`ror` on a lab, `rnsr` on a ROR
/// organisation). The stored JSON stays as the registry wrote it, so that links can be recomputed.
public struct OrganisationRepository: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Every organisation, resolved, ROR first, in id order.
    public func organisations() async throws -> [Organisation] {
        try await store.reader.read { db in
            let links = try OrganisationLinks.fetch(db)
            let rows = try Row.fetchCursor(db, sql: "SELECT json, latitude, longitude FROM organisation ORDER BY registry DESC, id")
            var organisations: [Organisation] = []
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                organisations.append(links.resolved(try Self.decode(row, decoder)))
            }
            return organisations
        }
    }

    public func count() async throws -> Int {
        try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organisation") ?? 0 }
    }

    public func organisation(id: String) async throws -> Organisation? {
        try await store.reader.read { db in try Self.organisation(id: id, db) }
    }

    /// The organisations that name it as a parent (an RNSR lab through a linked tutelle included), and those it
    /// names as children, by name.
    public func children(of id: String) async throws -> [Organisation] {
        try await store.reader.read { db in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT organisationID FROM organisationParent
                    WHERE parentID = ?1 OR parentID IN (SELECT rnsrID FROM organisationLink WHERE rorID = ?1)
                    """,
                arguments: [id])
            let named = try Self.organisation(id: id, db)?.childIDs ?? []
            var seen: Set<String> = []
            return try (ids + named).filter { seen.insert($0).inserted }
                .compactMap { try Self.organisation(id: $0, db) }
                .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
    }

    /// The links between RNSR labs or tutelles and ROR organisations.
    public func links() async throws -> [OrganisationLink] {
        try await store.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT rnsrID, rorID, via, registryVersion FROM organisationLink ORDER BY rnsrID, rorID").map {
                OrganisationLink(
                    rnsrID: $0["rnsrID"], rorID: $0["rorID"], via: OrganisationLink.Via(rawValue: $0["via"]) ?? .name,
                    registryVersion: $0["registryVersion"])
            }
        }
    }

    /// Names the imports the registries in the store come from: what a match records, so that a match made
    /// with other registries can be told apart and redone.
    public func registryVersion() async throws -> String {
        try await store.reader.read { db in try Self.registryVersion(db) }
    }

    static func organisation(id: String, _ db: Database) throws -> Organisation? {
        guard let row = try Row.fetchOne(db, sql: "SELECT json, latitude, longitude FROM organisation WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return try OrganisationLinks.fetch(db, about: id).resolved(try decode(row, JSONDecoder()))
    }

    /// The organisation with the coordinates of its row, which linking gives RNSR labs.
    private static func decode(_ row: Row, _ decoder: JSONDecoder) throws -> Organisation {
        var organisation = try decoder.decode(Organisation.self, from: row["json"] as Data)
        if organisation.place?.latitude == nil, let latitude: Double = row["latitude"], let longitude: Double = row["longitude"] {
            var place = organisation.place ?? Place()
            place.latitude = latitude
            place.longitude = longitude
            organisation.place = place
        }
        return organisation
    }

    /// A short hash of the latest import of each kind: the same files give the same version, on any machine.
    static func registryVersion(_ db: Database) throws -> String {
        let latest = try Row.fetchAll(
            db,
            sql: """
                SELECT registry, sha256 FROM organisationImport
                WHERE id IN (SELECT MAX(id) FROM organisationImport GROUP BY registry) ORDER BY registry
                """)
        guard !latest.isEmpty else { return "none" }
        let text = latest.map { "\($0["registry"] as String):\($0["sha256"] as String)" }.joined(separator: ";")
        return String(FileDigest.sha256(Data(text.utf8)).prefix(12))
    }
}

/// An RNSR lab (or tutelle, by its placeholder id) known to be a ROR organisation.
public struct OrganisationLink: Hashable, Sendable, Codable {
    public enum Via: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
        /// The mapping file's GRID id, found among the ROR organisations' external ids.
        case grid
        /// The mapping file's ROR id.
        case ror
        /// The same name (display, label or alias) as exactly one ROR organisation in France.
        case name
        /// The same acronym (and, for a lab, city) as exactly one ROR organisation in France.
        case acronym
    }

    public var rnsrID: String
    public var rorID: String
    public var via: Via
    public var registryVersion: String

    public init(rnsrID: String, rorID: String, via: Via, registryVersion: String) {
        self.rnsrID = rnsrID
        self.rorID = rorID
        self.via = via
        self.registryVersion = registryVersion
    }
}

/// The links, as read to resolve organisations.
struct OrganisationLinks {
    var rorByRNSR: [String: [String]] = [:]
    var rnsrByROR: [String: [String]] = [:]

    static func fetch(_ db: Database) throws -> OrganisationLinks {
        try make(Row.fetchAll(db, sql: "SELECT rnsrID, rorID FROM organisationLink ORDER BY rnsrID, rorID"))
    }

    /// The links one organisation's resolution needs: its own, and its tutelles'.
    static func fetch(_ db: Database, about id: String) throws -> OrganisationLinks {
        try make(
            Row.fetchAll(
                db,
                sql: """
                    SELECT rnsrID, rorID FROM organisationLink
                    WHERE rnsrID = ?1 OR rorID = ?1 OR rnsrID IN (SELECT parentID FROM organisationParent WHERE organisationID = ?1)
                    ORDER BY rnsrID, rorID
                    """,
                arguments: [id]))
    }

    private static func make(_ rows: [Row]) -> OrganisationLinks {
        var links = OrganisationLinks()
        for row in rows {
            let rnsr: String = row["rnsrID"]
            let ror: String = row["rorID"]
            links.rorByRNSR[rnsr, default: []].append(ror)
            links.rnsrByROR[ror, default: []].append(rnsr)
        }
        return links
    }

    func resolved(_ organisation: Organisation) -> Organisation {
        var organisation = organisation
        switch organisation.registry {
        case .rnsr:
            if let ror = rorByRNSR[organisation.id] { organisation.externalIDs["ror"] = ror }
            organisation.relationships = organisation.relationships.map { relationship in
                guard relationship.id.hasPrefix(RNSRTutelle.placeholderPrefix), let ror = rorByRNSR[relationship.id]?.first else {
                    return relationship
                }
                return OrganisationRelationship(kind: relationship.kind, id: ror, label: relationship.label)
            }
        case .ror:
            let labs = (rnsrByROR[organisation.id] ?? []).filter { !$0.hasPrefix(RNSRTutelle.placeholderPrefix) }
            if !labs.isEmpty {
                organisation.externalIDs["rnsr", default: []] += labs.filter { !(organisation.externalIDs["rnsr"] ?? []).contains($0) }
            }
        }
        return organisation
    }
}
