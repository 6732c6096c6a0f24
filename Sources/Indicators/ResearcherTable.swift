import Search

/// The researchers of a set, each by a number, told apart by `DocumentAuthor.researcherKey`.
///
/// The key folds the name (through Foundation when it has accents, which costs microseconds), so it is computed
/// once per distinct way an author is written, not once per signature: on 100k publications that was most of the
/// dashboard's time.
struct ResearcherTable {
    /// What the researcher key is made of, unfolded: cheap to hash, and one per spelling.
    private struct Spelling: Hashable {
        /// Enrichment's person: two homonyms it told apart stay apart, two spellings it joined are one.
        var researcher: String?
        var orcid: String?
        var family: String?
        var given: String?
        var name: String?

        init(_ author: DocumentAuthor) {
            if let researcher = author.researcher {
                self.researcher = researcher
            } else if let orcid = author.orcid {
                self.orcid = orcid
            } else if let family = author.family {
                self.family = family
                self.given = author.given
            } else {
                self.name = author.name
                self.given = author.given
            }
        }
    }

    private var bySpelling: [Spelling: Int] = [:]
    private var byKey: [String: Int] = [:]
    private(set) var keys: [String] = []
    /// The fullest form of each researcher's name met (the longest, then the first in alphabetical order), so
    /// that `Jean Dupont` wins over `J Dupont` whatever the documents' order.
    private(set) var names: [String] = []
    private(set) var orcids: [String?] = []

    var count: Int { keys.count }

    /// The researcher's number, the same for every spelling with the same key.
    mutating func index(of author: DocumentAuthor) -> Int {
        let spelling = Spelling(author)
        let index: Int
        if let known = bySpelling[spelling] {
            index = known
        } else {
            let key = author.researcherKey
            if let known = byKey[key] {
                index = known
            } else {
                index = keys.count
                byKey[key] = index
                keys.append(key)
                names.append(author.name)
                orcids.append(author.orcid)
            }
            bySpelling[spelling] = index
        }
        // Most signatures repeat the name already kept: the cheap equality spares them the ordering.
        if author.name != names[index] {
            let (name, best) = (author.name.utf8.count, names[index].utf8.count)
            if name > best || (name == best && author.name < names[index]) { names[index] = author.name }
        }
        if orcids[index] == nil, let orcid = author.orcid { orcids[index] = orcid }
        return index
    }
}
