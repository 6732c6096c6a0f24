import Core

/// A phrase of the registry, matched against the folded words of a text.
///
/// Syntax: words separated by spaces; `(a|b c)` a choice between word sequences; `?` after a word or a group
/// makes it optional, `+` repeatable (`(hospital|claims)+ data` is also `hospital claims data`); `*` ending a word matches any word it begins (`database*`). Case and accents do not
/// matter, hyphens and apostrophes separate words, and the little words of English and French (`the`, `of`,
/// `de`, `des`, `l'`) are skipped in both the phrase and the text, so `système national des données de santé`
/// also matches `système national de données de santé`.
public struct PhrasePattern: Hashable, Sendable, CustomStringConvertible {
    public indirect enum Node: Hashable, Sendable {
        case word(String)
        case prefix(String)
        case sequence([Node])
        case choice([Node])
        case optional(Node)
        case repeated(Node)
    }

    public let source: String
    public let root: Node

    public var description: String { source }

    /// Words skipped on both sides: they vary between authors without changing what is named.
    public static let skippedWords: Set<String> = [
        "a", "an", "the", "of", "de", "des", "du", "d", "l", "la", "le", "les", "en", "for", "on", "in", "et", "and", "s",
    ]

    public init(_ source: String) throws(PhrasePatternError) {
        self.source = source
        var parser = Parser(tokens: try Self.lex(source), source: source)
        let node = try parser.sequence()
        if parser.position < parser.tokens.count {
            throw PhrasePatternError(pattern: source, message: "unexpected '\(parser.tokens[parser.position])'")
        }
        guard node.canMatchSomething else { throw PhrasePatternError(pattern: source, message: "matches no word") }
        self.root = node
    }

    /// The words a match can begin with, and the beginnings of such words (`interregime*`), so that a text is
    /// only tried where a phrase may start.
    public var firstWords: (words: Set<String>, prefixes: Set<String>) { root.firstWords }

    /// Every word of the phrase, and every prefix: what a definition of the database's acronym is made of.
    public var vocabulary: (words: Set<String>, prefixes: Set<String>) { root.vocabulary }

    /// The ends (exclusive) of every match of the phrase starting at `start` in `words`.
    public func matchEnds(in words: [String], from start: Int) -> [Int] {
        root.ends(in: words, from: start)
    }

    private enum Lexeme: Equatable, CustomStringConvertible {
        case word(String), open, close, bar, question, plus

        var description: String {
            switch self {
            case .word(let word): word
            case .open: "("
            case .close: ")"
            case .bar: "|"
            case .question: "?"
            case .plus: "+"
            }
        }
    }

    private static func lex(_ source: String) throws(PhrasePatternError) -> [Lexeme] {
        var lexemes: [Lexeme] = []
        var word = ""
        func flush() throws(PhrasePatternError) {
            guard !word.isEmpty else { return }
            // The star stays on the last word: `inter-régime*` is `inter` then `regime*`.
            if word.dropLast().contains("*") { throw PhrasePatternError(pattern: source, message: "'*' may only end a word: \(word)") }
            let star = word.hasSuffix("*")
            var parts = TextAnalyzer().words(word).filter { !skippedWords.contains($0) }
            if star, let last = parts.popLast() { parts.append(last + "*") }
            lexemes += parts.map { Lexeme.word($0) }
            word = ""
        }
        for character in source {
            switch character {
            case "(": try flush(); lexemes.append(.open)
            case ")": try flush(); lexemes.append(.close)
            case "|": try flush(); lexemes.append(.bar)
            case "?": try flush(); lexemes.append(.question)
            case "+": try flush(); lexemes.append(.plus)
            case " ", "\t", "\n": try flush()
            default: word.append(character)
            }
        }
        try flush()
        if lexemes.isEmpty { throw PhrasePatternError(pattern: source, message: "empty phrase") }
        return lexemes
    }

    private struct Parser {
        let tokens: [Lexeme]
        let source: String
        var position = 0

