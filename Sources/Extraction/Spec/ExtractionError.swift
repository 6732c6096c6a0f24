import Core

/// A problem with an extraction, found before any statement runs where it can be: the spec file, the line Yams
/// read the field on, the field's path (`population[1].where[0].column`), and what is wrong.
public struct ExtractionError: Error, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    public var field: String
    public var message: String

    public init(file: String, line: Int? = nil, field: String, _ message: String) {
        location = SourceLocation(file: file, line: line)
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}
