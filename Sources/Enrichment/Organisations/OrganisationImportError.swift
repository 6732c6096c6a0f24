/// Why a registry file could not be imported, with the place: file, line, record and field. Nothing is imported
/// when one is thrown: imports are one transaction.
public struct OrganisationImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// 1-based position of the record in the file.
    public var record: Int?
    /// The field, as a path in the record (`locations[0].geonames_details.lat`) or a CSV column name.
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, record: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.record = record
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var text = "\(place): "
        if let record { text += "record \(record): " }
        if let field { text += "\(field): " }
        return text + reason
    }
}
