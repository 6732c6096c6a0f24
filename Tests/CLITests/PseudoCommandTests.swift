import ArgumentParser
import Foundation
import Testing
import Workbench

@testable import CLI

@Suite struct PseudoCommandTests {
    @Test func newKeyWritesAPrivateFileOnceAndNeverPrintsTheKey() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("p.key").path
            let command = try #require(try Hublot.parseAsRoot(["pseudo", "new-key", "--key-file", path]) as? PseudoCommand.NewKey)
            let output = try command.execute()
            let secret = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.count == 64 && !output.contains(secret) && !output.lowercased().contains(secret.prefix(12)))
            #expect(output.contains(try PseudonymisationKey.read(from: path).fingerprint))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            do {
                _ = try command.execute()
                Issue.record("a second new-key on the same file must be refused")
            } catch let error as PseudonymisationError {
                #expect(error.description.contains("already exists"))
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains(secret))
        }
    }

    @Test func applyDefaultsToTheCatalogsIdentifyingColumnsAndRefusesASecondRun() async throws {
        try await withTemporaryDirectory { directory in
            let project = try await CLIProject.make(in: directory)
            let key = directory.appendingPathComponent("p.key").path
            _ = try #require(try Hublot.parseAsRoot(["pseudo", "new-key", "--key-file", key]) as? PseudoCommand.NewKey).execute()
            let apply = try #require(
                try Hublot.parseAsRoot(["pseudo", "apply", "--key-file", key, "--store", project.store, "--catalog", "sample", project.engineURL])
                    as? PseudoCommand.Apply)
            let output = try await apply.execute()
            #expect(output.contains("SA_BEN_R.BEN_IDT_ANO: 2 rows changed") && output.contains("SA_PRS_F.BEN_IDT_ANO: 2 rows changed"))
            let secret = try String(contentsOfFile: key, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!output.contains(secret))

            let engine = try Engines.open(project.engineURL)
            #expect(try await engine.count("SELECT COUNT(*) FROM SA_PRS_F c JOIN SA_BEN_R p ON p.BEN_IDT_ANO = c.BEN_IDT_ANO") == 2)
            #expect(try await engine.count("SELECT COUNT(*) FROM SA_BEN_R WHERE BEN_IDT_ANO IN ('P1', 'P2')") == 0)

            let again = try #require(
                try Hublot.parseAsRoot(["pseudo", "apply", "--key-file", key, "--columns", "ben_idt_ano", project.engineURL]) as? PseudoCommand.Apply)
            #expect(again.columnNames == ["BEN_IDT_ANO"])
            do {
                _ = try await again.execute()
                Issue.record("a second run must be refused")
            } catch let error as PseudonymisationError {
                #expect(error.description.contains("already pseudonymised"))
            }
        }
    }

    @Test func aKeyFileOthersCanReadIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let key = directory.appendingPathComponent("p.key").path
            try PseudonymisationKey.generate().write(to: key)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: key)
            let apply = try #require(
                try Hublot.parseAsRoot(["pseudo", "apply", "--key-file", key, "--columns", "BEN_IDT_ANO", "sqlite://" + directory.path + "/p.sqlite"])
                    as? PseudoCommand.Apply)
            do {
                _ = try await apply.execute()
                Issue.record("a key file readable by the group must be refused")
            } catch let error as PseudonymisationError {
                #expect(error.description.contains("mode 640") && error.description.contains("chmod 600"))
            }
        }
    }
}
