import Core
import Foundation
import GRDB

/// What an import did: the file, how many records it held and replaced, and the links made afterwards.
public struct OrganisationImportReport: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        case ror, rnsr, links
    }

    public var source: Source
    public var file: String
    public var sha256: String
    public var records: Int
    /// The organisations (or mapping rows) of the same source the import replaced: a dump is complete.
    public var replaced: Int
    public var registryVersion: String
    public var links: OrganisationLinkCounts
}

extension OrganisationRepository {
    /// Replaces the ROR organisations with a dump's (schema v2 or v1), reading and inserting one record at a time;
    /// one transaction: on an error nothing changes.
    public func importROR(path: String, at date: Date = Date()) async throws -> OrganisationImportReport {
        let digest = try FileDigest.sha256(file: path)
        return try await store.writer.write { db in
            var reader = try RORReader(path: path)
            return try Self.replace(.ror, file: path, sha256: digest, date: date, db) { writer in
                while let organisation = try reader.next() { try writer.insert(organisation) }
            }
        }
    }

    /// Replaces the RNSR labs with an export's, and what it says of their tutelles.
    public func importRNSR(path: String, at date: Date = Date()) async throws -> OrganisationImportReport {
        let digest = try FileDigest.sha256(file: path)
        return try await store.writer.write { db in
            var reader = try RNSRReader(path: path)
            try db.execute(sql: "DELETE FROM organisationTutelle")
            return try Self.replace(.rnsr, file: path, sha256: digest, date: date, db) { writer in
                while let structure = try reader.nextStructure() {
                    try writer.insert(structure.organisation)
                    for tutelle in structure.tutelles { try writer.insert(tutelle) }
                }
            }
        }
    }

    /// Replaces the RNSR→GRID/ROR mapping (`numero_national_de_structure,...,grid,ror_id_via_grid`).
    public func importLinks(path: String, at date: Date = Date()) async throws -> OrganisationImportReport {
        let digest = try FileDigest.sha256(file: path)
        let rows = try RNSRMapping.read(path: path)
        return try await store.writer.write { db in
            let replaced = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organisationMapping") ?? 0
            try db.execute(sql: "DELETE FROM organisationMapping")
            for row in rows {
                try db.execute(
                    sql: "INSERT INTO organisationMapping (rnsrID, grid, rorID) VALUES (?, ?, ?)", arguments: [row.rnsrID, row.grid, row.rorID])
            }
            return try Self.recordImport(.links, file: path, sha256: digest, records: rows.count, replaced: replaced, date: date, db)
        }
    }

    private static func replace(
        _ registry: OrganisationRegistryKind, file: String, sha256: String, date: Date, _ db: Database,
        insertAll: (inout OrganisationWriter) throws -> Void
    ) throws -> OrganisationImportReport {
        let replaced = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organisation WHERE registry = ?", arguments: [registry.rawValue]) ?? 0
        try db.execute(sql: "DELETE FROM organisation WHERE registry = ?", arguments: [registry.rawValue])
        var writer = OrganisationWriter(db: db, file: file)
        try insertAll(&writer)
        let source: OrganisationImportReport.Source = registry == .ror ? .ror : .rnsr
        return try recordImport(source, file: file, sha256: sha256, records: writer.count, replaced: replaced, date: date, db)
    }

    /// Records the import, then relinks the registries under the version it makes.
    private static func recordImport(
        _ source: OrganisationImportReport.Source, file: String, sha256: String, records: Int, replaced: Int, date: Date, _ db: Database
    ) throws -> OrganisationImportReport {
        try db.execute(
            sql: "INSERT INTO organisationImport (registry, file, sha256, records, importedAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [source.rawValue, file, sha256, records, date])
        let version = try registryVersion(db)
        let links = try OrganisationLinker.relink(db, registryVersion: version)
        return OrganisationImportReport(
            source: source, file: file, sha256: sha256, records: records, replaced: replaced, registryVersion: version, links: links)
    }
}

/// Inserts organisations with their names, parents and identifiers, through statements prepared once.
struct OrganisationWriter {
    let db: Database
    let file: String
    private(set) var count = 0
    private let encoder = JSONEncoder()

    init(db: Database, file: String) {
        self.db = db
        self.file = file
    }

