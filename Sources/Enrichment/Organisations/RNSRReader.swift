import Core
import Foundation

/// Reads the French national registry of research structures (RNSR), as the ministry exports it: a `;`-separated
/// CSV whose multi-valued cells (the tutelles, their identifiers, the unit codes) are quoted and themselves
/// `;`-separated, one entry per tutelle.
///
/// Each lab becomes an `Organisation` of registry `.rnsr`. Its tutelles are not in any registry Hublot loads under
/// their own id, so they are parents with a placeholder id (`rnsr-tutelle:0753639Y`) until the repository links
/// them to ROR; `nextStructure()` also gives their acronyms and identifiers, which that linking needs.
public struct RNSRReader {
    public let path: String
    private var table: DelimitedTextReader
    private let columns: RNSRColumns
    private var index = 0

    public init(path: String) throws(OrganisationImportError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OrganisationImportError(file: path, reason: "cannot read the file")
        }
        table = DelimitedTextReader(text: String.decodingText([UInt8](data)).text, delimiter: ";")
        let header: DelimitedRecord?
        do {
            header = try table.next()
        } catch {
            throw OrganisationImportError(file: path, line: error.line, reason: "malformed CSV: \(error.reason)")
        }
        guard let header else { throw OrganisationImportError(file: path, line: 1, reason: "empty file: no header") }
        columns = try RNSRColumns(header: header.fields, file: path)
    }

    /// The next lab, or nil at the end of the file.
    public mutating func next() throws(OrganisationImportError) -> Organisation? {
        try nextStructure()?.organisation
    }

    /// The next lab with what the registry says of its tutelles.
    public mutating func nextStructure() throws(OrganisationImportError) -> RNSRStructure? {
        let record: DelimitedRecord?
        do {
            record = try table.next()
        } catch {
            throw OrganisationImportError(file: path, line: error.line, record: index + 1, reason: "malformed CSV: \(error.reason)")
        }
        guard let record else { return nil }
        index += 1
        do {
            return try RNSRRow(fields: record.fields, columns: columns).structure()
        } catch {
            throw OrganisationImportError(file: path, line: record.line, record: index, field: error.field, reason: error.reason)
        }
    }
}

/// A lab as the RNSR describes it: the organisation, and its tutelles with the identifiers that can link them.
public struct RNSRStructure: Hashable, Sendable {
    public var organisation: Organisation
    public var tutelles: [RNSRTutelle]

    public init(organisation: Organisation, tutelles: [RNSRTutelle]) {
        self.organisation = organisation
        self.tutelles = tutelles
    }
}

/// An institution responsible for a lab (a university, the CNRS, Inserm, a hospital), or only taking part in it.
public struct RNSRTutelle: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable {
        /// `TUTE`: the lab belongs to it, an affiliation to the lab is an affiliation to it.
        case tutelle
        /// `PART`: it takes part without the lab being its own.
        case participant
    }

    public var name: String
    public var acronym: String?
    /// The ministry's id of an establishment (`0753639Y`).
    public var uai: String?
    public var siret: String?
    public var role: Role

    public init(name: String, acronym: String? = nil, uai: String? = nil, siret: String? = nil, role: Role = .tutelle) {
        self.name = name
        self.acronym = acronym
        self.uai = uai
        self.siret = siret
        self.role = role
    }

    /// Stands for the tutelle until it is linked to a registry: the most stable identifier it has.
    public var placeholderID: String { Self.placeholderPrefix + (uai ?? siret ?? name) }

    public static let placeholderPrefix = "rnsr-tutelle:"
}

/// Where each column the reader needs is; other columns (domains, ERC panels, history) are ignored.
struct RNSRColumns {
    enum Name: String, CaseIterable {
        case id = "numero_national_de_structure"
        case name = "libelle"
        case acronym = "sigle"
        case established = "annee_de_creation"
        case type = "type_de_structure"
        case website = "site_web"
        case postcode = "code_postal"
        case city = "commune"
        case unitCodes = "label_numero"
        case tutelles
        case tutelleAcronyms = "sigles_des_tutelles"
        case tutelleUAIs = "uai_des_tutelles"
        case tutelleSIRETs = "siret_des_tutelles"
        case tutelleRoles = "code_de_type_de_tutelle"
        case children = "numero_de_structure_enfant"
        case parents = "numero_de_structure_parent"
    }

    static let required: Set<Name> = [.id, .name]

    private var positions: [Name: Int] = [:]

