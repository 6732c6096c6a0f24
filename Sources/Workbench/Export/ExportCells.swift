import Core
import Foundation

/// What a cell of an export table holds, as the disclosure rules see it.
public enum ExportCell: Equatable, Sendable {
    /// A non-negative whole number.
    case count(Int)
    /// A value withheld by its producer: empty, `NA`, `<10`, `*`, `s`, `secret`...
    case suppressed
    /// Anything else: a label, a rate, a mean.
    case other

    public init(_ text: String) {
        if let count = ExportCell.parseCount(text) {
            self = .count(count)
        } else if ExportCell.isSuppressionMarker(text) {
            self = .suppressed
        } else {
            self = .other
        }
    }

    public var count: Int? {
        if case .count(let value) = self { return value }
        return nil
    }

    /// Digits, with the spaces French tables put between thousands (`1 234`, no-break spaces too).
    static func parseCount(_ text: String) -> Int? {
        let digits = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The markers statistical offices and SAS/R exports use for a withheld cell.
    static func isSuppressionMarker(_ text: String) -> Bool {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "na", "n/a", "nd", "n.d.", "nc", "*", "**", "s", "c", "x", "secret", "masqué", "masque"].contains(folded) { return true }
        // `<10`, `< 5`, `≤10`: a bound in place of the value.
        if let first = folded.first, first == "<" || first == "≤" {
            let rest = folded.dropFirst().trimmingCharacters(in: .whitespaces)
            return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }
}

/// Names and values: which columns count people, which are margins, which identify people.
enum ExportVocabulary {
    /// A header or label folded to lower-case ASCII words joined by `_` (`Nb patients` -> `nb_patients`).
    static func normalised(_ name: String) -> String {
        let folded = name.folded.lowercased()
        var result = ""
        var lastWasSeparator = true
        for character in folded {
            if character.isLetter || character.isNumber {
                result.append(character)
                lastWasSeparator = false
            } else if !lastWasSeparator {
                result.append("_")
                lastWasSeparator = true
            }
        }
        return result.hasSuffix("_") ? String(result.dropLast()) : result
    }

    static func tokens(_ name: String) -> [String] { normalised(name).split(separator: "_").map(String.init) }

    /// Words that say a row or column is a margin: the sum of the others.
    static func isTotalLabel(_ text: String) -> Bool {
        let name = normalised(text)
        if ["total", "totaux", "totale", "ensemble", "all", "tous", "toutes", "overall", "sum", "somme", "global"].contains(name) { return true }
        return name.hasPrefix("total_") || name.hasPrefix("ensemble_") || name.hasPrefix("sous_total") || name.hasPrefix("all_")
    }

    private static let countNames: Set<String> = [
        "n", "nb", "nbr", "count", "counts", "effectif", "effectifs", "nombre", "patients", "freq", "frequency", "frequence",
        "frequences", "beneficiaires", "personnes", "individus", "cas", "cases",
    ]
    private static let countPrefixes = ["n_", "nb_", "nbr_", "count_", "effectif_", "effectifs_", "nombre_", "num_"]
    private static let countSuffixes = ["_n", "_nb", "_count", "_effectif", "_effectifs", "_patients", "_beneficiaires", "_personnes"]

    /// A header that names a count of people (`n`, `nb_patients`, `effectif`, `N_2019`...).
    static func looksLikeCountName(_ header: String) -> Bool {
        let name = normalised(header)
        if countNames.contains(name) || isTotalLabel(header) { return true }
        if countPrefixes.contains(where: { name.hasPrefix($0) }) || countSuffixes.contains(where: { name.hasSuffix($0) }) { return true }
        return name.contains("patient") || name.contains("beneficiaire")
    }

    /// A header that names a dimension even when its values are whole numbers (a year, an age, a code).
    static func looksLikeLabelName(_ header: String) -> Bool {
        let labelTokens: Set<String> = [
            "annee", "annees", "an", "year", "years", "age", "ages", "mois", "month", "semaine", "week", "code", "cod", "dep", "departement",
            "reg", "region", "classe", "tranche", "periode", "period", "sexe", "sex", "id", "rang", "rank", "trimestre", "quarter", "jour", "day",
        ]
        return tokens(header).contains { labelTokens.contains($0) }
    }

    /// Why a header names an identifying column (a NIR, a pseudonym, a name, a birth date), or nil.
    static func identifyingName(_ header: String) -> String? {
        let words = Set(tokens(header).map { $0.uppercased() })
        let name = normalised(header).uppercased()
        if words.contains("NIR") || name.contains("NIR_ANO") || name.hasPrefix("NIR") { return "a NIR or a pseudonym of one" }
        if words.contains("IDT") && words.contains("ANO") { return "an anonymised person identifier" }
        if ["ID_PATIENT", "PATIENT_ID", "IPP", "NUM_SECU", "ID_BENEFICIAIRE", "BEN_ID"].contains(name) { return "a person identifier" }
        // `NOM` alone or of a person; `nom_region`, `nom_etablissement` name places and are fine.
        let personNames: Set<String> = ["NOM", "NAME", "NOM_PATIENT", "NOM_NAISSANCE", "NOM_USAGE", "PATIENT_NAME", "FULL_NAME", "NOM_PRENOM"]
        if personNames.contains(name) || !words.isDisjoint(with: ["PRENOM", "PRENOMS", "SURNAME", "FIRSTNAME", "LASTNAME"])
            || name.hasSuffix("FIRST_NAME") || name.hasSuffix("LAST_NAME")
        {
            return "a person's name"
        }
        if !words.isDisjoint(with: ["ADRESSE", "ADDRESS", "EMAIL", "MAIL", "TELEPHONE", "PHONE", "TEL"]) { return "contact details" }
        return nil
    }

    /// A header about birth (`DATE_NAISSANCE`, `BEN_NAI_DTE`, `birth_date`, `dob`): identifying when it holds exact dates.
    static func isBirthName(_ header: String) -> Bool {
        let words = Set(tokens(header))
        if !words.isDisjoint(with: ["dob", "ddn", "birthdate", "naissance", "birth", "naiss", "nais"]) { return true }
        return words.contains("nai") && !words.isDisjoint(with: ["dte", "dat", "date", "dt"])
    }

    /// `2019-03-14`, `14/03/2019`, `20190314`: a day, not a year or a month.
    static func isExactDate(_ text: String) -> Bool {
        let characters = Array(text)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { characters[$0].isASCII && characters[$0].isNumber } }
        switch characters.count {
        case 10 where characters[4] == "-" && characters[7] == "-": return digits(0..<4) && digits(5..<7) && digits(8..<10)
        case 10 where characters[2] == "/" && characters[5] == "/": return digits(0..<2) && digits(3..<5) && digits(6..<10)
        case 8:
            guard digits(0..<8), let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
                let day = Int(text.suffix(2))
            else { return false }
            return (1880...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
        default: return false
        }
    }

    /// A value shaped like a person token: a NIR (13 or 15 digits starting with a sex digit), or a 13-, 15-,
    /// 17-, 22-character or hash-length (32, 40, 64) token of hexadecimal or mixed letters and digits.
    static func isIdentifierToken(_ text: String) -> Bool {
        let count = text.count
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        if text.allSatisfy(\.isNumber) {
            return (count == 13 || count == 15) && ["1", "2", "7", "8"].contains(text.first!)
        }
        guard [13, 15, 17, 22, 32, 40, 64].contains(count) else { return false }
        let hasDigit = text.contains(where: \.isNumber)
        let hasLetter = text.contains(where: \.isLetter)
        return hasDigit && hasLetter
    }
}
