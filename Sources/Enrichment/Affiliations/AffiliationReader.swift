import Foundation

/// Reads the structure and the country an affiliation string names, without a registry: what search shows for
/// a string no organisation matches, and the country the matcher checks its candidates against. Pure functions
/// of the string: the same string always reads the same.
///
/// The string is cut into parts (`,` `;`), e-mail addresses set aside. The country comes from the most explicit
/// signal, looked for from the last part back (`AffiliationReader+Country.swift`); the structure is the part
/// naming the institution, the university first (`AffiliationReader+Structure.swift`). Either is nil when the
/// string does not say.
public enum AffiliationReader {
    public static func read(_ text: String) -> AffiliationReading {
        let parsed = AffiliationText(text)
        return AffiliationReading(structure: structure(in: parsed), country: country(in: parsed))
    }

    /// The country alone, for callers that have their structure from elsewhere.
    public static func country(of text: String) -> Country? { country(in: AffiliationText(text)) }
}

/// What `AffiliationReader` reads from one string.
public struct AffiliationReading: Hashable, Sendable {
    /// The institution part as printed (`CHU de Bordeaux`).
    public var structure: String?
    public var country: Country?

    public init(structure: String? = nil, country: Country? = nil) {
        self.structure = structure
        self.country = country
    }
}
