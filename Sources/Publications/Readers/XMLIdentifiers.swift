/// The normal forms of `Normalize` for identifiers as XML sources nearly always write them already, checked on
/// the bytes: a PubMed update file holds some 250,000 PMIDs and DOIs, and `Normalize` goes through Foundation.
/// Anything unusual (prefixes, percent-escapes, leading zeros) takes `Normalize`'s path, so results are the same.
/// Inputs are texts from `XMLStream.text()`: trimmed, whitespace collapsed.
enum XMLIdentifiers {
    static func pmid(_ text: String) -> String? {
        let utf8 = text.utf8
        if (1...18).contains(utf8.count), utf8.first != 0x30, utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return text }
        return Normalize.pmid(text)
    }

    static func pmcid(_ text: String) -> String? {
        let utf8 = text.utf8
        if utf8.count > 3, text.hasPrefix("PMC") {
            let digits = utf8.dropFirst(3)
            if digits.count <= 18, digits.first != 0x30, digits.allSatisfy({ (0x30...0x39).contains($0) }) { return text }
        }
        return Normalize.pmcid(text)
    }

    /// `10.…/…` without escapes nor trailing punctuation needs only lower-casing.
    static func doi(_ text: String) -> String? {
        let utf8 = text.utf8
        guard text.hasPrefix("10."), let last = utf8.last, last != 0x2E, last != 0x2C, last != 0x3B,
            !utf8.contains(0x25), !utf8.contains(where: { $0 == 0x20 || $0 >= 0x80 }),
            let slash = utf8.firstIndex(of: 0x2F), utf8.index(after: slash) != utf8.endIndex
        else { return Normalize.doi(text) }
        return utf8.contains(where: { (0x41...0x5A).contains($0) }) ? text.lowercased() : text
    }

    /// `1234-567X` as printed.
    static func issn(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        if utf8.count == 9, utf8[4] == 0x2D, utf8[0..<4].allSatisfy(isDigit), utf8[5..<8].allSatisfy(isDigit),
            isDigit(utf8[8]) || utf8[8] == 0x58
        {
            return text
        }
        return Normalize.issn(text)
    }
}
