import Foundation

extension AffiliationReader {
    /// The country, from the most explicit signal to the weakest, each looked for from the last part to the first
    /// (bylines end with the country): a country's name or code, a region; a postcode's shape; an e-mail domain;
    /// a city; last, a country, region or city named inside an institution's name (`University of Ghana`).
    static func country(in text: AffiliationText) -> Country? {
        let parts = text.parts
        var found: Country?
        for index in parts.indices.reversed() {
            if parts[index].folded == "georgia" {
                found = georgia(among: parts)
                break
            }
            // A ZIP code alone ends some strings (`Cambridge, MA, 02139`): the part before it is the end of the address.
            let isLast = index == parts.count - 1 || (index == parts.count - 2 && parts[index + 1].folded.allSatisfy { $0.isNumber || $0 == " " })
            if let country = explicitCountry(in: parts[index], after: index > 0 ? parts[index - 1] : nil, isLast: isLast) {
                found = country
                break
            }
        }
        if found == nil, let last = parts.last { found = trailingState(last) }
        if found == nil { found = parts.reversed().lazy.compactMap(postcodeCountry).first }
        if found == nil { found = text.emailDomains.lazy.compactMap(AffiliationPlaces.countryCode(ofDomain:)).first.flatMap { Country.byCode[$0] } }
        if found == nil {
            found = parts.reversed().lazy.compactMap { part in trailingMatch(part.words, in: AffiliationPlaces.cities) }.first.flatMap {
                Country.byCode[$0]
            }
        }
        if found == nil { found = parts.reversed().lazy.compactMap(namedInside).first }
        if found == nil {
            found = parts.lazy.flatMap(\.words).compactMap { AffiliationPlaces.languageWords[String($0)] }.first.flatMap { Country.byCode[$0] }
        }
        guard let found else { return nil }
        return territory(refining: found, parts: parts)
    }

