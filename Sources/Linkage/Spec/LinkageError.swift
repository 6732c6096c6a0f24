import Core

/// A problem with a linkage job, found before any work starts where it can be: the spec file, the line Yams
/// read the field on, the field's path in the spec, and what is wrong.
public struct LinkageError: Error, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    /// The field's path in the spec (`comparisons[2].levels[1]`), empty for the file as a whole.
    public var field: String
    public var message: String

    public init(_ location: SourceLocation, field: String, _ message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public init(file: String, line: Int? = nil, field: String, _ message: String) {
        self.init(SourceLocation(file: file, line: line), field: field, message)
    }

    public var description: String {
        field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}
