import Foundation

/// Reads the structure and the country an affiliation string names, before enrichment matches it to an
/// organisation registry: the country from the string's last part, the structure from the part that names
/// an institution.
public enum AffiliationReader {
    public static func read(_ text: String) -> DocumentAffiliation {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let country = parts.last.flatMap { countries[$0.trimmingCharacters(in: .punctuationCharacters).lowercased()] }
        let structure = parts.first { part in institutionWords.contains { part.lowercased().contains($0) } }
        return DocumentAffiliation(text: text, structure: structure, country: country)
    }

    static let institutionWords = ["universit", "hospital", "hôpital", "hopital", "chu ", "inserm", "cnrs", "institut", "school", "college"]

    static let countries: [String: String] = [
        "france": "France", "usa": "United States", "united states": "United States", "uk": "United Kingdom",
        "united kingdom": "United Kingdom", "germany": "Germany", "italy": "Italy", "spain": "Spain", "canada": "Canada",
    ]
}
