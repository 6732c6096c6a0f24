/// The query part of a URL, built from name/value pairs.
///
/// Everything but RFC 3986's unreserved characters is percent-encoded, in names and values alike: a query
/// holds `&`, `+`, `:` and brackets (`FIRST_PDATE:[2020-01-01 TO 3000-12-31]`) that a server would otherwise
/// read as syntax, and `+` in particular means a space to most of them.
struct QueryString {
    private(set) var items: [(name: String, value: String)] = []

    init(_ items: [(String, String)] = []) {
        for (name, value) in items { append(name, value) }
    }

    mutating func append(_ name: String, _ value: String) {
        items.append((name, value))
    }

    mutating func append(_ name: String, _ value: String?) {
        if let value, !value.isEmpty { items.append((name, value)) }
    }

    var encoded: String {
        items.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// `base` joined to `path`, with exactly one slash between, then `?` and the query.
    static func url(base: String, path: String, query: QueryString) -> String {
        var root = base
        while root.hasSuffix("/") { root.removeLast() }
        var tail = path
        while tail.hasPrefix("/") { tail.removeFirst() }
        return "\(root)/\(tail)?\(query.encoded)"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return escaped
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// `url` with the values of secret parameters replaced, for messages and logs.
    static func masked(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let name = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretNames.contains(name.lowercased()) ? "\(name)=***" : String(part)
        }
        return url[..<question] + "?" + parts.joined(separator: "&")
    }

    private static let secretNames: Set<String> = ["api_key", "apikey", "api-key"]
}
