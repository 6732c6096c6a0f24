import Foundation

extension AffiliationMatcher {
    /// One word of a segment: folded, spelled as the index spells it, its number there, and its part.
    struct Word {
        var text: String
        var number: Int32?
        var part: Int
    }

    /// A run of words found in the index, and how.
    struct Span {
        var start: Int
        var end: Int
        var form: OrganisationNameIndex.Form
        var key: OrganisationNameIndex.Key
    }

    /// `parsed` is the segment's own parse, reused when cutting run-together words and brackets changes nothing.
    func candidates(in segment: String, parsed: AffiliationText, country: String?, context: MatchContext) -> [Found] {
        let prepared = Self.bracketsAsCommas(separatingRunTogether(segment))
        let parts = prepared == segment ? parsed.parts : AffiliationText(prepared).parts
        var words: [Word] = []
        var partStart: [Int] = []
        for (index, part) in parts.enumerated() {
            partStart.append(words.count)
            for word in NameTokens.words(folded: Self.universitySpelledOut(part)) {
                words.append(Word(text: word, number: self.index.number(word) ?? self.index.correction(of: word), part: index))
            }
        }
        var found: [Found] = []
        var taken = [Bool](repeating: false, count: words.count)
        let spans = spans(in: words)
        // A part holding a name of two words or more, even one left unresolved, is not read inexactly.
        let named = Set(spans.filter { $0.end - $0.start >= 2 }.map { words[$0.start].part })
        for span in spans where !taken[span.start..<span.end].contains(true) {
            guard let candidate = resolve(span, words: words, partStart: partStart, country: country, context: context) else { continue }
            for position in span.start..<span.end { taken[position] = true }
            found.append(candidate)
        }
        for part in parts.indices {
            let positions = words.indices.filter { words[$0].part == part }
            guard !positions.isEmpty, !positions.contains(where: { taken[$0] }) else { continue }
            let partWords = positions.map { words[$0] }
            if !named.contains(part), let candidate = nearestName(to: partWords, country: country, context: context) {
                found.append(candidate)
            } else if let candidate = universityOfSchool(partWords, country: country, context: context) {
                found.append(candidate)
            }
        }
        found += acronymCandidates(in: segment, country: country, context: context)
        found += unitCodeCandidates(in: segment, country: country, context: context)
        return found
    }

    /// `U.` for university, before `of` (`U. of Illinois`) or closing the part (`Tilburg U.`); a `U` before a
    /// number is an Inserm unit (`U 1219`), and stays one.
    static func universitySpelledOut(_ part: AffiliationText.Part) -> String {
        let folded = part.folded
        guard folded.hasPrefix("u ") || folded.contains(" u ") || folded.hasSuffix(" u") else { return folded }
        var words = folded.split(separator: " ").map(String.init)
        for position in words.indices where words[position] == "u" {
            let next = position + 1 < words.count ? words[position + 1] : nil
            if next == "of" || (next == nil && position > 0 && part.text.hasSuffix(" U")) { words[position] = "university" }
        }
        return words.joined(separator: " ")
    }

