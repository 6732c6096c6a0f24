import Core

/// Something wrong in an imported catalog, with where it is. Errors stop the import (nothing is written);
/// warnings are listed in the import report and kept with the version.
public struct ImportProblem: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        case warning
        case error
    }

    /// Stable identifiers, so scripts and tests can tell problems apart without parsing messages.
    public enum Kind: String, Codable, Sendable {
        case unreadableFile = "unreadable-file"
        case malformedJSON = "malformed-json"
        case invalidValue = "invalid-value"
        case missingKey = "missing-key"
        case duplicateTable = "duplicate-table"
        case duplicateVariable = "duplicate-variable"
        case duplicateNomenclature = "duplicate-nomenclature"
        case danglingForeignKey = "dangling-foreign-key"
        case unknownKeyColumn = "unknown-key-column"
        case unknownNomenclature = "unknown-nomenclature"
        case missingNomenclatureCSV = "missing-nomenclature-csv"
        case malformedCSV = "malformed-csv"
        case csvHeaderMismatch = "csv-header-mismatch"
        case csvRowWidth = "csv-row-width"
        case nonUTF8 = "non-utf8"
        case tableNameMismatch = "table-name-mismatch"
        case emptyCatalog = "empty-catalog"
    }

    public var severity: Severity
    public var kind: Kind
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ kind: Kind, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(severity): \(location): \(message)" }
}
