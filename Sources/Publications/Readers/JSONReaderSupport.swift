import Core
import Foundation

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var isNull: Bool { self == .null }
}

/// Reads the fields of one record leniently: a value of the wrong type or one that does not parse is left out
/// of the record and named in a warning, never dropped in silence.
struct FieldReader {
    let file: String
    /// `record 12`, as problems name it.
    let record: String
    let line: Int?
    /// JSON path of the record in its document (`$.response.docs[3]`), so a warning leads to the value.
    let path: String?
    /// Whether fields are JSON members (named by a JSON path) rather than columns of a table.
    let fieldsArePaths: Bool
    private(set) var problems: [PublicationProblem] = []

    /// `context` says more of where the record is (a cassette's request): `record 3 (GET https://…)`.
    init(file: String, position: Int, line: Int? = nil, path: String? = nil, context: String? = nil, fieldsArePaths: Bool = true) {
        self.file = file
        self.fieldsArePaths = fieldsArePaths
        self.record = "record \(position)" + (context.map { " (\($0))" } ?? "")
        self.line = line
        self.path = path
    }

    func location(of field: String? = nil) -> SourceLocation {
        guard fieldsArePaths else { return SourceLocation(file: file, line: line) }
        let fieldPath = field.map { field in path.map { "\($0).\(field)" } ?? "$.\(field)" } ?? path
        return SourceLocation(file: file, line: line, jsonPath: fieldPath)
    }

    /// The record itself is not an object: it is rejected, and the reading goes on.
    func rejection(of value: JSONValue, expected: String) -> ReaderEvent {
        .rejected(PublicationProblem(.invalidValue, at: location(), record: record, "\(value.typeName) where \(expected) is expected"))
    }

    mutating func invalid(_ field: String, _ message: String) {
        problems.append(PublicationProblem(.invalidValue, at: location(of: field), record: record, field: field, message))
    }

    mutating func warn(_ kind: PublicationProblem.Kind, _ field: String?, _ message: String) {
        problems.append(PublicationProblem(kind, at: location(of: field), record: record, field: field, message))
    }

    /// A text: a string, or a number written without quotes (`"volume": 12`). Blank gives nil.
    mutating func text(_ value: JSONValue?, _ field: String) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return Normalize.text(text)
        case .number(let number)?: return Self.numberText(number)
        case let other?:
            invalid(field, "\(other.typeName) where a text is expected")
            return nil
        }
    }

    /// Texts: a list of strings, or one string where the source sometimes writes a single value.
    mutating func texts(_ value: JSONValue?, _ field: String) -> [String] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?:
            return elements.enumerated().compactMap { index, element in text(element, "\(field)[\(index)]") }
        case let single?: return text(single, field).map { [$0] } ?? []
        }
    }

    mutating func object(_ value: JSONValue?, _ field: String) -> [String: JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?: return members
        case let other?:
            invalid(field, "\(other.typeName) where an object is expected")
            return nil
        }
    }

    /// A list; a single object where a list is expected is read as a list of one.
    mutating func list(_ value: JSONValue?, _ field: String) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case .object?: return [value!]
        case let other?:
            invalid(field, "\(other.typeName) where a list is expected")
            return []
        }
    }

    /// `true`/`false`, and the `Y`/`N`, `"true"`, `1`/`0` that sources also write.
    mutating func bool(_ value: JSONValue?, _ field: String) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case .number(let number)? where number == 0 || number == 1: return number == 1
        case .string(let text)?:
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "yes", "true", "1": return true
            case "n", "no", "false", "0": return false
            case "": return nil
            default:
                invalid(field, "\"\(text)\" is not a yes/no value")
                return nil
            }
        case let other?:
            invalid(field, "\(other.typeName) where a boolean is expected")
            return nil
        }
    }

    mutating func integer(_ value: JSONValue?, _ field: String) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)? where number.rounded() == number && abs(number) < 1e15: return Int(number)
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            if let number = Int(trimmed) { return number }
            invalid(field, "\"\(text)\" is not a whole number")
            return nil
        case let other?:
            invalid(field, "\(other.typeName) where a whole number is expected")
            return nil
        }
    }

    /// A count (citations): a whole number, and not a negative one, which no source means.
    mutating func count(_ value: JSONValue?, _ field: String) -> Int? {
        guard let number = integer(value, field) else { return nil }
        guard number >= 0 else {
            invalid(field, "\(number) is not a count")
            return nil
        }
        return number
    }

    /// A normalised value (`Normalize.doi`, `.pmid`…): a value that does not normalise is named, not kept.
    mutating func normalized(_ raw: String?, _ field: String, as kind: String, _ normalize: (String?) -> String?) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        guard let value = normalize(raw) else {
            invalid(field, "\"\(raw)\" is not \(kind)")
            return nil
        }
        return value
    }

    mutating func date(_ raw: String?, _ field: String) -> PublicationDate? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let date = Normalize.date(raw) else {
            invalid(field, "\"\(raw)\" is not a date")
            return nil
        }
        return date
    }

    mutating func orcid(_ raw: String?, _ field: String) -> String? {
        normalized(raw, field, as: "a valid ORCID", Normalize.orcid)
    }

    static func numberText(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// Turns a mapped record into reader events: its warnings, then the record, or a rejection when nothing could
/// find the record again.
enum RecordAssembly {
    static func events(
        source: PublicationSource,
        key: String?,
        origin: RecordOrigin,
        metadata: PublicationMetadata,
        fields: FieldReader
    ) -> [ReaderEvent] {
        var events = fields.problems.map(ReaderEvent.warning)
        guard metadata.isIdentifiable, let key = key ?? fallbackKey(for: metadata) else {
            let problem = PublicationProblem(
                .unidentifiableRecord,
                at: fields.location(),
                record: fields.record,
                "no identifier (DOI, PMID, PMCID, HAL id, OpenAlex id) nor title: the record is left out"
            )
            events.append(.rejected(problem))
            return events
        }
        events.append(.record(SourceRecord(source: source, key: key, origin: origin, metadata: metadata)))
        return events
    }

    /// `doi:…`, `pmid:…`, … in that order, else `title:` and the folded title words (with the year when known),
    /// so that the same record read again gets the same key.
    static func fallbackKey(for metadata: PublicationMetadata) -> String? {
        let identifiers = metadata.identifiers
        let candidates: [(String, String?)] = [
            ("doi", identifiers.doi), ("pmid", identifiers.pmid), ("pmcid", identifiers.pmcid),
            ("hal", identifiers.halID), ("openalex", identifiers.openAlexID),
        ]
        if let (scheme, value) = candidates.first(where: { $0.1 != nil }), let value { return "\(scheme):\(value)" }
        guard let title = metadata.title else { return nil }
        let words = title.folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return nil }
        let year = metadata.date.map { "|\($0.year)" } ?? ""
        return "title:" + words.joined(separator: " ") + year
    }
}

