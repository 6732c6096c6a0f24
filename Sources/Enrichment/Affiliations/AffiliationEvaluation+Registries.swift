extension AffiliationEvaluation {
    /// Judges the matcher against a gold set that speaks one registry's ids (ROR's test sets): a match from
    /// another registry counts as the organisation it is linked to there (an RNSR lab as its ROR record), and is
    /// left out when it has no such link, since the gold could not have named it.
    public init(items: [AffiliationGoldItem], matcher: AffiliationMatcher, goldRegistry: OrganisationRegistryKind) {
        self.init(
            items: items, isLoaded: matcher.contains(id:), relatives: matcher.relativeIDs(of:),
            predict: { text in
                var seen: Set<String> = []
                return matcher.match(text).compactMap { matcher.id($0.id, in: goldRegistry) }.filter { seen.insert($0).inserted }
            })
    }
}

extension AffiliationMatcher {
    /// The id of this organisation in `registry`: its own, or the one a link gives it.
    func id(_ id: String, in registry: OrganisationRegistryKind) -> String? {
        guard let position = index.position[id] else { return nil }
        let organisation = index.organisations[Int(position)]
        if organisation.registry == registry { return id }
        return organisation.externalIDs[registry.rawValue]?.first.flatMap { index.position[$0] != nil ? $0 : nil }
    }
}
