import Foundation

extension AffiliationReader {
    /// What kind of institution a part names, in the order the structure facet prefers them: the university over
    /// its hospital, the hospital over the research organisation whose unit is in it, and so on.
    enum InstitutionKind: Int, Comparable, CaseIterable {
        case university, hospital, researchOrganisation, institute, school, agency, centre, company

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Folded words, or runs of words, that say a part names an institution of that kind.
    static let institutionWords: [(kind: InstitutionKind, words: Set<String>)] = [
        (
            .university,
            [
                "university", "universite", "universidad", "universitat", "universidade", "universita", "universiteit", "universitet",
                "uniwersytet", "universiti", "universitas", "univ", "universitaire", "universitario", "universitaria", "sorbonne",
            ]
        ),
        (
            .hospital,
            [
                "hospital", "hospitals", "hopital", "hopitaux", "hospitalier", "hospitaliere", "hospitalo", "chu", "chru", "chr", "chi", "aphp",
                "ap hp",
                "assistance publique", "hospices civils", "clinic", "clinique", "klinikum", "ospedale", "ospedaliera", "infirmary",
                "medical center", "medical centre", "health center", "health centre", "policlinico", "charite", "uniklinik", "hospice",
            ]
        ),
        (
            .researchOrganisation,
            ["inserm", "cnrs", "ird", "inrae", "inra", "inria", "cea", "anses", "pasteur", "csic", "cnr", "nih", "max planck", "fraunhofer"]
        ),
        (
            .institute,
            [
                "institute", "institut", "instituto", "istituto", "institutet", "instituut", "institutes", "academy", "academie", "academia",
                "observatory",
            ]
        ),
        (.school, ["school", "ecole", "college", "polytechnic", "polytechnique", "escuela", "hochschule"]),
        (
            .agency,
            [
                "agency", "agence", "sante publique france", "caisse nationale", "cnam", "cnamts", "assurance maladie", "ministry", "ministere",
                "haute autorite", "drees", "insee", "atih", "public health england", "centers for disease control", "world health organization",
                "council", "foundation", "fondation", "nhs", "trust", "authority", "administration", "directorate", "bureau", "office",
            ]
        ),
        (.centre, ["center", "centre", "centro", "zentrum", "centrum", "centres", "centers"]),
        (
            .company,
            [
                "inc", "ltd", "gmbh", "corporation", "corp", "company", "llc", "plc", "pharmaceuticals", "pharmaceutical", "pharma", "industries",
                "sas",
            ]
        ),
    ]

    /// Every word or run of words of `institutionWords`, to the best kind it says.
    static let kindOfPhrase: [String: InstitutionKind] = {
        var kinds: [String: InstitutionKind] = [:]
        for (kind, words) in institutionWords.reversed() {
            for word in words { kinds[word] = kind }
        }
        return kinds
    }()

    /// First words of a part naming a unit inside an institution rather than the institution.
    static let unitWords: Set<String> = [
        "department", "departments", "dept", "dep", "departement", "departamento", "dipartimento", "abteilung", "division", "laboratory",
        "laboratories", "laboratoire", "lab", "labs", "service", "services", "unit", "units", "unite", "umr", "umrs", "team", "equipe", "group",
        "section", "faculty", "faculte", "facultad", "faculdade", "fakultat", "program", "programme", "chair", "pole", "ward", "branch", "core",
        "servicio", "servizio", "unidad", "unita", "klinik", "institut fur", "lehrstuhl", "afdeling", "avdelning",
    ]

    /// Parts that are only a company's legal form, printed after its name (`Nissan Chemical Industries, Ltd.`).
    static let legalForms: Set<String> = ["ltd", "co ltd", "inc", "llc", "gmbh", "plc", "corp", "sa", "sas", "ag", "bv", "nv", "spa", "srl", "kk"]

    /// National research organisations whose units print their number (`Inserm U1219`, `CNRS UMR 5525`): the
    /// facet counts the organisation.
    static let organisationNames: [String: String] = [
        "inserm": "Inserm", "cnrs": "CNRS", "ird": "IRD", "inrae": "INRAE", "inra": "INRA", "inria": "Inria", "cea": "CEA", "anses": "Anses",
        "aphp": "AP-HP", "ap hp": "AP-HP", "csic": "CSIC", "cnr": "CNR", "nih": "NIH",
    ]

    static func structure(in text: AffiliationText) -> String? {
        var best: (kind: InstitutionKind, text: String)?
        for (index, part) in text.parts.enumerated() {
            guard let candidate = institution(in: part, followedBy: text.parts.dropFirst(index + 1).first) else { continue }
            if let current = best, current.kind <= candidate.kind { continue }
            best = candidate
        }
        return best?.text
    }

    /// The institution a part names, with its kind; nil for a unit, a place, a person or anything unsure.
    static func institution(in part: AffiliationText.Part, followedBy next: AffiliationText.Part?) -> (kind: InstitutionKind, text: String)? {
        let words = part.words
        guard !words.isEmpty, !legalForms.contains(part.folded) else { return nil }
        if let next, legalForms.contains(next.folded), !unitWords.contains(String(words[0])) {
            return (.company, cleaned(part.text))
        }
        guard let kind = institutionKind(of: words) else { return nil }
        if unitWords.contains(String(words[0])) || (words.count >= 2 && unitWords.contains(words[0...1].joined(separator: " "))) {
            // `Department of Medicine University Hospital Zurich`: the institution starts at its own keyword.
            guard let start = institutionStart(in: part.text) else { return nil }
            return (kind, cleaned(start))
        }
        if kind == .researchOrganisation, let name = organisationName(words) { return (kind, name) }
        return (kind, cleaned(part.text))
    }

