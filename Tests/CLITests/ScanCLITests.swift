import ArgumentParser
import Catalog
import Classification
import Foundation
import Publications
import Store
import Testing

@testable import CLI

/// Real inputs, read from `../shared/data` beside the package; suites that need them run only when it is there.
enum SharedData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data").standardizedFileURL

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
}

/// Parses and runs a command line as `hublot` would.
func runHublot(_ arguments: [String]) async throws {
    var command = try Hublot.parseAsRoot(arguments)
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}

func publicationStatistics(_ store: String) async throws -> PublicationStatistics {
    try await PublicationRepository(store: try Store.open(path: store, schemas: [PublicationsSchema.self])).statistics()
}

func storedPMIDs(_ store: String, _ pmids: [String]) async throws -> [String] {
    let repository = PublicationRepository(store: try Store.open(path: store, schemas: [PublicationsSchema.self]))
    var found: [String] = []
    for pmid in pmids where try await repository.publication(PublicationReference("pmid:\(pmid)")!) != nil { found.append(pmid) }
    return found
}

@Suite struct ScanCLIParsingTests {
    @Test func parsesTheScanContract() throws {
        let scan = try #require(
            try Hublot.parseAsRoot(["publications", "scan", "pubmed", "a.xml.gz", "b.xml.gz", "--database", "snds", "--keep", "uses"])
                as? PublicationsCommand.Scan)
        #expect(scan.format == .pubmed && scan.files == ["a.xml.gz", "b.xml.gz"])
        #expect(scan.keep == .uses)
        #expect(try scan.criterion(in: .standard) == CandidateCriterion(database: "SNDS", keep: .uses), "the registry's spelling")

        let plain = try #require(try Hublot.parseAsRoot(["publications", "scan", "jats", "a.nxml"]) as? PublicationsCommand.Scan)
        #expect(try plain.criterion(in: .standard) == CandidateCriterion(database: nil, keep: .mentions))
    }

    @Test func refusesWhatCannotBeScanned() {
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "scan", "pubmed", "a.xml", "--keep", "no"]) }
        let unknown = #expect(throws: (any Error).self) {
            try Hublot.parseAsRoot(["publications", "scan", "pubmed", "a.xml", "--database", "NHIRD"])
        }
        #expect(Hublot.message(for: unknown!).contains("NHIRD is not in the registry"))
    }
}

@Suite struct ScanCLIRunTests {
    static func article(_ pmid: String, title: String, abstract: String, references: [String] = []) -> String {
        let referenceList =
            references.isEmpty
            ? ""
            : "<PubmedData><ReferenceList>"
                + references.map { "<Reference><Citation>\($0)</Citation></Reference>" }.joined() + "</ReferenceList></PubmedData>"
        return """
            <PubmedArticle><MedlineCitation><PMID Version="1">\(pmid)</PMID>
            <Article><Journal><JournalIssue><PubDate><Year>2021</Year></PubDate></JournalIssue></Journal>
            <ArticleTitle>\(title)</ArticleTitle><Abstract><AbstractText Label="METHODS">\(abstract)</AbstractText></Abstract>
            </Article></MedlineCitation>\(referenceList)</PubmedArticle>
            """
    }

    static func document(_ body: String) -> Data {
        Data("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n\(body)\n</PubmedArticleSet>\n".utf8)
    }

    static let baseline = document(
        article(
            "1001", title: "Statin persistence", abstract: "Using the French National Health Data System (SNDS), we identified 120,000 new users.")
            + article("1002", title: "Hip fractures", abstract: "All stays were retrieved from the French hospital discharge database (PMSI).")
            + article(
                "1003", title: "Neck dissection",
                abstract: "Patients underwent selective neck dissections (SNDs). SNDs were performed in 45 patients.")
            + article(
                "1004", title: "Atrial fibrillation", abstract: "We followed 300 patients treated in our department.",
                references: ["Tuppin P, et al. Value of a national administrative database: the SNIIRAM. 2017."]))

    @Test func keepsTheCandidatesOfAFileAndItsUpdatesDeleteThem() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("pubmed-baseline.xml")
            try Self.baseline.write(to: file)
            let store = directory.appendingPathComponent("store.sqlite").path
            try await runHublot(["publications", "scan", "pubmed", file.path, "--keep", "uses", "--store", store])
            #expect(try await storedPMIDs(store, ["1001", "1002", "1003", "1004"]) == ["1001", "1002"])

            try await runHublot(["publications", "scan", "pubmed", file.path, "--store", store, "--output", "json"])
            #expect(try await storedPMIDs(store, ["1001", "1002", "1003", "1004"]) == ["1001", "1002", "1004"], "the reference is a mention")

            let update = directory.appendingPathComponent("pubmed-update.xml")
            try Self.document("<DeleteCitation><PMID Version=\"1\">1001</PMID></DeleteCitation>").write(to: update)
            try await runHublot(["publications", "scan", "pubmed", update.path, "--database", "PMSI", "--store", store])
            #expect(try await storedPMIDs(store, ["1001", "1002", "1004"]) == ["1002", "1004"])
        }
    }

    @Test func anInjectedRegistryDecides() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("pubmed-baseline.xml")
            try Self.baseline.write(to: file)
            let store = directory.appendingPathComponent("store.sqlite").path
            // A registry of one database, named by the first article's title only.
            let registry = DatabaseRegistry(
                version: 99, databases: [HubDatabase(name: "STATINS", title: "Statin users", kind: .cohort, names: ["statin persistence"])])
            let scan = try #require(
                try Hublot.parseAsRoot(["publications", "scan", "pubmed", file.path, "--keep", "uses", "--store", store]) as? PublicationsCommand.Scan
            )
            try scan.scan(with: registry)
            #expect(try await storedPMIDs(store, ["1001", "1002"]) == ["1001"])
        }
    }

    @Test(.enabled(if: SharedData.has("pubmed/pubmed21n1298.xml.gz"), "needs ../shared/data"))
    func theRealPubMedFileKeepsNeitherNeckDissectionsNorAReferenceList() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            try await runHublot([
                "publications", "scan", "pubmed", SharedData.path("pubmed/pubmed21n1298.xml.gz"), "--keep", "uses", "--store", store,
            ])
            let stats = try await publicationStatistics(store)
            #expect(stats.records > 0 && stats.records < 500, "candidates only: \(stats.records) of 20,788")
            // SNDs: selective neck dissections; SNIIRAM: only in the reference list.
            #expect(try await storedPMIDs(store, ["34092436", "33289075"]).isEmpty)
        }
    }
}
