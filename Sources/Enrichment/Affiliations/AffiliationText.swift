import Foundation

/// An affiliation string cut into its parts (`,` and `;`), e-mail addresses taken out of them and their domains kept.
struct AffiliationText: Sendable {
    struct Part: Hashable, Sendable {
        /// As printed, trimmed, spaces collapsed.
        let text: String
        /// Lower-cased, accents and dots removed, other punctuation as spaces (`AffiliationText.folded`).
        let folded: String
        var words: [Substring] { folded.split(separator: " ") }
    }

    let parts: [Part]
    /// Domains of the e-mail addresses (`inserm.fr`), lower-cased.
    let emailDomains: [String]

    init(_ text: String) {
        var domains: [String] = []
        var parts: [Part] = []
        // Scalars rather than Characters: grapheme breaking was a fifth of the matcher's time, and none of the
        // separators combines with what follows it.
        for piece in Self.decodingEntities(text).unicodeScalars.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            var words: [Substring] = []
            for scalars in piece.split(whereSeparator: Self.isSpace) {
                let word = Substring(scalars)
                if let at = word.firstIndex(of: "@") {
                    let domain = Self.bare(word[word.index(after: at)...]).lowercased()
                    if domain.contains(".") { domains.append(domain) }
                } else {
                    words.append(word)
                }
            }
            // Labels left behind by an address taken out: `Electronic address:`, `E-mail:`.
            while let last = words.last, Self.emailLabels.contains(Self.folded(String(last))) || last == ":" { words.removeLast() }
            if words.count >= 2, Self.folded(words.suffix(2).joined(separator: " ")) == "electronic address" { words.removeLast(2) }
            var cleaned = Self.trimmed(words.joined(separator: " "))
            // A footnote mark glued to the name: `1Université de Paris`, `2Monash University`.
            let mark = cleaned.prefix { $0.isASCII && $0.isNumber }
            if (1...2).contains(mark.count), cleaned.dropFirst(mark.count).first?.isUppercase == true { cleaned.removeFirst(mark.count) }
            let folded = Self.folded(cleaned)
            if !folded.isEmpty { parts.append(Part(text: cleaned, folded: folded)) }
        }
        self.parts = parts
        self.emailDomains = domains
    }

    private static let openings: [Character: Character] = [")": "(", "]": "["]
    private static let closings: [Character: Character] = ["(": ")", "[": "]"]

    private static let emailLabels: Set<String> = [
        "email", "e mail", "mail", "emails", "e mails", "courriel", "electronic address", "tel", "fax", "phone",
    ]

    /// Spaces collapsed, and what surrounds a part without belonging to it: `and`, periods, brackets, dashes.
    static func trimmed(_ text: String) -> String {
        var text = Substring(collapsingSpaces(text))
        while true {
            let length = text.utf8.count
            while let first = text.first, edges.contains(first) { text.removeFirst() }
            while let last = text.last, edges.contains(last) { text.removeLast() }
            // Compared as bytes: `hasPrefix` on a substring walks graphemes, and was most of the trimming's time.
            for prefix in joiningPrefixes where text.utf8.starts(with: prefix.utf8) { text.removeFirst(prefix.count) }
            // A bracket is kept when it closes or opens one in the part (`(Cnam)`), dropped when the split left it alone.
            if let last = text.last, let opening = openings[last], !text.contains(opening) { text.removeLast() }
            if let first = text.first, let closing = closings[first], !text.contains(closing) { text.removeFirst() }
            // Only ever shortened: the same length is the same text.
            if text.utf8.count == length { return String(text) }
        }
    }

    private static let joiningPrefixes = ["and ", "And ", "AND ", "& ", "et "]

    /// Runs of white space as one space, none at either end.
    static func collapsingSpaces(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = true
                continue
            }
            if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    /// `Character.isWhitespace` for a scalar, ASCII answered without a property lookup.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
    }

    private static let edges: Set<Character> = [" ", ".", ":", "-", "–", "—", "•", "*", "\"", "'", "/", "|"]

    /// The word without the punctuation around it: `(S10`, `2JF.` → `S10`, `2JF`.
    static func bare<S: StringProtocol>(_ word: S) -> Substring {
        var word = Substring(word)
        while let first = word.first, !first.isLetter, !first.isNumber { word.removeFirst() }
        while let last = word.last, !last.isLetter, !last.isNumber { word.removeLast() }
        return word
    }

    /// `Université Paris-Cité` → `universite paris cite`; `U.S.A.` → `usa`; `People's` → `peoples`.
    static func folded(_ text: String) -> String {
        // Scalar by scalar into bytes rather than `String.folding`: affiliations are mostly ASCII, and folding whole
        // strings through Foundation was most of the reader's time.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func append(_ scalar: Unicode.Scalar) {
            if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x27, 0x2019: continue  // `.`, `'`, `’` join what they separate: `U.S.A.`, `People's`.
            // An accent printed beside its letter by a broken conversion (`Westfa¨lische`, `People´s`) joins it too.
            case 0xA8, 0xB4: continue
            case 0x41...0x5A: append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            case 0x61...0x7A, 0x30...0x39: append(scalar)
            case 0...0x7F: pendingSpace = true
            default:
                switch folding(of: scalar) {
                case .letters(let letters): for letter in letters { append(letter) }
                case .separator: pendingSpace = true
                case .ignored: continue
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What folding makes of a scalar beyond ASCII.
    private enum Folding: Sendable {
        case letters([Unicode.Scalar])
        case separator
        /// A combining mark: the accent of the letter before it.
        case ignored
    }

    /// Latin scalars' foldings, worked out once: decomposing a letter through Foundation each time it is met
    /// cost more than the rest of folding.
    private static let latinFoldings: [Folding] = (0x80..<0x250).map { folding(computing: Unicode.Scalar(UInt32($0))!) }

    private static func folding(of scalar: Unicode.Scalar) -> Folding {
        scalar.value < 0x250 ? latinFoldings[Int(scalar.value) - 0x80] : folding(computing: scalar)
    }

    private static func folding(computing scalar: Unicode.Scalar) -> Folding {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
            return scalar.properties.generalCategory == .nonspacingMark ? .ignored : .separator
        }
        return .letters(baseLetters(of: scalar))
    }

    /// A letter lower-cased without its accents: `É` → `e`; letters that do not decompose by their own spelling.
    private static func baseLetters(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar {
        case "ø", "Ø": return ["o"]
        case "æ", "Æ": return ["a", "e"]
        case "œ", "Œ": return ["o", "e"]
        case "ß": return ["s", "s"]
        case "ı": return ["i"]
        case "ł", "Ł": return ["l"]
        case "đ", "Đ": return ["d"]
        default:
            let decomposed = String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
            return decomposed.filter { $0.properties.generalCategory != .nonspacingMark }
        }
    }

    /// Crossref writes some characters as HTML entities: named (`&amp;`, also without its semicolon: `Texas A&amp M`)
    /// or by number (`Syst&#x00E8;mes`, `&#38;`).
    static func decodingEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (decoded, length) = entity(at: rest) {
                result += decoded
                rest = rest.dropFirst(length)
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static let namedEntities: [(String, String)] = [
        ("&amp;", "&"), ("&apos;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp", "&"),
    ]

    /// The character an entity at the start of the text stands for, and the entity's length in characters.
    private static func entity(at text: Substring) -> (String, Int)? {
        for (name, character) in namedEntities where text.hasPrefix(name) { return (character, name.count) }
        guard text.hasPrefix("&#"), let semicolon = text.prefix(10).firstIndex(of: ";") else { return nil }
        let digits = text[text.index(text.startIndex, offsetBy: 2)..<semicolon]
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (String(Character(scalar)), text.distance(from: text.startIndex, to: semicolon) + 1)
    }
}
