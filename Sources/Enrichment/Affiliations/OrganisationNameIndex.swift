import Foundation

/// The registry as the matcher reads it, built once: every name's words as a key to the organisations bearing it,
/// so that matching a string costs lookups of its own word runs and never a scan of the registry.
struct OrganisationNameIndex: Sendable {
    /// How a key names its organisations: by one of their names, by the start of a longer name whose last words
    /// the string prints further on (`University of North Carolina School of Medicine, Chapel Hill`), or by a name
    /// turned around (`University of Lund` for `Lund University`).
    enum Form: Int, Sendable {
        case name, start, turned
    }

    struct Entry: Sendable {
        var organisation: Int32
        /// How the organisation bears the key's name: of two organisations sharing a key, the one whose display
        /// name it is beats the one having it as a label in another language (`Universidad de Minnesota` for the
        /// University of Minnesota System), which beats an alias.
        var rank: NameRank
        /// For a `start`: the words the rest of the name needs.
        var rest: [Int32] = []

        var isPrimary: Bool { rank > .alias }
    }

    enum NameRank: Int8, Comparable, Sendable {
        case alias, label, display

        init(_ kind: OrganisationName.Kind) {
            switch kind {
            case .display: self = .display
            case .label: self = .label
            default: self = .alias
            }
        }

        static func < (left: NameRank, right: NameRank) -> Bool { left.rawValue < right.rawValue }
    }

    let organisations: [Organisation]
    /// Folded word → its number; a word no name holds has none, which ends a run at once.
    let vocabulary: [String: Int32]
    /// Number → word.
    let words: [String]
    let names: [Key: [Entry]]
    let starts: [Key: [Entry]]
    let turned: [Key: [Entry]]
    /// Every beginning of a key of any form: a run is extended only while it is one.
    let beginnings: Set<Key>
    /// Acronyms as printed (`CNRS`, `UFU`) → organisations.
    let acronyms: [String: [Int32]]
    /// `UMR 5525`, `U 1219` in one spelling (`UnitCode`) → organisations.
    let unitCodes: [String: [Int32]]
    /// Folded cities of the organisations, and whether a key is one.
    let cities: Set<String>
    let foldedCities: [String?]
    let longestKey: Int
    /// How many keys hold each word: a name whose every word is common (`Institute of Physics`) names no one in particular.
    let frequency: [Int32: Int]
    /// Where an organisation is in `organisations`, by id.
    let position: [String: Int32]
    /// The names' keys, and for each word the keys holding it: a part naming nothing exactly is compared with the
    /// names sharing its rarest word.
    let nameKeys: [Key]
    let keysByWord: [Int32: [Int32]]
    /// A long word with one letter taken out → the word, or nil when two words give it: typos are read through it.
    let deletions: [String: Int32?]

    /// A run of word numbers; a struct so that it hashes as one value.
    struct Key: Hashable, Sendable {
        var words: [Int32]
    }

