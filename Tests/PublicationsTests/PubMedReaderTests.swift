import Foundation
import Testing

@testable import Publications

/// A PubMed document around `articles`, as efetch returns it.
func pubMedDocument(_ articles: String) -> [UInt8] {
    Array("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n\(articles)\n</PubmedArticleSet>\n".utf8)
}

func pubMedArticle(pmid: String?, title: String?, extra: String = "") -> String {
    """
    <PubmedArticle><MedlineCitation>\(pmid.map { "<PMID Version=\"1\">\($0)</PMID>" } ?? "")
    <Article><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>
    \(title.map { "<ArticleTitle>\($0)</ArticleTitle>" } ?? "")\(extra)</Article></MedlineCitation></PubmedArticle>
    """
}

@Suite struct PubMedReaderTests {
    // MARK: - Inline documents: always run

    @Test func aRecordWithoutPMIDNorTitleIsRejectedAndTheFileGoesOn() throws {
        let bytes = pubMedDocument(pubMedArticle(pmid: nil, title: nil) + pubMedArticle(pmid: "42", title: "Kept."))
        let events = try readAll(PubMedReader(bytes: bytes, name: "efetch.xml"))
        let rejection = try #require(events.rejections.first)
        #expect(rejection.kind == .unidentifiableRecord)
        #expect(rejection.location.file == "efetch.xml")
        #expect(rejection.record == "record 1")
        #expect(rejection.field == "PMID")
        let record = try #require(events.records.first)
        #expect(events.records.count == 1)
        #expect(record.key == "42")
        #expect(record.origin.position == 2)
        #expect(record.metadata.title == "Kept.")
    }

    @Test func anUnknownElementIsReportedOncePerFile() throws {
        let strange = "<FutureElement>x</FutureElement>"
        let bytes = pubMedDocument(
            pubMedArticle(pmid: "1", title: "One.", extra: strange) + pubMedArticle(pmid: "2", title: "Two.", extra: strange))
        let events = try readAll(PubMedReader(bytes: bytes, name: "efetch.xml"))
        #expect(events.records.map(\.key) == ["1", "2"])
        let warning = try #require(events.warnings.first)
        #expect(events.warnings.count == 1)
        #expect(warning.kind == .unknownElement)
        #expect(warning.field == "FutureElement")
        #expect(warning.record == "PMID 1")
        #expect(warning.location.line == 5)
    }

    @Test func anUnreadableYearIsDroppedWithAWarningAndTheRecordKept() throws {
        let article = """
            <PubmedArticle><MedlineCitation><PMID>7</PMID><Article><Journal><JournalIssue>
            <PubDate><Year>20x0</Year><Month>Mar</Month></PubDate></JournalIssue></Journal>
            <ArticleTitle>Dated badly.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            """
        let events = try readAll(PubMedReader(bytes: pubMedDocument(article), name: "efetch.xml"))
        let record = try #require(events.records.first)
        #expect(record.metadata.date == nil)
        let warning = try #require(events.warnings.first)
        #expect(warning.kind == .invalidValue)
        #expect(warning.record == "PMID 7")
        #expect(warning.field == "PubDate/Year")
    }

    @Test func datesFromMonthNamesSeasonsAndMedlineDates() throws {
        func date(_ pubDate: String, articleDate: String = "") throws -> PublicationDate? {
            let article = """
                <PubmedArticle><MedlineCitation><PMID>9</PMID><Article><Journal><JournalIssue>
                <PubDate>\(pubDate)</PubDate></JournalIssue></Journal><ArticleTitle>T.</ArticleTitle>
                \(articleDate)</Article></MedlineCitation></PubmedArticle>
                """
            return try readAll(PubMedReader(bytes: pubMedDocument(article), name: "x")).records.first?.metadata.date
        }
        #expect(try date("<Year>2000</Year><Month>Feb</Month><Day>24</Day>") == PublicationDate(year: 2000, month: 2, day: 24))
        #expect(try date("<Year>2001</Year><Month>03</Month>") == PublicationDate(year: 2001, month: 3))
        #expect(try date("<Year>2020</Year><Season>Spring</Season>") == PublicationDate(year: 2020))
        #expect(try date("<MedlineDate>1998 Dec-1999 Jan</MedlineDate>") == PublicationDate(year: 1998, month: 12))
        #expect(try date("<MedlineDate>2018 Jul-Aug</MedlineDate>") == PublicationDate(year: 2018, month: 7))
        let fallback = "<ArticleDate DateType=\"Electronic\"><Year>2019</Year><Month>05</Month><Day>02</Day></ArticleDate>"
        #expect(try date("", articleDate: fallback) == PublicationDate(year: 2019, month: 5, day: 2))
    }

