import Core

/// Reads NLM's PubMed XML (`PubmedArticleSet`): baseline and update files (`.xml.gz` read as they are) and
/// E-utilities efetch responses. Each `PubmedArticle` or `PubmedBookArticle` gives a record keyed by its PMID;
/// each PMID of a `DeleteCitation` gives a deletion.
///
/// One forward pass over libxml2's stream, no tree: a 230 MB update file is read in about the time libxml2
/// itself needs to parse it, in constant memory.
public struct PubMedReader: PublicationReader {
    private let parser: PubMedParser

    public init(path: String) throws(PublicationProblem) {
        parser = PubMedParser(stream: try XMLStream(path: path))
    }

    /// An efetch response body; `name` is what messages call it (the request URL).
    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        parser = PubMedParser(stream: try XMLStream(bytes: bytes, name: name))
    }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? { try parser.next() }

    public var fractionRead: Double? { parser.fractionRead }
}

/// The reader's state. A class because the stream underneath is one, and copies of the reader must not
/// pretend to be independent cursors.
final class PubMedParser {
    private let stream: XMLStream
    private var problems: XMLRecordProblems
    private var pending = PendingEvents()
    private var recordCount = 0
    private var deletionCount = 0
    /// The record being read, for the message of a file that breaks in the middle of it.
    private var currentPMID: String?
    private var failure: PublicationProblem?
    private var isFinished = false

    init(stream: XMLStream) {
        self.stream = stream
        self.problems = XMLRecordProblems(file: stream.file)
    }

    var fractionRead: Double? { stream.fractionRead }

    func next() throws(PublicationProblem) -> ReaderEvent? {
        if let failure { throw failure }
        while true {
            if let event = pending.pop() { return event }
            if isFinished { return nil }
            do {
                try readUpToNextEntry()
            } catch {
                var problem = error
                if problem.record == nil { problem.record = recordBeingRead }
                failure = problem
                throw problem
            }
        }
    }

    private var recordBeingRead: String {
        let number = "record \(recordCount)"
        guard let currentPMID else { return recordCount == 0 ? "before the first record" : "PMID unknown (\(number))" }
        return "PMID \(currentPMID) (\(number))"
    }

    /// Moves to the next article or deletion list and queues its events; at the end of the document, marks
    /// the reader finished.
    private func readUpToNextEntry() throws(PublicationProblem) {
        while try stream.next() {
            guard stream.kind == .element else { continue }
            switch stream.name {
            case "PubmedArticle", "PubmedBookArticle":
                try readRecord()
                return
            case "DeleteCitation":
                try readDeletions()
                return
            case "PubmedArticleSet", "PubmedBookArticleSet":
                continue
            default:
                guard stream.depth > 0 else {
                    throw PublicationProblem(
                        .malformedFile, at: SourceLocation(file: stream.file, line: stream.line), field: stream.name,
                        "not PubMed XML: the document is a <\(stream.name)>, not a <PubmedArticleSet>")
                }
                problems.unknownElement(stream.name, line: stream.elementLine)
                try stream.skipElement()
                pending.append(contentsOf: problems.warnings(record: "between records"))
                if !pending.isEmpty { return }
            }
        }
        isFinished = true
    }