    mutating func insert(_ organisation: Organisation) throws {
        count += 1
        let json = String(decoding: try encoder.encode(organisation), as: UTF8.self)
        let place = organisation.place
        do {
            try db.cachedStatement(
                sql: """
                    INSERT INTO organisation (id, registry, name, status, countryCode, city, cityKey, latitude, longitude, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                organisation.id, organisation.registry.rawValue, organisation.name, organisation.status.rawValue, place?.countryCode,
                place?.city, place?.city.map { OrganisationName.key($0) }, place?.latitude, place?.longitude, json,
            ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw OrganisationImportError(file: file, record: count, field: "id", reason: "\(organisation.id) appears twice")
        }
        var keys: Set<String> = []
        for name in organisation.names {
            let key = name.key
            guard !key.isEmpty, keys.insert("\(name.kind.rawValue) \(key)").inserted else { continue }
            try db.cachedStatement(sql: "INSERT INTO organisationName (name, looseName, organisationID, kind) VALUES (?, ?, ?, ?)")
                .execute(arguments: [key, OrganisationName.looseKey(name.value), organisation.id, name.kind.rawValue])
        }
        for parent in Set(organisation.parentIDs) {
            try db.cachedStatement(sql: "INSERT INTO organisationParent (organisationID, parentID) VALUES (?, ?)")
                .execute(arguments: [organisation.id, parent])
        }
        for (scheme, values) in organisation.externalIDs {
            for value in Set(values) {
                try db.cachedStatement(sql: "INSERT INTO organisationExternalID (scheme, value, organisationID) VALUES (?, ?, ?)")
                    .execute(arguments: [scheme, value, organisation.id])
            }
        }
    }

    /// The first lab to name a tutelle describes it: the RNSR writes the same tutelle alike everywhere.
    func insert(_ tutelle: RNSRTutelle) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO organisationTutelle (id, name, nameKey, looseNameKey, acronym, acronymKey, uai, siret)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            tutelle.placeholderID, tutelle.name, OrganisationName.key(tutelle.name), OrganisationName.looseKey(tutelle.name), tutelle.acronym,
            tutelle.acronym.map { OrganisationName.key($0) },
            tutelle.uai, tutelle.siret,
        ])
    }
}

/// The mapping of RNSR labs to GRID and ROR ids, as a CSV with a header.
enum RNSRMapping {
    struct Row: Hashable {
        var rnsrID: String
        var grid: String?
        var rorID: String?
    }

    static func read(path: String) throws -> [Row] {
        guard let data = FileManager.default.contents(atPath: path) else { throw OrganisationImportError(file: path, reason: "cannot read the file") }
        let text = String.decodingText([UInt8](data)).text
        var table = DelimitedTextReader(text: text, delimiter: text.prefix(while: { $0 != "\n" }).contains(";") ? ";" : ",")
        do {
            guard let header = try table.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
                throw OrganisationImportError(file: path, line: 1, reason: "empty file: no header")
            }
            guard let id = header.firstIndex(of: "numero_national_de_structure") ?? header.firstIndex(of: "rnsr") else {
                throw OrganisationImportError(file: path, line: 1, field: "numero_national_de_structure", reason: "missing column")
            }
            let grid = header.firstIndex(of: "grid")
            let ror = header.firstIndex(of: "ror_id_via_grid") ?? header.firstIndex(of: "ror") ?? header.firstIndex(of: "ror_id")
            guard grid != nil || ror != nil else {
                throw OrganisationImportError(file: path, line: 1, field: "grid", reason: "no grid nor ror column")
            }
            var rows: [Row] = []
            while let record = try table.next() {
                func value(_ index: Int?) -> String? {
                    guard let index, index < record.fields.count else { return nil }
                    let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
                guard let rnsrID = value(id) else {
                    throw OrganisationImportError(
                        file: path, line: record.line, record: rows.count + 1, field: header[id], reason: "empty structure number")
                }
                let rorID = value(ror)
                if let rorID, let ror, !rorID.hasPrefix("https://ror.org/") {
                    throw OrganisationImportError(
                        file: path, line: record.line, record: rows.count + 1, field: header[ror], reason: "not a ROR id: \(rorID)")
                }
                rows.append(Row(rnsrID: rnsrID, grid: value(grid), rorID: rorID))
            }
            return rows
        } catch let error as DelimitedTextError {
            throw OrganisationImportError(file: path, line: error.line, reason: "malformed CSV: \(error.reason)")
        }
    }
}
