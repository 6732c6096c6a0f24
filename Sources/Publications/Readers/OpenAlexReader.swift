import Core

/// Reads OpenAlex works: an API page (`{"meta": {"count", "next_cursor"…}, "results": [...]}`), one work
/// object, or the snapshot's JSON Lines (one work per line, `.gz` inflated as it is read, memory flat). The key
/// is the work's `W…` id.
public struct OpenAlexReader: PublicationReader {
    public let file: String
    /// `meta.count`: how many works the query matched.
    public private(set) var totalCount: Int?
    /// `meta.next_cursor`: the cursor of the next page, nil on the last one.
    public private(set) var nextCursor: String?
    private var layout: Layout
    private var pending = PendingEvents()

    private enum Layout {
        case document(DocumentRecords)
        case lines(JSONLineValues)
    }

    public init(path: String) throws(PublicationProblem) {
        file = path
        let lowered = path.lowercased()
        if [".jsonl", ".ndjson", ".gz"].contains(where: { lowered.hasSuffix($0) }) {
            layout = .lines(JSONLineValues(try LineReader(path: path)))
        } else {
            layout = .document(DocumentRecords([], path: "$"))
            try open(bytes: JSONDocument.bytes(ofFile: path))
        }
    }

    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        file = name
        layout = .document(DocumentRecords([], path: "$"))
        try open(bytes: bytes)
    }

    private mutating func open(bytes: [UInt8]) throws(PublicationProblem) {
        guard let root = try JSONDocument.parseUnlessLines(bytes, file: file) else {
            layout = .lines(JSONLineValues(LineReader(bytes: bytes, name: file)))
            return
        }
        if let results = root["results"]?.arrayValue {
            layout = .document(DocumentRecords(results, path: "$.results"))
            if case .number(let count)? = root["meta"]?["count"] { totalCount = Int(count) }
            nextCursor = root["meta"]?["next_cursor"]?.stringValue
        } else if let works = root.arrayValue {
            layout = .document(DocumentRecords(works, path: "$"))
        } else if root["id"] != nil || root["ids"] != nil {
            layout = .document(DocumentRecords([root], path: "$"))
        } else {
            throw PublicationProblem(
                .malformedFile, at: SourceLocation(file: file, jsonPath: "$"),
                "not an OpenAlex response: neither results, a list of works, nor a work")
        }
    }

    public var fractionRead: Double? {
        switch layout {
        case .document(let records): records.fractionRead
        case .lines(let lines): lines.fractionRead
        }
    }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        while true {
            if let event = pending.pop() { return event }
            switch layout {
            case .document(var records):
                guard let (position, path, value) = records.next() else { return nil }
                layout = .document(records)
                pending.append(contentsOf: Self.events(for: value, file: file, position: position, line: nil, path: path))
            case .lines(var lines):
                // The reader is moved out of the enum while it reads, so that its buffer is not copied per line.
                layout = .document(DocumentRecords([], path: "$"))
                defer { layout = .lines(lines) }
                guard let (position, line, value) = try lines.next() else { return nil }
                pending.append(contentsOf: Self.events(for: value, file: file, position: position, line: line, path: nil))
            }
        }
    }

    static func events(for value: JSONValue, file: String, position: Int, line: Int?, path: String?) -> [ReaderEvent] {
        var fields = FieldReader(file: file, position: position, line: line, path: path)
        let origin = RecordOrigin(file: file, position: position, line: line)
        guard let work = value.objectValue else {
            return [fields.rejection(of: value, expected: "an OpenAlex work")]
        }
        let metadata = metadata(of: work, fields: &fields)
        return RecordAssembly.events(source: .openalex, key: metadata.identifiers.openAlexID, origin: origin, metadata: metadata, fields: fields)
    }

    static func metadata(of work: [String: JSONValue], fields: inout FieldReader) -> PublicationMetadata {
        var metadata = PublicationMetadata()
        metadata.identifiers = identifiers(of: work, fields: &fields)
        let titleField = work["title"].map { !$0.isNull } ?? false ? "title" : "display_name"
        metadata.title = MarkupText.plain(fields.text(work[titleField], titleField))
        metadata.abstract = abstract(work["abstract_inverted_index"], fields: &fields)
        metadata.language = Normalize.language(fields.text(work["language"], "language"))
        metadata.date = fields.date(fields.text(work["publication_date"], "publication_date"), "publication_date")
        if metadata.date == nil, let year = fields.integer(work["publication_year"], "publication_year") {
            metadata.date = Normalize.date(year: year)
        }
        metadata.journal = journal(of: work, fields: &fields)
        metadata.publicationTypes = fields.text(work["type"], "type").map { [$0] } ?? []
        metadata.keywords = fields.list(work["keywords"], "keywords").enumerated().compactMap { index, value in
            if case .string = value { return fields.text(value, "keywords[\(index)]") }
            guard let keyword = fields.object(value, "keywords[\(index)]") else { return nil }
            let field = keyword["display_name"] != nil ? "display_name" : "keyword"
            return fields.text(keyword[field], "keywords[\(index)].\(field)")
        }
        metadata.meshHeadings = meshHeadings(work["mesh"], fields: &fields)
        metadata.authors = fields.list(work["authorships"], "authorships").enumerated().compactMap { index, value in
            author(value, "authorships[\(index)]", fields: &fields)
        }
        metadata.grants = grants(of: work, fields: &fields)
        metadata.references = fields.texts(work["referenced_works"], "referenced_works").enumerated().compactMap { index, raw in
            fields.normalized(raw, "referenced_works[\(index)]", as: "an OpenAlex work id", Normalize.openAlexID)
                .map { Reference(identifiers: PublicationIdentifiers(openAlexID: $0)) }
        }
        if let access = fields.object(work["open_access"], "open_access"), let isOpen = fields.bool(access["is_oa"], "open_access.is_oa") {
            metadata.openAccess = OpenAccess(
                isOpenAccess: isOpen,
                status: fields.text(access["oa_status"], "open_access.oa_status"),
                url: fields.text(access["oa_url"], "open_access.oa_url")
            )
        }
        metadata.citationCount = fields.count(work["cited_by_count"], "cited_by_count")
        return metadata
    }

    private static func identifiers(of work: [String: JSONValue], fields: inout FieldReader) -> PublicationIdentifiers {
        var identifiers = PublicationIdentifiers()
        let ids = fields.object(work["ids"], "ids") ?? [:]
        let idField = work["id"] != nil ? "id" : "ids.openalex"
        identifiers.openAlexID = fields.normalized(
            fields.text(work["id"] ?? ids["openalex"], idField), idField, as: "an OpenAlex work id", Normalize.openAlexID)
        let doiField = work["doi"].map { !$0.isNull } ?? false ? "doi" : "ids.doi"
        identifiers.doi = fields.normalized(fields.text(work["doi"] ?? ids["doi"], doiField), doiField, as: "a DOI", Normalize.doi)
        // PubMed ids come as URLs: https://pubmed.ncbi.nlm.nih.gov/29456894, https://www.ncbi.nlm.nih.gov/pmc/articles/5815332
        identifiers.pmid = fields.normalized(fields.text(ids["pmid"], "ids.pmid"), "ids.pmid", as: "a PubMed id") {
            Normalize.pmid(lastPathComponent($0))
        }
        identifiers.pmcid = fields.normalized(fields.text(ids["pmcid"], "ids.pmcid"), "ids.pmcid", as: "a PubMed Central id") {
            Normalize.pmcid(lastPathComponent($0))
        }
        if let mag = fields.text(ids["mag"], "ids.mag") { identifiers.other["mag"] = mag }
        return identifiers
    }

    static func lastPathComponent(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespaces) else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        return text.split(separator: "/").last.map(String.init)
    }

    /// OpenAlex gives abstracts as word → positions; the words are put back at their positions.
    static func abstract(_ value: JSONValue?, fields: inout FieldReader) -> Abstract? {
        guard let index = fields.object(value, "abstract_inverted_index"), !index.isEmpty else { return nil }
        var placed: [(position: Int, word: String)] = []
        for (word, positions) in index {
            let field = "abstract_inverted_index.\(word)"
            for entry in fields.list(positions, field) {
                if let position = fields.integer(entry, field), position >= 0 { placed.append((position, word)) }
            }
        }
        placed.sort { $0.position < $1.position }
        guard let text = Normalize.text(placed.map(\.word).joined(separator: " ")) else { return nil }
        return Abstract(text: text)
    }

    private static func journal(of work: [String: JSONValue], fields: inout FieldReader) -> Journal? {
        var journal = Journal()
        if let location = fields.object(work["primary_location"], "primary_location"),
            let source = fields.object(location["source"], "primary_location.source")
        {
            journal.title = fields.text(source["display_name"], "primary_location.source.display_name")
            journal.publisher = fields.text(source["host_organization_name"], "primary_location.source.host_organization_name")
            let linking = fields.normalized(
                fields.text(source["issn_l"], "primary_location.source.issn_l"), "primary_location.source.issn_l", as: "an ISSN", Normalize.issn)
            if let linking { journal.issns.append(ISSN(linking, kind: .linking)) }
            for raw in fields.texts(source["issn"], "primary_location.source.issn") {
                if let issn = fields.normalized(raw, "primary_location.source.issn", as: "an ISSN", Normalize.issn), issn != linking {
                    journal.issns.append(ISSN(issn))
                }
            }
        }
        if let biblio = fields.object(work["biblio"], "biblio") {
            journal.volume = fields.text(biblio["volume"], "biblio.volume")
            journal.issue = fields.text(biblio["issue"], "biblio.issue")
            let first = fields.text(biblio["first_page"], "biblio.first_page")
            let last = fields.text(biblio["last_page"], "biblio.last_page")
            journal.pages = first.map { first in last.map { $0 == first ? first : "\(first)-\($0)" } ?? first }
        }
        return journal == Journal() ? nil : journal
    }

    /// One row per descriptor–qualifier pair in OpenAlex; one heading per descriptor here, its qualifiers in order.
    /// The row without qualifier carries the descriptor's own major-topic flag.
    static func meshHeadings(_ value: JSONValue?, fields: inout FieldReader) -> [MeshHeading] {
        var headings: [MeshHeading] = []
        for (index, row) in fields.list(value, "mesh").enumerated() {
            let field = "mesh[\(index)]"
            guard let row = fields.object(row, field), let name = fields.text(row["descriptor_name"], "\(field).descriptor_name") else { continue }
            let descriptorID = fields.text(row["descriptor_ui"], "\(field).descriptor_ui")
            let isMajor = fields.bool(row["is_major_topic"], "\(field).is_major_topic") ?? false
            let qualifier = fields.text(row["qualifier_name"], "\(field).qualifier_name")
            let qualifierID = fields.text(row["qualifier_ui"], "\(field).qualifier_ui")
            let headingIndex =
                headings.firstIndex { descriptorID != nil ? $0.descriptorID == descriptorID : $0.descriptor == name }
                ?? {
                    headings.append(MeshHeading(descriptor: name, descriptorID: descriptorID))
                    return headings.count - 1
                }()
            if let qualifier {
                headings[headingIndex].qualifiers.append(MeshQualifier(name: qualifier, qualifierID: qualifierID, isMajorTopic: isMajor))
            } else {
                headings[headingIndex].isMajorTopic = isMajor
            }
        }
        return headings
    }

    private static func author(_ value: JSONValue, _ field: String, fields: inout FieldReader) -> Author? {
        guard let authorship = fields.object(value, field) else { return nil }
        let person = fields.object(authorship["author"], "\(field).author") ?? [:]
        let orcid = fields.orcid(fields.text(person["orcid"], "\(field).author.orcid"), "\(field).author.orcid")
        var affiliations = fields.texts(authorship["raw_affiliation_strings"], "\(field).raw_affiliation_strings")
        if affiliations.isEmpty {
            affiliations = fields.list(authorship["institutions"], "\(field).institutions").enumerated().compactMap { index, value in
                let entry = "\(field).institutions[\(index)]"
                return fields.object(value, entry).flatMap { fields.text($0["display_name"], "\(entry).display_name") }
            }
        }
        let name =
            fields.text(person["display_name"], "\(field).author.display_name")
            ?? fields.text(authorship["raw_author_name"], "\(field).raw_author_name")
        guard let name else { return nil }
        return PersonName.author(displayName: name, orcid: orcid, affiliations: affiliations.uniqued())
    }

    /// Funding as OpenAlex has written it over time: `grants` (funder and award id), then `awards` and `funders`.
    private static func grants(of work: [String: JSONValue], fields: inout FieldReader) -> [Grant] {
        var grants: [Grant] = []
        for (index, value) in fields.list(work["grants"], "grants").enumerated() {
            let field = "grants[\(index)]"
            guard let grant = fields.object(value, field) else { continue }
            grants.append(
                Grant(
                    identifier: fields.text(grant["award_id"], "\(field).award_id"),
                    funder: fields.text(grant["funder_display_name"], "\(field).funder_display_name")))
        }
        for (index, value) in fields.list(work["awards"], "awards").enumerated() {
            let field = "awards[\(index)]"
            // A bare award id says nothing a reader could use without another request.
            if case .string = value { continue }
            guard let award = fields.object(value, field) else { continue }
            let funder = fields.object(award["funder"], "\(field).funder")
            let funderName =
                fields.text(award["funder_display_name"], "\(field).funder_display_name")
                ?? funder.flatMap { fields.text($0["display_name"], "\(field).funder.display_name") }
            let funderDOI = funder.flatMap {
                fields.normalized(fields.text($0["doi"], "\(field).funder.doi"), "\(field).funder.doi", as: "a DOI", Normalize.doi)
            }
            grants.append(
                Grant(identifier: fields.text(award["funder_award_id"], "\(field).funder_award_id"), funder: funderName, funderID: funderDOI))
        }
        for (index, value) in fields.list(work["funders"], "funders").enumerated() {
            let field = "funders[\(index)]"
            guard let funder = fields.object(value, field), let name = fields.text(funder["display_name"], "\(field).display_name") else { continue }
            let ror = fields.text(funder["ror"], "\(field).ror")
            let named = grants.indices.filter { grants[$0].funder == name }
            for index in named where grants[index].funderID == nil { grants[index].funderID = ror }
            if named.isEmpty {
                grants.append(Grant(funder: name, funderID: ror))
            }
        }
        return grants.filter { $0.identifier != nil || $0.funder != nil }.uniqued()
    }
}