    @Test func deletionsNameEachPMID() throws {
        let bytes = pubMedDocument(
            pubMedArticle(pmid: "5", title: "Five.")
                + "<DeleteCitation><PMID Version=\"1\">31688362</PMID><PMID Version=\"1\">31764432</PMID></DeleteCitation>")
        let events = try readAll(PubMedReader(bytes: bytes, name: "update.xml"))
        #expect(events.records.count == 1)
        #expect(events.deletions == ["31688362", "31764432"])
        guard case .deletion(let source, _, let origin) = try #require(events.events.last) else {
            Issue.record("the last event is not a deletion")
            return
        }
        #expect(source == .pubmed)
        #expect(origin.file == "update.xml")
        #expect(origin.position == 2)
    }

    @Test func aBookChapterIsTitledByItselfAndPublishedInTheBook() throws {
        let book = """
            <PubmedBookArticle><BookDocument><PMID Version="1">20301295</PMID>
            <ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
            <Book><Publisher><PublisherName>University of Washington, Seattle</PublisherName>
            <PublisherLocation>Seattle (WA)</PublisherLocation></Publisher><BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle>
            <PubDate><Year>1993</Year></PubDate>
            <AuthorList Type="editors"><Author><LastName>Adam</LastName><ForeName>Margaret P</ForeName></Author></AuthorList>
            <Medium>Internet</Medium></Book>
            <LocationLabel Type="chapter">Cystic Fibrosis</LocationLabel>
            <ArticleTitle book="gene" part="cf">CFTR-Related Disorders</ArticleTitle>
            <Language>eng</Language>
            <AuthorList Type="authors"><Author><LastName>Ong</LastName><ForeName>Thida</ForeName><Initials>T</Initials></Author></AuthorList>
            <PublicationType UI="D016454">Review</PublicationType>
            <Abstract><AbstractText Label="CLINICAL CHARACTERISTICS">Cystic fibrosis is a multisystem disease.</AbstractText></Abstract>
            <ContributionDate><Year>2001</Year><Month>03</Month><Day>26</Day></ContributionDate>
            </BookDocument><PubmedBookData><History/><PublicationStatus>ppublish</PublicationStatus>
            <ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList></PubmedBookData></PubmedBookArticle>
            """
        let events = try readAll(PubMedReader(bytes: pubMedDocument(book), name: "book.xml"))
        #expect(events.warnings.isEmpty)
        let record = try #require(events.records.first)
        #expect(record.key == "20301295")
        #expect(record.metadata.title == "CFTR-Related Disorders")
        #expect(record.metadata.journal?.title == "GeneReviews®")
        #expect(record.metadata.journal?.publisher == "University of Washington, Seattle")
        #expect(record.metadata.authors.map(\.family) == ["Ong"])
        #expect(record.metadata.identifiers.other["bookaccession"] == "NBK1116")
        #expect(record.metadata.date == PublicationDate(year: 1993))
        #expect(record.metadata.publicationTypes == ["Review"])
        #expect(record.metadata.abstract?.sections.first?.label == "CLINICAL CHARACTERISTICS")
    }

    @Test func malformedXMLThrowsNamingTheFileAndTheLastPMID() throws {
        // libxml2 parses a chunk ahead of the cursor: a long text before the break puts it past that chunk.
        let long = String(repeating: "Long enough. ", count: 400)
        let bytes = pubMedDocument(
            pubMedArticle(pmid: "11", title: "Fine.")
                + "<PubmedArticle><MedlineCitation><PMID>12</PMID><Article><ArticleTitle>\(long)</ArticleTitle>")
        var reader = try PubMedReader(bytes: bytes, name: "broken.xml")
        #expect(try reader.next() != nil)
        do {
            while try reader.next() != nil {}
            Issue.record("a malformed document was read to its end")
        } catch {
            #expect(error.kind == .malformedFile)
            #expect(error.location.file == "broken.xml")
            #expect(error.location.line != nil)
            #expect(error.record == "PMID 12 (record 2)")
            #expect(!error.message.isEmpty)
        }
        // The reader stays failed: the ingest rolls the file back, nothing more may come out of it.
        #expect(throws: PublicationProblem.self) { try reader.next() }
    }

    @Test func aTruncatedGzipWrittenByGzipThrows() async throws {
        try await withTemporaryDirectory { directory in
            var articles = ""
            for pmid in 1...400 { articles += pubMedArticle(pmid: "\(pmid)", title: "Record \(pmid) \(UUID().uuidString).") + "\n" }
            let plain = directory.appendingPathComponent("small.xml")
            try Data(pubMedDocument(articles)).write(to: plain)
            try gzip(plain)
            let whole = try Data(contentsOf: directory.appendingPathComponent("small.xml.gz"))
            #expect(try readAll(PubMedReader(path: directory.appendingPathComponent("small.xml.gz").path)).records.count == 400)
            let truncated = directory.appendingPathComponent("truncated.xml.gz")
            try whole.prefix(whole.count / 2).write(to: truncated)
            do throws(PublicationProblem) {
                _ = try readAll(PubMedReader(path: truncated.path))
                Issue.record("a truncated gzip was read to its end")
            } catch {
                #expect(error.kind == .malformedFile)
                #expect(error.location.file == truncated.path)
                #expect(error.record?.hasPrefix("PMID ") == true)
            }
        }
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: PublicationProblem.self) { try PubMedReader(path: "/nonexistent/pubmed.xml.gz") }
    }

    @Test func aDocumentThatIsNotPubMedIsMalformed() throws {
        let bytes = Array("<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>".utf8)
        #expect(throws: PublicationProblem.self) { try readAll(PubMedReader(bytes: bytes, name: "efetch")) }
    }
}

