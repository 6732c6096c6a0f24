/// A research organisation of a registry: a ROR record (a university, a hospital, a company, a funder) or an
/// RNSR structure (a French lab, with its parent institutions, the "tutelles").
///
/// One shape for both registries, so that matching, pages and the map know nothing of where an organisation
/// came from. ROR ids are kept as ROR writes them (`https://ror.org/03acrzv41`), RNSR ids as the national number
/// (`200412238P`).
public struct Organisation: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var registry: OrganisationRegistryKind
    /// The name to show: ROR's `ror_display`, RNSR's `libelle`.
    public var name: String
    /// Every name it is known by, the display name included.
    public var names: [OrganisationName]
    /// ROR's types (`education`, `healthcare`, `facility`) or RNSR's type of structure (`Unité mixte`).
    public var types: [String]
    public var status: Status
    public var place: Place?
    public var established: Int?
    public var relationships: [OrganisationRelationship]
    /// Identifiers in other schemes, by lower-cased scheme (`grid`, `isni`, `wikidata`, `fundref`, `rnsr`).
    public var externalIDs: [String: [String]]
    /// Internet domains of the organisation (`u-bordeaux.fr`), for e-mail addresses in bylines.
    public var domains: [String]
    public var website: String?

    public enum Status: String, Hashable, Sendable, Codable {
        case active, inactive, withdrawn
    }

    // `externalIds`, so that the snake_case JSON of the API says `external_ids`.
    private enum CodingKeys: String, CodingKey {
        case id, registry, name, names, types, status, place, established, relationships, domains, website
        case externalIDs = "externalIds"
    }

    public init(
        id: String, registry: OrganisationRegistryKind, name: String, names: [OrganisationName] = [], types: [String] = [],
        status: Status = .active, place: Place? = nil, established: Int? = nil, relationships: [OrganisationRelationship] = [],
        externalIDs: [String: [String]] = [:], domains: [String] = [], website: String? = nil
    ) {
        self.id = id
        self.registry = registry
        self.name = name
        self.names = names
        self.types = types
        self.status = status
        self.place = place
        self.established = established
        self.relationships = relationships
        self.externalIDs = externalIDs
        self.domains = domains
        self.website = website
    }

    /// The ids of the organisations it belongs to (ROR's `parent`, RNSR's tutelles once linked to ROR).
    public var parentIDs: [String] { relationships.filter { $0.kind == .parent }.map(\.id) }
    public var childIDs: [String] { relationships.filter { $0.kind == .child }.map(\.id) }
}

public enum OrganisationRegistryKind: String, Hashable, Sendable, Codable, CaseIterable {
    case ror, rnsr
}

/// One name of an organisation and what kind of name it is: matching trusts a display name or a label more
/// than an acronym, which many organisations share.
public struct OrganisationName: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The name the registry shows.
        case display
        /// The name in another language (ROR's `label`).
        case label
        /// Another form (ROR's `alias`, RNSR's `sigle` spelled out).
        case alias
        case acronym
        /// A French lab's unit code (`UMR 5525`, `U1219`, `EA 4360`).
        case unitCode
    }

    public var value: String
    public var kind: Kind
    /// ISO 639-1 when the registry says (`fr`, `en`).
    public var language: String?

    public init(_ value: String, kind: Kind, language: String? = nil) {
        self.value = value
        self.kind = kind
        self.language = language
    }
}

/// Where an organisation is: the city and country of its main location, and its coordinates for the map.
public struct Place: Hashable, Sendable, Codable {
    public var city: String?
    /// ISO 3166-1 alpha-2 (`FR`).
    public var countryCode: String?
    public var countryName: String?
    /// The region or state (`Île-de-France`), when the registry says.
    public var subdivision: String?
    public var latitude: Double?
    public var longitude: Double?
    public var postcode: String?

    public init(
        city: String? = nil, countryCode: String? = nil, countryName: String? = nil, subdivision: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil, postcode: String? = nil
    ) {
        self.city = city
        self.countryCode = countryCode
        self.countryName = countryName
        self.subdivision = subdivision
        self.latitude = latitude
        self.longitude = longitude
        self.postcode = postcode
    }
}

public struct OrganisationRelationship: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case parent, child, related, predecessor, successor
    }

    public var kind: Kind
    /// The other organisation's id, in its registry's form.
    public var id: String
    /// Its name as the registry printed it, for organisations not loaded.
    public var label: String?

    public init(kind: Kind, id: String, label: String? = nil) {
        self.kind = kind
        self.id = id
        self.label = label
    }
}
