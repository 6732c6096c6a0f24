import Foundation
import Store
import Testing

@testable import Catalog

/// A catalog directory in the schema-snds layout, written by a test into a fresh temporary directory and
/// removed when the fixture goes away.
final class CatalogFixture: Sendable {
    let root: URL

    /// An empty directory.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-catalog-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// A directory holding the sample catalog, valid, to be broken or edited by the test.
    static func sample() throws -> CatalogFixture {
        let fixture = try CatalogFixture()
        try SampleCatalog.write(to: fixture.root)
        return fixture
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var path: String { root.path }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func writeJSON(_ relative: String, _ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try write(relative, bytes: Array(data))
    }

    func readJSON(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(relative))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Reads a JSON object, lets `edit` change it, and writes it back.
    func editJSON(_ relative: String, _ edit: (inout [String: Any]) throws -> Void) throws {
        var object = try readJSON(relative)
        try edit(&object)
        try writeJSON(relative, object)
    }

    /// Changes the `fields` list of a table schema.
    func editFields(_ relative: String, _ edit: (inout [[String: Any]]) throws -> Void) throws {
        try editJSON(relative) { object in
            var fields = try #require(object["fields"] as? [[String: Any]])
            try edit(&fields)
            object["fields"] = fields
        }
    }

    /// Sets `key` of the field named `field` of a table schema (nil removes the key).
    func setField(_ relative: String, field: String, _ key: String, to value: Any?) throws {
        try editFields(relative) { fields in
            let index = try #require(fields.firstIndex { $0["name"] as? String == field })
            fields[index][key] = value
        }
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url(relative))
    }

    func copy(_ relative: String, to destination: String) throws {
        try FileManager.default.createDirectory(at: url(destination).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: url(relative), to: url(destination))
    }
}

/// The sample catalog's files, as `SampleCatalog.write(to:)` lays them out.
enum Sample {
    static let benR = "schemas/SAMPLE_CLAIMS/SA_BEN_R.json"
    static let prsF = "schemas/SAMPLE_CLAIMS/SA_PRS_F.json"
    static let phaF = "schemas/SAMPLE_CLAIMS/SA_PHA_F.json"
    static let sejB = "schemas/SAMPLE_HOSPITAL/SA_SEJ_B.json"
    static let diaD = "schemas/SAMPLE_HOSPITAL/SA_DIA_D.json"
    static let sexSchema = "nomenclatures/SAMPLE/SA_SEX_V.json"
    static let sexCSV = "nomenclatures/SAMPLE/SA_SEX_V.csv"
    static let dptSchema = "nomenclatures/SAMPLE/SA_DPT_V.json"
    static let dptCSV = "nomenclatures/SAMPLE/SA_DPT_V.csv"
    static let actSchema = "nomenclatures/SAMPLE/SA_ACT_V.json"
    static let actCSV = "nomenclatures/SAMPLE/SA_ACT_V.csv"
    static let cimSchema = "nomenclatures/SAMPLE/SA_CIM_V.json"
    static let cimCSV = "nomenclatures/SAMPLE/SA_CIM_V.csv"

    static let nomenclatureNames = ["SA_ACT_V", "SA_CIM_V", "SA_DPT_V", "SA_SEX_V"]
    /// 6 + 5 + 3 + 6 + 3 variables; 3 + 5 + 3 + 4 nomenclature rows.
    static let fieldCount = 23
    static let entryCount = 15
}

func makeStore() throws -> Store {
    try Store.inMemory(schemas: [CatalogSchema.self])
}

/// Imports `fixture` into `store` and returns the report.
@discardableResult
func importCatalog(_ fixture: CatalogFixture, name: String? = nil, strict: Bool = false, into store: Store) throws -> ImportReport {
    try CatalogImporter(strict: strict).importCatalog(from: fixture.path, name: name, into: store)
}

/// Imports `fixture`, expecting the import to fail, and returns the problems it lists.
func failingImport(
    _ fixture: CatalogFixture, name: String? = nil, strict: Bool = false, into store: Store,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [ImportProblem] {
    do {
        let report = try CatalogImporter(strict: strict).importCatalog(from: fixture.path, name: name, into: store)
        Issue.record("the import should have failed, but made version \(report.version)", sourceLocation: sourceLocation)
    } catch let error as CatalogImportError {
        return error.problems
    } catch {
        Issue.record("the import failed with an unexpected error: \(error)", sourceLocation: sourceLocation)
    }
    return []
}

/// Every table of the catalog's part of the store, the full-text indexes included.
let catalogStoreTables = [
    "catalogVersion", "catalogTable", "variable", "foreignKey", "nomenclature", "nomenclatureContent", "nomenclatureEntry",
    "variableSearch", "nomenclatureEntrySearch",
]

/// The number of rows of each table of the catalog's part of the store.
func rowCounts(in store: Store) async throws -> [String: Int] {
    try await store.reader.read { db in
        var counts: [String: Int] = [:]
        for table in catalogStoreTables {
            counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1
        }
        return counts
    }
}

/// Asserts that the store holds nothing of any catalog.
func expectEmpty(_ store: Store, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
    let counts = try await rowCounts(in: store)
    for table in catalogStoreTables {
        #expect(counts[table] == 0, "\(table) should be empty", sourceLocation: sourceLocation)
    }
}

extension ImportProblem {
    /// The file of the problem ends with `relative` (problems name files as the user named the directory).
    func isIn(_ relative: String) -> Bool {
        location.file.hasSuffix("/" + relative)
    }
}

extension CatalogRepository {
    /// The latest version, which a test that just imported requires.
    func latest(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> CatalogVersion {
        try #require(try await version(), sourceLocation: sourceLocation)
    }

    func requireTable(_ name: String, version: CatalogVersion, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws
        -> TableDetail
    {
        try #require(try await table(named: name, version: version), sourceLocation: sourceLocation)
    }

    func requireNomenclature(_ name: String, version: CatalogVersion, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        async throws -> Nomenclature
    {
        try #require(try await nomenclature(named: name, version: version), sourceLocation: sourceLocation).nomenclature
    }
}

/// A store holding the sample as v1, and a repository on it.
func sampleRepository() async throws -> (CatalogRepository, CatalogVersion) {
    let fixture = try CatalogFixture.sample()
    let store = try makeStore()
    try importCatalog(fixture, into: store)
    let repository = CatalogRepository(store: store)
    return (repository, try await repository.latest())
}
