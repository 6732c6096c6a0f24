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

    public var key: String { Self.key(value) }
}
