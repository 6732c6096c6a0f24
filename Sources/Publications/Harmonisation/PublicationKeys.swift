/// The keys a work is found by when a new record arrives: its identifiers, strongest first, then the title key
/// for records that share no identifier.
public enum PublicationKeyKind: String, Hashable, Sendable, Codable, CaseIterable {
    case doi, pmid, pmcid
    case hal
    case openalex
    case title
}

public struct PublicationKey: Hashable, Sendable {
    public var kind: PublicationKeyKind
    public var value: String

    public init(_ kind: PublicationKeyKind, _ value: String) {
        self.kind = kind
        self.value = value
    }
}

extension PublicationIdentifiers {
    /// The identifiers that name one work, in the order merging trusts them.
    public var keys: [PublicationKey] {
        var keys: [PublicationKey] = []
        if let doi { keys.append(PublicationKey(.doi, doi)) }
        if let pmid { keys.append(PublicationKey(.pmid, pmid)) }
        if let pmcid { keys.append(PublicationKey(.pmcid, pmcid)) }
        if let halID { keys.append(PublicationKey(.hal, halID)) }
        if let openAlexID { keys.append(PublicationKey(.openalex, openAlexID)) }
        return keys
    }

    /// Two sets of identifiers name different works when any scheme both have gives different values: a
    /// preprint and its article share a title but not a DOI, two PubMed records never share a PMID.
    public func conflicts(with other: PublicationIdentifiers) -> Bool {
        func differ(_ lhs: String?, _ rhs: String?) -> Bool {
            guard let lhs, let rhs else { return false }
            return lhs != rhs
        }
        return differ(doi, other.doi) || differ(pmid, other.pmid) || differ(pmcid, other.pmcid) || differ(halID, other.halID)
            || differ(openAlexID, other.openAlexID)
    }

    /// These identifiers, completed with those only `other` has.
    public func completed(with other: PublicationIdentifiers) -> PublicationIdentifiers {
        var result = self
        result.doi = doi ?? other.doi
        result.pmid = pmid ?? other.pmid
        result.pmcid = pmcid ?? other.pmcid
        result.halID = halID ?? other.halID
        result.openAlexID = openAlexID ?? other.openAlexID
        return result
    }
}

extension PublicationMetadata {
    /// Identifier keys, then the title key when the record has a title, a year and at least three title words.
    public var keys: [PublicationKey] {
        var keys = identifiers.keys
        let firstAuthor = authors.first.flatMap { $0.family ?? $0.collective }
        if let titleKey = Normalize.titleKey(title: title, year: date?.year, firstAuthorFamily: firstAuthor) {
            keys.append(PublicationKey(.title, titleKey))
        }
        return keys
    }
}