    init(header: [String], file: String) throws(OrganisationImportError) {
        for (position, title) in header.enumerated() {
            let title = title.trimmingCharacters(in: .whitespaces).lowercased()
            if let name = Name(rawValue: title), positions[name] == nil { positions[name] = position }
        }
        for name in Name.allCases where Self.required.contains(name) && positions[name] == nil {
            throw OrganisationImportError(file: file, line: 1, field: name.rawValue, reason: "missing column")
        }
    }

    func position(_ name: Name) -> Int? { positions[name] }
}

/// One data row, read into an organisation: pure, so that it can be tested without files.
struct RNSRRow {
    struct Invalid: Error {
        var field: String
        var reason: String
    }

    var fields: [String]
    var columns: RNSRColumns

    func value(_ name: RNSRColumns.Name) -> String? {
        guard let position = columns.position(name), position < fields.count else { return nil }
        let value = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// The entries of a multi-valued cell, empty entries kept so that positions line up across cells.
    func entries(_ name: RNSRColumns.Name) -> [String] {
        guard let value = value(name) else { return [] }
        return value.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func structure() throws(Invalid) -> RNSRStructure {
        guard let id = value(.id) else { throw Invalid(field: RNSRColumns.Name.id.rawValue, reason: "empty structure number") }
        guard let name = value(.name) else { throw Invalid(field: RNSRColumns.Name.name.rawValue, reason: "the structure has no name") }
        var established: Int?
        if let year = value(.established) {
            guard let number = Int(year) else { throw Invalid(field: RNSRColumns.Name.established.rawValue, reason: "not a year: \(year)") }
            established = number
        }
        var names = [OrganisationName(name, kind: .display, language: "fr")]
        if let acronym = value(.acronym), acronym.folded != name.folded { names.append(OrganisationName(acronym, kind: .acronym)) }
        names += RNSRUnitCode.codes(in: entries(.unitCodes)).map { OrganisationName($0, kind: .unitCode) }

        let tutelles = try self.tutelles()
        var relationships = tutelles.map { tutelle in
            OrganisationRelationship(kind: tutelle.role == .tutelle ? .parent : .related, id: tutelle.placeholderID, label: tutelle.name)
        }
        relationships += distinct(entries(.parents)).map { OrganisationRelationship(kind: .parent, id: $0) }
        relationships += distinct(entries(.children)).map { OrganisationRelationship(kind: .child, id: $0) }

        let organisation = Organisation(
            id: id, registry: .rnsr, name: name, names: names, types: value(.type).map { [$0] } ?? [], status: .active,
            place: RNSRPlace.place(city: value(.city), postcode: value(.postcode)), established: established,
            relationships: relationships, website: value(.website))
        return RNSRStructure(organisation: organisation, tutelles: tutelles)
    }

    private func tutelles() throws(Invalid) -> [RNSRTutelle] {
        let names = entries(.tutelles)
        func aligned(_ column: RNSRColumns.Name) throws(Invalid) -> [String?] {
            let values = entries(column)
            if values.isEmpty { return Array(repeating: nil, count: names.count) }
            guard values.count == names.count else {
                throw Invalid(field: column.rawValue, reason: "\(values.count) entries for \(names.count) tutelles")
            }
            return values.map { $0.isEmpty ? nil : $0 }
        }
        let acronyms = try aligned(.tutelleAcronyms)
        let uais = try aligned(.tutelleUAIs)
        let sirets = try aligned(.tutelleSIRETs)
        let roles = try aligned(.tutelleRoles)
        var tutelles: [RNSRTutelle] = []
        for (position, name) in names.enumerated() where !name.isEmpty {
            let role: RNSRTutelle.Role = roles[position]?.uppercased() == "PART" ? .participant : .tutelle
            let tutelle = RNSRTutelle(name: name, acronym: acronyms[position], uai: uais[position], siret: sirets[position], role: role)
            if !tutelles.contains(where: { $0.placeholderID == tutelle.placeholderID }) { tutelles.append(tutelle) }
        }
        return tutelles
    }

    private func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// The RNSR's city and postcode, as a place: it writes `NANTES CEDEX 3` where the city is Nantes.
enum RNSRPlace {
    static func place(city: String?, postcode: String?) -> Place {
        let postcode = postcode.flatMap(frenchPostcode)
        let city = city.map(cityName).flatMap { $0.isEmpty ? nil : $0 }
        // Labs abroad (international units) have a city and no French postcode: their country is not said.
        let inFrance = postcode != nil || city == nil
        return Place(
            city: city, countryCode: inFrance ? "FR" : nil, countryName: inFrance ? "France" : nil, postcode: postcode)
    }

    /// Five digits; a spreadsheet that read the column as numbers dropped the leading zero of `01000`.
    static func frenchPostcode(_ text: String) -> String? {
        guard (4...5).contains(text.count), text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return text.count == 4 ? "0" + text : text
    }

    /// The city without its CEDEX (a mail-sorting suffix, not a place), in the capitalisation ROR uses.
    static func cityName(_ text: String) -> String {
        // Also glued to the city or its number: `LILLECEDEX`, `NANTES CEDEX3`.
        let withoutCedex = text.range(of: "cedex", options: .caseInsensitive).map { text[..<$0.lowerBound] } ?? text[...]
        let city = withoutCedex.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return city.contains(where: \.isLowercase) ? city : capitalised(city)
    }

    private static let lowerWords: Set<String> = ["de", "du", "des", "la", "le", "les", "en", "sur", "sous", "aux", "et", "lès", "lez"]

    /// `VILLENEUVE D'ASCQ` -> `Villeneuve d'Ascq`, `GIF-SUR-YVETTE` -> `Gif-sur-Yvette`.
    static func capitalised(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let lower = word.lowercased()
            if !result.isEmpty, lowerWords.contains(lower) {
                result += lower
            } else if lower.count > 2, lower.hasPrefix("d'") || lower.hasPrefix("l'") {
                let elided = result.isEmpty ? lower.prefix(2).uppercased() : String(lower.prefix(2))
                result += "\(elided)\(lower.dropFirst(2).prefix(1).uppercased())\(lower.dropFirst(3))"
            } else {
                result += lower.prefix(1).uppercased() + lower.dropFirst()
            }
            word = ""
        }
        for character in text {
            if character == " " || character == "-" {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }
}

/// French unit codes (`UMR 6183`, `U 1219`, `UMR_S 1136`) in one spelling, so that the registry's variants
/// (`UMRS 1136`, `UMR-S 1136`, `UMR CNRS 5157`, `UMR 7019 7019`) are one code and the matcher has one form to meet.
enum RNSRUnitCode {
    static func codes(in entries: [String]) -> [String] {
        var codes: [String] = []
        for entry in entries {
            for code in normalised(entry) where !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// One entry can hold two codes (`UAR 2014 US 41`) or repeat its number; a prefix without a number
    /// (`UR DSR`) is kept as written.
    static func normalised(_ entry: String) -> [String] {
        var tokens = entry.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !tokens.isEmpty else { return [] }
        // `UMR_S1136`: the number glued to the prefix.
        if let first = tokens.first, let split = splitGlued(first) { tokens.replaceSubrange(0...0, with: [split.prefix, split.number]) }
        var codes: [String] = []
        var prefix: [String] = []
        var lastPrefix: String?
        for token in tokens {
            if token.contains(where: \.isNumber) {
                guard let unit = prefix.isEmpty ? lastPrefix : canonicalPrefix(prefix) else { continue }
                codes.append(unit + " " + token.uppercased())
                lastPrefix = unit
                prefix = []
            } else {
                prefix.append(token)
            }
        }
        if codes.isEmpty { return [tokens.joined(separator: " ").uppercased()] }
        return codes
    }

    /// The institution named inside a code (`UMR CNRS 5157`) is the tutelle's, not part of the code.
    private static let institutions: Set<String> = ["CNRS", "INSERM", "INRA", "INRAE", "IRD"]

    static func canonicalPrefix(_ tokens: [String]) -> String {
        let kept = tokens.map { $0.uppercased() }.filter { !institutions.contains($0) }
        var prefix = (kept.isEmpty ? tokens.map { $0.uppercased() } : kept).joined(separator: "_")
        prefix = prefix.replacingOccurrences(of: "-", with: "_")
        while prefix.hasSuffix("_") { prefix.removeLast() }
        if prefix == "UMRS" { prefix = "UMR_S" }
        return prefix
    }

    private static func splitGlued(_ token: String) -> (prefix: String, number: String)? {
        guard let firstDigit = token.firstIndex(where: \.isNumber), firstDigit != token.startIndex else { return nil }
        let prefix = token[..<firstDigit]
        let number = token[firstDigit...]
        guard prefix.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }), number.allSatisfy(\.isNumber) else { return nil }
        return (String(prefix), String(number))
    }
}
