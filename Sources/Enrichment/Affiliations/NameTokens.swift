/// Organisation names and affiliation parts as the matcher compares them: folded words, abbreviations spelled
/// out, the words for university, hospital, institute and centre in one language, and the little words dropped,
/// so that `Univ. of Tokyo`, `University of Tokyo` and `Universität Tokyo` are the same key.
enum NameTokens {
    /// The words of a name, in order: order tells `Washington University` from `University of Washington`.
    static func words(_ text: String) -> [String] {
        words(folded: AffiliationText.folded(text))
    }

    static func words(folded: String) -> [String] {
        var result: [String] = []
        for word in folded.split(separator: " ") {
            let word = String(word)
            if let parts = compounds[word] {
                result += parts
                continue
            }
            let canonical = equivalents[word] ?? word
            if !stopWords.contains(canonical) { result.append(canonical) }
        }
        return result
    }

    /// Words that are two of the others run together: `Universitätsklinikum Würzburg` is the university's
    /// hospital, not `University of Würzburg`.
    static let compounds: [String: [String]] = [
        "universitatsklinikum": ["university", "hospital"], "uniklinikum": ["university", "hospital"],
        "universitatsspital": ["university", "hospital"], "universitatsmedizin": ["university", "medicine"],
    ]

    /// Articles, prepositions and conjunctions of the languages bylines are written in.
    static let stopWords: Set<String> = [
        "the", "of", "and", "for", "in", "at", "on", "an", "a", "de", "du", "des", "la", "le", "les", "et", "d", "l", "en", "di", "del", "della",
        "degli", "delle", "dei", "der", "die", "das", "fur", "und", "zu", "am", "im", "y", "e", "i", "da", "do", "dos", "van", "voor",
        // Older bylines open with `From the Department of…`.
        "from",
    ]

    /// Abbreviations, plurals, spellings and translations of the words that say what an organisation is.
    static let equivalents: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            (
                "university",
                [
                    "univ", "uni", "universities", "universite", "universidad", "universitat", "universidade", "universita", "universiteit",
                    "universitet", "uniwersytet", "universiti", "universitas", "universitesi", "universitatea", "univerzita", "universitaet",
                ]
            ),
            ("hospital", ["hosp", "hospitals", "hopital", "hospitalier", "ospedale", "hospitalario", "hosptial"]),
            ("institute", ["inst", "institutes", "institut", "instituto", "istituto", "instituut", "institutet", "instytut"]),
            ("center", ["centre", "centres", "centers", "ctr", "cntr", "centro", "zentrum", "centrum"]),
            ("technical", ["technische", "technischen", "tecnica", "tecnico", "technicka"]),
            ("polytechnic", ["politecnico", "polytechnique", "politecnica", "polytech"]),
            ("national", ["natl", "nat", "nacional", "nazionale", "nationale"]),
            ("technology", ["tech", "technol"]),
            ("science", ["sci", "sciences"]),
            ("laboratory", ["lab"]),
            ("laboratories", ["labs"]),
            ("department", ["dept"]),
            ("academy", ["acad"]),
            ("college", ["coll"]),
            ("research", ["res"]),
            ("international", ["intl"]),
            ("medical", ["med"]),
            ("organization", ["organisation"]),
            ("saint", ["st"]),
            ("sainte", ["ste"]),
            ("mount", ["mt"]),
            ("federal", ["fed"]),
            ("general", ["gen"]),
            ("engineering", ["eng"]),
            ("agricultural", ["agric"]),
        ]
        for (word, forms) in groups {
            for form in forms { table[form] = word }
        }
        return table
    }()

    /// Words that say what kind of institution a name is: a span holding one names an institution, not a place or a topic.
    static let kindWords: Set<String> = [
        "university", "hospital", "institute", "college", "school", "academy", "center", "laboratory", "laboratories", "clinic", "foundation",
        "council", "agency", "museum", "observatory", "society", "company", "corporation", "inc", "ltd", "klinikum", "hochschule", "polytechnic",
        "ministry", "survey", "service", "organization", "trust", "association",
    ]

    /// First words of names of a unit inside an institution (`Department of…`, `Institute of Biophysics`).
    static let unitWords: Set<String> = [
        "department", "division", "faculty", "school", "college", "graduate", "laboratory", "laboratoire", "institute", "center", "section",
        "unit", "office", "key", "state", "clinic", "service", "program", "chair", "group", "team", "equipe",
    ]

    /// Words that name a unit's number rather than anything a name says (`Inserm U1219`, `CNRS UMR 5525`).
    static func isCode(_ word: String) -> Bool {
        word.contains(where: \.isNumber) || unitCodeWords.contains(word)
    }

    static let unitCodeWords: Set<String> = ["u", "umr", "umrs", "ur", "upr", "ea", "ums", "fre", "erl", "uar", "usr", "cic", "inserm", "cnrs"]

    /// `Paris 6`, `Lyon 1`, `Montpellier II`: a number after a city's name continues it. Longer numbers are
    /// postcodes and street numbers (`Dalhousie University 1355 Oxford St.`).
    static func isOrdinal(_ word: String) -> Bool {
        (word.count <= 2 && word.allSatisfy(\.isNumber)) || (word.count <= 4 && word.allSatisfy { "ivx".contains($0) })
    }
}
