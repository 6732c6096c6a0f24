import Core

extension OrganisationName {
    /// The form names are compared in across registries: folded (case, accents), punctuation as spaces, spaces
    /// collapsed, so that `Université Paris-Saclay` and `UNIVERSITE PARIS SACLAY` meet.
    public static func key(_ text: String) -> String {
        var key = ""
        var pendingSpace = false
        for character in text.folded {
            if character.isLetter || character.isNumber {
                if pendingSpace, !key.isEmpty { key.append(" ") }
                pendingSpace = false
                key.append(character)
            } else {
                pendingSpace = true
            }
        }
        return key
    }

    /// The key without what registries write or leave out at will: parenthesised notes (`(EPE)`) and French and
    /// English articles and prepositions (`Université Strasbourg`, `Université de Strasbourg`). Too loose for
    /// labs' names; for institutions' names, which are distinctive.
    public static func looseKey(_ text: String) -> String {
        var kept = ""
        var depth = 0
        for character in text {
            if character == "(" {
                depth += 1
            } else if character == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                kept.append(character)
            }
        }
        return key(kept).split(separator: " ").filter { !looseWords.contains(String($0)) }.joined(separator: " ")
    }

    private static let looseWords: Set<String> = [
        "de", "d", "du", "des", "la", "le", "l", "les", "et", "en", "a", "au", "aux", "the", "of", "and", "for", "in",
    ]

    public var key: String { Self.key(value) }
}
