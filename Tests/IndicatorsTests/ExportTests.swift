import Core
import Foundation
import Publications
import Search
import Testing

@testable import Indicators

@Suite struct ExportTests {
    static let hostile = SearchDocument(
        id: 9, name: "doi:10.9/x", title: "Costs, \"quotes\"\nand {SNDS} & 50% of $x_1 #2 ~ ^ \\ in mRNA", abstract: "First line.\r\nSecond line.",
        date: PublicationDate(year: 2019, month: 3, day: 25), journal: "Revue d'Épidémiologie", issn: "0398-7620", volume: "67", issue: "2",
        pages: "123-130", publisher: "Elsevier", language: "fr", publicationTypes: ["Journal Article"], keywords: ["cancer", "SNDS"],
        mesh: ["Humans"],
        authors: [
            DocumentAuthor(name: "Élodie Lefèvre", family: "Lefèvre", given: "Élodie"),
            DocumentAuthor(name: "REDSIAM Network"),
        ],
        affiliations: [Sample.inserm], identifiers: PublicationIdentifiers(doi: "10.9/x", pmid: "31000000"),
        openAccess: OpenAccess(isOpenAccess: true, status: "gold"), citations: 3,
        databases: [DocumentDatabase(name: "SNDS", status: .uses), DocumentDatabase(name: "PMSI", status: .mentions)])

    @Test func csvQuotesAndReadsBack() throws {
        let text = ExportFormat.csv.text(of: [Self.hostile, Sample.documents[3]])
        #expect(text.hasPrefix("\u{FEFF}id,name,title,year,"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains("\"Costs, \"\"quotes\"\"\nand {SNDS}"))
        var reader = DelimitedTextReader(text: String(text.dropFirst()), delimiter: ",")
        let records = try reader.readAll()
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.fields.count == PublicationCSV.header.count })
        let row = records[1].fields
        #expect(row[2] == Self.hostile.title)
        #expect(row[7] == "Élodie Lefèvre; REDSIAM Network")
        #expect(row[10...14] == ["SNDS", "PMSI", "yes", "gold", "3"])
        #expect(records[2].fields[3] == "")
    }

    @Test func csvFieldRules() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVText.field(" padded") == "\" padded\"")
        #expect(CSVText.number(0.25) == "0.25")
        #expect(CSVText.number(3) == "3")
        #expect(CSVText.number(-1.5) == "-1.5")
    }

    @Test func bibTeXEscapesAndBalancesBraces() {
        let entry = BibTeX.entry(Self.hostile, key: "k")
        #expect(entry.hasPrefix("@article{k,\n"))
        #expect(
            entry.contains(
                "title = {Costs, \"quotes\" and \\{SNDS\\} \\& 50\\% of \\$x\\_1 \\#2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} in {mRNA}}"
            ))
        #expect(entry.contains("author = {Lefèvre, Élodie and {REDSIAM Network}}"))
        #expect(entry.contains("journal = {Revue d'Épidémiologie}"))
        #expect(entry.contains("pages = {123--130}"))
        #expect(entry.contains("month = {3}"))
        #expect(entry.contains("doi = {10.9/x}"))
        #expect(entry.contains("abstract = {First line. Second line.}"))
        // Every brace the escaping did not turn into \{ or \} must pair up.
        var depth = 0
        var previous: Character = " "
        for character in entry {
            if previous != "\\" {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
            }
            #expect(depth >= 0)
            previous = character
        }
        #expect(depth == 0)
    }

    @Test func bibTeXKeysAreReadableAndUnique() {
        #expect(BibTeX.citationKey(Self.hostile) == "lefevre2019costs")
        #expect(BibTeX.citationKey(Sample.documents[0]) == "dupont2019cancer")
        #expect(BibTeX.citationKey(Sample.documents[3]) == "anonndundated")
        let twice = ExportFormat.bibtex.text(of: [Sample.documents[0], Sample.documents[0], Sample.documents[0]])
        let keys = twice.split(separator: "\n").filter { $0.hasPrefix("@") }
        #expect(keys == ["@article{dupont2019cancer,", "@article{dupont2019cancerb,", "@article{dupont2019cancerc,"])
    }

    @Test func bibTeXEntryTypes() {
        var document = Sample.documents[3]
        #expect(BibTeX.entryType(document) == "misc")
        document.publicationTypes = ["Book Chapter"]
        #expect(BibTeX.entryType(document) == "incollection")
        document.publicationTypes = ["Preprint"]
        #expect(BibTeX.entryType(document) == "misc")
        #expect(RIS.type(document) == "UNPB")
        document.publicationTypes = ["Review"]
        document.journal = "J"
        #expect(BibTeX.entryType(document) == "article")
    }

    @Test func risLinesAndRecords() {
        let text = ExportFormat.ris.text(of: [Self.hostile, Sample.documents[3]])
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.range(of: #"^[A-Z][A-Z0-9]  - "#, options: .regularExpression) != nil })
        #expect(lines.filter { $0.hasPrefix("TY  - ") } == ["TY  - JOUR", "TY  - GEN"])
        #expect(lines.filter { $0.hasPrefix("ER  - ") }.count == 2)
        let record = RIS.record(Self.hostile).components(separatedBy: "\r\n")
        #expect(record.first == "TY  - JOUR")
        #expect(record.contains("AU  - Lefèvre, Élodie"))
        #expect(record.contains("AU  - REDSIAM Network"))
        #expect(record.contains("TI  - Costs, \"quotes\" and {SNDS} & 50% of $x_1 #2 ~ ^ \\ in mRNA"))
        #expect(record.contains("DA  - 2019/03/25/"))
        #expect(record.contains("SP  - 123"))
        #expect(record.contains("EP  - 130"))
        #expect(record.contains("DO  - 10.9/x"))
        #expect(record.contains("AB  - First line. Second line."))
        #expect(record.filter { $0.hasPrefix("KW  - ") }.count == 3)
        #expect(record.contains("UR  - https://doi.org/10.9/x"))
    }

    @Test func jsonIsAnArrayOfDocuments() throws {
        let text = ExportFormat.json.text(of: Sample.documents + [Self.hostile])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let documents = try decoder.decode([SearchDocument].self, from: Data(text.utf8))
        #expect(documents == Sample.documents + [Self.hostile])
        #expect(ExportFormat.json.text(of: []) == "[]\n")
        // The same JSON as the API's encoder gives, key for key and value for value.
        for document in Sample.documents + [Self.hostile] {
            let ours = try JSONSerialization.jsonObject(with: Data(ExportFormat.json.text(of: [document]).utf8)) as? [Any]
            let theirs = try JSONSerialization.jsonObject(with: JSONEncoder.hublot().encode(document))
            #expect((ours?.first as? NSDictionary) == (theirs as? NSDictionary), "\(document.name)")
        }
        var pieces = 0
        ExportFormat.json.write(Sample.documents) { _ in pieces += 1 }
        #expect(pieces == Sample.documents.count + 2)
    }
}
