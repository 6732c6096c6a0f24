import GRDB

/// The counts `hublot catalog stats` prints, for one catalog version.
public struct CatalogStatistics: Codable, Hashable, Sendable {
    public var products: Int
    public var tables: Int
    public var fields: Int
    public var foreignKeys: Int
    public var nomenclatures: Int
    /// Nomenclatures whose codes are loaded (the others had no CSV).
    public var loadedNomenclatures: Int
    public var nomenclatureEntries: Int

    public static func fetch(versionID: Int64, db: Database) throws -> CatalogStatistics {
        func count(_ sql: String) throws -> Int {
            try Int.fetchOne(db, sql: sql, arguments: [versionID]) ?? 0
        }
        return CatalogStatistics(
            products: try count("SELECT COUNT(DISTINCT product) FROM catalogTable WHERE versionID = ?"),
            tables: try count("SELECT COUNT(*) FROM catalogTable WHERE versionID = ?"),
            fields: try count("SELECT COUNT(*) FROM variable WHERE versionID = ?"),
            foreignKeys: try count("SELECT COUNT(*) FROM foreignKey WHERE versionID = ?"),
            nomenclatures: try count("SELECT COUNT(*) FROM nomenclature WHERE versionID = ?"),
            loadedNomenclatures: try count("SELECT COUNT(*) FROM nomenclature WHERE versionID = ? AND contentID IS NOT NULL"),
            nomenclatureEntries: try count(
                "SELECT COALESCE(SUM(c.rowCount), 0) FROM nomenclature n JOIN nomenclatureContent c ON c.id = n.contentID WHERE n.versionID = ?")
        )
    }
}
