import Foundation

/// Finds the registry's organisations an affiliation string names, preferring to say nothing over saying wrong.
///
/// Built once from the registries (`OrganisationNameIndex`); `match` then costs lookups of the string's own word
/// runs. The string is cut into one segment per organisation group (`;`, `and` before a new institution), each
/// segment into parts (`,`, brackets); runs of words are looked up as names, as the start of a longer name whose
/// last words come later (`University of California, Davis`), and as names turned around; the longest run wins.
/// A candidate must be in the segment's country when the string says one (`AffiliationReader`); several left
/// are told apart by their city named in the string, then by a display name over an alias, or dropped. Acronyms
/// count only as a whole part, in the string's country, for one organisation there; French unit codes
/// (`UMR 5525`) find their lab.
public struct AffiliationMatcher: Sendable {
    let index: OrganisationNameIndex
    /// Matches scoring less are not returned.
    public var threshold: Double
    /// Whether a unit is returned beside its parent (`Institut Charles Gerhardt` with `Université de Montpellier`):
    /// ROR's gold sets name the institution alone, hand curation of French labs names both.
    public var keepsUnitsBesideParent: Bool

    public init(organisations: [Organisation], threshold: Double = 0.7, keepsUnitsBesideParent: Bool = false) {
        index = OrganisationNameIndex(organisations)
        self.threshold = threshold
        self.keepsUnitsBesideParent = keepsUnitsBesideParent
    }

    public var organisationCount: Int { index.organisations.count }

    public func contains(id: String) -> Bool { index.position[id] != nil }

    public func match(_ affiliation: String) -> [AffiliationMatch] {
        let text = AffiliationText.decodingEntities(affiliation)
        let segments = Self.segments(text)
        // Read only for a segment that names no country; one segment is the whole string.
        var wholeCountry: Country??
        let context = MatchContext(folded: " " + AffiliationText.folded(text) + " ")
        var found: [Int32: Found] = [:]
        for segment in segments {
            let parsed = AffiliationText(segment)
            var country = AffiliationReader.country(in: parsed)
            if country == nil && segments.count > 1 {
                if wholeCountry == nil { wholeCountry = AffiliationReader.country(of: text) }
                country = wholeCountry ?? nil
            }
            for candidate in candidates(in: segment, parsed: parsed, country: country?.code, context: context) {
                if let current = found[candidate.organisation], current.score >= candidate.score { continue }
                found[candidate.organisation] = candidate
            }
        }
        Self.dropUnitsOfMatched(&found, index: index, keepingChildren: keepsUnitsBesideParent)
        return found.values.filter { $0.score >= threshold }
            .sorted { ($0.score, $1.organisation) > ($1.score, $0.organisation) }
            .map { found in
                let organisation = index.organisations[Int(found.organisation)]
                return AffiliationMatch(
                    id: organisation.id, name: organisation.name, country: organisation.place?.countryCode, score: min(1, found.score))
            }
    }

    struct Found: Sendable {
        var organisation: Int32
        var score: Double
        /// Named like a unit of something (`Institute of Biophysics`, `Department of Biotechnology`).
        var isUnitLike = false
    }

    struct MatchContext {
        /// The whole string folded, with a space at each end, where cities are looked for.
        var folded: String

        func names(city: String?) -> Bool {
            guard let city, !city.isEmpty else { return false }
            return folded.contains(" " + city + " ")
        }
    }

    /// An organisation whose parent is matched too is a unit named on the way to the institution: dropped unless
    /// asked for. A unit-like name made of common words only (`Institute of Physics`) beside an institution is
    /// that institution's unit, whatever the registry holds under that name: dropped.
    static func dropUnitsOfMatched(_ found: inout [Int32: Found], index: OrganisationNameIndex, keepingChildren: Bool) {
        let matchedIDs = Set(found.keys.map { index.organisations[Int($0)].id })
        let hasInstitution = found.values.contains(where: { !$0.isUnitLike })
        for (key, candidate) in found {
            let organisation = index.organisations[Int(key)]
            let isChild = organisation.parentIDs.contains(where: matchedIDs.contains)
            if (isChild && !keepingChildren) || (candidate.isUnitLike && hasInstitution && index.isGeneric(organisation.name)) { found[key] = nil }
        }
    }
}
