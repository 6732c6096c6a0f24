import Core

/// Reads the HAL search API's Solr JSON (`{"response": {"numFound", "docs": [...]}}`), a bare list of its
/// documents, or one document. The key is the HAL id without version (`hal-02001689`).
///
/// HAL's field names carry their Solr type: `_s` string (often a list), `_i` integer, `_bool`, `_fs` facet
/// strings joining several values with `_FacetSep_`/`_JoinSep_`.
public struct HALReader: PublicationReader {
    public let file: String
    /// `response.numFound`: how many documents the query matched, for a client that pages through them.
    public let totalCount: Int?
    private var records: DocumentRecords
    private var pending = PendingEvents()

    public init(path: String) throws(PublicationProblem) {
        try self.init(bytes: JSONDocument.bytes(ofFile: path), name: path)
    }

    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        file = name
        let root = try JSONDocument.parse(bytes, file: name)
        if let documents = root["response"]?["docs"]?.arrayValue {
            records = DocumentRecords(documents, path: "$.response.docs")
            totalCount = root["response"]?["numFound"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } }
        } else if let documents = root.arrayValue {
            records = DocumentRecords(documents, path: "$")
            totalCount = nil
        } else if root["halId_s"] != nil || root["docid"] != nil {
            records = DocumentRecords([root], path: "$")
            totalCount = nil
        } else {
            throw PublicationProblem(
                .malformedFile,
                at: SourceLocation(file: name, jsonPath: "$"),
                "not a HAL search response: neither response.docs, a list of documents, nor a document"
            )
        }
    }

    public var fractionRead: Double? { records.fractionRead }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        while true {
            if let event = pending.pop() { return event }
            guard let (position, path, value) = records.next() else { return nil }
            pending.append(contentsOf: Self.events(for: value, file: file, position: position, path: path))
        }
    }

    static func events(for value: JSONValue, file: String, position: Int, path: String) -> [ReaderEvent] {
        var fields = FieldReader(file: file, position: position, path: path)
        let origin = RecordOrigin(file: file, position: position)
        guard let document = value.objectValue else {
            return [fields.rejection(of: value, expected: "a HAL document")]
        }
        let metadata = metadata(of: document, fields: &fields)
        let key = metadata.identifiers.halID
        return RecordAssembly.events(source: .hal, key: key, origin: origin, metadata: metadata, fields: fields)
    }

    static func metadata(of document: [String: JSONValue], fields: inout FieldReader) -> PublicationMetadata {
        var metadata = PublicationMetadata()
        metadata.identifiers = identifiers(of: document, fields: &fields)

        metadata.title = firstText(document, ["title_s", "en_title_s", "fr_title_s"], fields: &fields).map { MarkupText.plain($0) ?? $0 }
        if let abstract = firstText(document, ["abstract_s", "en_abstract_s", "fr_abstract_s"], fields: &fields) {
            metadata.abstract = MarkupText.abstract(abstract)
        }
        if let code = fields.texts(document["language_s"], "language_s").first {
            metadata.language = Normalize.language(code)
        }
        let dateField = document["producedDate_s"] != nil ? "producedDate_s" : "publicationDate_s"
        metadata.date = fields.date(fields.text(document[dateField], dateField), dateField)

        var journal = Journal(
            title: fields.text(document["journalTitle_s"], "journalTitle_s"),
            volume: fields.texts(document["volume_s"], "volume_s").first,
            issue: fields.texts(document["issue_s"], "issue_s").first,
            pages: fields.texts(document["page_s"], "page_s").first,
            publisher: fields.texts(document["journalPublisher_s"], "journalPublisher_s").first
        )
        for (field, kind) in [("journalIssn_s", ISSN.Kind.print), ("journalEissn_s", .electronic)] {
            for raw in fields.texts(document[field], field) {
                if let issn = fields.normalized(raw, field, as: "an ISSN", Normalize.issn) { journal.issns.append(ISSN(issn, kind: kind)) }
            }
        }
        if journal != Journal() { metadata.journal = journal }

        if let code = fields.text(document["docType_s"], "docType_s") { metadata.publicationTypes = [documentType(code)] }
        metadata.keywords = fields.texts(document["keyword_s"], "keyword_s")
        if metadata.keywords.isEmpty {
            metadata.keywords = (fields.texts(document["en_keyword_s"], "en_keyword_s") + fields.texts(document["fr_keyword_s"], "fr_keyword_s"))
                .uniqued()
        }
        metadata.authors = authors(of: document, fields: &fields)
        metadata.grants = grants(of: document, fields: &fields)
        metadata.openAccess = openAccess(of: document, fields: &fields)
        return metadata
    }

    private static func identifiers(of document: [String: JSONValue], fields: inout FieldReader) -> PublicationIdentifiers {
        var identifiers = PublicationIdentifiers()
        identifiers.halID = fields.normalized(fields.text(document["halId_s"], "halId_s"), "halId_s", as: "a HAL id", Normalize.halID)
        identifiers.doi = fields.normalized(fields.texts(document["doiId_s"], "doiId_s").first, "doiId_s", as: "a DOI", Normalize.doi)
        identifiers.pmid = fields.normalized(
            fields.texts(document["pubmedId_s"], "pubmedId_s").first, "pubmedId_s", as: "a PubMed id", Normalize.pmid)
        let pmcField = document["pubmedcentralId_s"] != nil ? "pubmedcentralId_s" : "pmcId_s"
        identifiers.pmcid = fields.normalized(
            fields.texts(document[pmcField], pmcField).first, pmcField, as: "a PubMed Central id", Normalize.pmcid)
        if let arxiv = fields.texts(document["arxivId_s"], "arxivId_s").first { identifiers.other["arxiv"] = arxiv }
        return identifiers
    }

    private static func firstText(_ document: [String: JSONValue], _ names: [String], fields: inout FieldReader) -> String? {
        for name in names {
            if let text = fields.texts(document[name], name).first { return text }
        }
        return nil
    }

    /// Authors in byline order; family and given names from HAL's parallel lists when they line up, and
    /// affiliations from `authIdHasStructure_fs` (`<id>_FacetSep_<full name>_JoinSep_<structure id>_FacetSep_<name>`).
    private static func authors(of document: [String: JSONValue], fields: inout FieldReader) -> [Author] {
        let fullNames = fields.texts(document["authFullName_s"], "authFullName_s")
        let lastNames = fields.texts(document["authLastName_s"], "authLastName_s")
        let firstNames = fields.texts(document["authFirstName_s"], "authFirstName_s")
        var structures: [String: [String]] = [:]
        for facet in fields.texts(document["authIdHasStructure_fs"], "authIdHasStructure_fs") {
            let halves = facet.components(separatedBy: "_JoinSep_")
            guard halves.count == 2 else {
                fields.invalid("authIdHasStructure_fs", "\"\(facet)\" is not <author>_JoinSep_<structure>")
                continue
            }
            let author = halves[0].components(separatedBy: "_FacetSep_").last ?? halves[0]
            let structure = halves[1].components(separatedBy: "_FacetSep_").last ?? halves[1]
            if let name = Normalize.text(author), let structure = Normalize.text(structure) {
                structures[name.folded, default: []].append(structure)
            }
        }
        let namesLineUp = lastNames.count == fullNames.count && firstNames.count == fullNames.count
        var authors: [Author] = []
        for (index, fullName) in fullNames.enumerated() {
            let affiliations = (structures[fullName.folded] ?? []).uniqued()
            let author =
                namesLineUp
                ? PersonName.author(family: lastNames[index], given: firstNames[index], affiliations: affiliations)
                : PersonName.author(displayName: fullName, affiliations: affiliations)
            if let author { authors.append(author) }
        }
        // HAL lists ORCIDs only for the authors who have one, so they can be placed only when every author has one.
        let orcids = fields.texts(document["authORCIDIdExt_s"], "authORCIDIdExt_s")
        if !orcids.isEmpty {
            if orcids.count == authors.count {
                for index in authors.indices { authors[index].orcid = fields.orcid(orcids[index], "authORCIDIdExt_s[\(index)]") }
            } else {
                fields.invalid(
                    "authORCIDIdExt_s", "\(orcids.count) ORCIDs for \(authors.count) authors: HAL does not say whose they are, so none is kept")
            }
        }
        let structureNames = fields.texts(document["structName_s"], "structName_s")
        if structures.isEmpty, authors.count == 1, !structureNames.isEmpty { authors[0].affiliations = structureNames.uniqued() }
        return authors
    }

    private static func grants(of document: [String: JSONValue], fields: inout FieldReader) -> [Grant] {
        var grants: [Grant] = []
        for reference in fields.texts(document["anrProjectReference_s"], "anrProjectReference_s") {
            grants.append(Grant(identifier: reference, funder: "Agence nationale de la recherche", country: "FR", funderID: "10.13039/501100001665"))
        }
        for reference in fields.texts(document["europeanProjectReference_s"], "europeanProjectReference_s") {
            grants.append(Grant(identifier: reference, funder: "European Commission", funderID: "10.13039/501100000780"))
        }
        for funding in fields.texts(document["funding_s"], "funding_s") { grants.append(Grant(funder: funding)) }
        return grants.uniqued()
    }

    /// A file deposited in HAL is open access in a repository ("green"); otherwise HAL's own flag and external link.
    private static func openAccess(of document: [String: JSONValue], fields: inout FieldReader) -> OpenAccess? {
        let file = fields.text(document["fileMain_s"], "fileMain_s")
        let flag = fields.bool(document["openAccess_bool"], "openAccess_bool")
        let link = fields.texts(document["linkExtUrl_s"], "linkExtUrl_s").first
        if let file { return OpenAccess(isOpenAccess: true, status: "green", url: file) }
        if let flag { return OpenAccess(isOpenAccess: flag, url: flag ? link : nil) }
        return nil
    }

    /// HAL's document type codes, in the words Crossref and OpenAlex use, so that types compare across sources.
    static func documentType(_ code: String) -> String {
        let types: [String: String] = [
            "ART": "journal-article", "COMM": "conference-paper", "POSTER": "poster", "OUV": "book", "COUV": "book-chapter",
            "DOUV": "edited-book", "PROCEEDINGS": "proceedings", "ISSUE": "journal-issue", "THESE": "thesis",
            "HDR": "habilitation", "MEM": "master-thesis", "ETABTHESE": "thesis", "REPORT": "report", "UNDEFINED": "preprint",
            "PREPRINT": "preprint", "WORKINGPAPER": "working-paper", "PATENT": "patent", "LECTURE": "lecture",
            "NOTE": "note", "OTHER": "other", "SOFTWARE": "software", "IMG": "image", "VIDEO": "video", "SON": "sound",
            "MAP": "map", "BLOG": "blog-post", "NOTICE": "encyclopedia-entry", "TRAD": "translation", "CREPORT": "report-chapter",
            "REPACT": "activity-report", "SYNTHESE": "synthesis", "MEMLIC": "master-thesis",
        ]
        return types[code.uppercased()] ?? code.lowercased()
    }
}