/// Events waiting to be handed out: one record may bring warnings with it.
struct PendingEvents {
    private var events: [ReaderEvent] = []
    private var head = 0

    var isEmpty: Bool { head == events.count }

    mutating func append(contentsOf more: [ReaderEvent]) {
        reclaim()
        events.append(contentsOf: more)
    }

    mutating func append(_ event: ReaderEvent) {
        reclaim()
        events.append(event)
    }

    /// Once every event has been handed out, the storage is reused from the start.
    private mutating func reclaim() {
        if head == events.count, head > 0 {
            events.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    mutating func pop() -> ReaderEvent? {
        guard head < events.count else { return nil }
        defer { head += 1 }
        return events[head]
    }
}

/// Whole JSON documents (API pages): read, parsed, and their syntax errors located.
enum JSONDocument {
    static func bytes(ofFile path: String) throws(PublicationProblem) -> [UInt8] {
        try ChunkInput.contents(ofFile: path)
    }

    static func parse(_ bytes: [UInt8], file: String, record: String? = nil) throws(PublicationProblem) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw malformed(error, file: file, record: record)
        }
    }

    static func malformed(_ error: JSONSyntaxError, file: String, lineOffset: Int = 0, record: String? = nil) -> PublicationProblem {
        PublicationProblem(
            .malformedFile,
            at: SourceLocation(file: file, line: error.line + lineOffset, column: error.column),
            record: record,
            "malformed JSON: \(error.reason)"
        )
    }

    /// The document, or nil when the bytes hold one JSON value per line (JSON Lines without its file extension):
    /// a first value ending before a line break, then more.
    static func parseUnlessLines(_ bytes: [UInt8], file: String) throws(PublicationProblem) -> JSONValue? {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            if error.isTrailingContent, bytes[..<error.offset].contains(UInt8(ascii: "\n")) { return nil }
            throw malformed(error, file: file)
        }
    }
}

/// The records of a whole document, handed out one at a time with their position and JSON path.
struct DocumentRecords {
    private let items: [JSONValue]
    private let path: String
    private var index = 0

    init(_ items: [JSONValue], path: String) {
        self.items = items
        self.path = path
    }

    var count: Int { items.count }

    var fractionRead: Double? { items.isEmpty ? nil : Double(index) / Double(items.count) }

    mutating func next() -> (position: Int, path: String, value: JSONValue)? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return (index + 1, "\(path)[\(index)]", items[index])
    }
}

/// Names of people as sources print them.
enum PersonName {
    /// An author from a displayed name (`Marie Durand`, `Durand, Marie`), initials derived from the given name.
    static func author(displayName: String, orcid: String? = nil, affiliations: [String] = []) -> Author? {
        let (family, given) = Normalize.personName(displayName)
        guard family != nil || given != nil else { return nil }
        return Author(family: family, given: given, initials: Normalize.initials(ofGivenName: given), orcid: orcid, affiliations: affiliations)
    }

    static func author(family: String?, given: String?, orcid: String? = nil, affiliations: [String] = []) -> Author? {
        let family = Normalize.text(family)
        let given = Normalize.text(given)
        guard family != nil || given != nil else { return nil }
        return Author(family: family, given: given, initials: Normalize.initials(ofGivenName: given), orcid: orcid, affiliations: affiliations)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// The values of a JSON Lines input, one per line, blank lines skipped and the others numbered from 1. A line
/// that is not JSON stops the reading, its line and column named.
struct JSONLineValues {
    private var lines: LineReader
    private var position = 0

    init(_ lines: LineReader) { self.lines = lines }

    var fractionRead: Double? { lines.fractionRead }

    mutating func next() throws(PublicationProblem) -> (position: Int, line: Int, value: JSONValue)? {
        while let line = try lines.next() {
            if line.isBlank { continue }
            position += 1
            do {
                return (position, line.number, try JSONParser.parse(line.bytes))
            } catch {
                throw JSONDocument.malformed(error, file: lines.file, lineOffset: line.number - 1, record: "record \(position)")
            }
        }
        return nil
    }
}
