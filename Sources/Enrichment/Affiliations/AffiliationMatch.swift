/// An organisation an affiliation string names, with how sure the matcher is: `score` is in [0, 1], and only
/// matches above the matcher's threshold are returned, so a score is a confidence, not a rank.
public struct AffiliationMatch: Hashable, Sendable, Codable {
    /// The organisation's id in its registry (`https://ror.org/057qpr032`, `200711886U`).
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2 of the organisation's country.
    public var country: String?
    public var score: Double

    public init(id: String, name: String, country: String?, score: Double) {
        self.id = id
        self.name = name
        self.country = country
        self.score = score
    }
}
