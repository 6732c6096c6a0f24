import Core

/// Keywords as authors typed them, made comparable: sources split lists differently (`a; b` in one field),
/// pad them with spaces, end them with a full stop, and repeat them in other cases or without accents.
public enum KeywordNormalisation {
    /// Trimmed, spaces collapsed, trailing punctuation dropped, `;`-lists split; the first form of each keyword
    /// kept when others differ only in case or accents.
    public static func normalised(_ keywords: [String]) -> [String] {
        var seen: Set<String> = []
        var kept: [String] = []
        for field in keywords {
            for part in field.split(separator: ";") {
                let keyword = cleaned(part)
                guard !keyword.isEmpty, seen.insert(keyword.folded).inserted else { continue }
                kept.append(keyword)
            }
        }
        return kept
    }

    /// One keyword: single spaces, nothing trailing but its last letter, digit or closing bracket.
    public static func cleaned(_ keyword: some StringProtocol) -> String {
        let words = keyword.split(whereSeparator: \.isWhitespace)
        var text = words.joined(separator: " ")
        while let last = text.last, last.isPunctuation, !")]".contains(last) {
            text.removeLast()
            while text.last?.isWhitespace == true { text.removeLast() }
        }
        return text
    }
}
