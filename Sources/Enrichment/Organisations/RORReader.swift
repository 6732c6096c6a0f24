import Foundation

/// Reads a ROR data dump (the JSON array published on Zenodo), one organisation at a time: schema v2, and v1 for
/// older dumps, told apart per record (v2 has `names`, v1 a `name` string).
///
/// Errors name the file, the record's line and position, and the field (`locations[0].geonames_details.lat`).
public struct RORReader {
    private var elements: JSONArrayElements
    private let decoder = JSONDecoder()

    public init(path: String) throws(OrganisationImportError) {
        elements = try JSONArrayElements(path: path)
    }

    public mutating func next() throws(OrganisationImportError) -> Organisation? {
        guard let element = try elements.next() else { return nil }
        do {
            let record = try decoder.decode(RORRecord.self, from: Data(element.bytes))
            return try record.organisation()
        } catch let error as DecodingError {
            throw OrganisationImportError(
                file: elements.path, line: element.line, record: element.index, field: error.fieldPath, reason: error.reason)
        } catch let error as RORRecord.Invalid {
            throw OrganisationImportError(file: elements.path, line: element.line, record: element.index, field: error.field, reason: error.reason)
        } catch {
            throw OrganisationImportError(file: elements.path, line: element.line, record: element.index, reason: "\(error)")
        }
    }
}

/// A ROR record in either schema; only what Hublot keeps is read.
private struct RORRecord: Decodable {
    struct Invalid: Error {
        var field: String
        var reason: String
    }

    // Both schemas.
    var id: String
    var status: String?
    var established: Int?
    var types: [String]?
    var domains: [String]?
    var relationships: [Relationship]?
    // v2.
    var names: [Name]?
    var locations: [Location]?
    var links: [Link]?
    var externalIDs: ExternalIDs?
    // v1.
    var name: String?
    var aliases: [String]?
    var acronyms: [String]?
    var labels: [V1Label]?
    var addresses: [V1Address]?
    var country: V1Country?
    var v1Links: [String]?

    struct Name: Decodable {
        var value: String
        var types: [String]
        var lang: String?
    }

    struct Location: Decodable {
        struct Details: Decodable {
            var name: String?
            var country_code: String?
            var country_name: String?
            var country_subdivision_name: String?
            var lat: Double?
            var lng: Double?
        }
        var geonames_details: Details?
    }

    struct Link: Decodable {
        var type: String?
        var value: String
    }

    struct Relationship: Decodable {
        var type: String
        var id: String
        var label: String?
    }

    struct V1Label: Decodable {
        var label: String
        var iso639: String?
    }

    struct V1Address: Decodable {
        var city: String?
        var state: String?
        var postcode: String?
        var lat: Double?
        var lng: Double?
    }

    struct V1Country: Decodable {
        var country_code: String?
        var country_name: String?
    }

    /// v2 writes a list of `{type, all, preferred}`, v1 an object by scheme whose `all` is a string or a list.
    struct ExternalIDs: Decodable {
        var byScheme: [String: [String]] = [:]

        private struct V2Entry: Decodable {
            var type: String
            var all: [String]
        }

        private struct V1Entry: Decodable {
            var all: [String]

            private enum CodingKeys: String, CodingKey { case all }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                if let one = try? container.decode(String.self, forKey: .all) {
                    all = [one]
                } else {
                    all = try container.decodeIfPresent([String].self, forKey: .all) ?? []
                }
            }
        }