    /// Two parts printed without the comma between them (`Department of EngineeringNanchang University`, `Duke
    /// UniversityUSA`, `Kagoshima University1-21-40 Korimoto`, `University of PennsylvaniaPhiladelphiaPA`): a word
    /// unknown to the index that starts with a known word, a capital or a digit after a small letter, is cut there
    /// when what follows is known words, codes (`RG6`, `76204`) and at most one last word of any kind.
    func separatingRunTogether(_ segment: String) -> String {
        guard segment.unicodeScalars.contains(where: \.properties.isUppercase) else { return segment }
        let tokens = segment.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false).map { Substring($0) }
        var cuts: [Int: String] = [:]
        for (position, token) in tokens.enumerated() where token.utf8.count >= 6 && Self.hasInnerBreak(token) {
            if !isKnown(String(token)), let cut = knownPieces(Self.runPieces(token)), cut.count > 1 { cuts[position] = cut.joined(separator: ", ") }
        }
        // Nearly every segment has no such word, and is kept as it is.
        guard !cuts.isEmpty else { return segment }
        return tokens.enumerated().map { cuts[$0] ?? String($1) }.joined(separator: " ")
    }

    /// A small letter followed by a capital or a digit.
    static func hasInnerBreak(_ token: Substring) -> Bool {
        // Scalars rather than Characters: every long word of a string is looked at.
        var previousIsLower = false
        for scalar in token.unicodeScalars {
            if scalar.isASCII {
                if previousIsLower, ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
                previousIsLower = ("a"..."z").contains(scalar)
            } else {
                let properties = scalar.properties
                if previousIsLower, properties.isUppercase { return true }
                previousIsLower = properties.isLowercase
            }
        }
        return false
    }

    /// The token cut before each capital following a small letter, each digit following a small letter and each
    /// capital following a digit; other characters stay with the piece before them.
    static func runPieces(_ token: Substring) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previous: Character?
        for character in token {
            if let previous, !current.isEmpty,
                (previous.isLowercase && (character.isUppercase || character.isNumber)) || (previous.isNumber && character.isUppercase)
            {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The pieces, when the first is a known word of three letters or more and every other is known, a code
    /// (no small letter: `CA`, `RG6`, `1-21-40`) or the last one.
    func knownPieces(_ pieces: [String]) -> [String]? {
        guard pieces.count > 1, let first = pieces.first, first.count >= 3, isKnown(first) else { return nil }
        for (position, piece) in pieces.enumerated().dropFirst() where position < pieces.count - 1 {
            guard isKnown(piece) || !piece.contains(where: \.isLowercase) else { return nil }
        }
        return pieces
    }

    /// Every word of the text is in the index.
    func isKnown(_ text: String) -> Bool {
        let words = NameTokens.words(text)
        return !words.isEmpty && words.allSatisfy { index.number($0) != nil }
    }

    /// Every run found in the index, the longest first; at one place, the start of a longer name whose rest comes
    /// later beats a name, which beats a name turned around.
    func spans(in words: [Word]) -> [Span] {
        var spans: [Span] = []
        for start in words.indices {
            var key = OrganisationNameIndex.Key(words: [])
            for end in start..<min(words.count, start + index.longestKey) {
                guard let number = words[end].number else { break }
                key.words.append(number)
                guard index.beginnings.contains(key) else { break }
                if let entries = index.starts[key], !completed(entries, after: words[(end + 1)...]).isEmpty {
                    spans.append(Span(start: start, end: end + 1, form: .start, key: key))
                } else if index.names[key] != nil {
                    spans.append(Span(start: start, end: end + 1, form: .name, key: key))
                } else if index.turned[key] != nil {
                    spans.append(Span(start: start, end: end + 1, form: .turned, key: key))
                }
            }
        }
        let order: [OrganisationNameIndex.Form: Int] = [.name: 0, .turned: 1, .start: 2]
        return spans.sorted { ($0.end - $0.start, order[$1.form]!) > ($1.end - $1.start, order[$0.form]!) }
    }

    /// The entries whose rest of name is printed after the run, or, failing that, the first name of a city of two
    /// names (`Urbana` for `Urbana-Champaign`).
    func completed(_ entries: [OrganisationNameIndex.Entry], after words: ArraySlice<Word>) -> [OrganisationNameIndex.Entry] {
        let later = Set(words.compactMap(\.number))
        let whole = entries.filter { $0.rest.allSatisfy(later.contains) }
        guard whole.isEmpty else { return whole }
        // A city of two names cut to its first (`University of Illinois, Urbana` for `…Urbana-Champaign`).
        return entries.filter { entry in
            guard entry.rest.count == 2, later.contains(entry.rest[0]) else { return false }
            let first = index.words[Int(entry.rest[0])]
            let second = index.words[Int(entry.rest[1])]
            return (index.cities.contains(first) && index.cities.contains(second)) || index.cities.contains(first + " " + second)
        }
    }

    /// The one organisation a run names, with a score; nil when the run is a fragment or names several.
    func resolve(_ span: Span, words: [Word], partStart: [Int], country: String?, context: MatchContext) -> Found? {
        let firstPart = words[span.start].part
        let lastPart = words[span.end - 1].part
        // A name across a comma (`University of Wisconsin, Madison`) starts its part.
        if lastPart != firstPart, partStart[firstPart] != span.start { return nil }
        // The run is the whole of its parts, but for unit numbers (`Inserm U1219`).
        let isWhole = words.indices.allSatisfy { position in
            (span.start..<span.end).contains(position) || words[position].part < firstPart || words[position].part > lastPart
                || NameTokens.isCode(words[position].text)
        }
        let key = span.key.words
        let hasKindWord = words[span.start..<span.end].contains { NameTokens.kindWords.contains($0.text) }
        if !isWhole {
            // A fragment of a longer name: one or two words without a kind (`Paris`), a name followed by its
            // number (`Université Paris 6`), a name turned around inside other words.
            if key.count == 1 || (!hasKindWord && key.count < 3) || span.form == .turned { return nil }
            if span.end < words.count, words[span.end].part == lastPart, NameTokens.isOrdinal(words[span.end].text), endsWithCity(words[..<span.end])
            {
                return nil
            }
            // A name followed by `Hospital` (`Heidelberg University Hospital`) starts the hospital's name.
            if span.end < words.count, words[span.end].part == lastPart, words[span.end].text == "hospital" { return nil }
        }
        if key.count == 1, index.cities.contains(words[span.start].text) { return nil }
        if isAccreditation(span, words: words, partStart: partStart) { return nil }

        let entries: [OrganisationNameIndex.Entry]
        switch span.form {
        case .name: entries = index.names[span.key] ?? []
        case .turned: entries = index.turned[span.key] ?? []
        case .start: entries = completed(index.starts[span.key] ?? [], after: words[span.end...])
        }
        guard let organisation = chosen(entries, country: country, allowsInactive: isWhole, context: context) else { return nil }
        if span.form == .turned, country == nil { return nil }
        var score = isWhole ? 0.9 : 0.8
        if span.form == .turned { score -= 0.1 }
        if country == nil { score -= 0.1 }
        let isUnitLike = NameTokens.unitWords.contains(words[span.start].text)
        return Found(organisation: organisation, score: score, isUnitLike: isUnitLike)
    }

    /// The run ends with a city's name (`Université Paris`, `Université Clermont Ferrand`): a number after it is
    /// the institution's own (`Paris 6`); after any other name it is a footnote mark or an address (`University of
    /// Michigan 1 Department of Physics`).
    func endsWithCity(_ words: ArraySlice<Word>) -> Bool {
        guard let last = words.last?.text else { return false }
        if index.cities.contains(last) { return true }
        return words.count >= 2 && index.cities.contains(words[words.endIndex - 2].text + " " + last)
    }

    /// A part naming an institution that no name matches exactly (`Guru Gobind Singh Indraprashtha University`,
    /// words added or left out): the names sharing its rarest word, weighed by how rare the words they share are;
    /// one name must hold nearly all of the part's weight and the part nearly all of the name's, in the string's
    /// country.
    func nearestName(to words: [Word], country: String?, context: MatchContext) -> Found? {
        guard let country, words.count >= 2, words.contains(where: { Self.institutionKinds.contains($0.text) }),
            !NameTokens.unitWords.contains(words[0].text) || words[0].text == "college"
        else { return nil }
        let distinctive = words.filter { !NameTokens.kindWords.contains($0.text) }.compactMap(\.number)
        guard let rarest = distinctive.min(by: { index.frequency[$0, default: 0] < index.frequency[$1, default: 0] }),
            let keys = index.keysByWord[rarest], keys.count <= 400
        else { return nil }
        let partWords = Set(words.compactMap(\.number))
        let partKinds = Set(words.map(\.text).filter(NameTokens.kindWords.contains))
        let partWeight = words.reduce(0) { $0 + index.weight($1.number) }
        var bestScore = 0.0
        var bestKeys: [OrganisationNameIndex.Key] = []
        for position in keys {
            let key = index.nameKeys[Int(position)]
            // The same kinds (`College` is not `University`), and no city the part leaves out.
            let keyTexts = key.words.map { index.words[Int($0)] }
            let leftOut = zip(key.words, keyTexts).filter { !partWords.contains($0.0) }.map(\.1)
            guard Set(keyTexts.filter(NameTokens.kindWords.contains)) == partKinds,
                !leftOut.contains(where: index.cities.contains), !index.cities.contains(leftOut.joined(separator: " "))
            else { continue }
            var shared = 0.0
            var keyWeight = 0.0
            for word in key.words {
                let weight = index.weight(word)
                keyWeight += weight
                if partWords.contains(word) { shared += weight }
            }
            let score = min(shared / keyWeight, shared / partWeight)
            if score > bestScore + 1e-9 {
                bestScore = score
                bestKeys = [key]
            } else if abs(score - bestScore) <= 1e-9 {
                bestKeys.append(key)
            }
        }
        guard bestScore >= Self.nearestNameScore,
            let organisation = chosen(bestKeys.flatMap { index.names[$0] ?? [] }, country: country, allowsInactive: false, context: context)
        else { return nil }
        return Found(organisation: organisation, score: 0.75)
    }

    /// A school named by its university's own word without the university (`Harvard Medical School`, `Yale Law
    /// School`, `Yale School of Medicine`): the one university in the string's country named by that word, when
    /// the word is not a city; less sure when the string names no country and one university in the world is so named.
    func universityOfSchool(_ words: [Word], country: String?, context: MatchContext) -> Found? {
        guard words.count >= 2, words.count <= 5, let first = words.first?.number,
            let school = words.lastIndex(where: { $0.text == "school" }),
            school == words.count - 1 || (school == 1 && words[2...].allSatisfy { Self.universitySchoolFields.contains($0.text) }),
            !NameTokens.kindWords.contains(words[0].text), !NameTokens.unitWords.contains(words[0].text), !index.cities.contains(words[0].text),
            !words.dropFirst().enumerated().contains(where: { $0.offset + 1 != school && NameTokens.kindWords.contains($0.element.text) }),
            let university = index.number("university")
        else { return nil }
        let entries = [[first, university], [university, first]].flatMap { index.names[OrganisationNameIndex.Key(words: $0)] ?? [] }
        guard let organisation = chosen(entries, country: country, allowsInactive: false, context: context) else { return nil }
        return Found(organisation: organisation, score: country == nil ? 0.7 : 0.75)
    }

    /// What a university's own school teaches when named `Yale School of Medicine`; a school of business or
    /// engineering so named is as often named after a benefactor (`Marshall School of Business`).
    static let universitySchoolFields: Set<String> = ["medicine", "medical", "public", "health", "dentistry", "dental", "nursing", "pharmacy", "law"]

    /// How much of the part's and the name's weight the words they share must hold.
    static let nearestNameScore = 0.75

    /// Kinds of institution a part must name to be compared with names inexactly.
    static let institutionKinds: Set<String> = ["university", "hospital", "institute", "college", "academy", "polytechnic", "clinic"]

    /// `Key Laboratory of …, Ministry of Education`: a ministry accrediting a lab, not an affiliation.
    func isAccreditation(_ span: Span, words: [Word], partStart: [Int]) -> Bool {
        guard words[span.start].text == "ministry", words[span.start].part > 0 else { return false }
        let previous = words[partStart[words[span.start].part - 1]...].prefix(3).map(\.text)
        return previous.starts(with: ["key", "laboratory"]) || previous.starts(with: ["state", "key", "laboratory"])
            || previous.starts(with: ["engineering", "research", "center"])
    }

    /// The one organisation among a key's entries: active (or its successor), in the country, then the one whose
    /// city the string names, then the one for which the key is a display name or a label.
    func chosen(_ entries: [OrganisationNameIndex.Entry], country: String?, allowsInactive: Bool, context: MatchContext) -> Int32? {
        var candidates: [(organisation: Int32, rank: OrganisationNameIndex.NameRank)] = []
        for entry in entries {
            let organisation = index.organisations[Int(entry.organisation)]
            var kept: [Int32] = []
            let successors = organisation.relationships.filter { $0.kind == .successor }.compactMap { index.position[$0.id] }
            if organisation.status == .active {
                kept = [entry.organisation]
            } else if organisation.status == .inactive, successors.count > 1 {
                // An organisation since split names none of its successors in particular: it is the one named.
                kept = [entry.organisation]
            } else {
                kept = successors.isEmpty ? (allowsInactive ? [entry.organisation] : []) : successors
            }
            for id in kept where !candidates.contains(where: { $0.organisation == id }) {
                if let country, index.organisations[Int(id)].place?.countryCode != country { continue }
                candidates.append((id, entry.rank))
            }
        }
        if candidates.count > 1 {
            let inCity = candidates.filter { context.names(city: index.foldedCities[Int($0.organisation)]) }
            if !inCity.isEmpty { candidates = inCity }
        }
        // The best-ranked name wins when only one organisation bears it so.
        if candidates.count > 1, let best = candidates.map(\.rank).max() {
            let ranked = candidates.filter { $0.rank == best }
            if ranked.count == 1 { candidates = ranked }
        }
        return candidates.count == 1 ? candidates[0].organisation : nil
    }

    /// A part that is an acronym as printed, outside brackets (inside them, it repeats the name before it): kept
    /// for the one active organisation bearing it in the string's country, surer when its city is named.
    func acronymCandidates(in segment: String, country: String?, context: MatchContext) -> [Found] {
        guard let country else { return [] }
        var found: [Found] = []
        for part in Self.withoutBrackets(segment).unicodeScalars.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            guard let first = part.firstIndex(where: { !AffiliationText.isSpace($0) }),
                let last = part.lastIndex(where: { !AffiliationText.isSpace($0) })
            else { continue }
            let acronym = String(Substring(part[first...last]))
            if let organisation = acronymOrganisation(acronym, country: country) {
                let cityNamed = context.names(city: index.foldedCities[Int(organisation)])
                found.append(Found(organisation: organisation, score: cityNamed ? 0.75 : 0.6))
            }
        }
        return found
    }

    /// The one active organisation in the country bearing the acronym as printed.
    func acronymOrganisation(_ acronym: String, country: String) -> Int32? {
        guard acronym.unicodeScalars.count >= 3, AffiliationPlaces.regionAbbreviations[acronym] == nil, Country.byCode3[acronym] == nil,
            let organisations = index.acronyms[acronym]
        else { return nil }
        let inCountry = organisations.filter { id in
            let organisation = index.organisations[Int(id)]
            return organisation.status == .active && organisation.place?.countryCode == country
        }
        return inCountry.count == 1 ? inCountry[0] : nil
    }

    /// French units by their code (`UMR 5525`): one lab, in France or where the string does not say.
    func unitCodeCandidates(in segment: String, country: String?, context: MatchContext) -> [Found] {
        guard country == nil || country == "FR", !index.unitCodes.isEmpty else { return [] }
        var found: [Found] = []
        for code in UnitCode.codes(in: segment) {
            guard var labs = index.unitCodes[code.key] else { continue }
            labs = labs.filter { index.organisations[Int($0)].status == .active }
            if labs.count > 1 {
                let inCity = labs.filter { context.names(city: index.foldedCities[Int($0)]) }
                if !inCity.isEmpty { labs = inCity }
            }
            if labs.count == 1 { found.append(Found(organisation: labs[0], score: 0.85)) }
        }
        return found
    }
}
