/// A script of SQL statements, as `hublot extract plan` prints them and people write them, split as
/// PostgreSQL's simple query protocol would: postgres-nio sends one statement per query (the extended
/// protocol), so its engine runs a script statement by statement, and `hublot engine sql` does on any engine.
public enum SQLScript {
    /// The statements of `sql`, without their `;`; semicolons in quotes ('...', "...", `...`), comments,
    /// dollar quotes and parentheses do not split, and what holds only comments and spaces is dropped.
    public static func statements(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0
        var index = 0
        var depth = 0
        var hasCode = false
        func finish(_ end: Int) {
            if hasCode {
                let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                statements.append(text)
            }
            hasCode = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index = endOfBlockComment(bytes, from: index)
                continue
            case UInt8(ascii: "'"):
                let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && (index < 2 || !isIdentifier(bytes[index - 2]))
                index = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
                hasCode = true
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                index = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
                hasCode = true
                continue
            case UInt8(ascii: "$"):
                if let end = endOfDollarQuote(bytes, from: index) {
                    index = end
                    hasCode = true
                    continue
                }
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth = max(0, depth - 1)
            case UInt8(ascii: ";") where depth == 0:
                finish(index)
                start = index + 1
                index += 1
                continue
            default: break
            }
            if !isSpace(byte) { hasCode = true }
            index += 1
        }
        finish(bytes.count)
        return statements
    }

    /// The statement's first word, upper-cased, past the comments a plan puts before it and the parentheses a
    /// query may open with (`(SELECT ...) UNION ...`).
    public static func firstKeyword(_ statement: String) -> String {
        var text = Substring(statement)
        while true {
            text = text.drop { $0.isWhitespace || $0 == "(" }
            if text.hasPrefix("--") {
                text = text.drop { $0 != "\n" }
            } else if text.hasPrefix("/*"), let end = text.range(of: "*/") {
                text = text[end.upperBound...]
            } else {
                break
            }
        }
        return text.prefix { $0.isLetter }.uppercased()
    }

    /// Whether the statement begins or ends a transaction itself: a script holding one is run as written,
    /// not wrapped in a transaction of Hublot's.
    static func controlsTransaction(_ statement: String) -> Bool {
        let first = statement.prefix { $0.isLetter }.uppercased()
        return ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE", "VACUUM"].contains(first)
            || statement.uppercased().contains("CONCURRENTLY")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x0C
    }

    static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    /// Past the closing quote; a doubled quote is one quote, and in `E'...'` a backslash escapes the next byte.
    static func endOfQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes, byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// Past the comment's end; block comments nest in PostgreSQL.
    static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 2
        var depth = 1
        while index < bytes.count, depth > 0 {
            if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
            } else {
                index += 1
            }
        }
        return index
    }

    /// Past `$tag$ ... $tag$` when a dollar quote opens at `start`; nil for a parameter (`$1`) or a `$`
    /// inside an identifier.
    static func endOfDollarQuote(_ bytes: [UInt8], from start: Int) -> Int? {
        if start > 0, isIdentifier(bytes[start - 1]) { return nil }
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "$") {
            let byte = bytes[index]
            guard isIdentifier(byte), byte != UInt8(ascii: "$"), !(index == start + 1 && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let tag = Array(bytes[start...index])
        var position = index + 1
        while position + tag.count <= bytes.count {
            if bytes[position] == UInt8(ascii: "$"), Array(bytes[position..<position + tag.count]) == tag { return position + tag.count }
            position += 1
        }
        return bytes.count
    }
}
