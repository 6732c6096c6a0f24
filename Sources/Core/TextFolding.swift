import Foundation

extension String {
    /// The text lower-cased with its accents removed (`Bénéficiaire` -> `beneficiaire`), the form every
    /// comparison and search index in Hublot uses, so that users need not type French accents.
    public var folded: String {
        // Most titles and names are plain ASCII, where folding is lower-casing: Foundation's folding costs
        // as much as parsing a PubMed record.
        if isPlainASCII {
            return String(decoding: utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
    }

    /// Whether every character is ASCII: where text work can go byte by byte, without Unicode tables.
    public var isPlainASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
