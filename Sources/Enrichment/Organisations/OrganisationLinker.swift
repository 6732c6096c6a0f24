import GRDB

/// How many links of each kind, for labs and for tutelles.
public struct OrganisationLinkCounts: Hashable, Sendable, Codable {
    public var labs: [OrganisationLink.Via: Int] = [:]
    public var tutelles: [OrganisationLink.Via: Int] = [:]

    public init(labs: [OrganisationLink.Via: Int] = [:], tutelles: [OrganisationLink.Via: Int] = [:]) {
        self.labs = labs
        self.tutelles = tutelles
    }

    public var total: Int { labs.values.reduce(0, +) + tutelles.values.reduce(0, +) }
}

/// Links RNSR labs and tutelles to ROR organisations, in SQL over the folded names so that memory stays flat
/// whatever the size of the registries. Recomputed whole after every import, since any import can make or
/// break a link.
///
/// Precision first: a name or an acronym links only when exactly one active ROR organisation in France bears
/// it, and an acronym alone links a lab only in its city; a lab the mapping file links is not linked by name.
enum OrganisationLinker {
    static func relink(_ db: Database, registryVersion version: String) throws -> OrganisationLinkCounts {
        try db.execute(sql: "DELETE FROM organisationLink")
        // The mapping file's ROR ids, then its GRID ids found among the ROR organisations' identifiers (CROSS JOIN
        // keeps SQLite from scanning the mapping once per GRID id: 1.2 s instead of 5 ms on the real registries).
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO organisationLink (rnsrID, rorID, via, registryVersion)
                SELECT rnsrID, rorID, 'ror', ?1 FROM organisationMapping WHERE rorID IS NOT NULL
                """,
            arguments: [version])
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO organisationLink (rnsrID, rorID, via, registryVersion)
                SELECT m.rnsrID, x.organisationID, 'grid', ?1 FROM organisationMapping m
                CROSS JOIN organisationExternalID x ON x.scheme = 'grid' AND x.value = m.grid
                JOIN organisation o ON o.id = x.organisationID AND o.registry = 'ror'
                WHERE m.rnsrID NOT IN (SELECT rnsrID FROM organisationLink)
                """,
            arguments: [version])
        try linkUnique(db, version: version, via: .name, candidates: labNames(kind: "display", rorKinds: "'display', 'label', 'alias'"))
        try linkUnique(
            db, version: version, via: .acronym,
            candidates: labNames(kind: "acronym", rorKinds: "'acronym'") + " AND o.cityKey = lab.cityKey")
        let names = "'display', 'label', 'alias'"
        try linkUnique(db, version: version, via: .name, candidates: tutelleNames(key: "nameKey", rorColumn: "name", rorKinds: names))
        try linkUnique(db, version: version, via: .name, candidates: tutelleNames(key: "looseNameKey", rorColumn: "looseName", rorKinds: names))
        // Acronyms are shared by institutions and labs (CIRM, IRHT, TAU): a tutelle is an institution, one with no parent.
        try linkUnique(
            db, version: version, via: .acronym,
            candidates: tutelleNames(key: "acronymKey", rorColumn: "name", rorKinds: "'acronym'")
                + " AND NOT EXISTS (SELECT 1 FROM organisationParent p WHERE p.organisationID = o.id)")
        try placeLinkedLabs(db)
        return try counts(db)
    }

    /// The RNSR gives no coordinates: a lab linked to ROR is put on the map where its ROR record is.
    private static func placeLinkedLabs(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE organisation SET (latitude, longitude) = (
                    SELECT o.latitude, o.longitude FROM organisationLink l JOIN organisation o ON o.id = l.rorID
                    WHERE l.rnsrID = organisation.id AND o.latitude IS NOT NULL ORDER BY l.rorID LIMIT 1)
                WHERE registry = 'rnsr'
                """)
    }

    /// Rows (rnsrID, rorID) of RNSR labs not yet linked whose name of one kind is a ROR organisation's.
    private static func labNames(kind: String, rorKinds: String) -> String {
        """
        SELECT lab.id AS rnsrID, o.id AS rorID FROM organisation lab
        JOIN organisationName r ON r.organisationID = lab.id AND r.kind = '\(kind)'
        JOIN organisationName n ON n.name = r.name AND n.kind IN (\(rorKinds))
        JOIN organisation o ON o.id = n.organisationID AND o.registry = 'ror' AND o.countryCode = 'FR' AND o.status = 'active'
        WHERE lab.registry = 'rnsr'
        """
    }

    private static func tutelleNames(key: String, rorColumn: String, rorKinds: String) -> String {
        """
        SELECT t.id AS rnsrID, o.id AS rorID FROM organisationTutelle t
        JOIN organisationName n ON n.\(rorColumn) = t.\(key) AND n.kind IN (\(rorKinds))
        JOIN organisation o ON o.id = n.organisationID AND o.registry = 'ror' AND o.countryCode = 'FR' AND o.status = 'active'
        WHERE t.\(key) IS NOT NULL AND t.\(key) != ''
        """
    }

    /// Links each not yet linked id whose candidates are exactly one ROR organisation.
    private static func linkUnique(_ db: Database, version: String, via: OrganisationLink.Via, candidates: String) throws {
        try db.execute(
            sql: """
                INSERT INTO organisationLink (rnsrID, rorID, via, registryVersion)
                SELECT rnsrID, MIN(rorID), ?1, ?2 FROM (\(candidates))
                WHERE rnsrID NOT IN (SELECT rnsrID FROM organisationLink)
                GROUP BY rnsrID HAVING COUNT(DISTINCT rorID) = 1
                """,
            arguments: [via.rawValue, version])
    }

    static func counts(_ db: Database) throws -> OrganisationLinkCounts {
        var counts = OrganisationLinkCounts()
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT via, rnsrID LIKE '\(RNSRTutelle.placeholderPrefix)%' AS isTutelle, COUNT(*) AS count
                FROM organisationLink GROUP BY via, isTutelle
                """)
        for row in rows {
            guard let via = OrganisationLink.Via(rawValue: row["via"]) else { continue }
            if row["isTutelle"] as Bool { counts.tutelles[via] = row["count"] } else { counts.labs[via] = row["count"] }
        }
        return counts
    }
}