    /// A country's name, ending the part (`Tokyo 113-8655 Japan`); its ISO code when the part is nothing else and is
    /// written in capitals (`DE`, not `de`); a region (`Ontario`, `MA 02115`).
    static func explicitCountry(in part: AffiliationText.Part, after previous: AffiliationText.Part?, isLast: Bool) -> Country? {
        let words = part.words
        if let code = trailingMatch(words, in: countryCodesByName) {
            // `Sheffield UK` ends with a country; `en_US` and `contact us` do not: a short name after other words
            // counts when printed in capitals.
            let last = words[words.count - 1]
            let printed = part.text.split(separator: " ").last.map { AffiliationText.bare($0) } ?? ""
            if words.count == 1 || last.count > 3 || Country.byName[String(last)] == nil || printed.allSatisfy({ $0.isUppercase || $0 == "." }) {
                return Country.byCode[code]
            }
        }
        if let code = trailingMatch(words, in: AffiliationPlaces.regions) { return Country.byCode[code] }
        if isLast, let last = words.last, words.count <= 3, AffiliationPlaces.oldStateAbbreviations.contains(String(last)) {
            return Country.byCode["US"]
        }
        let raw = part.text
        // Two capitals alone are a country or a state at the end of the string; elsewhere they are often a degree (`PT`, `MS`).
        if raw.count == 2 && !isLast { return nil }
        if raw.count <= 3, raw.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            let iso = raw.count == 2 ? Country.byCode[raw] : Country.byCode3[raw]
            guard let region = AffiliationPlaces.regionAbbreviations[raw] else { return iso }
            // `Rostock, DE` is in Germany, `Newark, DE` in Delaware, `Perth, WA` in Western Australia: the city before
            // the code decides, the state by default.
            let alternatives = [iso?.code, AffiliationPlaces.sharedStateAbbreviations[raw]].compactMap { $0 }
            if let city = previous.flatMap(cityInside), alternatives.contains(city) { return Country.byCode[city] }
            return Country.byCode[region]
        }
        if let state = usStateWithZIP(part.text), AffiliationPlaces.usStates[state] != nil { return Country.byCode["US"] }
        return nil
    }

    /// `Brooklyn NY` ending the string: a state's abbreviation after a capitalised city, without comma or ZIP code.
    static func trailingState(_ part: AffiliationText.Part) -> Country? {
        let tokens = part.text.split(separator: " ")
        guard tokens.count >= 2, let last = tokens.last, last.count == 2, AffiliationPlaces.usStates[String(last)] != nil,
            tokens[tokens.count - 2].first?.isUppercase == true, tokens[tokens.count - 2].count > 2
        else { return nil }
        return Country.byCode["US"]
    }

    /// Folded names to ISO alpha-2, without `Georgia`, which is also a US state and is decided by `territory`.
    static let countryCodesByName: [String: String] = {
        var names = Country.byName.mapValues(\.code)
        names["georgia"] = nil
        return names
    }()

    /// The longest run of words ending the part that names something in `table`.
    static func trailingMatch(_ words: [Substring], in table: [String: String]) -> String? {
        for length in stride(from: min(words.count, 6), through: 1, by: -1) {
            if let code = table[words.suffix(length).joined(separator: " ")] { return code }
        }
        return nil
    }

    /// `Boston, MA 02115`, `MA 02115-5727`: a state's postal abbreviation followed by a ZIP code.
    static func usStateWithZIP(_ text: String) -> String? {
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated().dropLast() where word.count == 2 && word.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            let next = AffiliationText.bare(words[index + 1])
            let code = next.split(separator: "-", maxSplits: 1)
            if code.first?.count == 5, code.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) { return String(word) }
        }
        return nil
    }

    /// A postcode whose shape belongs to one country: French (`F-75013`, `75013 Paris`, `CEDEX`), British
    /// (`S10 2JF`), Canadian (`H3A 0G4`).
    static func postcodeCountry(_ part: AffiliationText.Part) -> Country? {
        let words = part.text.split(separator: " ").map { String(AffiliationText.bare($0)) }
        let foldedWords = part.words
        if foldedWords.contains("cedex") { return Country.byCode["FR"] }
        for (index, word) in words.enumerated() {
            if let code = europeanPostcodeCountry(word) { return Country.byCode[code] }
            if AffiliationPlaces.australianStates.contains(word), index + 1 < words.count, words[index + 1].count == 4,
                words[index + 1].allSatisfy(\.isNumber)
            {
                return Country.byCode["AU"]
            }
            // Five digits before a French city: other countries' five-digit codes come before their own cities.
            if word.count == 5, word.allSatisfy(\.isNumber), index + 1 < words.count,
                AffiliationPlaces.cities[AffiliationText.folded(words[(index + 1)...].joined(separator: " "))] == "FR"
            {
                return Country.byCode["FR"]
            }
            if index + 1 < words.count, isBritishOutward(word), isBritishInward(words[index + 1]) { return Country.byCode["GB"] }
            if index + 1 < words.count, isCanadianHalf(word, letterFirst: true), isCanadianHalf(words[index + 1], letterFirst: false) {
                return Country.byCode["CA"]
            }
        }
        return nil
    }

    /// `D-76139`, `CH-1015`, `HR–31000`: a country's letters, a dash, four or five digits.
    static func europeanPostcodeCountry(_ word: String) -> String? {
        guard let dash = word.firstIndex(where: { $0 == "-" || $0 == "–" }) else { return nil }
        let digits = word[word.index(after: dash)...]
        guard (4...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return AffiliationPlaces.postcodePrefixes[String(word[..<dash])]
    }

    /// `S10`, `SW1A`, `EH16`, `M13`: one or two letters, a digit, then a digit or letter.
    private static func isBritishOutward(_ word: String) -> Bool {
        let characters = Array(word)
        guard (2...4).contains(characters.count), characters.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return false }
        let letters = characters.prefix { $0.isLetter }.count
        guard (1...2).contains(letters), letters < characters.count, characters[letters].isNumber else { return false }
        return characters.count - letters <= 2
    }

    /// `2JF`: a digit and two letters.
    private static func isBritishInward(_ word: String) -> Bool {
        let characters = Array(word)
        return characters.count == 3 && characters[0].isNumber && characters[1...].allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// `H3A` then `0G4`: letter, digit, letter, then digit, letter, digit.
    private static func isCanadianHalf(_ word: String, letterFirst: Bool) -> Bool {
        let characters = Array(word)
        guard characters.count == 3, characters.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return false }
        return characters.enumerated().allSatisfy { index, character in (index % 2 == 0) == letterFirst ? character.isLetter : character.isNumber }
    }

    /// The country of a city named anywhere in the part (`New Delhi 110029`).
    static func cityInside(_ part: AffiliationText.Part) -> String? {
        let words = part.words
        for start in words.indices {
            for length in stride(from: min(4, words.count - start), through: 1, by: -1) {
                if let code = AffiliationPlaces.cities[words[start..<(start + length)].joined(separator: " ")] { return code }
            }
        }
        return nil
    }

    /// Names some bylines never reach the end with: read anywhere inside a part, they stand for a country only when
    /// they cannot be a word, a person or another place (`Niger Delta University` is in Nigeria, `York University` in Canada).
    static let notInsideNames: Set<String> = ["georgia", "jersey", "chad", "jordan", "niger", "guinea", "holland", "nice", "tours", "mali", "congo"]

    /// A country, region or city named inside a part (`University of Ghana`, `Tokyo Medical University`), the
    /// longest name first at each word.
    static func namedInside(_ part: AffiliationText.Part) -> Country? {
        let words = part.words
        for start in words.indices {
            for length in stride(from: min(4, words.count - start), through: 1, by: -1) {
                let phrase = words[start..<(start + length)].joined(separator: " ")
                guard phrase.count >= 4, !notInsideNames.contains(phrase) else { continue }
                if let code = countryCodesByName[phrase] ?? AffiliationPlaces.regions[phrase] ?? AffiliationPlaces.cities[phrase] {
                    return Country.byCode[code]
                }
            }
        }
        return nil
    }

    /// `Atlanta, Georgia` is in the United States, `Tbilisi, Georgia` is not: the state when a part names one of its cities.
    static func georgia(among parts: [AffiliationText.Part]) -> Country? {
        let stateCities: Set<String> = [
            "atlanta", "athens", "augusta", "savannah", "macon", "columbus", "statesboro", "valdosta", "kennesaw", "decatur",
        ]
        let inTheState = parts.contains { part in part.words.contains { stateCities.contains(String($0)) } || part.words.contains("emory") }
        return Country.byCode[inTheState ? "US" : "GE"]
    }

    /// Hong Kong and Macao are printed before `China`, and have their own code; Georgia is also a US state.
    static func territory(refining country: Country, parts: [AffiliationText.Part]) -> Country {
        if country.code == "CN" {
            for part in parts {
                let words = part.words
                if trailingMatch(words, in: ["hong kong": "HK", "kowloon": "HK", "macau": "MO", "macao": "MO"]) != nil
                    || part.folded == "hong kong sar"
                {
                    return Country.byCode[words.contains("hong") || words.contains("kowloon") ? "HK" : "MO"] ?? country
                }
            }
        }
        return country
    }
}
