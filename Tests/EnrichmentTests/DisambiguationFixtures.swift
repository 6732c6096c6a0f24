@testable import Enrichment

/// A mention written the way tests think of it: `mention("p1", 1, "Dupont", "Jean", with: ["martin c"])`.
func mention(
    _ publication: String, _ position: Int, _ family: String, _ given: String?, orcid: String? = nil, with coAuthors: [String] = [],
    structures: [String] = [], topics: [String] = []
) -> AuthorMention {
    AuthorMention(
        key: MentionKey(publication: publication, position: position), name: [given, family].compactMap { $0 }.joined(separator: " "),
        family: family.lowercased(), given: GivenNames(given: given, initials: nil), orcid: orcid, coAuthors: coAuthors.sorted(),
        structures: structures.sorted(), topics: topics.sorted())
}

extension ResearcherDisambiguation.Result {
    /// The researcher holding a mention.
    func researcher(of publication: String, _ position: Int) -> Researcher? {
        researchers.first { $0.mentions.contains { $0.key == MentionKey(publication: publication, position: position) } }
    }

    func together(_ a: (String, Int), _ b: (String, Int)) -> Bool {
        guard let one = researcher(of: a.0, a.1) else { return false }
        return one.id == researcher(of: b.0, b.1)?.id
    }
}

/// Mentions of distinct people with distinct names, so that name frequencies look like a real corpus's.
func strangers(_ count: Int) -> [AuthorMention] {
    (0..<count).map { index in mention("filler-\(index)", 1, "Family\(index)", "Given\(index)") }
}
