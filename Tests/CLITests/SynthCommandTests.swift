import ArgumentParser
import Catalog
import Foundation
import Store
import Testing
import Workbench

@testable import CLI

@Suite struct SynthCommandTests {
    @Test func parsesTheGenerateCommand() throws {
        let command = try #require(
            try Hublot.parseAsRoot([
                "synth", "generate", "--catalog", "2024-01", "--products", "DCIR,BENEFICIAIRE", "--patients", "50", "--out", "sqlite:///tmp/x.sqlite",
                "--seed", "9", "--format", "json",
            ]) as? SynthCommand.Generate)
        #expect(command.version == "2024-01")
        #expect(command.products == "DCIR,BENEFICIAIRE")
        #expect((command.patients, command.seed, command.format) == (50, 9, .json))
        #expect(try command.yearRange() == 2022...2023)
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["synth", "generate", "--patients", "5"]) }
        #expect(throws: (any Error).self) {
            try Hublot.parseAsRoot(["synth", "generate", "--patients", "5", "--out", "sqlite:///x", "--years", "2024-2020"])
        }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["synth", "generate", "--patients", "-1", "--out", "sqlite:///x"]) }
    }

    @Test func generatesTheSampleCatalogIntoAnSQLiteFileTheSameForTheSameSeed() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let demo = try #require(try Hublot.parseAsRoot(["demo", "--store", store]) as? Demo)
            try await demo.run()
            var contents: [[[CellValue]]] = []
            for name in ["a", "b"] {
                let out = "sqlite://\(directory.path)/\(name).sqlite"
                let command = try #require(
                    try Hublot.parseAsRoot([
                        "synth", "generate", "--catalog", SampleCatalog.versionName, "--products", "sample_claims", "--patients", "40", "--out", out,
                        "--seed", "5", "--store", store,
                    ]) as? SynthCommand.Generate)
                try await command.run()
                let engine = try Engines.open(out)
                #expect(try await engine.tableNames() == ["SA_BEN_R", "SA_PHA_F", "SA_PRS_F"])
                #expect(try await engine.count("SELECT COUNT(*) FROM SA_BEN_R") == 40)
                contents.append(try await engine.rows("SELECT * FROM SA_PRS_F ORDER BY PRS_ORD_NUM"))
            }
            #expect(!contents[0].isEmpty && contents[0] == contents[1])

            let unknown = try #require(
                try Hublot.parseAsRoot([
                    "synth", "generate", "--products", "NOPE", "--patients", "1", "--out", "sqlite://\(directory.path)/c.sqlite", "--store", store,
                ]) as? SynthCommand.Generate)
            await #expect(throws: SyntheticError.self) { try await unknown.run() }
        }
    }

    @Test func loadsACSVIntoAnEngineAndDumpsItBack() async throws {
        try await withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("in.csv")
            try Data("CODE,LABEL\n1,\"un, premier\"\n2,deux\n".utf8).write(to: input)
            let out = "sqlite://\(directory.path)/project.sqlite"
            let load = try #require(try Hublot.parseAsRoot(["engine", "load", input.path, "--table", "CODES", "--out", out]) as? EngineCommand.Load)
            try await load.run()
            let output = directory.appendingPathComponent("out.csv").path
            let dump = try #require(try Hublot.parseAsRoot(["engine", "dump", out, "--table", "CODES", "--to", output]) as? EngineCommand.Dump)
            try await dump.run()
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "CODE;LABEL\n1;un, premier\n2;deux\n")
            #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["engine", "dump", out, "--to", output]) }
        }
    }
}
