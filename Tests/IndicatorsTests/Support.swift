import Foundation
import Publications
import Search

/// Five publications whose every indicator is counted by hand in `DashboardTests`.
enum Sample {
    static let inserm = DocumentAffiliation(text: "Inserm, Paris, France", structure: "Inserm", country: "France")
    static let oxford = DocumentAffiliation(text: "University of Oxford, UK", structure: "University of Oxford", country: "United Kingdom")
    static let aphp = DocumentAffiliation(text: "AP-HP, Paris, France", structure: "AP-HP", country: "France")
    static let charite = DocumentAffiliation(text: "Charité, Berlin", structure: "Charité", country: "Germany")

    static let documents: [SearchDocument] = [
        SearchDocument(
            id: 1, name: "doi:10.1/a", title: "Cancer incidence in the SNDS", abstract: "An abstract.", date: PublicationDate(year: 2019, month: 3),
            journal: "Journal A", keywords: ["cancer"],
            authors: [
                DocumentAuthor(name: "Jean Dupont", family: "Dupont", given: "Jean", affiliations: [0]),
                DocumentAuthor(name: "Anne Martin", family: "Martin", given: "Anne", affiliations: [1]),
            ],
            affiliations: [inserm, oxford], identifiers: PublicationIdentifiers(doi: "10.1/a"),
            openAccess: OpenAccess(isOpenAccess: true, status: "gold"), citations: 10,
            databases: [DocumentDatabase(name: "SNDS", status: .uses, isCurated: true)], hasFullText: true),
        SearchDocument(
            id: 2, name: "doi:10.1/b", title: "Hospital stays", date: PublicationDate(year: 2020), journal: "Journal A",
            authors: [
                DocumentAuthor(name: "J Dupont", family: "Dupont", given: "J"),
                DocumentAuthor(name: "Paul Durand", family: "Durand", given: "Paul", orcid: "0000-0002-1825-0097"),
            ],
            affiliations: [inserm], identifiers: PublicationIdentifiers(doi: "10.1/b"),
            openAccess: OpenAccess(isOpenAccess: false, status: "closed"), citations: 0,
            databases: [DocumentDatabase(name: "SNDS", status: .uses), DocumentDatabase(name: "PMSI", status: .mentions)]),
        SearchDocument(
            id: 3, name: "pmid:3", title: "Mentions only", date: PublicationDate(year: 2021), journal: "Journal B",
            authors: [DocumentAuthor(name: "Anne Martin", family: "Martin", given: "Anne")], affiliations: [aphp],
            identifiers: PublicationIdentifiers(pmid: "3"), databases: [DocumentDatabase(name: "PMSI", status: .mentions)]),
        SearchDocument(id: 4, name: "hal:4", title: "Undated and bare"),
        SearchDocument(
            id: 5, name: "pmid:5", title: "Two databases", date: PublicationDate(year: 2021), journal: "Journal B",
            authors: [DocumentAuthor(name: "A. Martin", family: "Martin", given: "A.")], affiliations: [inserm, charite],
            openAccess: OpenAccess(isOpenAccess: true, status: "green"),
            databases: [DocumentDatabase(name: "SNDS", status: .uses), DocumentDatabase(name: "PMSI", status: .uses)]),
    ]

    /// A document signed by researchers named by their family names (given name `X`).
    static func coauthored(_ id: Int64, _ families: [String], year: Int = 2020, citations: Int? = nil) -> SearchDocument {
        SearchDocument(
            id: id, name: "doc:\(id)", title: "Paper \(id)", date: PublicationDate(year: year),
            authors: families.map { DocumentAuthor(name: "X \($0)", family: $0, given: "X") }, citations: citations)
    }
}

/// `../shared/data`, read in place by the tests that need it and skipped when it is absent.
enum SharedData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data").standardizedFileURL

    static func files(in relative: String, extension fileExtension: String) -> [URL] {
        let folder = directory.appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + fileExtension) }.sorted().map { folder.appendingPathComponent($0) }
    }
}