@Suite(.enabled(if: SharedData.has("pubmed/pubmed-29768149.xml"), "../shared/data/pubmed is absent"))
struct PubMedEFetchFilesTests {
    @Test func theNEJMTrialRecordIsReadWhole() throws {
        let events = try readAll(PubMedReader(path: SharedData.path("pubmed/pubmed-29768149.xml")))
        #expect(events.warnings.isEmpty)
        let record = try #require(events.records.first)
        let metadata = record.metadata
        #expect(record.source == .pubmed)
        #expect(record.key == "29768149")
        #expect(record.origin.position == 1)
        #expect(metadata.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.")
        #expect(metadata.identifiers.doi == "10.1056/nejmoa1715274")
        #expect(metadata.language == "en")
        #expect(metadata.date == PublicationDate(year: 2018, month: 5, day: 17))
        #expect(metadata.journal?.title == "The New England journal of medicine")
        #expect(metadata.journal?.isoAbbreviation == "N Engl J Med")
        #expect(metadata.journal?.volume == "378")
        #expect(metadata.journal?.issue == "20")
        #expect(metadata.journal?.issns.first == ISSN("1533-4406", kind: .electronic))
        #expect(metadata.abstract?.sections.map(\.label) == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(metadata.abstract?.sections[1].text.hasPrefix("We conducted a 52-week, double-blind trial") == true)
        #expect(metadata.authors.count == 10)
        #expect(metadata.authors.first?.family == "O'Byrne")
        #expect(metadata.authors.first?.given == "Paul M")
        #expect(metadata.authors.first?.affiliations.first?.hasPrefix("From the Firestone Institute for Respiratory Health") == true)
        let asthma = try #require(metadata.meshHeadings.first { $0.descriptor == "Asthma" })
        #expect(asthma.descriptorID == "D001249")
        #expect(!asthma.isMajorTopic)
        #expect(asthma.qualifiers == [MeshQualifier(name: "drug therapy", qualifierID: "Q000188", isMajorTopic: true)])
        let bronchodilators = try #require(metadata.meshHeadings.first { $0.descriptor == "Bronchodilator Agents" })
        #expect(bronchodilators.qualifiers.map(\.name) == ["administration & dosage", "adverse effects"])
        #expect(bronchodilators.qualifiers.map(\.isMajorTopic) == [true, false])
    }

