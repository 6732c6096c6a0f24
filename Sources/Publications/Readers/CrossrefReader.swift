import Core
import Foundation
import Yams

/// Reads Crossref REST API responses: `/works/{doi}` (`message-type: work`), `/works?…` (`work-list`,
/// `message.items`), a bare work object, and recorded HTTP cassettes (VCR YAML: `http_interactions[]` whose
/// `response.body.string` holds the JSON), where every 200 work or work list is read and any other exchange
/// (a journal, a 404) is skipped with a warning naming it. The key is the DOI.
public struct CrossrefReader: PublicationReader {
    public let file: String
    /// `message.total-results` of a work list, for a client that pages through a query.
    public private(set) var totalCount: Int?
    /// `message.next-cursor` of a work list requested with `cursor=*`.
    public private(set) var nextCursor: String?
    private var items: [Item] = []
    private var index = 0
    private var position = 0
    private var pending = PendingEvents()

    private enum Item {
        case work(JSONValue, path: String, line: Int?, context: String?)
        case event(ReaderEvent)
    }

    public init(path: String) throws(PublicationProblem) {
        try self.init(bytes: JSONDocument.bytes(ofFile: path), name: path)
    }

    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        file = name
        let firstCharacter = bytes.first { ![UInt8(ascii: " "), 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        if firstCharacter == UInt8(ascii: "{") || firstCharacter == UInt8(ascii: "[") {
            let root = try JSONDocument.parse(bytes, file: name)
            switch works(in: root, line: nil, context: nil) {
            case .success(let found): items = found
            case .failure(let reason):
                throw PublicationProblem(.malformedFile, at: SourceLocation(file: name, jsonPath: "$"), "not a Crossref work: \(reason)")
            }
        } else {
            try readCassette(String(decoding: bytes, as: UTF8.self))
        }
    }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        while true {
            if let event = pending.pop() { return event }
            guard index < items.count else { return nil }
            defer { index += 1 }
            switch items[index] {
            case .event(let event): return event
            case .work(let value, let path, let line, let context):
                position += 1
                pending.append(contentsOf: Self.events(for: value, file: file, position: position, path: path, line: line, context: context))
            }
        }
    }

    /// The works of one response, or why it holds none.
    private mutating func works(in root: JSONValue, line: Int?, context: String?) -> Result<[Item], ReasonForSkipping> {
        if let type = root["message-type"]?.stringValue {
            switch type {
            case "work":
                guard let message = root["message"], message.objectValue != nil else { return .failure("a work response without message") }
                return .success([.work(message, path: "$.message", line: line, context: context)])
            case "work-list":
                guard let list = root["message"]?["items"]?.arrayValue else { return .failure("a work list without message.items") }
                if case .number(let total)? = root["message"]?["total-results"] { totalCount = Int(total) }
                nextCursor = root["message"]?["next-cursor"]?.stringValue
                return .success(list.enumerated().map { .work($1, path: "$.message.items[\($0)]", line: line, context: context) })
            default:
                return .failure(ReasonForSkipping("a \(type) response, not a work"))
            }
        }
        if root["DOI"] != nil { return .success([.work(root, path: "$", line: line, context: context)]) }
        if let list = root.arrayValue ?? root["items"]?.arrayValue {
            let base = root.arrayValue != nil ? "$" : "$.items"
            return .success(list.enumerated().map { .work($1, path: "\(base)[\($0)]", line: line, context: context) })
        }
        return .failure("neither a work, a work list, nor a list of works")
    }

    private struct ReasonForSkipping: Error, ExpressibleByStringLiteral, CustomStringConvertible {
        let description: String
        init(stringLiteral value: String) { description = value }
        init(_ value: String) { description = value }
    }

