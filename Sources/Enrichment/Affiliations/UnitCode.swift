import Foundation

/// A French research unit's code (`UMR 5525`, `U1219`, `UMR_S 1138`, `EA 4360`) in one spelling, as the
/// registry lists it and as bylines print it, so that one lookup finds the lab.
struct UnitCode: Hashable, Sendable {
    /// The kind of unit, in capitals without separators (`UMR`, `UMRS`, `U`, `EA`).
    var prefix: String
    /// The number without leading zeros.
    var number: String

    var key: String { prefix + " " + number }

    /// Prefixes the State's labs are numbered under, each with its spellings folded to one.
    static let prefixes: [String: String] = [
        "UMR": "UMR", "UMRS": "UMRS", "UMR_S": "UMRS", "UMR-S": "UMRS", "U": "U", "EA": "EA", "UPR": "UPR", "FRE": "FRE", "UMS": "UMS",
        "UAR": "UAR", "UR": "UR", "USR": "USR", "UMI": "UMI", "IRL": "IRL", "ERL": "ERL", "CIC": "CIC", "UMR_D": "UMRD", "UMR_A": "UMRA",
        "ULR": "ULR", "EMR": "EMR", "USC": "USC", "UE": "UE", "UMRD": "UMRD", "UMRA": "UMRA",
    ]

    init(prefix: String, number: Substring) {
        self.prefix = prefix
        let trimmed = number.drop { $0 == "0" }
        self.number = trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// A code as the registry writes it (`UMR 6183`).
    init?(registryName: String) {
        let words = registryName.split(separator: " ")
        guard words.count == 2, let prefix = Self.prefixes[words[0].uppercased()], words[1].allSatisfy(\.isNumber) else { return nil }
        self.init(prefix: prefix, number: words[1])
    }

    /// The codes a string prints: a prefix then a number, together (`U1219`, `UMR7372`) or apart (`UMR 5525`,
    /// `UMR CNRS 5525`, `Inserm U 1219`); only in capitals, since `u` and `ea` are words elsewhere.
    static func codes(in text: String) -> [UnitCode] {
        var codes: [UnitCode] = []
        let words = text.unicodeScalars.split(whereSeparator: {
            AffiliationText.isSpace($0) || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "/"
        })
        var pending: String?
        for scalars in words {
            var word = Substring(scalars)
            while let first = word.first, first == "." || first == ":" { word.removeFirst() }
            while let last = word.last, last == "." || last == ":" { word.removeLast() }
            if let prefix = pending, word.count >= 2, word.count <= 5, word.allSatisfy(\.isNumber) {
                codes.append(UnitCode(prefix: prefix, number: word))
                pending = nil
                continue
            }
            if let prefix = prefixes[String(word)] {
                pending = prefix
                continue
            }
            if let glued = gluedCode(word) {
                codes.append(glued)
                pending = nil
                continue
            }
            // `UMR CNRS 5525`, `UMR Inserm 1219`: the organisation's name between the prefix and the number.
            if pending != nil, ["CNRS", "INSERM", "Inserm", "INRAE", "INRA", "IRD", "MD", "S", "-"].contains(String(word)) { continue }
            pending = nil
        }
        return codes
    }

    /// `U1219`, `UMR7372`, `UMR_S1138`, `UMR-S1138`.
    private static func gluedCode(_ word: Substring) -> UnitCode? {
        guard let digits = word.firstIndex(where: \.isNumber), digits > word.startIndex else { return nil }
        let number = word[digits...]
        var prefix = String(word[..<digits])
        if prefix.hasSuffix("-") || prefix.hasSuffix("_"), prefixes[prefix] == nil { prefix.removeLast() }
        guard let canonical = prefixes[prefix], (2...5).contains(number.count), number.allSatisfy(\.isNumber) else { return nil }
        return UnitCode(prefix: canonical, number: number)
    }
}
