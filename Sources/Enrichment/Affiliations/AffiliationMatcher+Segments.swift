import Foundation

extension AffiliationMatcher {
    /// One string per organisation group: cut at `;`, and at `and` or `&` when a new institution or unit follows
    /// (`…, Detroit, Michigan 48202, and Department of Chemistry, University of Windsor`), so that each group is
    /// read in its own country.
    static func segments(_ text: String) -> [String] {
        // Most strings name one group: no `;`, no conjunction, single spaces. They are their own segment.
        let bytes = text.utf8
        if !bytes.contains(UInt8(ascii: ";")), !bytes.contains(UInt8(ascii: "&")), !Self.contains(bytes, "and".utf8),
            !Self.contains(bytes, "  ".utf8),
            bytes.first != UInt8(ascii: " "), bytes.last != UInt8(ascii: " ")
        {
            return text.unicodeScalars.allSatisfy(AffiliationText.isSpace) ? [] : [text]
        }
        var segments: [String] = []
        for piece in text.split(separator: ";") {
            var current: [Substring] = []
            let words = piece.split(separator: " ", omittingEmptySubsequences: true)
            for (index, word) in words.enumerated() {
                let next = index + 1 < words.count ? words[index + 1] : ""
                if isConjunction(word), !current.isEmpty, startsInstitution(next) {
                    segments.append(current.joined(separator: " "))
                    current = []
                    continue
                }
                current.append(word)
            }
            if !current.isEmpty { segments.append(current.joined(separator: " ")) }
        }
        return segments.filter { !$0.unicodeScalars.allSatisfy(AffiliationText.isSpace) }
    }

    private static func contains(_ bytes: String.UTF8View, _ needle: String.UTF8View) -> Bool {
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: needle.first!) {
            if bytes[found...].starts(with: needle) { return true }
            start = bytes.index(after: found)
        }
        return false
    }

    /// `and` or `&`, commas around it or not.
    static func isConjunction(_ word: Substring) -> Bool {
        var bare = word.utf8[...]
        while bare.first == UInt8(ascii: ",") { bare.removeFirst() }
        while bare.last == UInt8(ascii: ",") { bare.removeLast() }
        return bare.elementsEqual("and".utf8) || bare.elementsEqual("&".utf8)
    }

    /// Words, as printed, that open a new institution or unit after `and`.
    static let institutionOpenings: Set<String> = [
        "Department", "Dept", "Division", "School", "Faculty", "Institute", "Laboratory", "Center", "Centre", "University", "College",
        "Hospital", "Unit", "Section", "Université", "Universidad", "Universität", "Institut", "Instituto", "Hôpital",
    ]

    static func startsInstitution(_ word: Substring) -> Bool {
        institutionOpenings.contains(String(word).trimmingCharacters(in: .punctuationCharacters))
    }

    /// Brackets cut a part like a comma: `Universidade de Lisboa (ULisboa)` is a name, then its acronym.
    static func bracketsAsCommas(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isBracket(scalar) ? "," : scalar) }
        return String(scalars)
    }

    static func isBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "(" || scalar == ")" || scalar == "[" || scalar == "]"
    }

    /// The text without what is in brackets.
    static func withoutBrackets(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == "(" || scalar == "[" {
                depth += 1
            } else if scalar == ")" || scalar == "]" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
