import GRDB

extension OrganisationRepository {
    /// Where each of these organisations is, read in the caller's transaction (the search builder's); ids the
    /// store does not hold are left out.
    public static func places(ids: some Collection<String>, in db: Database) throws -> [String: Place] {
        let statement = try db.cachedStatement(sql: "SELECT city, countryCode, latitude, longitude FROM organisation WHERE id = ?")
        var places: [String: Place] = [:]
        for id in Set(ids) {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            places[id] = Place(city: row[0], countryCode: row[1], latitude: row[2], longitude: row[3])
        }
        return places
    }
}
