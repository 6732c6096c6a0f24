import Core
import Foundation

/// The normal forms every reader writes, so that the same work read from two sources compares equal.
/// Each function returns nil for a value that is not one (an empty string, `N/A`, a malformed DOI).
public enum Normalize {
    /// `10.1016/j.x.2019.01.002`: resolver and `doi:` prefixes removed, percent-escapes decoded, lower-cased
    /// (DOIs are case-insensitive), trailing punctuation dropped.
    public static func doi(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        text = text.removingPercentEncoding ?? text
        let lowered = text.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "doi "] {
            if lowered.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        text = text.lowercased()
        while let last = text.last, ".,;".contains(last) { text.removeLast() }
        guard text.hasPrefix("10."), let slash = text.firstIndex(of: "/"), text.index(after: slash) < text.endIndex else { return nil }
        return text
    }

    /// PubMed ids are positive integers; leading zeros and `PMID:` prefixes are dropped.
    public static func pmid(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if text.uppercased().hasPrefix("PMID:") { text = text.dropFirst(5).trimmingCharacters(in: .whitespaces) }
        guard let number = Int(text), number > 0 else { return nil }
        return String(number)
    }

    /// `PMC1234567`, whether the source wrote `PMC1234567`, `pmc1234567` or `1234567`.
    public static func pmcid(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if text.uppercased().hasPrefix("PMC") { text.removeFirst(3) }
        guard let number = Int(text), number > 0 else { return nil }
        return "PMC\(number)"
    }

