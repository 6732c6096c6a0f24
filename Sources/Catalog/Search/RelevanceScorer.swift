import Foundation

/// Scores a candidate variable for a query, BM25-style but per query word: each word counts once, through
/// its best alternative (a variable with "année" and "mois" is not twice as much about a "date"), the
/// word itself weighing more than its translations and related words.
///
/// The score is then scaled by how many of the query's words the variable covers (a variable about "date
/// de naissance" beats one about any "date") and raised when its description starts with the query's first
/// word: French noun phrases put their head first, so "Année de naissance" is about a birth date while
/// "Code retour contrôle « date de naissance »" is about a check code.
struct RelevanceScorer {
    /// A variable's analysed text, by column: name parts, description, context.
    struct Document {
        var columns: [[Substring]]

        init(name: String, description: String, context: String) {
            // Split on the byte: analysed text is single-space separated, and Character splitting is slow.
            columns = [name, description, context].map { text in
                text.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
            }
        }
    }

    static let columnWeights = [8.0, 4.0, 1.0]
    static let alternativeWeight = 0.7
    private static let k1 = 1.2
    private static let b = 0.75

    var groups: [CatalogSearch.TermGroup]
    /// In how many documents each alternative occurs.
    var documentFrequency: [String: Int]
    var documentCount: Int
    var averageLengths: [Double]

    init(groups: [CatalogSearch.TermGroup], documentFrequency: [String: Int], documentCount: Int, candidates: [Document]) {
        self.groups = groups
        self.documentFrequency = documentFrequency
        self.documentCount = max(documentCount, 1)
        self.averageLengths = (0..<Self.columnWeights.count).map { column in
            let total = candidates.reduce(0) { $0 + $1.columns[column].count }
            return max(Double(total) / Double(max(candidates.count, 1)), 1)
        }
    }

    func score(_ document: Document) -> Double {
        var sum = 0.0
        var covered = 0
        for group in groups {
            // A word is as informative as its most common form: a translation or related word
            // must not outweigh the word itself for being rarer.
            let informativeness = group.alternatives.map(inverseDocumentFrequency).min() ?? 0
            var best = 0.0
            for (index, alternative) in group.alternatives.enumerated() {
                let value = group.weight(ofAlternativeAt: index) * informativeness * columnScore(alternative, in: document)
                best = max(best, value)
            }
            if best > 0 { covered += 1 }
            sum += best
        }
        let coverage = Double(covered) / Double(max(groups.count, 1))
        let headMatches = document.columns[1].first.map { groups.first?.matches($0) ?? false } ?? false
        return sum * (0.5 + coverage) * (headMatches ? 1.5 : 1)
    }

    private func columnScore(_ term: String, in document: Document) -> Double {
        var total = 0.0
        for (column, terms) in document.columns.enumerated() {
            let frequency = Double(terms.reduce(0) { $0 + ($1 == term ? 1 : 0) })
            guard frequency > 0 else { continue }
            let lengthRatio = Double(terms.count) / averageLengths[column]
            total += Self.columnWeights[column] * frequency * (Self.k1 + 1) / (frequency + Self.k1 * (1 - Self.b + Self.b * lengthRatio))
        }
        return total
    }

    private func inverseDocumentFrequency(_ term: String) -> Double {
        let frequency = Double(documentFrequency[term] ?? 0)
        return log(1 + (Double(documentCount) - frequency + 0.5) / (frequency + 0.5))
    }
}