    private func readDeletions() throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "PMID" else {
                try skipUnknown()
                continue
            }
            let line = stream.elementLine
            let raw = try stream.text()
            guard let pmid = XMLIdentifiers.pmid(raw) else {
                problems.invalidValue(raw, field: "DeleteCitation/PMID", line: line, "is not a PMID")
                continue
            }
            deletionCount += 1
            let origin = RecordOrigin(file: stream.file, position: deletionCount, line: line)
            pending.append(.deletion(source: .pubmed, key: pmid, origin: origin))
        }
        pending.append(contentsOf: problems.warnings(record: "DeleteCitation"))
    }

    // MARK: - One record

    private func readRecord() throws(PublicationProblem) {
        recordCount += 1
        currentPMID = nil
        let line = stream.elementLine
        var record = PubMedRecord()
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "MedlineCitation", "BookDocument": try readCitation(into: &record)
            case "PubmedData", "PubmedBookData": try readPubmedData(into: &record)
            default: try skipUnknown()
            }
        }
        let metadata = record.assembled
        let origin = RecordOrigin(file: stream.file, position: recordCount, line: line)
        let name = metadata.identifiers.pmid.map { "PMID \($0)" } ?? "record \(recordCount)"
        pending.append(contentsOf: problems.warnings(record: name))
        guard metadata.identifiers.pmid != nil || metadata.title != nil else {
            let problem = PublicationProblem(
                .unidentifiableRecord, at: SourceLocation(file: stream.file, line: line), record: "record \(recordCount)",
                field: "PMID", "a record without PMID nor title cannot be stored")
            pending.append(.rejected(problem))
            return
        }
        let key = metadata.identifiers.pmid ?? metadata.identifiers.doi ?? "\(stream.file)#\(recordCount)"
        pending.append(.record(SourceRecord(source: .pubmed, key: key, origin: origin, metadata: metadata)))
    }

    /// `MedlineCitation` of an article, `BookDocument` of a book: the bibliographic record proper.
    private func readCitation(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "PMID":
                let line = stream.elementLine
                let raw = try stream.text()
                if let pmid = XMLIdentifiers.pmid(raw) {
                    record.metadata.identifiers.pmid = pmid
                    currentPMID = pmid
                } else {
                    problems.invalidValue(raw, field: "PMID", line: line, "is not a PMID")
                }
            case "Article": try readArticle(into: &record)
            case "MedlineJournalInfo": try readJournalInfo(into: &record)
            case "MeshHeadingList": try readMeshHeadings(into: &record.metadata.meshHeadings)
            case "KeywordList": try readKeywords(into: &record.metadata.keywords)
            // A book's own elements, where an article has them inside `Article`.
            case "Book": try readBook(into: &record)
            case "ArticleIdList": try readArticleIDs(into: &record.metadata.identifiers)
            case "PublicationType": try append(text: &record.metadata.publicationTypes)
            case "ContributionDate": record.fallbackDate = try readDate(field: "ContributionDate")
            default: try readArticleElement(into: &record)
            }
        }
    }

    private func readArticle(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "Journal": try readJournal(into: &record)
            case "ArticleDate":
                let date = try readDate(field: "ArticleDate")
                record.fallbackDate = record.fallbackDate ?? date
            default: try readArticleElement(into: &record)
            }
        }
    }

    /// Elements an article holds in `Article` and a book in `BookDocument`.
    private func readArticleElement(into record: inout PubMedRecord) throws(PublicationProblem) {
        switch stream.name {
        case "ArticleTitle": record.articleTitle = try optionalText()
        case "VernacularTitle": record.vernacularTitle = try optionalText()
        case "Pagination": try readPagination(into: &record)
        case "ELocationID": try readELocation(into: &record)
        case "Abstract": record.metadata.abstract = try readAbstract()
        case "AuthorList":
            // A book's editors come in a second `AuthorList Type="editors"`: the byline is the authors.
            if stream.attribute("Type") == "editors", !record.metadata.authors.isEmpty {
                try stream.skipElement()
            } else {
                try readAuthors(into: &record.metadata.authors)
            }
        case "Language":
            let language = Normalize.language(try stream.text())
            record.metadata.language = record.metadata.language ?? language
        case "GrantList": try readGrants(into: &record.metadata.grants)
        case "PublicationTypeList": try readList(of: "PublicationType", into: &record.metadata.publicationTypes)
        default: try skipUnknown()
        }
    }

    private func readJournal(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "ISSN":
                let kind: ISSN.Kind =
                    switch stream.attribute("IssnType") {
                    case "Print": .print
                    case "Electronic": .electronic
                    default: .unspecified
                    }
                try appendISSN(kind: kind, into: &record)
            case "JournalIssue":
                let issue = stream.parentDepth
                while try stream.nextChild(of: issue) {
                    switch stream.name {
                    case "Volume": record.journal.volume = try optionalText()
                    case "Issue": record.journal.issue = try optionalText()
                    case "PubDate": record.date = try readDate(field: "PubDate")
                    default: try skipUnknown()
                    }
                }
            case "Title": record.journal.title = try optionalText()
            case "ISOAbbreviation": record.journal.isoAbbreviation = try optionalText()
            default: try skipUnknown()
            }
        }
    }

    private func readJournalInfo(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "ISSNLinking": try appendISSN(kind: .linking, into: &record)
            case "MedlineTA": record.medlineTA = try optionalText()
            default: try skipUnknown()
            }
        }
    }

    private func appendISSN(kind: ISSN.Kind, into record: inout PubMedRecord) throws(PublicationProblem) {
        let line = stream.elementLine
        let raw = try stream.text()
        guard let value = XMLIdentifiers.issn(raw) else {
            if !raw.isEmpty { problems.invalidValue(raw, field: "ISSN", line: line, "is not an ISSN") }
            return
        }
        record.journal.issns.append(ISSN(value, kind: kind))
    }

    private func readBook(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "Publisher":
                let publisher = stream.parentDepth
                while try stream.nextChild(of: publisher) {
                    if stream.name == "PublisherName" {
                        record.journal.publisher = try optionalText()
                    } else {
                        try skipUnknown()
                    }
                }
            case "BookTitle": record.bookTitle = try optionalText()
            case "PubDate": record.date = try readDate(field: "PubDate")
            case "Volume": record.journal.volume = try optionalText()
            case "AuthorList":
                if stream.attribute("Type") == "editors" {
                    try stream.skipElement()
                } else {
                    try readAuthors(into: &record.bookAuthors)
                }
            case "Isbn":
                if let isbn = try optionalText() { record.metadata.identifiers.other["isbn"] = isbn }
            case "ELocationID": try readELocation(into: &record)
            default: try skipUnknown()
            }
        }
    }

    private func readPagination(into record: inout PubMedRecord) throws(PublicationProblem) {
        var start: String?
        var end: String?
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "MedlinePgn": record.journal.pages = try optionalText()
            case "StartPage": start = try optionalText()
            case "EndPage": end = try optionalText()
            default: try skipUnknown()
            }
        }
        if record.journal.pages == nil, let start {
            record.journal.pages = end.map { "\(start)-\($0)" } ?? start
        }
    }

    private func readELocation(into record: inout PubMedRecord) throws(PublicationProblem) {
        let scheme = stream.attribute("EIdType")?.lowercased()
        guard let value = try optionalText() else { return }
        switch scheme {
        case "doi": record.elocationDOI = record.elocationDOI ?? XMLIdentifiers.doi(value)
        case let scheme?: record.elocations[scheme] = record.elocations[scheme] ?? value
        case nil: break
        }
    }

    // MARK: - Dates

    /// `PubDate`, `ArticleDate`: Year, Month (`Mar` or `03`), Day; a Season gives no month; a `MedlineDate`
    /// such as `1998 Dec-1999 Jan` gives its first year and month.
    private func readDate(field: String) throws(PublicationProblem) -> PublicationDate? {
        var year: Int?
        var month: Int?
        var day: Int?
        var medlineDate: String?
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            let line = stream.elementLine
            switch stream.name {
            case "Year":
                let raw = try stream.text()
                year = Int(raw)
                if year == nil { problems.invalidValue(raw, field: "\(field)/Year", line: line, "is not a year") }
            case "Month":
                let raw = try stream.text()
                month = PubMedDates.month(raw)
                if month == nil { problems.invalidValue(raw, field: "\(field)/Month", line: line, "is not a month") }
            case "Day":
                let raw = try stream.text()
                day = Int(raw)
                if day == nil { problems.invalidValue(raw, field: "\(field)/Day", line: line, "is not a day") }
            case "MedlineDate": medlineDate = try stream.text()
            case "Season": try stream.skipElement()
            default: try skipUnknown()
            }
        }
        if year == nil, let medlineDate { return PubMedDates.medlineDate(medlineDate) }
        return Normalize.date(year: year, month: month, day: day)
    }

    // MARK: - Abstract, authors, subjects, grants

    private func readAbstract() throws(PublicationProblem) -> Abstract? {
        var sections: [AbstractSection] = []
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "AbstractText":
                let label = stream.attribute("Label").flatMap { Normalize.text($0) }
                let category = stream.attribute("NlmCategory").flatMap { Normalize.text($0) }
                let text = try stream.text()
                if !text.isEmpty || label != nil {
                    sections.append(AbstractSection(label: label, category: category, text: text))
                }
            case "CopyrightInformation": try stream.skipElement()
            default: try skipUnknown()
            }
        }
        return sections.isEmpty ? nil : Abstract(sections: sections)
    }

    private func readAuthors(into authors: inout [Author]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "Author" else {
                try skipUnknown()
                continue
            }
            if let author = try readAuthor() { authors.append(author) }
        }
    }

    private func readAuthor() throws(PublicationProblem) -> Author? {
        var author = Author()
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "LastName": author.family = try optionalText()
            case "ForeName": author.given = try optionalText()
            case "Initials": author.initials = try optionalText()
            case "Suffix":
                if let suffix = try optionalText() { author.family = author.family.map { "\($0) \(suffix)" } ?? suffix }
            case "CollectiveName": author.collective = try optionalText()
            case "Identifier":
                let source = stream.attribute("Source")
                let line = stream.elementLine
                let raw = try stream.text()
                guard source?.uppercased() == "ORCID" else { continue }
                if let orcid = Normalize.orcid(raw) {
                    author.orcid = orcid
                } else {
                    problems.invalidValue(raw, field: "Author/Identifier[ORCID]", line: line, "is not a valid ORCID")
                }
            case "AffiliationInfo":
                let info = stream.parentDepth
                while try stream.nextChild(of: info) {
                    switch stream.name {
                    case "Affiliation": if let affiliation = try optionalText() { author.affiliations.append(affiliation) }
                    case "Identifier": try stream.skipElement()
                    default: try skipUnknown()
                    }
                }
            case "EqualContrib": try stream.skipElement()
            default: try skipUnknown()
            }
        }
        let isEmpty = author.family == nil && author.given == nil && author.collective == nil
        return isEmpty ? nil : author
    }

    private func readMeshHeadings(into headings: inout [MeshHeading]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "MeshHeading" else {
                try skipUnknown()
                continue
            }
            var descriptor: MeshHeading?
            var qualifiers: [MeshQualifier] = []
            let heading = stream.parentDepth
            while try stream.nextChild(of: heading) {
                let identifier = stream.attribute("UI")
                let isMajor = stream.attribute("MajorTopicYN") == "Y"
                switch stream.name {
                case "DescriptorName":
                    if let name = try optionalText() {
                        descriptor = MeshHeading(descriptor: name, descriptorID: identifier, isMajorTopic: isMajor)
                    }
                case "QualifierName":
                    if let name = try optionalText() {
                        qualifiers.append(MeshQualifier(name: name, qualifierID: identifier, isMajorTopic: isMajor))
                    }
                default: try skipUnknown()
                }
            }
            if var descriptor {
                descriptor.qualifiers = qualifiers
                headings.append(descriptor)
            }
        }
    }

    private func readKeywords(into keywords: inout [String]) throws(PublicationProblem) {
        try readList(of: "Keyword", into: &keywords)
    }

    private func readGrants(into grants: inout [Grant]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "Grant" else {
                try skipUnknown()
                continue
            }
            var grant = Grant()
            let fields = stream.parentDepth
            while try stream.nextChild(of: fields) {
                switch stream.name {
                case "GrantID": grant.identifier = try optionalText()
                case "Agency": grant.funder = try optionalText()
                case "Country": grant.country = try optionalText()
                case "Acronym": try stream.skipElement()
                default: try skipUnknown()
                }
            }
            if grant.identifier != nil || grant.funder != nil { grants.append(grant) }
        }
    }

    // MARK: - PubmedData: identifiers and references

    private func readPubmedData(into record: inout PubMedRecord) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "ArticleIdList": try readArticleIDs(into: &record.metadata.identifiers)
            case "ReferenceList": try readReferences(into: &record.metadata.references)
            default: try skipUnknown()
            }
        }
    }

    private func readArticleIDs(into identifiers: inout PublicationIdentifiers) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "ArticleId" else {
                try skipUnknown()
                continue
            }
            let scheme = stream.attribute("IdType")?.lowercased() ?? "unspecified"
            guard let value = try optionalText() else { continue }
            switch scheme {
            case "doi": identifiers.doi = identifiers.doi ?? XMLIdentifiers.doi(value)
            case "pubmed": identifiers.pmid = identifiers.pmid ?? XMLIdentifiers.pmid(value)
            case "pmc", "pmcid": identifiers.pmcid = identifiers.pmcid ?? XMLIdentifiers.pmcid(value)
            default: identifiers.other[scheme] = identifiers.other[scheme] ?? value
            }
        }
    }

    /// References, nested `ReferenceList`s (a list per part of the article) flattened in order.
    private func readReferences(into references: inout [Reference]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "Reference":
                var reference = Reference()
                let fields = stream.parentDepth
                while try stream.nextChild(of: fields) {
                    switch stream.name {
                    case "Citation": reference.citation = try optionalText()
                    case "ArticleIdList": try readArticleIDs(into: &reference.identifiers)
                    default: try skipUnknown()
                    }
                }
                if reference.citation != nil || !reference.identifiers.isEmpty { references.append(reference) }
            case "ReferenceList": try readReferences(into: &references)
            case "Title": try stream.skipElement()
            default: try skipUnknown()
            }
        }
    }

    // MARK: - Helpers

    private func optionalText() throws(PublicationProblem) -> String? {
        let text = try stream.text()
        return text.isEmpty ? nil : text
    }

    private func append(text list: inout [String]) throws(PublicationProblem) {
        if let text = try optionalText() { list.append(text) }
    }

    private func readList(of element: String, into list: inout [String]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            if stream.name == element {
                try append(text: &list)
            } else {
                try skipUnknown()
            }
        }
    }

    /// Skips the current element; reports it unless it is one this reader leaves out on purpose.
    private func skipUnknown() throws(PublicationProblem) {
        if !PubMedElements.knowinglySkipped.contains(stream.name) {
            problems.unknownElement(stream.name, line: stream.elementLine)
        }
        try stream.skipElement()
    }
}