    /// `hal-02001689`, without version suffix (`v2`) or URL.
    public static func halID(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if let range = text.range(of: #"v[0-9]+$"#, options: .regularExpression) { text.removeSubrange(range) }
        return text.isEmpty ? nil : text.lowercased()
    }

    /// `W2741809807`, from `https://openalex.org/W2741809807` or `w2741809807`.
    public static func openAlexID(_ raw: String?) -> String? {
        guard var text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        text = text.uppercased()
        guard text.first == "W", text.count > 1, text.dropFirst().allSatisfy(\.isNumber) else { return nil }
        return text
    }

    /// `0000-0002-1825-0097`, checksum verified (ISO 7064 11,2), from a bare id or an orcid.org URL.
    public static func orcid(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let characters = raw.uppercased().filter { $0.isNumber || $0 == "X" }
        let digits = characters.suffix(16)
        guard digits.count == 16, raw.uppercased().contains(where: \.isNumber) else { return nil }
        var total = 0
        for character in digits.dropLast() {
            guard let value = character.wholeNumberValue else { return nil }
            total = (total + value) * 2
        }
        let check = (12 - total % 11) % 11
        let expected: Character = check == 10 ? "X" : Character(String(check))
        guard digits.last == expected else { return nil }
        let text = String(digits)
        return stride(from: 0, to: 16, by: 4).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return String(text[start..<text.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }

    /// `1234-567X`: eight characters, upper-case check digit, hyphen in the middle.
    public static func issn(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let characters = raw.uppercased().filter { $0.isNumber || $0 == "X" }
        guard characters.count == 8, characters.dropLast().allSatisfy(\.isNumber) else { return nil }
        return "\(characters.prefix(4))-\(characters.suffix(4))"
    }

    /// ISO 639-1 for the languages research is published in, from ISO 639-2 (`eng`, `fre`/`fra`), English or
    /// French names; any other code is kept lower-cased. `und` and empty give nil.
    public static func language(_ raw: String?) -> String? {
        guard let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !text.isEmpty else { return nil }
        if ["und", "unknown", "zxx", "mul"].contains(text) { return nil }
        if let code = languageCodes[text] { return code }
        let base = text.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? text
        return languageCodes[base] ?? base
    }

    private static let languageCodes: [String: String] = {
        let table: [(String, [String])] = [
            ("en", ["eng", "english", "anglais"]), ("fr", ["fre", "fra", "french", "français", "francais"]),
            ("de", ["ger", "deu", "german", "allemand"]), ("es", ["spa", "spanish", "espagnol"]),
            ("it", ["ita", "italian", "italien"]), ("pt", ["por", "portuguese", "portugais"]),
            ("nl", ["dut", "nld", "dutch"]), ("ru", ["rus", "russian"]), ("zh", ["chi", "zho", "chinese"]),
            ("ja", ["jpn", "japanese"]), ("pl", ["pol", "polish"]), ("sv", ["swe", "swedish"]),
            ("da", ["dan", "danish"]), ("no", ["nor", "norwegian"]), ("fi", ["fin", "finnish"]),
            ("cs", ["cze", "ces", "czech"]), ("hu", ["hun", "hungarian"]), ("tr", ["tur", "turkish"]),
            ("ko", ["kor", "korean"]), ("ar", ["ara", "arabic"]), ("he", ["heb", "hebrew"]),
            ("el", ["gre", "ell", "greek"]), ("ro", ["rum", "ron", "romanian"]), ("hr", ["hrv", "scr", "croatian"]),
            ("sk", ["slo", "slk", "slovak"]), ("sl", ["slv", "slovenian"]), ("uk", ["ukr", "ukrainian"]),
            ("fa", ["per", "fas", "persian"]), ("lt", ["lit"]), ("ca", ["cat", "catalan"]), ("bg", ["bul"]),
            ("sr", ["srp"]), ("et", ["est"]), ("lv", ["lav"]), ("is", ["ice", "isl"]), ("af", ["afr"]),
        ]
        var codes: [String: String] = [:]
        for (code, names) in table {
            codes[code] = code
            for name in names { codes[name] = code }
        }
        return codes
    }()

    /// Dates as sources write them: `2019-03-25`, `2019-03`, `2019`, `2019-03-25T10:00:00Z`, `2019/3/25`.
    public static func date(_ raw: String?) -> PublicationDate? {
        guard let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        let datePart = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? text
        let parts = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." || $0 == " " }).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        let month = parts.count > 1 ? self.month(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]).flatMap { (1...31).contains($0) ? $0 : nil } : nil
        return date(year: year, month: month, day: day)
    }

    /// A date from separate parts, checked: nil when the year is implausible for a publication.
    public static func date(year: Int?, month: Int? = nil, day: Int? = nil) -> PublicationDate? {
        guard let year, (1000...2999).contains(year) else { return nil }
        return PublicationDate(year: year, month: month.flatMap { (1...12).contains($0) ? $0 : nil }, day: day)
    }

    /// `3`, `03`, `Mar`, `March`, `mars` → 3; seasons give nil (a season is not a month).
    public static func month(_ raw: String?) -> Int? {
        guard let text = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return nil }
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        if let index = names.firstIndex(where: { text.hasPrefix($0) }) { return index + 1 }
        let french = ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"]
        if let index = french.firstIndex(where: { text.hasPrefix($0) }) { return index + 1 }
        return nil
    }

    /// Inner whitespace collapsed, ends trimmed; nil when nothing is left.
    public static func text(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? nil : result
    }

    /// Splits a displayed name into family and given parts: `Durand, Marie` and `Marie Durand` both give
    /// family `Durand`; particles stay with the family name (`Jean de La Fontaine` → `de La Fontaine`).
    public static func personName(_ raw: String) -> (family: String?, given: String?) {
        guard let text = self.text(raw) else { return (nil, nil) }
        if let comma = text.firstIndex(of: ",") {
            let family = text[..<comma].trimmingCharacters(in: .whitespaces)
            let given = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return (family.isEmpty ? nil : family, given.isEmpty ? nil : given)
        }
        let words = text.split(separator: " ").map(String.init)
        guard words.count > 1 else { return (text, nil) }
        let particles: Set<String> = [
            "de", "del", "della", "der", "di", "du", "da", "dos", "das", "van", "von", "le", "la", "ten", "ter", "bin", "ibn", "al", "el",
        ]
        var familyStart = words.count - 1
        while familyStart > 1, particles.contains(words[familyStart - 1].lowercased()) { familyStart -= 1 }
        return (words[familyStart...].joined(separator: " "), words[..<familyStart].joined(separator: " "))
    }

    /// `J-P` for `Jean-Pierre`, `MA` for `Marie Anne`: what PubMed writes in `Initials`.
    public static func initials(ofGivenName given: String?) -> String? {
        guard let given = text(given) else { return nil }
        var result = ""
        for word in given.split(whereSeparator: { $0 == " " || $0 == "." }) {
            let parts = word.split(separator: "-")
            result += parts.compactMap { $0.first.map { String($0).uppercased() } }.joined(separator: parts.count > 1 ? "-" : "")
        }
        return result.isEmpty ? nil : result
    }

    /// The key that recognises a work without identifiers: folded title words, the year, and the first
    /// author's folded family name. Titles shorter than three words are too generic to merge on.
    public static func titleKey(title: String?, year: Int?, firstAuthorFamily: String?) -> String? {
        guard let title, let year else { return nil }
        let words = Self.words(title.folded)
        guard words.count >= 3 else { return nil }
        let family = firstAuthorFamily.map { $0.folded.filter { $0.isLetter } } ?? ""
        return "\(words.joined(separator: " "))|\(year)|\(family)"
    }

    /// The runs of letters and digits of `text`; plain ASCII, most titles, without Unicode property lookups.
    static func words(_ text: String) -> [Substring] {
        if text.isPlainASCII {
            func isWordByte(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            return text.utf8.split(whereSeparator: { !isWordByte($0) }).map { Substring($0) }
        }
        return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}
