import ArgumentParser
import Core
import Foundation
import Testing

@testable import CLI

@Suite struct ExportCommandTests {
    @Test func parsesTheExportCommands() throws {
        let check = try #require(
            try Hublot.parseAsRoot([
                "export", "check", "a.csv", "b.csv", "--project", "P1", "--count-column", "n", "--count-column", "n_h,n_f", "--min-count", "11",
                "--format", "json", "--actor", "alice",
            ]) as? ExportCommand.Check)
        #expect(check.files == ["a.csv", "b.csv"])
        #expect(check.disclosure.countColumns == ["n", "n_h", "n_f"])
        #expect(check.disclosure.minimumCount == 11)
        #expect(check.format == .json)
        #expect(try check.actorOptions.resolved() == "alice")

        let decide = try #require(
            try Hublot.parseAsRoot(["export", "decide", "7", "--reject", "--actor", "carol", "--reason", "too fine"]) as? ExportCommand.Decide)
        #expect((decide.request, decide.decision, decide.reason) == (7, .reject, "too fine"))
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["export", "decide", "7", "--approve", "--reject", "--reason", "x"]) }

        let suppress = try #require(
            try Hublot.parseAsRoot(["export", "suppress", "a.csv", "--project", "P1", "--out", "b.csv"]) as? ExportCommand.Suppress)
        #expect(suppress.out == "b.csv")
        let project = try #require(
            try Hublot.parseAsRoot(["project", "create", "P1", "--min-count", "12", "--recipient", "team"]) as? ProjectCommand.Create)
        #expect((project.minimumCount, project.recipient) == (12, "team"))
    }

    @Test func checkPrintsTheFilesVerdictsAndReasonsAsJSON() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let create = try #require(
                try Hublot.parseAsRoot(["project", "create", "P1", "--recipient", "team", "--store", store, "--actor", "alice"])
                    as? ProjectCommand.Create)
            try await create.run()
            let clean = directory.appendingPathComponent("clean.csv")
            try Data("sexe;n\nH;120\nF;130\n".utf8).write(to: clean)
            let small = directory.appendingPathComponent("small.csv")
            try Data("sexe;n\nH;120\nF;3\n".utf8).write(to: small)

            let check = try #require(
                try Hublot.parseAsRoot([
                    "export", "check", clean.path, small.path, "--project", "P1", "--format", "json", "--store", store, "--actor", "bob",
                ]) as? ExportCommand.Check)
            let report = try await check.report()
            let json = try JSONSerialization.jsonObject(with: try JSONEncoder.hublot(pretty: true).encode(report)) as? [String: Any]
            #expect(json.map { Array($0.keys) } == ["files"])
            let files = try #require(json?["files"] as? [[String: Any]])
            #expect(files.count == 2)
            #expect(files.map { $0["file"] as? String } == [clean.path, small.path])
            #expect(files.map { $0["verdict"] as? String } == ["pass", "fail"])
            #expect((files[0]["reasons"] as? [String])?.isEmpty == true)
            let reasons = try #require(files[1]["reasons"] as? [String])
            #expect(reasons == ["line 3, column n: 3 is below the minimum count of 10 and is published"])
            let flagged = try #require((files[1]["flagged_cells"] as? [[String: Any]])?.first)
            #expect(flagged["line"] as? Int == 3 && flagged["column"] as? String == "n" && flagged["rule"] as? String == "small-cell")
            #expect((files[1]["proposed_suppressions"] as? [[String: Any]])?.first?["marker"] as? String == "<10")

            // A failing file makes the command exit with 1, after printing.
            await #expect(throws: ExitCode(1)) { try await check.run() }
            // An unknown project is a user error, not a crash.
            let unknown = try #require(
                try Hublot.parseAsRoot(["export", "check", clean.path, "--project", "P9", "--store", store, "--actor", "bob"]) as? ExportCommand.Check
            )
            await #expect(throws: ExitCode(2)) { try await unknown.run() }
        }
    }
}
