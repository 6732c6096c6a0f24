import Foundation
import Workbench

/// One-character mistakes of a person typing: a letter inserted, deleted, replaced (often by a neighbour
/// on a French AZERTY keyboard) or two letters exchanged. Each always changes the text.
enum Typo {
    static let keyboardRows: [[Character]] = ["azertyuiop", "qsdfghjklm", "wxcvbn"].map(Array.init)

    /// The keys around `letter` on an AZERTY keyboard (accents folded away); empty for other characters.
    static let neighbours: [Character: [Character]] = {
        var neighbours: [Character: [Character]] = [:]
        for (row, keys) in keyboardRows.enumerated() {
            for (column, key) in keys.enumerated() {
                var around: [Character] = []
                for (dr, dc) in [(0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)] {
                    let r = row + dr
                    let c = column + dc
                    if r >= 0, r < keyboardRows.count, c >= 0, c < keyboardRows[r].count { around.append(keyboardRows[r][c]) }
                }
                neighbours[key] = around
            }
        }
        return neighbours
    }()

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz")

    /// `text` with one mistake; nil for an empty text.
    static func apply(to text: String, _ random: inout SplitMix64) -> String? {
        var characters = Array(text)
        guard !characters.isEmpty else { return nil }
        var operation = random.below(4)
        // A one-letter text is not deleted into an empty one; a transposition needs two different letters.
        if operation == 1, characters.count < 2 { operation = 2 }
        if operation == 3 {
            let candidates = (0..<max(0, characters.count - 1)).filter { characters[$0] != characters[$0 + 1] }
            if candidates.isEmpty {
                operation = 2
            } else {
                let first = candidates[random.below(candidates.count)]
                characters.swapAt(first, first + 1)
                return String(characters)
            }
        }
        let position = random.below(characters.count)
        switch operation {
        case 0:
            characters.insert(near(characters[position], &random), at: position + random.below(2))
        case 1:
            characters.remove(at: position)
        default:
            let original = characters[position]
            var replacement = near(original, &random)
            while replacement == original { replacement = near(original, &random) }
            characters[position] = replacement
        }
        return String(characters)
    }

    /// A digit replaced by another, or two different neighbouring digits exchanged: the mistakes made
    /// copying a number, which keep its length.
    static func applyToDigits(_ text: String, _ random: inout SplitMix64) -> String? {
        var characters = Array(text)
        guard !characters.isEmpty else { return nil }
        let pairs = (0..<max(0, characters.count - 1)).filter { characters[$0] != characters[$0 + 1] }
        if random.chance(0.5), !pairs.isEmpty {
            let first = pairs[random.below(pairs.count)]
            characters.swapAt(first, first + 1)
        } else {
            let position = random.below(characters.count)
            let original = characters[position]
            var replacement = original
            while replacement == original { replacement = Character(String(random.below(10))) }
            characters[position] = replacement
        }
        return String(characters)
    }

    /// A keyboard neighbour of `character` two times in three, otherwise any letter; in its case.
    static func near(_ character: Character, _ random: inout SplitMix64) -> Character {
        let base = String(character).folding(options: .diacriticInsensitive, locale: nil).lowercased().first
        let around = base.flatMap { neighbours[$0] } ?? []
        let letter = !around.isEmpty && random.chance(2.0 / 3.0) ? around[random.below(around.count)] : alphabet[random.below(alphabet.count)]
        return character.isUppercase ? Character(letter.uppercased()) : letter
    }
}