    @Test func orcidsCollectivesReferencesAndThePMCID() throws {
        let events = try readAll(PubMedReader(path: SharedData.path("entrez/pubmed7.xml")))
        let metadata = try #require(events.records.first).metadata
        #expect(metadata.identifiers.pmid == "29963580")
        #expect(metadata.identifiers.doi == "10.1117/1.jmi.5.2.026002")
        #expect(metadata.identifiers.pmcid == "PMC6022861")
        #expect(metadata.identifiers.other["pii"] == "17360RR")
        #expect(metadata.authors.count == 9)
        #expect(metadata.authors[1].family == "Capaldi")
        #expect(metadata.authors[1].orcid == "0000-0002-4590-7461")
        #expect(metadata.authors[1].affiliations.count == 2)
        #expect(metadata.authors[6].orcid == "0000-0003-3525-2788")
        #expect(metadata.authors[8].collective == "Canadian Respiratory Research Network")
        #expect(metadata.references.count == 49)
        #expect(metadata.references.first?.citation == "Radiology. 2015 Jan;274(1):250-9")
        #expect(metadata.references.first?.identifiers.pmid == "25144646")
        #expect(metadata.keywords.first == "asthma")
        #expect(metadata.keywords.count == 5)
        #expect(metadata.journal?.pages == "026002")
        #expect(metadata.date == PublicationDate(year: 2018, month: 4))
    }

    @Test func seasonsPagesAndMajorTopicsOfAnOldRecord() throws {
        let events = try readAll(PubMedReader(path: SharedData.path("entrez/pubmed1.xml")))
        let records = events.records
        #expect(records.map(\.key) == ["12091962", "9997"])
        let first = records[0].metadata
        #expect(first.date == PublicationDate(year: 1990))
        #expect(first.journal?.pages == "113-25")
        #expect(first.journal?.issns == [ISSN("1043-1578", kind: .print), ISSN("1043-1578", kind: .linking)])
        #expect(first.meshHeadings.filter(\.isMajorTopic).map(\.descriptor).first == "Acquired Immunodeficiency Syndrome")
        #expect(first.publicationTypes == ["Journal Article", "Review"])
        #expect(first.keywords == ["Health Care and Public Health", "Legal Approach"])
        let second = records[1].metadata
        #expect(second.identifiers.doi == "10.1016/0005-2795(76)90109-4")
        #expect(second.abstract?.sections.count == 1)
        #expect(second.abstract?.sections.first?.label == nil)
        #expect(second.date == PublicationDate(year: 1976, month: 9, day: 28))
    }

    @Test func everyEFetchFileIsReadWithoutWarnings() throws {
        for name in ["pubmed1", "pubmed2", "pubmed4", "pubmed5", "pubmed6", "pubmed7"] {
            let events = try readAll(PubMedReader(path: SharedData.path("entrez/\(name).xml")))
            #expect(!events.records.isEmpty, "\(name)")
            #expect(events.warnings.isEmpty, "\(name): \(events.warnings)")
            #expect(events.records.allSatisfy { $0.metadata.title != nil }, "\(name)")
        }
    }
}

@Suite(.enabled(if: SharedData.has("pubmed/pubmed21n1298.xml.gz"), "../shared/data/pubmed/pubmed21n1298.xml.gz is absent"))
struct PubMedUpdateFileTests {
    static let path = SharedData.path("pubmed/pubmed21n1298.xml.gz")

