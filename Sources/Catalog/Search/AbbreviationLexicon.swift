import Core

/// What the parts of variable names stand for, learned from the catalog itself: `NAI` goes with
/// "naissance", `DCD` with "décès", because variables named with them are described with those words.
///
/// The SNDS names variables by a strict convention of three-letter parts, and some descriptions are empty;
/// with this lexicon, searching "naissance" also finds an undescribed `..._NAI_...` variable.
struct AbbreviationLexicon {
    private(set) var meanings: [String: [String]] = [:]

    /// A part means a word when they co-occur often relative to how often each occurs (Dice coefficient).
    static func learn(from variables: [(name: String, description: String)], analyzer: TextAnalyzer) -> AbbreviationLexicon {
        var cooccurrences: [String: [String: Int]] = [:]
        var partFrequency: [String: Int] = [:]
        var wordFrequency: [String: Int] = [:]
        for variable in variables where !variable.description.isEmpty {
            let parts = Set(analyzer.words(variable.name).filter { $0.count >= 2 && $0.allSatisfy(\.isLetter) })
            let words = Set(analyzer.terms(variable.description).filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) })
            for part in parts {
                partFrequency[part, default: 0] += 1
                for word in words where word != part { cooccurrences[part, default: [:]][word, default: 0] += 1 }
            }
            for word in words { wordFrequency[word, default: 0] += 1 }
        }
        var lexicon = AbbreviationLexicon()
        for (part, words) in cooccurrences {
            let ranked = words.compactMap { word, count -> (String, Double)? in
                guard count >= 2 else { return nil }
                let dice = 2 * Double(count) / Double(partFrequency[part]! + wordFrequency[word]!)
                return dice >= 0.3 ? (word, dice) : nil
            }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            if !ranked.isEmpty { lexicon.meanings[part] = ranked.prefix(3).map(\.0) }
        }
        return lexicon
    }

    func meanings(of part: String) -> [String] {
        meanings[part] ?? []
    }
}