/// A record while it is read: the parts that are only settled once every element has been seen (the title
/// of a book, the date when `PubDate` lacks, identifiers given in several places).
struct PubMedRecord {
    var metadata = PublicationMetadata()
    var journal = Journal()
    var articleTitle: String?
    var vernacularTitle: String?
    var bookTitle: String?
    var bookAuthors: [Author] = []
    var date: PublicationDate?
    var fallbackDate: PublicationDate?
    var elocationDOI: String?
    var elocations: [String: String] = [:]
    var medlineTA: String?

    var assembled: PublicationMetadata {
        var result = metadata
        // A chapter's title is its own; the book's title is then where it was published.
        result.title = articleTitle ?? bookTitle ?? vernacularTitle
        var journal = self.journal
        if articleTitle != nil, let bookTitle, journal.title == nil { journal.title = bookTitle }
        journal.isoAbbreviation = journal.isoAbbreviation ?? medlineTA
        journal.issns.sort { Self.issnOrder($0.kind) < Self.issnOrder($1.kind) }
        if !journal.isEmpty || journal.publisher != nil || journal.volume != nil { result.journal = journal }
        if result.authors.isEmpty { result.authors = bookAuthors }
        result.date = date ?? fallbackDate
        result.identifiers.doi = result.identifiers.doi ?? elocationDOI
        for (scheme, value) in elocations where result.identifiers.other[scheme] == nil {
            result.identifiers.other[scheme] = value
        }
        return result
    }