    @Test func theWholeUpdateFile() throws {
        let events = try readAll(PubMedReader(path: Self.path))
        let records = events.records
        #expect(records.count == 20_788)
        #expect(events.rejections.isEmpty)
        #expect(events.deletions.count == 20)
        #expect(events.deletions.first == "31688362")
        #expect(events.deletions.last == "34096142")
        #expect(records.map(\.origin.position) == Array(1...20_788))
        #expect(records.last?.key == "34097368")
        #expect(records.filter { $0.metadata.identifiers.doi != nil }.count == 20_605)
        // 221,645 `Reference` elements, 611 of them a `Citation` of a lone no-break space and no identifier.
        #expect(records.reduce(0) { $0 + $1.metadata.references.count } == 221_034)
        #expect(records.reduce(0) { $0 + $1.metadata.meshHeadings.count } == 3_668)
        #expect(records.reduce(0) { $0 + $1.metadata.authors.filter { $0.collective != nil }.count } == 354)

        let first = try #require(records.first)
        #expect(first.key == "10704411")
        #expect(first.origin.line == 4)
        #expect(first.metadata.title == "Dopamine modulates acute responses to cocaine, nicotine and ethanol in Drosophila.")
        #expect(first.metadata.abstract?.sections.map(\.category) == ["BACKGROUND", "RESULTS", "CONCLUSIONS"])
        #expect(first.metadata.date == PublicationDate(year: 2000, month: 2, day: 24))
        #expect(first.metadata.journal?.pages == "187-94")
        #expect(first.metadata.authors.map(\.family) == ["Bainton", "Tsai", "Singh", "Moore", "Neckameyer", "Heberlein"])
        #expect(first.metadata.authors.first?.initials == "RJ")
        #expect(first.metadata.grants.first == Grant(identifier: "T32 GM007618", funder: "NIGMS NIH HHS", country: "United States"))
        #expect(first.metadata.grants.count == 3)

        let medlineDated = try #require(records.first { $0.key == "29426732" })
        #expect(medlineDated.metadata.date == PublicationDate(year: 2018, month: 7))
        let seasonal = try #require(records.first { $0.key == "34092829" })
        #expect(seasonal.metadata.date == PublicationDate(year: 2020))
    }

    @Test func aTruncatedUpdateFileThrowsNamingTheLastPMID() throws {
        let whole = try FileHandle(forReadingFrom: URL(fileURLWithPath: Self.path))
        let head = try #require(try whole.read(upToCount: 300_000))
        try whole.close()
        let truncated = FileManager.default.temporaryDirectory.appendingPathComponent("pubmed-truncated-\(UUID().uuidString).xml.gz")
        try head.write(to: truncated)
        defer { try? FileManager.default.removeItem(at: truncated) }
        var reader = try PubMedReader(path: truncated.path)
        var lastKey: String?
        do {
            while let event = try reader.next() {
                if case .record(let record) = event { lastKey = record.key }
            }
            Issue.record("a truncated file was read to its end")
        } catch {
            #expect(error.kind == .malformedFile)
            #expect(error.location.file == truncated.path)
            let record = try #require(error.record)
            #expect(record.hasPrefix("PMID "))
            // The record that broke is the one after the last one handed out.
            #expect(lastKey != nil)
            #expect(!record.contains("PMID \(lastKey ?? "") "))
        }
    }
}

@Suite struct ReadingProgressTests {
    @Test(.enabled(if: SharedData.has("pubmed/pubmed-29768149.xml"), "needs ../shared/data"))
    func xmlProgressGoesFromNothingToAll() throws {
        var reader = try PubMedReader(path: SharedData.path("pubmed/pubmed-29768149.xml"))
        var fractions: [Double] = []
        while try reader.next() != nil { fractions.append(try #require(reader.fractionRead)) }
        #expect(fractions == fractions.sorted())
        #expect(fractions.last == 1)
    }

    @Test func aGzipFileIsMeasuredByWhatItHoldsInflated() async throws {
        try await withTemporaryDirectory { directory in
            let plain = pubMedDocument((1...50).map { pubMedArticle(pmid: String($0), title: "Work \($0)") }.joined())
            let path = directory.appendingPathComponent("articles.xml").path
            try Data(plain).write(to: URL(fileURLWithPath: path))
            try gzip(URL(fileURLWithPath: path), keep: true)
            #expect(XMLStream.inflatedSize(ofFile: path) == Int64(plain.count))
            #expect(XMLStream.inflatedSize(ofFile: path + ".gz") == Int64(plain.count))

            var reader = try PubMedReader(path: path + ".gz")
            var middle: Double?
            var count = 0
            while try reader.next() != nil {
                count += 1
                if count == 25 { middle = reader.fractionRead }
            }
            #expect(count == 50)
            let fraction = try #require(middle)
            #expect(fraction > 0.1 && fraction < 0.9)
        }
    }

    @Test func linesTellHowFarTheyAre() throws {
        var lines = LineReader(bytes: Array("a\nb\nc\nd\n".utf8), name: "memory")
        #expect(lines.fractionRead == 0)
        while try lines.next() != nil {}
        #expect(lines.fractionRead == 1)
    }
}