    init(_ organisations: [Organisation]) {
        var builder = Builder()
        for (index, organisation) in organisations.enumerated() { builder.add(organisation, at: Int32(index)) }
        self.organisations = organisations
        vocabulary = builder.vocabulary
        var words = [String](repeating: "", count: builder.vocabulary.count)
        for (word, number) in builder.vocabulary { words[Int(number)] = word }
        self.words = words
        names = builder.names
        starts = builder.starts
        turned = builder.turned
        var beginnings: Set<Key> = []
        for keys in [builder.names.keys, builder.starts.keys, builder.turned.keys] {
            for key in keys {
                for length in 1...key.words.count { beginnings.insert(Key(words: Array(key.words.prefix(length)))) }
            }
        }
        self.beginnings = beginnings
        var frequency: [Int32: Int] = [:]
        for key in builder.names.keys {
            for word in Set(key.words) { frequency[word, default: 0] += 1 }
        }
        self.frequency = frequency
        let nameKeys = Array(builder.names.keys)
        var keysByWord: [Int32: [Int32]] = [:]
        for (position, key) in nameKeys.enumerated() {
            for word in Set(key.words) { keysByWord[word, default: []].append(Int32(position)) }
        }
        self.nameKeys = nameKeys
        self.keysByWord = keysByWord
        acronyms = builder.acronyms
        unitCodes = builder.unitCodes
        cities = builder.cities
        foldedCities = organisations.map { $0.place?.city.map(AffiliationText.folded) }
        longestKey = builder.longestKey
        position = Dictionary(organisations.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        var deletions: [String: Int32?] = [:]
        // The forms the index spells as another word (`institut`, `universite`) are misspelt too (`Insitut`, `Universit`).
        let spellings =
            builder.vocabulary.map { ($0.key, $0.value) }
            + NameTokens.equivalents.compactMap { form, word in builder.vocabulary[word].map { (form, $0) } }
        for (word, number) in spellings where word.count >= Self.typoLength {
            for variant in Self.deletions(of: word) {
                if let known = deletions[variant], known != number { deletions[variant] = .some(nil) } else { deletions[variant] = number }
            }
        }
        self.deletions = deletions
    }

    func number(_ word: String) -> Int32? { vocabulary[word] }

    /// How much a word tells a name from others: rare words weigh more; a word no name holds weighs the most.
    func weight(_ word: Int32?) -> Double {
        let count = word.map { frequency[$0, default: 0] } ?? 0
        return log(Double(nameKeys.count + 1) / Double(count + 1))
    }

    /// Words this long or longer are read through one typo (`Univeristy`, `Hosptial`): shorter ones are too often
    /// another word.
    static let typoLength = 6

    /// The one word of the index that an unknown word is one typo away from: a letter left out, added, changed or
    /// two swapped (both words then share a form with one letter taken out).
    func correction(of word: String) -> Int32? {
        guard word.count >= Self.typoLength, word.allSatisfy(\.isLetter) else { return nil }
        // A letter left out (`Univesity`, `Universit`) is the commonest slip: one word it is missing from wins over
        // words a letter changed would give.
        if let left = deletions[word], let number = left { return number }
        var found: Int32?
        for variant in [word] + Self.deletions(of: word) {
            guard let entry = deletions[variant] else { continue }
            guard let number = entry, found == nil || found == number else { return nil }
            found = number
        }
        return found
    }

    static func deletions(of word: String) -> [String] {
        let characters = Array(word)
        return characters.indices.map { position in
            var variant = characters
            variant.remove(at: position)
            return String(variant)
        }
    }

    /// Every word of the name is in many others' names.
    func isGeneric(_ name: String) -> Bool {
        NameTokens.words(name).allSatisfy { word in vocabulary[word].map { frequency[$0, default: 0] >= 20 } ?? false }
    }

    private struct Builder {
        var vocabulary: [String: Int32] = [:]
        var names: [Key: [Entry]] = [:]
        var starts: [Key: [Entry]] = [:]
        var turned: [Key: [Entry]] = [:]
        var acronyms: [String: [Int32]] = [:]
        var unitCodes: [String: [Int32]] = [:]
        var cities: Set<String> = []
        var longestKey = 0

        mutating func add(_ organisation: Organisation, at index: Int32) {
            if let city = organisation.place?.city { cities.insert(AffiliationText.folded(city)) }
            let allNames = organisation.names.isEmpty ? [OrganisationName(organisation.name, kind: .display)] : organisation.names
            for name in allNames {
                switch name.kind {
                case .unitCode:
                    if let code = UnitCode(registryName: name.value) { Self.append(index, to: &unitCodes[code.key, default: []]) }
                case .acronym:
                    addAcronym(name.value, index)
                case .display, .label, .alias:
                    if OrganisationNameIndex.looksLikeAcronym(name.value) {
                        addAcronym(name.value, index)
                        continue
                    }
                    for form in OrganisationNameIndex.forms(of: name.value) {
                        let words = NameTokens.words(form)
                        addName(words, index, rank: NameRank(name.kind))
                        if let joined = OrganisationNameIndex.joiningInitials(words) { addName(joined, index, rank: NameRank(name.kind)) }
                    }
                }
            }
        }

        private mutating func addAcronym(_ value: String, _ index: Int32) {
            let acronym = value.trimmingCharacters(in: .whitespaces)
            if acronym.count >= 2 { Self.append(index, to: &acronyms[acronym, default: []]) }
        }

        private static func append(_ index: Int32, to list: inout [Int32]) {
            if list.last != index { list.append(index) }
        }

        private mutating func addName(_ words: [String], _ index: Int32, rank: NameRank) {
            guard !words.isEmpty else { return }
            var numbers: [Int32] = []
            for word in words { numbers.append(numbering(word)) }
            let key = Key(words: numbers)
            longestKey = max(longestKey, words.count)
            Self.add(Entry(organisation: index, rank: rank), to: &names[key, default: []])
            if let turnedWords = OrganisationNameIndex.turnedAround(words) {
                let turnedKey = Key(words: turnedWords.map { vocabulary[$0]! })
                Self.add(Entry(organisation: index, rank: rank), to: &turned[turnedKey, default: []])
            }
            // The start of a name, up to a word saying its kind, then the rest (`University of California` + `Davis`).
            guard words.count >= 3, let kind = words.firstIndex(where: NameTokens.kindWords.contains) else { return }
            for length in max(2, kind + 1)..<words.count {
                let entry = Entry(organisation: index, rank: rank, rest: Array(key.words[length...]))
                Self.add(entry, to: &starts[Key(words: Array(key.words.prefix(length))), default: []])
            }
        }

        private static func add(_ entry: Entry, to list: inout [Entry]) {
            if let same = list.firstIndex(where: { $0.organisation == entry.organisation && $0.rest == entry.rest }) {
                list[same].rank = max(list[same].rank, entry.rank)
            } else {
                list.append(entry)
            }
        }

        private mutating func numbering(_ word: String) -> Int32 {
            if let number = vocabulary[word] { return number }
            let number = Int32(vocabulary.count)
            vocabulary[word] = number
            return number
        }
    }

    /// A short word in capitals (`MIT`, `UCLouvain`) is read as an acronym even when the registry calls it an alias:
    /// it is matched only with the acronyms' safeguards.
    static func looksLikeAcronym(_ name: String) -> Bool {
        let name = name.trimmingCharacters(in: .whitespaces)
        return name.count <= 6 && !name.contains(" ") && name.filter(\.isUppercase).count >= 2
    }

    /// The name, and without the country ROR adds in brackets to companies' names (`Eli Lilly (United States)`), each
    /// in its other spellings.
    static func forms(of name: String) -> [String] {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return spellings(of: name) }
        let bare = name[..<open].trimmingCharacters(in: .whitespaces)
        return bare.isEmpty ? spellings(of: name) : spellings(of: name) + spellings(of: bare)
    }

