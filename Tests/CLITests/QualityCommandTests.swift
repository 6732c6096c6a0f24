import ArgumentParser
import Catalog
import Foundation
import Testing
import Workbench

@testable import CLI

/// A store holding the sample catalog and an engine file holding its people and claims, in a temporary directory.
struct CLIProject {
    let directory: URL
    var store: String { directory.appendingPathComponent("store.sqlite").path }
    var engineURL: String { "sqlite://" + directory.appendingPathComponent("project.sqlite").path }

    static func make(in directory: URL, brokenClaim: Bool = false) async throws -> CLIProject {
        let project = CLIProject(directory: directory)
        let catalog = directory.appendingPathComponent("catalog")
        try SampleCatalog.write(to: catalog)
        let importCommand = try #require(
            try Hublot.parseAsRoot(["catalog", "import", catalog.path, "--name", "sample", "--store", project.store]) as? CatalogCommand.Import)
        try await importCommand.run()

        let engine = try Engines.open(project.engineURL)
        let people = TableDefinition(
            name: "SA_BEN_R",
            columns: [
                ColumnDefinition(name: "BEN_IDT_ANO", type: .text(length: 17)), ColumnDefinition(name: "BEN_SEX_COD", type: .integer),
                ColumnDefinition(name: "BEN_NAI_ANN", type: .text(length: 4)), ColumnDefinition(name: "BEN_NAI_MOI", type: .integer),
                ColumnDefinition(name: "BEN_DCD_DTE", type: .date), ColumnDefinition(name: "BEN_RES_DPT", type: .text(length: 3)),
            ])
        _ = try await engine.load(people, replacing: false) { loader in
            try await loader.append(
                RowBatch(
                    columns: people.columnNames,
                    rows: [
                        [.text("P1"), .integer(1), .text("1950"), .integer(3), .null, .text("075")],
                        [.text("P2"), .integer(2), .text("1980"), .integer(12), .null, .text("013")],
                    ]))
        }
        let claims = TableDefinition(
            name: "SA_PRS_F",
            columns: [
                ColumnDefinition(name: "BEN_IDT_ANO", type: .text(length: 17)), ColumnDefinition(name: "PRS_ORD_NUM", type: .integer),
                ColumnDefinition(name: "EXE_SOI_DTD", type: .date), ColumnDefinition(name: "PRS_NAT_REF", type: .integer),
                ColumnDefinition(name: "PRS_REM_MNT", type: .decimal(precision: 10, scale: 2)),
            ])
        _ = try await engine.load(claims, replacing: false) { loader in
            try await loader.append(
                RowBatch(
                    columns: claims.columnNames,
                    rows: [
                        [.text("P1"), .integer(1), .text("2019-01-10"), .integer(1111), .text("25.00")],
                        [.text(brokenClaim ? "P9" : "P2"), .integer(2), .text("2020-05-01"), .integer(1112), .text("12.50")],
                    ]))
        }
        return project
    }
}

@Suite struct QualityCommandTests {
    @Test func parsesTablesAndFormat() throws {
        let check = try #require(
            try Hublot.parseAsRoot([
                "quality", "check", "--catalog", "sample", "--tables", "SA_BEN_R,SA_PRS_F", "--format", "html", "sqlite:///x.sqlite",
            ])
                as? QualityCommand.Check)
        #expect(check.tableNames == ["SA_BEN_R", "SA_PRS_F"] && check.format == .html && check.catalog == "sample")
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["quality", "check", "--format", "xml", "sqlite:///x.sqlite"]) }
    }

    @Test func cleanTablesExitZeroAndABrokenKeyExitsOne() async throws {
        try await withTemporaryDirectory { directory in
            let project = try await CLIProject.make(in: directory)
            let arguments = ["quality", "check", "--store", project.store, "--catalog", "sample", "--tables", "SA_BEN_R,SA_PRS_F"]
            let clean = try #require(try Hublot.parseAsRoot(arguments + ["--format", "json", project.engineURL]) as? QualityCommand.Check)
            let report = try await clean.makeReport()
            #expect(report.tables.map(\.name) == ["SA_BEN_R", "SA_PRS_F"] && !report.hasBlockingFailure)
            let json = try clean.render(report)
            #expect(json.contains("\"rule\" : \"key.foreign\"") && json.contains("\"catalogVersion\" : \"sample\""))
            try await clean.run()
        }
        try await withTemporaryDirectory { directory in
            let project = try await CLIProject.make(in: directory, brokenClaim: true)
            let command = try #require(
                try Hublot.parseAsRoot([
                    "quality", "check", "--store", project.store, "--tables", "SA_BEN_R,SA_PRS_F", "--format", "html", project.engineURL,
                ])
                    as? QualityCommand.Check)
            let html = try command.render(try await command.makeReport())
            #expect(html.contains("<td>key.foreign</td>") && html.contains("P9"))
            await #expect(throws: ExitCode(1)) { try await command.run() }
        }
    }

    @Test func anUnknownTableOrEngineIsAClearError() async throws {
        try await withTemporaryDirectory { directory in
            let project = try await CLIProject.make(in: directory)
            let unknown = try #require(
                try Hublot.parseAsRoot(["quality", "check", "--store", project.store, "--tables", "NOPE", project.engineURL]) as? QualityCommand.Check
            )
            await #expect(throws: ValidationError.self) { _ = try await unknown.makeReport() }
            let engine = try #require(try Hublot.parseAsRoot(["quality", "check", "--store", project.store, "mysql://x/y"]) as? QualityCommand.Check)
            do {
                _ = try await engine.makeReport()
                Issue.record("expected an error")
            } catch let error as ValidationError {
                #expect(error.message.contains("unknown scheme mysql"))
            }
        }
    }
}
