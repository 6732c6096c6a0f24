import Core

/// Reads Europe PMC: the REST search API's JSON (`{"hitCount", "nextCursorMark", "resultList": {"result": [...]}}`,
/// `resultType=core` or `lite`) and the CSV export of core fields (columns found by their header name).
///
/// The key is Europe PMC's own identity of a record, `SOURCE:id` (`MED:29768149`, `PMC:PMC9644982`,
/// `PPR:PPR123456`): ids are unique only within a source. The CSV has no source column, so it is inferred from
/// the id's shape (digits → `MED`, `PMC…` → `PMC`, `PPR…` → `PPR`), which gives both formats the same key.
public struct EuropePMCReader: PublicationReader {
    public let file: String
    /// `hitCount`: how many records the query matched.
    public private(set) var totalCount: Int?
    /// `nextCursorMark`: Europe PMC repeats the cursor it was sent on the last page.
    public private(set) var nextCursor: String?
    private var layout: Layout
    private var pending = PendingEvents()
    private var position = 0

    private enum Layout {
        case document(DocumentRecords)
        case table(DelimitedTextReader, columns: [String: Int])
    }

    public init(path: String) throws(PublicationProblem) {
        try self.init(bytes: JSONDocument.bytes(ofFile: path), name: path)
    }

    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        file = name
        let firstCharacter = bytes.first { ![UInt8(ascii: " "), 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        guard firstCharacter == UInt8(ascii: "{") || firstCharacter == UInt8(ascii: "[") else {
            layout = .document(DocumentRecords([], path: "$"))
            try openTable(bytes)
            return
        }
        let root = try JSONDocument.parse(bytes, file: name)
        if let results = root["resultList"]?["result"]?.arrayValue {
            layout = .document(DocumentRecords(results, path: "$.resultList.result"))
            if case .number(let count)? = root["hitCount"] { totalCount = Int(count) }
            nextCursor = root["nextCursorMark"]?.stringValue
        } else if let results = root.arrayValue {
            layout = .document(DocumentRecords(results, path: "$"))
        } else if root["id"] != nil, root["source"] != nil {
            layout = .document(DocumentRecords([root], path: "$"))
        } else {
            throw PublicationProblem(
                .malformedFile, at: SourceLocation(file: name, jsonPath: "$"),
                "not a Europe PMC search response: neither resultList.result, a list of results, nor a result")
        }
    }

    static let knownColumns: Set<String> = [
        "id", "source", "pmid", "pmcid", "doi", "title", "authorString", "authorAffiliations", "journalTitle", "pubYear", "date",
        "isOpenAccess", "keywords", "abstract", "urls", "citedByCount",
        // HDR UK's own classification of the paper, not bibliographic metadata: read and set aside.
        "nationalPriorities", "healthCategories", "laySummary",
    ]

    private mutating func openTable(_ bytes: [UInt8]) throws(PublicationProblem) {
        let (text, encoding) = String.decodingText(bytes)
        if encoding == .windows1252 {
            pending.append(.warning(PublicationProblem(.invalidValue, at: SourceLocation(file: file), "not UTF-8: read as Windows-1252")))
        }
        var table = DelimitedTextReader(text: text, delimiter: ",")
        let header: DelimitedRecord?
        do {
            header = try table.next()
        } catch {
            throw PublicationProblem(.malformedFile, at: SourceLocation(file: file, line: error.line), "malformed CSV: \(error.reason)")
        }
        var columns: [String: Int] = [:]
        for (index, name) in (header?.fields ?? []).enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            if columns[name] == nil { columns[name] = index }
            if !Self.knownColumns.contains(name) {
                pending.append(
                    .warning(PublicationProblem(.unknownElement, at: SourceLocation(file: file, line: 1), field: name, "unknown column: ignored")))
            }
        }
        guard columns["id"] != nil || columns["doi"] != nil || columns["title"] != nil else {
            throw PublicationProblem(
                .malformedFile, at: SourceLocation(file: file, line: 1), "neither JSON nor a Europe PMC CSV: no id, doi or title column")
        }
        layout = .table(table, columns: columns)
    }