    private mutating func readCassette(_ text: String) throws(PublicationProblem) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            var location = SourceLocation(file: file)
            switch error as? YamlError {
            case .scanner(_, _, let mark, _)?, .parser(_, _, let mark, _)?, .composer(_, _, let mark, _)?:
                location.line = mark.line
                location.column = mark.column
            default: break
            }
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "not YAML"
            throw PublicationProblem(.malformedFile, at: location, "neither JSON nor a YAML cassette: \(reason)")
        }
        guard let interactions = root?["http_interactions"]?.sequence else {
            throw PublicationProblem(
                .malformedFile, at: SourceLocation(file: file), "not a Crossref response nor an HTTP cassette (no http_interactions)")
        }
        for (number, interaction) in interactions.enumerated() {
            let line = interaction.mark?.line
            let method = (interaction["request"]?["method"]?.string ?? "get").uppercased()
            let uri = interaction["request"]?["uri"]?.string ?? "?"
            let context = "\(method) \(uri)"
            let label = "interaction \(number + 1) (\(context))"
            let location = SourceLocation(file: file, line: line, jsonPath: "$.http_interactions[\(number)]")
            let status = interaction["response"]?["status"]?["status_code"]?.string
            guard status == "200" else {
                items.append(.event(.warning(PublicationProblem(.unknownElement, at: location, record: label, "status \(status ?? "?"): skipped"))))
                continue
            }
            guard let body = interaction["response"]?["body"]?["string"]?.string else {
                items.append(.event(.warning(PublicationProblem(.unknownElement, at: location, record: label, "no body string: skipped"))))
                continue
            }
            let json: JSONValue
            do {
                json = try JSONParser.parse(Array(body.utf8))
            } catch {
                // A 200 that announces a work but whose body does not parse: the recording cannot be trusted.
                throw PublicationProblem(
                    .malformedFile, at: location, record: label,
                    "the response body is malformed JSON (body line \(error.line), column \(error.column)): \(error.reason)")
            }
            switch works(in: json, line: line, context: context) {
            case .success(let found): items.append(contentsOf: found)
            case .failure(let reason):
                items.append(.event(.warning(PublicationProblem(.unknownElement, at: location, record: label, "\(reason): skipped"))))
            }
        }
    }

    static func events(for value: JSONValue, file: String, position: Int, path: String, line: Int?, context: String?) -> [ReaderEvent] {
        var fields = FieldReader(file: file, position: position, line: line, path: path, context: context)
        let origin = RecordOrigin(file: file, position: position, line: line)
        guard let work = value.objectValue else {
            return [fields.rejection(of: value, expected: "a Crossref work")]
        }
        let metadata = metadata(of: work, fields: &fields)
        return RecordAssembly.events(source: .crossref, key: metadata.identifiers.doi, origin: origin, metadata: metadata, fields: fields)
    }

    static func metadata(of work: [String: JSONValue], fields: inout FieldReader) -> PublicationMetadata {
        var metadata = PublicationMetadata()
        metadata.identifiers.doi = fields.normalized(fields.text(work["DOI"], "DOI"), "DOI", as: "a DOI", Normalize.doi)
        let title = fields.texts(work["title"], "title").first.flatMap(MarkupText.plain)
        let subtitle = fields.texts(work["subtitle"], "subtitle").first.flatMap(MarkupText.plain)
        if let title {
            metadata.title = subtitle.map { "\(title): \($0)" } ?? title
        }
        metadata.abstract = MarkupText.abstract(fields.text(work["abstract"], "abstract"))
        metadata.language = Normalize.language(fields.text(work["language"], "language"))
        for field in ["issued", "published-print", "published-online", "published"] {
            if let date = date(work[field], field, fields: &fields) {
                metadata.date = date
                break
            }
        }
        metadata.journal = journal(of: work, fields: &fields)
        metadata.publicationTypes = fields.text(work["type"], "type").map { [$0] } ?? []
        metadata.keywords = fields.texts(work["subject"], "subject")
        metadata.authors = fields.list(work["author"], "author").enumerated().compactMap { index, value in
            author(value, "author[\(index)]", fields: &fields)
        }
        metadata.grants = grants(of: work, fields: &fields)
        metadata.references = fields.list(work["reference"], "reference").enumerated().compactMap { index, value in
            reference(value, "reference[\(index)]", fields: &fields)
        }
        metadata.openAccess = openAccess(of: work, fields: &fields)
        metadata.citationCount = fields.count(work["is-referenced-by-count"], "is-referenced-by-count")
        return metadata
    }

    /// `{"date-parts": [[2015, 10, 1]]}`, where Crossref writes `[[null]]` for a date it does not know.
    static func date(_ value: JSONValue?, _ field: String, fields: inout FieldReader) -> PublicationDate? {
        guard let object = fields.object(value, field) else { return nil }
        let parts = fields.list(object["date-parts"], "\(field).date-parts").first
        guard let parts else { return nil }
        let numbers = fields.list(parts, "\(field).date-parts[0]").map { fields.integer($0, "\(field).date-parts[0]") }
        guard let year = numbers.first ?? nil else { return nil }
        let month = numbers.count > 1 ? numbers[1] : nil
        let day = numbers.count > 2 ? numbers[2] : nil
        guard let date = Normalize.date(year: year, month: month, day: day) else {
            fields.invalid(field, "\(year) is not a plausible publication year")
            return nil
        }
        return date
    }

    private static func journal(of work: [String: JSONValue], fields: inout FieldReader) -> Journal? {
        var journal = Journal(
            title: fields.texts(work["container-title"], "container-title").first,
            isoAbbreviation: fields.texts(work["short-container-title"], "short-container-title").first,
            volume: fields.text(work["volume"], "volume"),
            issue: fields.text(work["issue"], "issue"),
            pages: fields.text(work["page"], "page"),
            publisher: fields.text(work["publisher"], "publisher")
        )
        let typed = fields.list(work["issn-type"], "issn-type")
        for (index, entry) in typed.enumerated() {
            let field = "issn-type[\(index)]"
            guard let object = fields.object(entry, field),
                let value = fields.normalized(fields.text(object["value"], "\(field).value"), "\(field).value", as: "an ISSN", Normalize.issn)
            else { continue }
            let kind: ISSN.Kind =
                switch fields.text(object["type"], "\(field).type") {
                case "print": .print
                case "electronic": .electronic
                default: .unspecified
                }
            journal.issns.append(ISSN(value, kind: kind))
        }
        if typed.isEmpty {
            for raw in fields.texts(work["ISSN"], "ISSN") {
                if let value = fields.normalized(raw, "ISSN", as: "an ISSN", Normalize.issn) { journal.issns.append(ISSN(value)) }
            }
        }
        journal.issns.sort { ($0.kind == .print ? 0 : 1) < ($1.kind == .print ? 0 : 1) }
        return journal == Journal() ? nil : journal
    }

    private static func author(_ value: JSONValue, _ field: String, fields: inout FieldReader) -> Author? {
        guard let object = fields.object(value, field) else { return nil }
        let orcid = fields.orcid(fields.text(object["ORCID"], "\(field).ORCID"), "\(field).ORCID")
        let affiliations = fields.list(object["affiliation"], "\(field).affiliation").enumerated().compactMap { index, entry in
            let entryField = "\(field).affiliation[\(index)]"
            return fields.object(entry, entryField).flatMap { fields.text($0["name"], "\(entryField).name") }
        }
        let family = fields.text(object["family"], "\(field).family")
        let given = fields.text(object["given"], "\(field).given")
        if family == nil, given == nil, let name = fields.text(object["name"], "\(field).name") {
            return Author(collective: name, orcid: orcid, affiliations: affiliations)
        }
        return PersonName.author(family: family, given: given, orcid: orcid, affiliations: affiliations)
    }

    /// One grant per award; a funder named without award is kept as a grant without identifier.
    private static func grants(of work: [String: JSONValue], fields: inout FieldReader) -> [Grant] {
        var grants: [Grant] = []
        for (index, value) in fields.list(work["funder"], "funder").enumerated() {
            let field = "funder[\(index)]"
            guard let funder = fields.object(value, field) else { continue }
            let name = fields.text(funder["name"], "\(field).name")
            let funderID = fields.normalized(fields.text(funder["DOI"], "\(field).DOI"), "\(field).DOI", as: "a DOI", Normalize.doi)
            let awards = fields.texts(funder["award"], "\(field).award")
            if awards.isEmpty {
                grants.append(Grant(funder: name, funderID: funderID))
            } else {
                grants += awards.map { Grant(identifier: $0, funder: name, funderID: funderID) }
            }
        }
        return grants.uniqued()
    }

    private static func reference(_ value: JSONValue, _ field: String, fields: inout FieldReader) -> Reference? {
        guard let object = fields.object(value, field) else { return nil }
        var reference = Reference()
        reference.identifiers.doi = fields.normalized(fields.text(object["DOI"], "\(field).DOI"), "\(field).DOI", as: "a DOI", Normalize.doi)
        if let unstructured = fields.text(object["unstructured"], "\(field).unstructured") {
            reference.citation = MarkupText.plain(unstructured)
        } else {
            reference.citation = citation(of: object, field, fields: &fields)
        }
        return reference.citation == nil && reference.identifiers.doi == nil ? nil : reference
    }

    /// `Prior (2010). Newborn and carrier screening for spinal muscular atrophy. Am J Med Genet A 152A, 1608.`
    private static func citation(of reference: [String: JSONValue], _ field: String, fields: inout FieldReader) -> String? {
        let author = fields.text(reference["author"], "\(field).author")
        let year = fields.text(reference["year"], "\(field).year")
        let title = fields.text(reference["article-title"], "\(field).article-title")
        let container =
            fields.text(reference["journal-title"], "\(field).journal-title") ?? fields.text(reference["volume-title"], "\(field).volume-title")
        let volume = fields.text(reference["volume"], "\(field).volume")
        let page = fields.text(reference["first-page"], "\(field).first-page")
        var parts: [String] = []
        if let author { parts.append(year.map { "\(author) (\($0))" } ?? author) } else if let year { parts.append("(\(year))") }
        if let title { parts.append(title) }
        if let container { parts.append([container, volume].compactMap { $0 }.joined(separator: " ") + (page.map { ", \($0)" } ?? "")) }
        guard !parts.isEmpty else { return nil }
        return parts.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// Open only when the version of record is under a Creative Commons licence already in force: Crossref has no
    /// open-access flag, and publisher licences (Elsevier's "open-access/userlicense") say too little to conclude.
    private static func openAccess(of work: [String: JSONValue], fields: inout FieldReader) -> OpenAccess? {
        let today = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        let now = PublicationDate(year: today.year ?? 0, month: today.month, day: today.day)
        for (index, value) in fields.list(work["license"], "license").enumerated() {
            let field = "license[\(index)]"
            guard let license = fields.object(value, field), let url = fields.text(license["URL"], "\(field).URL") else { continue }
            let version = fields.text(license["content-version"], "\(field).content-version")
            guard url.lowercased().contains("creativecommons.org"), version == nil || version == "vor" || version == "unspecified" else { continue }
            if let start = date(license["start"], "\(field).start", fields: &fields), start > now { continue }
            return OpenAccess(isOpenAccess: true)
        }
        return nil
    }
}
