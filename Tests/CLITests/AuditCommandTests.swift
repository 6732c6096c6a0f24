import ArgumentParser
import Foundation
import GRDB
import Store
import Testing

@testable import CLI

@Suite struct AuditCommandTests {
    /// Parses and runs `arguments` against `store`.
    private func run(_ arguments: [String], store: String) async throws {
        var command = try Hublot.parseAsRoot(arguments + ["--store", store])
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    @Test func releasesAreReportedAndTamperingMakesVerifyFail() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let file = directory.appendingPathComponent("ages.csv")
            try Data("age;n\n0-17;120\n18-64;340\nTotal;460\n".utf8).write(to: file)
            try await run(["project", "create", "P1", "--recipient", "Inserm U1018", "--actor", "alice"], store: store)
            try await run(["export", "request", file.path, "--project", "P1", "--actor", "bob", "--reason", "table 1"], store: store)
            // Entry 1 is the project, 2 the request.
            try await run(["export", "decide", "2", "--approve", "--actor", "carol", "--reason", "aggregated"], store: store)
            try await run(["export", "release", "2", "--actor", "bob"], store: store)

            let report = try #require(try Hublot.parseAsRoot(["audit", "report", "--since", "2000-01-01", "--store", store]) as? AuditCommand.Report)
            let releases = try await report.releases()
            #expect(releases.map(\.recipient) == ["Inserm U1018"])
            #expect(releases.map(\.decidedBy) == ["carol"])
            #expect(releases.first?.files.map(\.path) == [file.path])
            let badDate = try #require(try Hublot.parseAsRoot(["audit", "report", "--since", "yesterday", "--store", store]) as? AuditCommand.Report)
            await #expect(throws: ValidationError.self) { try await badDate.releases() }

            let verify = try #require(try Hublot.parseAsRoot(["audit", "verify", "--format", "json", "--store", store]) as? AuditCommand.Verify)
            let verification = try await verify.verification()
            #expect(verification.intact && verification.entries == 4)
            try await verify.run()

            // Someone with write access to the store rewrites who approved the release.
            let opened = try Store.open(path: store, schemas: StoreOptions.schemas)
            try await opened.writer.write { db in
                try db.execute(sql: "DROP TRIGGER auditEntry_no_update")
                try db.execute(sql: "UPDATE auditEntry SET actor = 'mallory' WHERE sequence = 3")
            }
            let tampered = try await verify.verification()
            #expect(!tampered.intact)
            #expect(tampered.problems.map { "\($0.kind) \($0.sequence)" } == ["edited 3"])
            await #expect(throws: ExitCode(1)) { try await verify.run() }
        }
    }
}
