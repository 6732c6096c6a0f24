import Core

/// Reads Hublot's own JSON Lines format, for publications no other reader knows (a team's list, a spreadsheet
/// converted by a script): one JSON object per line, every key optional, but at least an identifier or a title.
/// The format is documented in `docs/publications-jsonl.md`.
///
/// The key is `id` when given, else the first identifier (`doi:…`, `pmid:…`), else one made from the title.
public struct HublotJSONLReader: PublicationReader {
    public let file: String
    private var lines: JSONLineValues
    private var pending = PendingEvents()
    /// Each unknown key is reported once per file, not once per line.
    private var reportedKeys: Set<String> = []

    static let knownKeys: Set<String> = [
        "id", "title", "abstract", "year", "date", "doi", "pmid", "pmcid", "hal_id", "openalex_id", "language", "journal",
        "publication_types", "keywords", "authors", "grants", "references", "full_text", "open_access",
        "citation_count",
    ]
    static let journalKeys: Set<String> = ["title", "iso_abbreviation", "issn", "volume", "issue", "pages", "publisher"]
    static let authorKeys: Set<String> = ["name", "family", "given", "orcid", "affiliations"]

    public init(path: String) throws(PublicationProblem) {
        file = path
        lines = JSONLineValues(try LineReader(path: path))
    }

    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        file = name
        lines = JSONLineValues(LineReader(bytes: bytes, name: name))
    }

    public var fractionRead: Double? { lines.fractionRead }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        while true {
            if let event = pending.pop() { return event }
            guard let (position, line, value) = try lines.next() else { return nil }
            var fields = FieldReader(file: file, position: position, line: line)
            guard let object = value.objectValue else {
                pending.append(fields.rejection(of: value, expected: "a publication object"))
                continue
            }
            reportUnknownKeys(of: object, known: Self.knownKeys, prefix: "", fields: &fields)
            if let journal = object["journal"]?.objectValue {
                reportUnknownKeys(of: journal, known: Self.journalKeys, prefix: "journal.", fields: &fields)
            }
            for author in object["authors"]?.arrayValue ?? [] {
                if let author = author.objectValue { reportUnknownKeys(of: author, known: Self.authorKeys, prefix: "authors[].", fields: &fields) }
            }
            let metadata = Self.metadata(of: object, fields: &fields)
            let key = fields.text(object["id"], "id")
            let origin = RecordOrigin(file: file, position: position, line: line)
            pending.append(contentsOf: RecordAssembly.events(source: .jsonl, key: key, origin: origin, metadata: metadata, fields: fields))
        }
    }

    private mutating func reportUnknownKeys(of object: [String: JSONValue], known: Set<String>, prefix: String, fields: inout FieldReader) {
        for key in object.keys.sorted() where !known.contains(key) {
            let name = prefix + key
            if reportedKeys.insert(name).inserted { fields.warn(.unknownElement, name, "unknown key: ignored (reported once per file)") }
        }
    }

    static func metadata(of object: [String: JSONValue], fields: inout FieldReader) -> PublicationMetadata {
        var metadata = PublicationMetadata()
        metadata.identifiers.doi = fields.normalized(fields.text(object["doi"], "doi"), "doi", as: "a DOI", Normalize.doi)
        metadata.identifiers.pmid = fields.normalized(fields.text(object["pmid"], "pmid"), "pmid", as: "a PubMed id", Normalize.pmid)
        metadata.identifiers.pmcid = fields.normalized(fields.text(object["pmcid"], "pmcid"), "pmcid", as: "a PubMed Central id", Normalize.pmcid)
        metadata.identifiers.halID = fields.normalized(fields.text(object["hal_id"], "hal_id"), "hal_id", as: "a HAL id", Normalize.halID)
        metadata.identifiers.openAlexID = fields.normalized(
            fields.text(object["openalex_id"], "openalex_id"), "openalex_id", as: "an OpenAlex work id", Normalize.openAlexID)
        metadata.title = fields.text(object["title"], "title")
        metadata.abstract = abstract(object["abstract"], fields: &fields)
        metadata.language = Normalize.language(fields.text(object["language"], "language"))
        metadata.date = fields.date(fields.text(object["date"], "date"), "date")
        if metadata.date == nil, let year = fields.integer(object["year"], "year") {
            metadata.date = Normalize.date(year: year)
            if metadata.date == nil { fields.invalid("year", "\(year) is not a plausible publication year") }
        }
        metadata.journal = journal(object["journal"], fields: &fields)
        metadata.publicationTypes = fields.texts(object["publication_types"], "publication_types")
        metadata.keywords = fields.texts(object["keywords"], "keywords").uniqued()
        metadata.authors = fields.list(object["authors"], "authors").enumerated().compactMap { index, value in
            author(value, "authors[\(index)]", fields: &fields)
        }
        metadata.grants = fields.list(object["grants"], "grants").enumerated().compactMap { index, value in
            let field = "grants[\(index)]"
            guard let grant = fields.object(value, field) else { return nil }
            let result = Grant(identifier: fields.text(grant["id"], "\(field).id"), funder: fields.text(grant["funder"], "\(field).funder"))
            return result.identifier == nil && result.funder == nil ? nil : result
        }
        metadata.references = fields.list(object["references"], "references").enumerated().compactMap { index, value in
            reference(value, "references[\(index)]", fields: &fields)
        }
        metadata.fullText = fullText(object["full_text"], fields: &fields)
        metadata.openAccess = openAccess(object["open_access"], fields: &fields)
        metadata.citationCount = fields.count(object["citation_count"], "citation_count")
        return metadata
    }

    private static func abstract(_ value: JSONValue?, fields: inout FieldReader) -> Abstract? {
        if case .string? = value { return fields.text(value, "abstract").map { Abstract(text: $0) } }
        let sections = fields.list(value, "abstract").enumerated().compactMap { index, value -> AbstractSection? in
            let field = "abstract[\(index)]"
            if case .string = value { return fields.text(value, field).map { AbstractSection(text: $0) } }
            guard let section = fields.object(value, field), let text = fields.text(section["text"], "\(field).text") else { return nil }
            return AbstractSection(label: fields.text(section["label"], "\(field).label"), text: text)
        }
        return sections.isEmpty ? nil : Abstract(sections: sections)
    }

    private static func journal(_ value: JSONValue?, fields: inout FieldReader) -> Journal? {
        if case .string? = value { return fields.text(value, "journal").map { Journal(title: $0) } }
        guard let object = fields.object(value, "journal") else { return nil }
        let issns = fields.texts(object["issn"], "journal.issn").compactMap { raw in
            fields.normalized(raw, "journal.issn", as: "an ISSN", Normalize.issn).map { ISSN($0) }
        }
        let journal = Journal(
            title: fields.text(object["title"], "journal.title"),
            isoAbbreviation: fields.text(object["iso_abbreviation"], "journal.iso_abbreviation"),
            issns: issns,
            volume: fields.text(object["volume"], "journal.volume"),
            issue: fields.text(object["issue"], "journal.issue"),
            pages: fields.text(object["pages"], "journal.pages"),
            publisher: fields.text(object["publisher"], "journal.publisher")
        )
        return journal == Journal() ? nil : journal
    }

    /// `"Marie Durand"`, or `{"family", "given"}`, or `{"name"}` alone, which is split like a printed name.
    private static func author(_ value: JSONValue, _ field: String, fields: inout FieldReader) -> Author? {
        if case .string = value { return fields.text(value, field).flatMap { PersonName.author(displayName: $0) } }
        guard let object = fields.object(value, field) else { return nil }
        let orcid = fields.orcid(fields.text(object["orcid"], "\(field).orcid"), "\(field).orcid")
        let affiliations = fields.texts(object["affiliations"], "\(field).affiliations")
        let family = fields.text(object["family"], "\(field).family")
        let given = fields.text(object["given"], "\(field).given")
        if family != nil || given != nil {
            return PersonName.author(family: family, given: given, orcid: orcid, affiliations: affiliations)
        }
        guard let name = fields.text(object["name"], "\(field).name") else {
            fields.invalid(field, "an author without name, family nor given name")
            return nil
        }
        return PersonName.author(displayName: name, orcid: orcid, affiliations: affiliations)
    }

    private static func reference(_ value: JSONValue, _ field: String, fields: inout FieldReader) -> Reference? {
        if case .string = value { return fields.text(value, field).map { Reference(citation: $0) } }
        guard let object = fields.object(value, field) else { return nil }
        var reference = Reference(citation: fields.text(object["citation"], "\(field).citation"))
        reference.identifiers.doi = fields.normalized(fields.text(object["doi"], "\(field).doi"), "\(field).doi", as: "a DOI", Normalize.doi)
        reference.identifiers.pmid = fields.normalized(
            fields.text(object["pmid"], "\(field).pmid"), "\(field).pmid", as: "a PubMed id", Normalize.pmid)
        return reference.citation == nil && reference.identifiers.isEmpty ? nil : reference
    }

    private static func fullText(_ value: JSONValue?, fields: inout FieldReader) -> [TextSection] {
        if case .string? = value { return fields.text(value, "full_text").map { [TextSection(text: $0)] } ?? [] }
        return fields.list(value, "full_text").enumerated().compactMap { index, value in
            let field = "full_text[\(index)]"
            guard let section = fields.object(value, field), let text = fields.text(section["text"], "\(field).text") else { return nil }
            var kind = TextSection.Kind.other
            if let name = fields.text(section["kind"], "\(field).kind") {
                if let known = TextSection.Kind(rawValue: name.lowercased()) {
                    kind = known
                } else {
                    fields.invalid("\(field).kind", "\"\(name)\" is not a section kind: read as other")
                }
            }
            return TextSection(title: fields.text(section["title"], "\(field).title"), kind: kind, text: text)
        }
    }

    private static func openAccess(_ value: JSONValue?, fields: inout FieldReader) -> OpenAccess? {
        if case .bool(let flag)? = value { return OpenAccess(isOpenAccess: flag) }
        guard let object = fields.object(value, "open_access"), let flag = fields.bool(object["is_oa"], "open_access.is_oa") else { return nil }
        return OpenAccess(isOpenAccess: flag, url: fields.text(object["url"], "open_access.url"))
    }
}
