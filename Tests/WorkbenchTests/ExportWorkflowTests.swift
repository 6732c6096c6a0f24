import Foundation
import Store
import Testing
import Workbench

/// A directory for a test's export files, removed after the test.
private func withExportDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}

private func write(_ text: String, to url: URL) throws -> String {
    try Data(text.utf8).write(to: url)
    return url.path
}

@Suite struct ExportWorkflowTests {
    @Test func projectsKeepTheirThresholdAndRecipientAndTheirCreationIsLogged() async throws {
        let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
        let projects = ProjectRepository(store: store)
        let created = try await projects.create(name: "EPI-42", minimumCount: 11, recipient: "Équipe EPI, Inserm U1018", actor: "alice")
        #expect(try await projects.project(named: "EPI-42") == created)
        #expect(try await projects.projects().map(\.minimumCount) == [11])
        await #expect(throws: ProjectError.alreadyExists("EPI-42")) {
            try await projects.create(name: "EPI-42", recipient: "x", actor: "alice")
        }
        await #expect(throws: ProjectError.unknown("nope")) { try await projects.project(named: "nope") }
        await #expect(throws: ProjectError.self) { try await projects.create(name: "P0", minimumCount: 0, recipient: "x", actor: "a") }
        let entries = try await AuditLog(store: store).entries()
        #expect(entries.map(\.action) == ["project"])
        #expect(try entries[0].details(as: Project.self).recipient == "Équipe EPI, Inserm U1018")
    }

    @Test func checkRequestDecideReleaseAndReport() async throws {
        try await withExportDirectory { directory in
            let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
            let desk = ExportDesk(store: store)
            _ = try await desk.projects.create(name: "P1", recipient: "CHU de Rennes, équipe REPERES", actor: "alice")
            let clean = try write("age;n\n0-17;120\n18-64;340\nTotal;460\n", to: directory.appendingPathComponent("ages.csv"))
            let small = try write("age;n\n0-17;120\n18-64;4\n", to: directory.appendingPathComponent("small.csv"))

            let report = try await desk.check(paths: [clean, small], project: "P1", actor: "bob")
            #expect(report.files.map(\.verdict) == [.pass, .fail])
            let check = try #require(try await desk.log.entries().last)
            #expect(check.action == "check")
            #expect(check.auditFiles.map(\.path) == [clean, small])
            #expect(check.auditFiles[0].sha256 == (try sha256Hex(ofFile: clean)))
            #expect(try check.details(as: CheckDetails.self).files.map(\.verdict) == [.pass, .fail])

            // --min-count may raise the project's threshold, never lower it.
            await #expect(throws: ExportRequestError.minimumBelowProject(project: "P1", minimum: 10, asked: 5)) {
                try await desk.check(paths: [clean], project: "P1", actor: "bob", minimumCount: 5)
            }

            let failing = try await desk.request(paths: [small], project: "P1", actor: "bob", reason: "article figure 2")
            await #expect(throws: ExportRequestError.failingFiles(request: failing.entry.sequence, files: [small])) {
                try await desk.decide(request: failing.entry.sequence, approve: true, actor: "carol", reason: "looks fine")
            }

            let request = try await desk.request(paths: [clean], project: "P1", actor: "bob", reason: "article table 1")
            let id = request.entry.sequence
            await #expect(throws: ExportRequestError.notApproved(request: id)) { try await desk.release(request: id, actor: "bob") }
            let decision = try await desk.decide(request: id, approve: true, actor: "carol", reason: "aggregated by age, n >= 10")
            await #expect(throws: ExportRequestError.alreadyDecided(request: id, decision: decision.sequence)) {
                try await desk.decide(request: id, approve: false, actor: "dave", reason: "second thoughts")
            }
            let release = try await desk.release(request: id, actor: "bob", at: Date(timeIntervalSince1970: 1_800_000_000))
            #expect(release.auditFiles == [AuditFile(path: clean, sha256: try sha256Hex(ofFile: clean))])
            await #expect(throws: ExportRequestError.alreadyReleased(request: id, release: release.sequence)) {
                try await desk.release(request: id, actor: "bob")
            }

            let releases = try await desk.releases(since: "2027-01-01", project: "P1")
            #expect(releases.count == 1)
            let record = try #require(releases.first)
            #expect(
                (record.recipient, record.decidedBy, record.requestedBy, record.releasedBy) == (
                    "CHU de Rennes, équipe REPERES", "carol", "bob", "bob"
                ))
            #expect(record.reason == "aggregated by age, n >= 10")
            #expect(try await desk.releases(since: "2027-02-01", project: nil).isEmpty)
            #expect(try await desk.releases(since: "2020-01-01", project: "other").isEmpty)
            #expect(try await desk.log.verify().intact)
        }
    }

    @Test func aFileChangedAfterItsCheckIsNotReleased() async throws {
        try await withExportDirectory { directory in
            let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
            let desk = ExportDesk(store: store)
            _ = try await desk.projects.create(name: "P1", recipient: "team", actor: "alice")
            let url = directory.appendingPathComponent("ages.csv")
            let path = try write("age;n\n0-17;120\n18-64;340\n", to: url)
            let checked = try sha256Hex(ofFile: path)
            let id = try await desk.request(paths: [path], project: "P1", actor: "bob", reason: "paper").entry.sequence
            try await desk.decide(request: id, approve: true, actor: "carol", reason: "ok")
            let changed = try write("age;n\n0-17;120\n18-64;3\n", to: url)

            await #expect(throws: ExportRequestError.fileChanged(request: id, file: changed, checked: checked, now: try sha256Hex(ofFile: path))) {
                try await desk.release(request: id, actor: "bob")
            }
            let entries = try await desk.log.entries()
            #expect(entries.last?.action == "refusal")
            #expect(!entries.contains { $0.action == "release" })
            #expect(try await desk.releases(since: "2000-01-01", project: nil).isEmpty)
        }
    }

    @Test func differencingLooksAtFilesTheProjectCheckedBefore() async throws {
        try await withExportDirectory { directory in
            let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
            let desk = ExportDesk(store: store)
            _ = try await desk.projects.create(name: "P1", recipient: "team", actor: "alice")
            _ = try await desk.projects.create(name: "P2", recipient: "team", actor: "alice")
            let first = try write("age;n\n0-17;120\n18-64;340\nTotal;460\n", to: directory.appendingPathComponent("all.csv"))
            let second = try write("age;n\n0-17;118\n18-64;336\nTotal;454\n", to: directory.appendingPathComponent("sans-cmu.csv"))
            #expect(try await desk.check(paths: [first], project: "P1", actor: "bob").files[0].verdict == .pass)
            // Checking the same file again is no differencing.
            #expect(try await desk.check(paths: [first], project: "P1", actor: "bob").files[0].verdict == .pass)
            let later = try await desk.check(paths: [second], project: "P1", actor: "bob").files[0]
            #expect(later.verdict == .review)
            #expect(later.reasons.contains { $0.contains("\(first) (460) differ by 6") })
            // Another project's files are not compared.
            #expect(try await desk.check(paths: [second], project: "P2", actor: "bob").files[0].verdict == .pass)
        }
    }

    @Test func suppressWritesTheProtectedFileAndLogsBoth() async throws {
        try await withExportDirectory { directory in
            let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
            let desk = ExportDesk(store: store)
            _ = try await desk.projects.create(name: "P1", minimumCount: 5, recipient: "team", actor: "alice")
            let input = try write("age;n\n0-17;120\n18-64;4\n65+;30\nTotal;154\n", to: directory.appendingPathComponent("ages.csv"))
            let output = directory.appendingPathComponent("ages-protected.csv").path
            let result = try await desk.suppress(path: input, output: output, project: "P1", actor: "bob")
            #expect(result.suppressed.map { "\($0.kind) \($0.line) \($0.marker)" } == ["primary 3 <5", "secondary 4 s"])
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "age;n\n0-17;120\n18-64;<5\n65+;s\nTotal;154\n")
            #expect(try await desk.check(paths: [output], project: "P1", actor: "bob").files[0].verdict == .pass)
            let entry = try #require(try await desk.log.entries(project: "P1", actions: [.suppress]).first)
            #expect(entry.auditFiles.map(\.path) == [input, output])

            let identifiers = try write("NIR_ANO_17;n\nA1;12\n", to: directory.appendingPathComponent("ids.csv"))
            await #expect(throws: ExportFileError.self) {
                try await desk.suppress(path: identifiers, output: output, project: "P1", actor: "bob")
            }
        }
    }
}
