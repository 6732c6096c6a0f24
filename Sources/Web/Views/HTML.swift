import Core
import Foundation

/// Text made safe for HTML element content and attribute values.
func escape(_ text: String) -> String { text.htmlEscaped }

/// A path segment or query value, percent-encoded (product names have spaces and accents).
func encodeComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// A path parameter as the user meant it.
func decodeComponent(_ text: String) -> String {
    text.removingPercentEncoding ?? text
}

/// A table of rows, escaped; `cells` already HTML when `raw` is true.
func htmlTable(headers: [String], rows: [[String]], raw: Bool = false, classes: String = "") -> String {
    let head = headers.map { "<th>\(escape($0))</th>" }.joined()
    let body = rows.map { row in "<tr>" + row.map { "<td>\(raw ? $0 : escape($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
    return "<table class=\"\(classes)\"><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
}

func link(_ href: String, _ text: String) -> String {
    "<a href=\"\(escape(href))\">\(escape(text))</a>"
}
