import Core

/// A JSON object of a schema file being read, that remembers where it is (file and JSON path), which keys
/// were read, and what was wrong, so that one pass reports every problem of a file and keeps unknown keys.
struct SchemaObject {
    let file: String
    let path: String
    private let members: [String: JSONValue]
    private var readKeys: Set<String> = []
    private(set) var problems: [ImportProblem] = []

    init?(_ value: JSONValue, file: String, path: String, problems: inout [ImportProblem]) {
        guard case .object(let members) = value else {
            problems.append(
                ImportProblem(.error, .invalidValue, at: SourceLocation(file: file, jsonPath: path), "expected an object, found \(value.typeName)")
            )
            return nil
        }
        self.file = file
        self.path = path
        self.members = members
    }

    func location(_ key: String) -> SourceLocation {
        SourceLocation(file: file, jsonPath: "\(path).\(key)")
    }

    mutating func report(_ severity: ImportProblem.Severity, _ kind: ImportProblem.Kind, key: String? = nil, _ message: String) {
        problems.append(ImportProblem(severity, kind, at: key.map(location) ?? SourceLocation(file: file, jsonPath: path), message))
    }

    mutating func value(_ key: String) -> JSONValue? {
        readKeys.insert(key)
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// A text value; numbers are accepted and written as text (`"length": 4` means `"4"`).
    mutating func string(_ key: String, required: Bool = false) -> String? {
        switch value(key) {
        case .string(let text): return text
        case .number(let number): return number.rounded() == number ? String(Int64(number)) : String(number)
        case .bool(let flag): return String(flag)
        case nil:
            if required { report(.error, .missingKey, key: key, "required key `\(key)` is missing") }
            return nil
        case let other?:
            report(.error, .invalidValue, key: key, "expected text, found \(other.typeName)")
            return nil
        }
    }

    /// A list of texts; a single text counts as a list of one, as Table Schema allows for keys.
    mutating func strings(_ key: String) -> [String] {
        switch value(key) {
        case nil: return []
        case .string(let text): return [text]
        case .array(let items):
            return items.enumerated().compactMap { index, item in
                switch item {
                case .string(let text): return text
                case .number(let number): return number.rounded() == number ? String(Int64(number)) : String(number)
                default:
                    problems.append(
                        ImportProblem(
                            .error, .invalidValue, at: SourceLocation(file: file, jsonPath: "\(path).\(key)[\(index)]"),
                            "expected text, found \(item.typeName)")
                    )
                    return nil
                }
            }
        case let other?:
            report(.error, .invalidValue, key: key, "expected a list of texts, found \(other.typeName)")
            return []
        }
    }

    /// The objects of a list, each with its own path (`$.fields[3]`).
    mutating func objects(_ key: String, required: Bool = false) -> [SchemaObject] {
        switch value(key) {
        case nil:
            if required { report(.error, .missingKey, key: key, "required key `\(key)` is missing") }
            return []
        case .array(let items):
            var objects: [SchemaObject] = []
            for (index, item) in items.enumerated() {
                if let object = SchemaObject(item, file: file, path: "\(path).\(key)[\(index)]", problems: &problems) {
                    objects.append(object)
                }
            }
            return objects
        case let other?:
            report(.error, .invalidValue, key: key, "expected a list, found \(other.typeName)")
            return []
        }
    }

    mutating func object(_ key: String) -> SchemaObject? {
        guard let value = value(key) else { return nil }
        return SchemaObject(value, file: file, path: "\(path).\(key)", problems: &problems)
    }

    /// Takes in the problems of an object read inside this one.
    mutating func absorb(_ child: SchemaObject) {
        problems += child.problems
    }

    /// The keys nobody read, as a JSON object, so that no key of the source is lost.
    var unreadMembers: String? {
        let unread = members.filter { !readKeys.contains($0.key) }
        return unread.isEmpty ? nil : JSONValue.object(unread).jsonText
    }
}