    /// A name as strings also print it: an abbreviation's period with a space after it (`St.Gallen` as `St. Gallen`),
    /// German umlauts written out (`Tübingen` as `Tuebingen`).
    static func spellings(of name: String) -> [String] {
        var result = [name]
        let characters = Array(name)
        let periodsBeforeLetters = characters.indices.dropLast().filter { characters[$0] == "." && characters[$0 + 1].isLetter }
        if !periodsBeforeLetters.isEmpty {
            var spaced = characters
            for position in periodsBeforeLetters.reversed() { spaced.insert(" ", at: position + 1) }
            result.append(String(spaced))
        }
        if name.contains(where: { umlauts[$0] != nil }) {
            result += result.map { spelling in String(spelling.flatMap { umlauts[$0].map(Array.init) ?? [$0] }) }
        }
        return result
    }

    private static let umlauts: [Character: String] = ["ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"]

    /// A name's initials run together, as strings print them with periods (`K J Somaiya College` as `K.J. Somaiya
    /// College`, folded `kj somaiya college`); nil when the name has no two initials in a row.
    static func joiningInitials(_ words: [String]) -> [String]? {
        var result: [String] = []
        var joined = false
        // Whether the last word of the result is made of initials only.
        var lastIsInitials = false
        for word in words {
            let isInitial = word.count == 1 && word.first?.isLetter == true
            if isInitial, lastIsInitials, let last = result.last {
                result[result.count - 1] = last + word
                joined = true
            } else {
                result.append(word)
                lastIsInitials = isInitial
            }
        }
        return joined ? result : nil
    }

    /// `Lund University` ↔ `University Lund`: a name with its kind word at one end, turned around.
    static func turnedAround(_ words: [String]) -> [String]? {
        let ends: Set<String> = ["university", "institute", "hospital", "college"]
        guard words.count >= 2 else { return nil }
        if let last = words.last, ends.contains(last), !NameTokens.kindWords.contains(words[0]) { return [last] + words.dropLast() }
        if ends.contains(words[0]), let last = words.last, !NameTokens.kindWords.contains(last) { return Array(words.dropFirst()) + [words[0]] }
        return nil
    }
}
