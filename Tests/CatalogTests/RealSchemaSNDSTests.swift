import Foundation
import Store
import Testing

@testable import Catalog

/// The real schema-snds (commit fe17ef8), read from `../shared/data/schema-snds` beside the package and never
/// copied into it. Skipped when that folder is absent.
enum RealSchemaSNDS {
    /// This file is `<package>/Tests/CatalogTests/RealSchemaSNDSTests.swift`: the package root is three levels up.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("../shared/data/schema-snds").standardizedFileURL

    static var isAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent("schemas").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}

@Suite(.enabled(if: RealSchemaSNDS.isAvailable, "needs ../shared/data/schema-snds beside the package"))
struct RealSchemaSNDSTests {
    /// One import (about 20 s in debug) for every assertion on the real data.
    @Test(.timeLimit(.minutes(5)))
    func importsTheRealSchemaAndFindsItsVariablesAndJoins() async throws {
        let store = try makeStore()
        let report = try CatalogImporter().importCatalog(from: RealSchemaSNDS.directory.path, into: store)

        // Counts.
        let statistics = report.statistics
        #expect(statistics.tables == 188)
        #expect(statistics.fields == 4_815)
        #expect(statistics.foreignKeys == 197)
        #expect(statistics.products == 12)
        #expect(statistics.nomenclatures == 505)
        #expect(statistics.loadedNomenclatures == 502)
        #expect(statistics.nomenclatureEntries > 400_000)
        #expect(report.nomenclatureRows == statistics.nomenclatureEntries)

        // The three nomenclatures known to have no CSV, and no other.
        let missing = report.warnings.filter { $0.kind == .missingNomenclatureCSV }
        #expect(missing.count == 3)
        #expect(missing.allSatisfy { $0.severity == .warning })
        let missingFiles = Set(missing.map { URL(fileURLWithPath: $0.location.file).pathComponents.suffix(2).joined(separator: "/") })
        #expect(missingFiles == ["DREES/IR_PHA_R.json", "ORAREF/IR_PTF_R.json", "ORAVAL/IR_MIR_D.json"])
        #expect(!report.warnings.contains { $0.severity == .error })

        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        #expect(version.warnings == report.warnings)

        // Search.
        let birth = try await repository.search("date de naissance", version: version, limit: 5)
        #expect(birth.contains { $0.field == "BEN_NAI_ANN" }, "top 5: \(birth.map { "\($0.table).\($0.field)" })")
        // Eight tables have a variable of that name (two write it in lower case): all come first.
        let exact = try await repository.search("BEN_NAI_ANN", version: version)
        let named = exact.prefix { $0.field.uppercased() == "BEN_NAI_ANN" }
        #expect(named.count == 8)
        #expect(named.contains { $0.table == "IR_BEN_R" && $0.field == "BEN_NAI_ANN" })
        #expect(!exact.dropFirst(named.count).contains { $0.field.uppercased() == "BEN_NAI_ANN" })

        // Joins, multi-column.
        let claims = try await repository.requireTable("er_prs_f", version: version)
        #expect(claims.table.name == "ER_PRS_F")
        #expect(claims.table.product == "DCIR")
        let toBeneficiaries = claims.joins.filter { $0.direction == .outgoing && $0.table == "IR_BEN_R" }
        let key = ["BEN_NIR_PSA", "BEN_RNG_GEM"]
        #expect(toBeneficiaries.contains { $0.fields == key && $0.otherFields == key && $0.resolved }, "\(toBeneficiaries)")
        let beneficiaries = try await repository.requireTable("IR_BEN_R", version: version)
        #expect(beneficiaries.joins.contains { $0.direction == .incoming && $0.table == "ER_PRS_F" && $0.fields == key && $0.resolved })

        // A nomenclature of the real data, looked up both ways.
        let sex = try await repository.requireNomenclature("IR_SEX_V", version: version)
        #expect(try await repository.entries(of: sex, code: "2").map(\.label) == ["FEMININ"])
        #expect(try await repository.entries(of: sex, label: "féminin").map(\.code) == ["2"])
    }
}
