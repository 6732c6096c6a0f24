/// Where in an input a problem was found: the file, and inside it a JSON path or a line.
///
/// Every import error and warning carries one, so that a user can open the file and go straight to the record.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// A JSON path such as `$.fields[3].name`.
    public var jsonPath: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let jsonPath { text += " at \(jsonPath)" }
        return text
    }
}
