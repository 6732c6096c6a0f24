/// A database of the hub as research papers name it: the SNDS and its components, cohorts, registries.
///
/// Products of the imported catalog describe a database's tables; this describes how authors refer to it, so
/// that publications using it can be found (`queries`) and recognised (`acronyms`, `names`).
public struct HubDatabase: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case claims, hospital, mortality, sample, aggregate, cohort, registry, warehouse, system
    }

    /// Short and stable (`SNDS`, `PMSI`): what labels, exports and `--database` use.
    public var name: String
    public var title: String
    /// The database this one is a component of: using a component is using its parent.
    public var partOf: String?
    public var kind: Kind
    public var summary: String?
    public var acronyms: [Acronym]
    /// Phrases (`PhrasePattern` syntax) that name this database whatever the context.
    public var names: [String]
    /// Phrases that name it only when the sentence or the publication is about France ("national health
    /// insurance claims" is also Taiwan's, Korea's and Japan's).
    public var genericNames: [String]
    /// Phrases that, in a sentence naming its parent, show this component is the part used ("reimbursed
    /// dispensings" in a sentence about the SNDS are the DCIR's).
    public var impliedBy: [String]
    /// Words that, near an ambiguous acronym, show it means this database (`claims` near `DCIR`).
    public var contextWords: [String]
    /// One native query per source (`pubmed`, `openalex`, `hal`, `europepmc`, `crossref`), for harvests.
    public var queries: [String: String]
    /// The catalog products holding its tables (`DCIR`, `PMSI MCO`).
    public var products: [String]

    public init(
        name: String, title: String, partOf: String? = nil, kind: Kind, summary: String? = nil, acronyms: [Acronym] = [],
        names: [String] = [], genericNames: [String] = [], impliedBy: [String] = [], contextWords: [String] = [], queries: [String: String] = [:],
        products: [String] = []
    ) {
        self.name = name
        self.title = title
        self.partOf = partOf
        self.kind = kind
        self.summary = summary
        self.acronyms = acronyms
        self.names = names
        self.genericNames = genericNames
        self.impliedBy = impliedBy
        self.contextWords = contextWords
        self.queries = queries
        self.products = products
    }

    enum CodingKeys: String, CodingKey {
        case name, title, kind, summary, acronyms, names, queries, products
        case partOf = "part_of"
        case genericNames = "generic_names"
        case impliedBy = "implied_by"
        case contextWords = "context_words"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decode(String.self, forKey: .title)
        partOf = try container.decodeIfPresent(String.self, forKey: .partOf)
        kind = try container.decode(Kind.self, forKey: .kind)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        acronyms = try container.decodeIfPresent([Acronym].self, forKey: .acronyms) ?? []
        names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        genericNames = try container.decodeIfPresent([String].self, forKey: .genericNames) ?? []
        impliedBy = try container.decodeIfPresent([String].self, forKey: .impliedBy) ?? []
        contextWords = try container.decodeIfPresent([String].self, forKey: .contextWords) ?? []
        queries = try container.decodeIfPresent([String: String].self, forKey: .queries) ?? [:]
        products = try container.decodeIfPresent([String].self, forKey: .products) ?? []
    }
}

/// An acronym as written (`SNDS`, `SNIIR-AM`), and how strictly its case must match: `SNDs` (selective neck
/// dissections) is not the `SNDS`.
public struct Acronym: Hashable, Sendable, Codable {
    public enum Case: String, Hashable, Sendable, Codable {
        /// Exactly as written.
        case exact
        /// As written or capitalised (`SNIIRAM`, `Sniiram`).
        case capitalised
        /// Any case (`CépiDc`, `CEPIDC`, `cepidc`).
        case any
    }

    public var form: String
    public var letterCase: Case
    /// Also an acronym of other things (`DCIR`: dendritic cell immunoreceptor): it counts only with the
    /// database's context words, or another sign of the database, in the publication.
    public var isAmbiguous: Bool

    public init(_ form: String, letterCase: Case = .exact, isAmbiguous: Bool = false) {
        self.form = form
        self.letterCase = letterCase
        self.isAmbiguous = isAmbiguous
    }

    enum CodingKeys: String, CodingKey {
        case form
        case letterCase = "case"
        case isAmbiguous = "ambiguous"
    }

    public init(from decoder: any Decoder) throws {
        // A bare string is an exact, unambiguous acronym: the common case stays one line of YAML.
        if let form = try? decoder.singleValueContainer().decode(String.self) {
            self.init(form)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(String.self, forKey: .form),
            letterCase: try container.decodeIfPresent(Case.self, forKey: .letterCase) ?? .exact,
            isAmbiguous: try container.decodeIfPresent(Bool.self, forKey: .isAmbiguous) ?? false)
    }
}
