import Foundation

extension String {
    /// The text lower-cased with its accents removed (`Bénéficiaire` -> `beneficiaire`), the form every
    /// comparison and search index in Hublot uses, so that users need not type French accents.
    public var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
    }
}
