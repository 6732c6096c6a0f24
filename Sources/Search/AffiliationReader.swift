import Foundation

/// Reads the structure and the country an affiliation string names, before enrichment matches it to an
/// organisation registry. Pure functions of the string: the same string always reads the same.
///
/// The string is cut into parts (`,` `;`), e-mail addresses set aside. The country comes from the most explicit
/// signal, looked for from the last part back (`AffiliationReader+Country.swift`); the structure is the part
/// naming the institution, the university first (`AffiliationReader+Structure.swift`). Either is nil when the
/// string does not say.
public enum AffiliationReader {
    public static func read(_ text: String) -> DocumentAffiliation {
        let parsed = AffiliationText(text)
        return DocumentAffiliation(text: text, structure: structure(in: parsed), country: country(in: parsed)?.name)
    }
}
