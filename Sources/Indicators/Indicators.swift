/// A count and what fraction of the result set it is (`share` from 0 to 1; 0 for an empty set).
public struct Share: Hashable, Sendable, Codable {
    public var count: Int
    public var share: Double

    public init(count: Int, of total: Int) {
        self.count = count
        self.share = total == 0 ? 0 : Double(count) / Double(total)
    }
}

/// A share for a property that is not always known: `share` is of the whole set, `shareOfKnown` of the
/// publications where the property is known, since an unknown open-access status or country is not a "no".
public struct KnownShare: Hashable, Sendable, Codable {
    public var count: Int
    public var share: Double
    /// How many publications of the set have the property known.
    public var known: Int
    public var shareOfKnown: Double

    public init(count: Int, known: Int, of total: Int) {
        self.count = count
        self.share = total == 0 ? 0 : Double(count) / Double(total)
        self.known = known
        self.shareOfKnown = known == 0 ? 0 : Double(count) / Double(known)
    }
}

/// One value of a top-N list (a structure, a journal, a country) with its publications.
public struct RankedCount: Hashable, Sendable, Codable {
    public var value: String
    public var publications: Int
    public var share: Double

    public init(value: String, publications: Int, of total: Int) {
        self.value = value
        self.publications = publications
        self.share = total == 0 ? 0 : Double(publications) / Double(total)
    }
}

/// A researcher of the top-N list: told apart by `DocumentAuthor.researcherKey`, shown by the fullest form of
/// the name met.
public struct ResearcherCount: Hashable, Sendable, Codable {
    public var key: String
    public var name: String
    public var orcid: String?
    public var publications: Int
    public var share: Double

    public init(key: String, name: String, orcid: String?, publications: Int, of total: Int) {
        self.key = key
        self.name = name
        self.orcid = orcid
        self.publications = publications
        self.share = total == 0 ? 0 : Double(publications) / Double(total)
    }
}

/// Publications of one year and the change from the year before, in percent (none when the year before had
/// none, or for the first year).
public struct YearCount: Hashable, Sendable, Codable {
    public var year: Int
    public var publications: Int
    public var growth: Double?

    public init(year: Int, publications: Int, growth: Double? = nil) {
        self.year = year
        self.publications = publications
        self.growth = growth
    }
}