    /// The best kind a part's words say.
    static func institutionKind(of words: [Substring]) -> InstitutionKind? {
        var best: InstitutionKind?
        for start in words.indices {
            for length in 1...3 where start + length <= words.count {
                let phrase = words[start..<(start + length)].joined(separator: " ")
                // German and Dutch compounds: `Universitätsklinikum`, `Universiteitsbibliotheek`.
                let compound: InstitutionKind? = length == 1 && phrase.hasPrefix("universit") ? .university : nil
                guard let kind = compound ?? kindOfPhrase[phrase] else { continue }
                if let current = best, current <= kind { continue }
                best = kind
            }
        }
        return best
    }

    /// `Inserm U1219`, `CNRS UMR 5525`, `INSERM, U1153`: the organisation, when nothing but a unit number follows it.
    static func organisationName(_ words: [Substring]) -> String? {
        guard let name = organisationNames[String(words[0])] ?? (words.count >= 2 ? organisationNames[words[0...1].joined(separator: " ")] : nil)
        else {
            return nil
        }
        let rest = words.dropFirst(name == "AP-HP" && words.count >= 2 && words[1] == "hp" ? 2 : 1)
        let isUnitNumber = rest.allSatisfy { word in
            ["u", "umr", "umrs", "ur", "upr", "uar", "ums", "us", "erl", "cic", "unit", "unite"].contains(String(word))
                || word.contains(where: \.isNumber)
        }
        return isUnitNumber ? name : nil
    }

    /// Where a part that starts with a unit names its institution: from the institution's own leading keyword
    /// (`University of…`, `Université…`, `Hôpital…`, `CHU…`, `Institut…`), or after ` at `.
    static func institutionStart(in text: String) -> String? {
        if let range = text.range(of: " at ", options: .backwards) { return String(text[range.upperBound...]) }
        let tokens = text.split(separator: " ")
        let folded = tokens.map { AffiliationText.folded(String($0)) }
        let leading = folded.indices.dropFirst().first { index in
            let next = index + 1 < folded.count ? folded[index + 1] : ""
            return leadingKeywords.contains(folded[index])
                || (["university", "hospital", "institute", "school", "college"].contains(folded[index])
                    && ["of", "hospital", "college", "medical"].contains(next))
        }
        return leading.map { tokens[$0...].joined(separator: " ") }
    }

    /// Keywords that begin an institution's name in the languages that put the kind first.
    static let leadingKeywords: Set<String> = [
        "universite", "universidad", "universidade", "universita", "universitat", "hopital", "hopitaux", "chu", "chru", "institut", "instituto",
        "istituto", "hospices", "ospedale",
    ]

    /// The name without what follows it in the same part: a postcode and the city after it, a country.
    static func cleaned(_ text: String) -> String {
        var tokens = text.split(separator: " ").map(String.init)
        if let postcode = tokens.indices.dropFirst().first(where: { isPostcode(tokens[$0]) }) { tokens.removeSubrange(postcode...) }
        // `University of Tokyo Japan` loses `Japan`; `Universidad de Chile`, `Universitas Indonesia` and
        // `Santé publique France` keep theirs.
        while tokens.count > 2, let last = tokens.last, countryCodesByName[AffiliationText.folded(last)] != nil, last.first?.isUppercase == true {
            let previous = AffiliationText.folded(tokens[tokens.count - 2])
            let ending = AffiliationText.folded(tokens.suffix(3).joined(separator: " "))
            let isNamePart = connectors.contains(previous) || kindOfPhrase[previous] != nil || kindOfPhrase[ending] != nil
            guard !isNamePart else { break }
            tokens.removeLast()
        }
        // `University of Copenhagen Copenhagen`: the city printed after a name that already holds it.
        while tokens.count > 2, let last = tokens.last.map({ AffiliationText.folded($0) }), AffiliationPlaces.cities[last] != nil,
            tokens.dropLast().contains(where: { AffiliationText.folded($0) == last })
        {
            tokens.removeLast()
        }
        // `Shenzhen (Group) Co` before `Ltd`: the legal form is not the name.
        while tokens.count > 1, let last = tokens.last, ["co", "ltd", "inc", "llc", "gmbh"].contains(AffiliationText.folded(last)) {
            tokens.removeLast()
        }
        let result = AffiliationText.trimmed(tokens.joined(separator: " "))
        return result.isEmpty ? text : result
    }

    static let connectors: Set<String> = [
        "of", "de", "du", "des", "d", "di", "del", "della", "degli", "der", "do", "da", "la", "le", "the", "and", "et",
    ]

    /// `75013`, `F-75013`, `CEDEX`, `BP`, `CS`: the start of a French postal address; four to six digits elsewhere.
    static func isPostcode(_ token: String) -> Bool {
        let word = AffiliationText.bare(token)
        if ["CEDEX", "Cedex", "BP", "CS"].contains(word) { return true }
        let digits = word.hasPrefix("F-") || word.hasPrefix("D-") || word.hasPrefix("I-") ? word.dropFirst(2) : word
        return (4...6).contains(digits.count) && digits.allSatisfy(\.isNumber)
    }
}
