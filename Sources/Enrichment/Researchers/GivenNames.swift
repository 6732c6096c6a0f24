import Core

/// An author's given names as comparable tokens, each a full name (`jean`) or an initial (`j`), folded.
///
/// `Jean-Pierre` and `J-P` both give two tokens, so that they compare token by token; a byline that gives only
/// initials (`RJ`) gives one token per letter.
public struct GivenNames: Hashable, Sendable, Codable {
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// From the source's given names, else its initials.
    public init(given: String?, initials: String?) {
        let analyzer = TextAnalyzer(stopWords: [])
        var tokens: [String] = []
        if let given, !given.isEmpty {
            for part in given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "\u{2010}" }) {
                // PubMed's ForeName is sometimes the initials themselves (`RJ`): letters, none lower-case.
                if part.count <= 3, part.allSatisfy({ $0.isLetter && $0.isUppercase }), part.count > 1 {
                    tokens += part.map { analyzer.words(String($0)).joined() }.filter { !$0.isEmpty }
                } else {
                    tokens += analyzer.words(String(part))
                }
            }
        } else if let initials {
            tokens = initials.compactMap { character in analyzer.words(String(character)).first }
        }
        self.tokens = tokens
    }

    public var isEmpty: Bool { tokens.isEmpty }
    /// Whether the first given name is written out, not an initial.
    public var isFull: Bool { (tokens.first?.count ?? 0) > 1 }
    public var firstInitial: Character? { tokens.first?.first }
    public var first: String? { tokens.first }

    /// Whether both may name the same person: token by token, two full names must be equal and an initial must
    /// start the other token (`J` fits `Jean`, `Jean` does not fit `Jacques`). A missing middle name is no
    /// contradiction: `Jean` fits `Jean-Pierre`.
    public func isCompatible(with other: GivenNames) -> Bool {
        for (mine, theirs) in zip(tokens, other.tokens) {
            if mine.count > 1 && theirs.count > 1 {
                if mine != theirs { return false }
            } else if mine.first != theirs.first {
                return false
            }
        }
        return true
    }

    /// Initials as a byline prints them (`J-P`, `JP`).
    public var initials: String { String(tokens.compactMap(\.first)).uppercased() }
}