    private static func issnOrder(_ kind: ISSN.Kind) -> Int {
        switch kind {
        case .print: 0
        case .electronic: 1
        case .unspecified: 2
        case .linking: 3
        }
    }
}

enum PubMedDates {
    private static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `03` or `Mar`, as PubMed writes months, without `Normalize`'s Foundation path; anything else goes there.
    static func month(_ text: String) -> Int? {
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        if let index = monthAbbreviations.firstIndex(of: text) { return index + 1 }
        return Normalize.month(text)
    }

    /// `1998 Dec-1999 Jan` → 1998-12, `2000 Spring` → 2000, `1999-2000` → 1999: the start of the span.
    static func medlineDate(_ text: String) -> PublicationDate? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 4, utf8[0..<4].allSatisfy({ (0x30...0x39).contains($0) }),
            let year = Int(String(decoding: utf8[0..<4], as: UTF8.self))
        else { return nil }
        let rest = text.dropFirst(4).drop { $0 == " " }
        let month = rest.first?.isLetter == true ? Normalize.month(String(rest.prefix(3))) : nil
        return Normalize.date(year: year, month: month)
    }
}

enum PubMedElements {
    /// Elements PubMed XML holds that the model has no place for: administrative dates, NLM's own
    /// bookkeeping, lists of chemicals and investigators, comments and corrections.
    static let knowinglySkipped: Set<String> = [
        "DateCompleted", "DateRevised", "DateCreated", "Country", "NlmUniqueID", "CitationSubset",
        "CommentsCorrectionsList", "History", "PublicationStatus", "ChemicalList", "GeneralNote", "CoiStatement",
        "SupplMeshList", "InvestigatorList", "DataBankList", "OtherID", "OtherAbstract", "NumberOfReferences",
        "PersonalNameSubjectList", "GeneSymbolList", "SpaceFlightMission", "ObjectList", "CopyrightInformation",
        "MedlineTA", "Acronym", "EqualContrib", "Season", "Title", "LocationLabel", "Sections", "ItemList",
        "CitationString", "BeginningDate", "EndingDate", "Edition", "CollectionTitle", "VolumeTitle", "Medium",
        "ReportNumber", "PublisherLocation", "Identifier", "ArticleDate",
    ]
}