        init(from decoder: any Decoder) throws {
            if let entries = try? [V2Entry](from: decoder) {
                for entry in entries { byScheme[entry.type.lowercased(), default: []] += entry.all }
            } else {
                let entries = try [String: V1Entry](from: decoder)
                for (scheme, entry) in entries { byScheme[scheme.lowercased(), default: []] += entry.all }
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, established, types, domains, relationships, names, locations, links
        case externalIDs = "external_ids"
        case name, aliases, acronyms, labels, addresses, country
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        established = try container.decodeIfPresent(Int.self, forKey: .established)
        types = try container.decodeIfPresent([String].self, forKey: .types)
        domains = try container.decodeIfPresent([String].self, forKey: .domains)
        relationships = try container.decodeIfPresent([Relationship].self, forKey: .relationships)
        externalIDs = try container.decodeIfPresent(ExternalIDs.self, forKey: .externalIDs)
        names = try container.decodeIfPresent([Name].self, forKey: .names)
        if names != nil {
            locations = try container.decodeIfPresent([Location].self, forKey: .locations)
            links = try container.decodeIfPresent([Link].self, forKey: .links)
        } else {
            name = try container.decode(String.self, forKey: .name)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
            acronyms = try container.decodeIfPresent([String].self, forKey: .acronyms)
            labels = try container.decodeIfPresent([V1Label].self, forKey: .labels)
            addresses = try container.decodeIfPresent([V1Address].self, forKey: .addresses)
            country = try container.decodeIfPresent(V1Country.self, forKey: .country)
            v1Links = try container.decodeIfPresent([String].self, forKey: .links)
        }
    }

    func organisation() throws(Invalid) -> Organisation {
        guard id.hasPrefix("https://ror.org/"), id.count > 16 else { throw Invalid(field: "id", reason: "not a ROR id: \(id)") }
        let names = names.map(Self.names(v2:)) ?? v1Names
        guard let display = names.first(where: { $0.kind == .display }) ?? names.first else {
            throw Invalid(field: "names", reason: "the organisation has no name")
        }
        let status = Organisation.Status(rawValue: (status ?? "active").lowercased()) ?? .active
        return Organisation(
            id: id, registry: .ror, name: display.value, names: names, types: (types ?? []).map { $0.lowercased() }, status: status,
            place: locations != nil ? v2Place : v1Place, established: established, relationships: try relationshipList(),
            externalIDs: externalIDs?.byScheme ?? [:], domains: domains ?? [],
            website: links?.first { $0.type == "website" }?.value ?? v1Links?.first)
    }

    private static func names(v2 names: [Name]) -> [OrganisationName] {
        names.map { name in
            let kind: OrganisationName.Kind =
                if name.types.contains("ror_display") {
                    .display
                } else if name.types.contains("acronym") {
                    .acronym
                } else if name.types.contains("label") {
                    .label
                } else {
                    .alias
                }
            return OrganisationName(name.value, kind: kind, language: name.lang)
        }
    }

    private var v1Names: [OrganisationName] {
        var names: [OrganisationName] = name.map { [OrganisationName($0, kind: .display)] } ?? []
        names += (labels ?? []).map { OrganisationName($0.label, kind: .label, language: $0.iso639) }
        names += (aliases ?? []).map { OrganisationName($0, kind: .alias) }
        names += (acronyms ?? []).map { OrganisationName($0, kind: .acronym) }
        return names
    }

    private var v2Place: Place? {
        guard let details = locations?.first?.geonames_details else { return nil }
        return Place(
            city: details.name, countryCode: details.country_code, countryName: details.country_name,
            subdivision: details.country_subdivision_name, latitude: details.lat, longitude: details.lng)
    }

    private var v1Place: Place? {
        let address = addresses?.first
        guard address != nil || country != nil else { return nil }
        return Place(
            city: address?.city, countryCode: country?.country_code, countryName: country?.country_name, subdivision: address?.state,
            latitude: address?.lat, longitude: address?.lng, postcode: address?.postcode)
    }

    private func relationshipList() throws(Invalid) -> [OrganisationRelationship] {
        var list: [OrganisationRelationship] = []
        for (index, relationship) in (relationships ?? []).enumerated() {
            guard let kind = OrganisationRelationship.Kind(rawValue: relationship.type.lowercased()) else {
                throw Invalid(field: "relationships[\(index)].type", reason: "unknown relationship type \(relationship.type)")
            }
            list.append(OrganisationRelationship(kind: kind, id: relationship.id, label: relationship.label))
        }
        return list
    }
}

extension DecodingError {
    /// The path of the field at fault, as `locations[0].geonames_details.lat`.
    var fieldPath: String? {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? nil : text
    }

    var reason: String {
        switch self {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "missing \(type) value"
        case .keyNotFound: "missing field"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
