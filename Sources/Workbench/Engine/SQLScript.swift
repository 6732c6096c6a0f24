/// A script of SQL statements, as `hublot extract plan` prints them and people write them: split on the
/// semicolons outside quotes ('...', "...", `...`) and comments (`-- ...`, `/* ... */`).
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Unicode.Scalar] = []
        var closing: Unicode.Scalar?
        var inLineComment = false
        var inBlockComment = false
        let scalars = Array(script.unicodeScalars)
        var index = 0
        func flush() {
            let text = String(String.UnicodeScalarView(current))
            if text.contains(where: { !$0.isWhitespace }) { statements.append(text.trimmedStatement) }
            current.removeAll()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            defer { index += 1 }
            if inLineComment {
                if scalar == "\n" { inLineComment = false }
                continue
            }
            if inBlockComment {
                if scalar == "*", next == "/" {
                    inBlockComment = false
                    index += 1
                }
                continue
            }
            if let quote = closing {
                current.append(scalar)
                if scalar == quote { closing = nil }
                continue
            }
            switch scalar {
            case "'", "\"", "`":
                closing = scalar
                current.append(scalar)
            case "-" where next == "-": inLineComment = true
            case "/" where next == "*": inBlockComment = true
            case ";": flush()
            default: current.append(scalar)
            }
        }
        flush()
        return statements
    }
}

extension String {
    fileprivate var trimmedStatement: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