        mutating func sequence() throws(PhrasePatternError) -> Node {
            var nodes: [Node] = []
            while position < tokens.count {
                var node: Node
                switch tokens[position] {
                case .word(let word):
                    position += 1
                    node = word.hasSuffix("*") ? .prefix(String(word.dropLast())) : .word(word)
                case .open:
                    position += 1
                    var alternatives = [try sequence()]
                    while position < tokens.count, tokens[position] == .bar {
                        position += 1
                        alternatives.append(try sequence())
                    }
                    guard position < tokens.count, tokens[position] == .close else {
                        throw PhrasePatternError(pattern: source, message: "a '(' is not closed")
                    }
                    position += 1
                    node = alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
                case .close, .bar:
                    return nodes.count == 1 ? nodes[0] : .sequence(nodes)
                case .question, .plus:
                    throw PhrasePatternError(pattern: source, message: "'\(tokens[position])' must follow a word or a group")
                }
                while position < tokens.count, tokens[position] == .question || tokens[position] == .plus {
                    node = tokens[position] == .question ? .optional(node) : .repeated(node)
                    position += 1
                }
                nodes.append(node)
            }
            return nodes.count == 1 ? nodes[0] : .sequence(nodes)
        }
    }
}

public struct PhrasePatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public var pattern: String
    public var message: String

    public var description: String { "phrase \"\(pattern)\": \(message)" }
}

extension PhrasePattern.Node {
    var canMatchSomething: Bool {
        switch self {
        case .word, .prefix: true
        case .sequence(let nodes): nodes.contains { $0.canMatchSomething }
        case .choice(let nodes): nodes.contains { $0.canMatchSomething }
        case .optional: false
        case .repeated(let node): node.canMatchSomething
        }
    }

    var canBeEmpty: Bool {
        switch self {
        case .word, .prefix: false
        case .sequence(let nodes): nodes.allSatisfy(\.canBeEmpty)
        case .choice(let nodes): nodes.contains(where: \.canBeEmpty)
        case .optional: true
        case .repeated(let node): node.canBeEmpty
        }
    }

    var firstWords: (words: Set<String>, prefixes: Set<String>) {
        switch self {
        case .word(let word): return ([word], [])
        case .prefix(let prefix): return ([], [prefix])
        case .optional(let node), .repeated(let node): return node.firstWords
        case .choice(let nodes):
            return nodes.reduce(into: (words: Set<String>(), prefixes: Set<String>())) { first, node in
                let next = node.firstWords
                first.words.formUnion(next.words)
                first.prefixes.formUnion(next.prefixes)
            }
        case .sequence(let nodes):
            var first: (words: Set<String>, prefixes: Set<String>) = ([], [])
            for node in nodes {
                let next = node.firstWords
                first.words.formUnion(next.words)
                first.prefixes.formUnion(next.prefixes)
                if !node.canBeEmpty { break }
            }
            return first
        }
    }

    var vocabulary: (words: Set<String>, prefixes: Set<String>) {
        switch self {
        case .word(let word): return ([word], [])
        case .prefix(let prefix): return ([], [prefix])
        case .optional(let node), .repeated(let node): return node.vocabulary
        case .choice(let nodes), .sequence(let nodes):
            return nodes.reduce(into: (words: Set<String>(), prefixes: Set<String>())) { all, node in
                let next = node.vocabulary
                all.words.formUnion(next.words)
                all.prefixes.formUnion(next.prefixes)
            }
        }
    }

    func ends(in words: [String], from start: Int) -> [Int] {
        switch self {
        case .word(let word):
            return start < words.count && words[start] == word ? [start + 1] : []
        case .prefix(let prefix):
            return start < words.count && words[start].hasPrefix(prefix) ? [start + 1] : []
        case .optional(let node):
            return [start] + node.ends(in: words, from: start)
        case .repeated(let node):
            var found: Set<Int> = []
            var frontier = node.ends(in: words, from: start).filter { $0 > start }
            while let position = frontier.popLast() {
                guard found.insert(position).inserted else { continue }
                frontier += node.ends(in: words, from: position).filter { $0 > position }
            }
            return found.sorted()
        case .choice(let nodes):
            return Array(Set(nodes.flatMap { $0.ends(in: words, from: start) })).sorted()
        case .sequence(let nodes):
            var positions = [start]
            for node in nodes {
                positions = Array(Set(positions.flatMap { node.ends(in: words, from: $0) })).sorted()
                if positions.isEmpty { return [] }
            }
            return positions
        }
    }
}
