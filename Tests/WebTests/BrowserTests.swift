import Classification
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Search
import Store
import Testing

@testable import Web

/// The pages as a browser renders them: headless Chromium (installed by `scripts/system-deps.sh --tests`)
/// loads them from a live server, runs their script, and gives back the DOM and a screenshot. Skipped when
/// Chromium is not installed, as on a machine that ran `swift test` alone.
@Suite(.enabled(if: Chromium.executable != nil, "Chromium is not installed: run scripts/system-deps.sh --tests"))
struct BrowserTests {
    static let hostileTitle = #"<script>alert("x")</script> "Quoted" & ünïcödé 統計 — SNDS"#

    private func store() async throws -> Store {
        let store = try Store.inMemory(schemas: SearchSchema.withDependencies)
        let lines = [
            #"{"id": "hostile", "pmid": "31000001", "title": \#(jsonString(Self.hostileTitle)), "year": 2020, "journal": "Rev <Epidemiol>", "authors": [{"family": "O'Brien", "given": "Ann", "affiliations": ["Inserm U1219, Université de Bordeaux, Bordeaux, France"]}], "abstract": "Using the French National Health Data System (SNDS), we identified 120,000 new users of statins."}"#,
            #"{"id": "plain", "pmid": "31000002", "title": "Hospital stays after hip fracture in the PMSI", "year": 2019, "journal": "BMJ Open", "authors": [{"family": "Martin", "given": "Paul", "affiliations": ["CHU de Lille, Lille, France"]}], "abstract": "We used the PMSI hospital discharge database to follow 50,000 patients."}"#,
        ]
        _ = try PublicationIngestor(store: store).ingest(file: "browser.jsonl") { () throws(PublicationProblem) in
            try HublotJSONLReader(bytes: Array(lines.joined(separator: "\n").utf8), name: "browser.jsonl")
        }
        _ = try await ClassificationRunner(store: store).run()
        return store
    }

    @Test func theSearchAndDashboardPagesRenderEscapedAndScreenshot() async throws {
        let app = buildApplication(store: try await store(), configuration: WebConfiguration(host: "127.0.0.1", port: 0))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let search = try await Chromium.dom(of: "http://127.0.0.1:\(port)/search?q=statins")
            #expect(search.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"))
            #expect(!search.contains("<script>alert"))
            #expect(search.contains("ünïcödé 統計"))
            #expect(search.contains("<mark>"))
            #expect(search.contains(#"<html lang="en">"#))
            let french = try await Chromium.dom(of: "http://127.0.0.1:\(port)/search?q=fracture&lang=fr")
            #expect(french.contains(#"<html lang="fr">"#) && french.contains("Base utilisée"))
            #expect(french.contains("Hospital stays after hip fracture"))

            let dashboard = try await Chromium.dom(of: "http://127.0.0.1:\(port)/dashboard")
            #expect(dashboard.contains("<svg"))
            #expect(dashboard.contains("role=\"img\""))
            #expect(!dashboard.contains("<script>alert"))

            for (name, path) in [("search", "/search?q=SNDS"), ("dashboard", "/dashboard"), ("search-phone", "/search?q=SNDS")] {
                let file = Chromium.screenshotFolder.appendingPathComponent("\(name).png")
                try await Chromium.screenshot(of: "http://127.0.0.1:\(port)\(path)", to: file, width: name.hasSuffix("phone") ? 390 : 1280)
                let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
                #expect(size > 5_000, "the screenshot of \(path) is \(size) bytes")
            }
        }
    }

    private func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}

/// Headless Chromium, run as a child process without blocking the test's threads.
enum Chromium {
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Where screenshots are kept for a person to look at: under the build folder, out of git.
    static let screenshotFolder: URL = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/screenshots").standardized
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func dom(of url: String) async throws -> String {
        try await run(["--dump-dom", url])
    }

    static func screenshot(of url: String, to file: URL, width: Int) async throws {
        _ = try await run(["--screenshot=\(file.path)", "--window-size=\(width),1400", "--hide-scrollbars", url])
    }

    private static func run(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(executable))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-chromium-\(UUID().uuidString)")
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        defer { try? FileManager.default.removeItem(at: profile) }
        try process.run()
        // Read on a thread of its own until the end: a page's DOM is larger than the pipe's buffer, so waiting for
        // the exit first would leave Chromium blocked on writing.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }
}
