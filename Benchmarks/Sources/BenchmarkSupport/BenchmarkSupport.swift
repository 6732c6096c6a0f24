import Catalog
import Foundation
import GRDB
import Store

/// The real SNDS schema, beside the repository as in CI (`../shared/data/schema-snds`), or $HUBLOT_SCHEMA_SNDS.
public let schemaDirectory: String? = {
    let candidates: [String?] = [
        ProcessInfo.processInfo.environment["HUBLOT_SCHEMA_SNDS"],
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/data/schema-snds").standardized.path,
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/schemas") }
}()

/// 1,000 searches as users type them: French and English words, variable names, prefixes, several words.
public func searchQueries(from variables: [(name: String, description: String)]) -> [String] {
    let fixed = [
        "date de naissance", "date of birth", "sexe", "diagnostic principal", "FINESS", "montant remboursé", "date de décès",
        "BEN_NAI_ANN", "naiss", "code postal", "médicament", "hospitalisation", "acte CCAM", "affection longue durée", "spécialité du médecin",
    ]
    var generator = SystemRandomNumberGenerator.Seeded(seed: 42)
    var queries = fixed
    while queries.count < 1_000 {
        let variable = variables[Int(generator.next() % UInt64(variables.count))]
        let words = variable.description.split(separator: " ").map(String.init).filter { $0.count > 3 }
        switch generator.next() % 3 {
        case 0: queries.append(variable.name)
        case 1 where !words.isEmpty: queries.append(String(words[Int(generator.next() % UInt64(words.count))].prefix(5)))
        default: queries.append(words.prefix(3).joined(separator: " "))
        }
    }
    return queries
}

extension SystemRandomNumberGenerator {
    /// A repeatable generator (SplitMix64), so every run searches the same queries.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// The real catalog imported into a fresh in-memory store, and 1,000 queries drawn from its variables.
public func importedCatalogAndQueries(from directory: String) async throws -> (CatalogRepository, CatalogVersion, [String]) {
    let store = try Store.inMemory(schemas: [CatalogSchema.self])
    _ = try CatalogImporter().importCatalog(from: directory, into: store)
    let repository = CatalogRepository(store: store)
    let version = try await repository.version()!
    let variables = try await store.reader.read { db in
        try Row.fetchAll(db, sql: "SELECT name, description FROM variable").map { ($0["name"] as String, $0["description"] as String) }
    }
    return (repository, version, searchQueries(from: variables))
}