    public var fractionRead: Double? {
        if case .document(let records) = layout { return records.fractionRead }
        return nil
    }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        while true {
            if let event = pending.pop() { return event }
            switch layout {
            case .document(var records):
                guard let (position, path, value) = records.next() else { return nil }
                layout = .document(records)
                pending.append(contentsOf: Self.events(forResult: value, file: file, position: position, path: path))
            case .table(var table, let columns):
                let row: DelimitedRecord?
                do {
                    row = try table.next()
                } catch {
                    throw PublicationProblem(
                        .malformedFile, at: SourceLocation(file: file, line: error.line), record: "record \(position + 1)",
                        "malformed CSV: \(error.reason)")
                }
                layout = .table(table, columns: columns)
                guard let row else { return nil }
                position += 1
                pending.append(contentsOf: Self.events(forRow: row, columns: columns, file: file, position: position))
            }
        }
    }

    // MARK: CSV rows

    static func events(forRow row: DelimitedRecord, columns: [String: Int], file: String, position: Int) -> [ReaderEvent] {
        var fields = FieldReader(file: file, position: position, line: row.line, fieldsArePaths: false)
        func cell(_ name: String) -> String? {
            guard let index = columns[name], index < row.fields.count else { return nil }
            return Normalize.text(row.fields[index])
        }
        var metadata = PublicationMetadata()
        let id = cell("id")
        let source = cell("source") ?? id.flatMap(inferredSource(ofID:))
        metadata.identifiers = identifiers(id: id, source: source, fields: &fields)
        metadata.identifiers.pmid = metadata.identifiers.pmid ?? fields.normalized(cell("pmid"), "pmid", as: "a PubMed id", Normalize.pmid)
        metadata.identifiers.pmcid =
            metadata.identifiers.pmcid ?? fields.normalized(cell("pmcid"), "pmcid", as: "a PubMed Central id", Normalize.pmcid)
        metadata.identifiers.doi = fields.normalized(withoutBareResolver(cell("doi")), "doi", as: "a DOI", Normalize.doi)
        metadata.title = MarkupText.plain(cell("title"))
        metadata.abstract = MarkupText.abstract(cell("abstract"))
        metadata.authors = authors(fromAuthorString: cell("authorString"))
        let affiliations = (cell("authorAffiliations") ?? "").split(separator: ";").compactMap { Normalize.text(String($0)) }
        attach(affiliations, to: &metadata.authors, fields: &fields, field: "authorAffiliations")
        if let title = cell("journalTitle") { metadata.journal = Journal(title: title) }
        metadata.date = fields.date(cell("date"), "date")
        if metadata.date == nil { metadata.date = fields.date(cell("pubYear"), "pubYear") }
        metadata.keywords = (cell("keywords") ?? "").split(separator: ";").compactMap { Normalize.text(String($0)) }.uniqued()
        let links = urls(cell("urls"))
        if let flag = fields.bool(cell("isOpenAccess").map(JSONValue.string), "isOpenAccess") {
            metadata.openAccess = OpenAccess(isOpenAccess: flag, url: flag ? links["pdf"] ?? links["html"] : nil)
        }
        // HDR UK's export has no such column; an export written with the API's field names may.
        metadata.citationCount = fields.count(cell("citedByCount").map(JSONValue.string), "citedByCount")
        let key = id.map { id in source.map { "\($0):\(id)" } ?? id }
        return RecordAssembly.events(
            source: .europepmc, key: key, origin: RecordOrigin(file: file, position: position, line: row.line), metadata: metadata, fields: fields)
    }

    /// The export writes `https://doi.org/` alone for a paper without DOI: that is an absence, not a bad value.
    static func withoutBareResolver(_ doi: String?) -> String? {
        guard let doi, !["https://doi.org/", "http://doi.org/", "https://dx.doi.org/"].contains(doi.lowercased()) else { return nil }
        return doi
    }

    static func inferredSource(ofID id: String) -> String? {
        if id.allSatisfy(\.isNumber) { return "MED" }
        if id.uppercased().hasPrefix("PMC") { return "PMC" }
        if id.uppercased().hasPrefix("PPR") { return "PPR" }
        return nil
    }

    /// The id says which identifier it is by its source: a PMID for MEDLINE, a PMCID for PMC, a preprint id.
    private static func identifiers(id: String?, source: String?, fields: inout FieldReader) -> PublicationIdentifiers {
        var identifiers = PublicationIdentifiers()
        guard let id else { return identifiers }
        switch source?.uppercased() {
        case "MED": identifiers.pmid = fields.normalized(id, "id", as: "a PubMed id", Normalize.pmid)
        case "PMC": identifiers.pmcid = fields.normalized(id, "id", as: "a PubMed Central id", Normalize.pmcid)
        case "PPR": identifiers.other["europepmc"] = id
        default: break
        }
        return identifiers
    }

    /// `doi:https://…; html:https://…; pdf:https://…` → kind → URL (the first of each kind).
    static func urls(_ text: String?) -> [String: String] {
        var links: [String: String] = [:]
        for entry in (text ?? "").components(separatedBy: "; ") {
            guard let colon = entry.firstIndex(of: ":") else { continue }
            let kind = entry[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let url = entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !url.isEmpty, links[kind] == nil { links[kind] = url }
        }
        return links
    }

    /// `Adebisi YA, Bailey N, OpenSAFELY Collaborative.`: family name then initials; a name without initials of
    /// several words is a group.
    static func authors(fromAuthorString text: String?) -> [Author] {
        guard var text = Normalize.text(text) else { return [] }
        if text.hasSuffix(".") { text.removeLast() }
        return text.components(separatedBy: ", ").compactMap { entry in
            let words = entry.split(separator: " ").map(String.init)
            guard let last = words.last else { return nil }
            if words.count == 1 { return Author(family: last) }
            if isInitials(last) { return Author(family: words.dropLast().joined(separator: " "), initials: last) }
            return Author(collective: words.joined(separator: " "))
        }
    }

    private static func isInitials(_ word: String) -> Bool {
        word.count <= 4 && word.contains(where: \.isLetter) && word.allSatisfy { $0.isUppercase || $0 == "-" }
    }

    /// Affiliations in a flat list can be placed only when there is one per author, or a single author.
    private static func attach(_ affiliations: [String], to authors: inout [Author], fields: inout FieldReader, field: String) {
        guard !affiliations.isEmpty else { return }
        if affiliations.count == authors.count {
            for index in authors.indices { authors[index].affiliations = [affiliations[index]] }
        } else if authors.count == 1 {
            authors[0].affiliations = affiliations
        } else {
            fields.invalid(field, "\(affiliations.count) affiliations for \(authors.count) authors: whose they are is unknown, so none is kept")
        }
    }

    // MARK: JSON results

    static func events(forResult value: JSONValue, file: String, position: Int, path: String) -> [ReaderEvent] {
        var fields = FieldReader(file: file, position: position, path: path)
        let origin = RecordOrigin(file: file, position: position)
        guard let result = value.objectValue else {
            return [fields.rejection(of: value, expected: "a Europe PMC result")]
        }
        let id = fields.text(result["id"], "id")
        let source = fields.text(result["source"], "source") ?? id.flatMap(inferredSource(ofID:))
        var metadata = PublicationMetadata()
        metadata.identifiers = identifiers(id: id, source: source, fields: &fields)
        if let pmid = fields.normalized(fields.text(result["pmid"], "pmid"), "pmid", as: "a PubMed id", Normalize.pmid) {
            metadata.identifiers.pmid = pmid
        }
        if let pmcid = fields.normalized(fields.text(result["pmcid"], "pmcid"), "pmcid", as: "a PubMed Central id", Normalize.pmcid) {
            metadata.identifiers.pmcid = pmcid
        }
        metadata.identifiers.doi = fields.normalized(fields.text(result["doi"], "doi"), "doi", as: "a DOI", Normalize.doi)
        metadata.title = MarkupText.plain(fields.text(result["title"], "title"))
        metadata.abstract = MarkupText.abstract(fields.text(result["abstractText"], "abstractText"))
        metadata.language = Normalize.language(fields.text(result["language"], "language"))
        metadata.date = fields.date(fields.text(result["firstPublicationDate"], "firstPublicationDate"), "firstPublicationDate")
        metadata.journal = journal(of: result, fields: &fields)
        if metadata.date == nil, let info = result["journalInfo"]?.objectValue {
            metadata.date = fields.date(
                fields.text(info["printPublicationDate"], "journalInfo.printPublicationDate"), "journalInfo.printPublicationDate")
        }
        if metadata.date == nil { metadata.date = fields.date(fields.text(result["pubYear"], "pubYear"), "pubYear") }
        metadata.publicationTypes = fields.texts(fields.object(result["pubTypeList"], "pubTypeList")?["pubType"], "pubTypeList.pubType")
        metadata.keywords = fields.texts(fields.object(result["keywordList"], "keywordList")?["keyword"], "keywordList.keyword").uniqued()
        metadata.meshHeadings = meshHeadings(of: result, fields: &fields)
        metadata.authors = authors(of: result, fields: &fields)
        metadata.grants = fields.list(fields.object(result["grantsList"], "grantsList")?["grant"], "grantsList.grant").enumerated().compactMap {
            index, value in
            let field = "grantsList.grant[\(index)]"
            guard let grant = fields.object(value, field) else { return nil }
            let result = Grant(identifier: fields.text(grant["grantId"], "\(field).grantId"), funder: fields.text(grant["agency"], "\(field).agency"))
            return result.identifier == nil && result.funder == nil ? nil : result
        }.uniqued()
        metadata.openAccess = openAccess(of: result, fields: &fields)
        metadata.citationCount = fields.count(result["citedByCount"], "citedByCount")
        let key = id.map { id in source.map { "\($0.uppercased()):\(id)" } ?? id }
        return RecordAssembly.events(source: .europepmc, key: key, origin: origin, metadata: metadata, fields: fields)
    }

    private static func journal(of result: [String: JSONValue], fields: inout FieldReader) -> Journal? {
        var journal = Journal()
        if let info = fields.object(result["journalInfo"], "journalInfo") {
            journal.volume = fields.text(info["volume"], "journalInfo.volume")
            journal.issue = fields.text(info["issue"], "journalInfo.issue")
            if let details = fields.object(info["journal"], "journalInfo.journal") {
                journal.title = fields.text(details["title"], "journalInfo.journal.title")
                journal.isoAbbreviation =
                    fields.text(details["isoabbreviation"], "journalInfo.journal.isoabbreviation")
                    ?? fields.text(details["medlineAbbreviation"], "journalInfo.journal.medlineAbbreviation")
                for (field, kind) in [("issn", ISSN.Kind.print), ("essn", .electronic)] {
                    let path = "journalInfo.journal.\(field)"
                    if let issn = fields.normalized(fields.text(details[field], path), path, as: "an ISSN", Normalize.issn) {
                        journal.issns.append(ISSN(issn, kind: kind))
                    }
                }
            }
        }
        if journal.title == nil { journal.title = fields.text(result["journalTitle"], "journalTitle") }
        journal.pages = fields.text(result["pageInfo"], "pageInfo")
        return journal == Journal() ? nil : journal
    }

    private static func meshHeadings(of result: [String: JSONValue], fields: inout FieldReader) -> [MeshHeading] {
        let list = fields.object(result["meshHeadingList"], "meshHeadingList")?["meshHeading"]
        return fields.list(list, "meshHeadingList.meshHeading").enumerated().compactMap { index, value in
            let field = "meshHeadingList.meshHeading[\(index)]"
            guard let heading = fields.object(value, field), let name = fields.text(heading["descriptorName"], "\(field).descriptorName") else {
                return nil
            }
            let qualifierList = fields.object(heading["meshQualifierList"], "\(field).meshQualifierList")?["meshQualifier"]
            let qualifiers = fields.list(qualifierList, "\(field).meshQualifierList.meshQualifier").enumerated().compactMap { index, value in
                let qualifierField = "\(field).meshQualifierList.meshQualifier[\(index)]"
                return fields.object(value, qualifierField).flatMap { qualifier in
                    fields.text(qualifier["qualifierName"], "\(qualifierField).qualifierName").map {
                        MeshQualifier(name: $0, isMajorTopic: fields.bool(qualifier["majorTopic_YN"], "\(qualifierField).majorTopic_YN") ?? false)
                    }
                }
            }
            return MeshHeading(
                descriptor: name, isMajorTopic: fields.bool(heading["majorTopic_YN"], "\(field).majorTopic_YN") ?? false, qualifiers: qualifiers)
        }
    }

    private static func authors(of result: [String: JSONValue], fields: inout FieldReader) -> [Author] {
        guard let list = fields.object(result["authorList"], "authorList")?["author"] else {
            return authors(fromAuthorString: fields.text(result["authorString"], "authorString"))
        }
        return fields.list(list, "authorList.author").enumerated().compactMap { index, value in
            let field = "authorList.author[\(index)]"
            guard let entry = fields.object(value, field) else { return nil }
            var orcid: String?
            if let id = fields.object(entry["authorId"], "\(field).authorId"),
                fields.text(id["type"], "\(field).authorId.type")?.uppercased() == "ORCID"
            {
                orcid = fields.orcid(fields.text(id["value"], "\(field).authorId.value"), "\(field).authorId.value")
            }
            let details = fields.object(entry["authorAffiliationDetailsList"], "\(field).authorAffiliationDetailsList")?["authorAffiliation"]
            var affiliations = fields.list(details, "\(field).authorAffiliationDetailsList.authorAffiliation").enumerated().compactMap {
                index, value in
                let affiliationField = "\(field).authorAffiliationDetailsList.authorAffiliation[\(index)]"
                return fields.object(value, affiliationField).flatMap { fields.text($0["affiliation"], "\(affiliationField).affiliation") }
            }
            if affiliations.isEmpty, let single = fields.text(entry["affiliation"], "\(field).affiliation") { affiliations = [single] }
            if let collective = fields.text(entry["collectiveName"], "\(field).collectiveName") {
                return Author(collective: collective, orcid: orcid, affiliations: affiliations.uniqued())
            }
            let family = fields.text(entry["lastName"], "\(field).lastName")
            let given = fields.text(entry["firstName"], "\(field).firstName")
            let initials = fields.text(entry["initials"], "\(field).initials")
            if family == nil, given == nil, let fullName = fields.text(entry["fullName"], "\(field).fullName") {
                return authors(fromAuthorString: fullName).first.map { author in
                    var author = author
                    author.orcid = orcid
                    author.affiliations = affiliations.uniqued()
                    return author
                }
            }
            guard family != nil || given != nil else { return nil }
            return Author(
                family: family, given: given, initials: initials ?? Normalize.initials(ofGivenName: given), orcid: orcid,
                affiliations: affiliations.uniqued())
        }
    }

    /// Europe PMC's flag, with the best free full text it links to: an open-access PDF, else any open-access link.
    private static func openAccess(of result: [String: JSONValue], fields: inout FieldReader) -> OpenAccess? {
        guard let flag = fields.bool(result["isOpenAccess"], "isOpenAccess") else { return nil }
        let list = fields.object(result["fullTextUrlList"], "fullTextUrlList")?["fullTextUrl"]
        var links: [(code: String?, style: String?, url: String)] = []
        for (index, value) in fields.list(list, "fullTextUrlList.fullTextUrl").enumerated() {
            let field = "fullTextUrlList.fullTextUrl[\(index)]"
            guard let entry = fields.object(value, field), let url = fields.text(entry["url"], "\(field).url") else { continue }
            links.append(
                (
                    fields.text(entry["availabilityCode"], "\(field).availabilityCode"),
                    fields.text(entry["documentStyle"], "\(field).documentStyle"), url
                ))
        }
        guard flag else { return OpenAccess(isOpenAccess: false) }
        let free = links.filter { $0.code == "OA" || $0.code == "F" }
        let url = (free.first { $0.style == "pdf" } ?? free.first { $0.style == "html" } ?? free.first)?.url
        return OpenAccess(isOpenAccess: true, url: url)
    }
}
