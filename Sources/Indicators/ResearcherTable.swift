import Search

/// The researchers of a set, each by a number, told apart by `DocumentAuthor.researcherKey`.
///
/// The key folds the name (through Foundation when it has accents, which costs microseconds), so it is computed
/// once per distinct way an author is written, not once per signature: on 100k publications that was most of the
/// dashboard's time.
struct ResearcherTable {
    /// What the researcher key is made of, unfolded: cheap to hash, and one per spelling.
    private struct Spelling: Hashable {
        var orcid: String?
        var family: String?
        var given: String?
        var name: String?

        init(_ author: DocumentAuthor) {
            if let orcid = author.orcid {
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
            let key = Self.key(of: author)
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

    /// `author.researcherKey`, without Foundation for names whose letters are ASCII or Latin-1 accented
    /// letters (Foundation's folding creates a locale per call: a few microseconds per name, most of the
    /// dashboard's time when half the names of a French set have accents). Anything else takes the key's own path.
    static func key(of author: DocumentAuthor) -> String {
        if let orcid = author.orcid { return "orcid:\(orcid)" }
        let initial = author.given?.first.map { String($0) } ?? ""
        guard let family = latinFolded(author.family ?? author.name), let folded = latinFolded(initial) else { return author.researcherKey }
        return "name:\(family), \(folded)"
    }

    /// Lower-cased without accents, as `String.folded` gives, or nil past the letters this table knows.
    static func latinFolded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            } else if let replacement = latin[value] {
                bytes.append(contentsOf: replacement.utf8)
            } else {
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Latin-1's accented letters and the ligatures `folded` spells out; not ø, ß, ð or þ, which folding keeps.
    static let latin: [UInt32: String] = {
        var table: [UInt32: String] = [0x152: "oe", 0x153: "oe", 0xC6: "ae", 0xE6: "ae"]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäå", "a"), ("Çç", "c"), ("ÈÉÊËèéêë", "e"), ("ÌÍÎÏìíîï", "i"), ("Ññ", "n"),
            ("ÒÓÔÕÖòóôõö", "o"), ("ÙÚÛÜùúûü", "u"), ("Ýýÿ", "y"),
        ]
        for (letters, base) in groups { for scalar in letters.unicodeScalars { table[scalar.value] = base } }
        return table
    }()
}
