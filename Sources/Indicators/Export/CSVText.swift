import Foundation

/// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted when it holds a
/// comma, a quote, a line break or leading or trailing spaces, its quotes doubled.
public enum CSVText {
    /// Excel reads a UTF-8 file without it as Windows-1252 (accented names garbled); LibreOffice, R, pandas and
    /// Hublot's own reader skip it.
    public static let byteOrderMark = "\u{FEFF}"

    public static func field(_ value: String) -> String {
        // Bytes, not characters: the special ones are ASCII, and grapheme breaking every title costs.
        let utf8 = value.utf8
        let needsQuotes =
            utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A number as spreadsheets read it: integers without a decimal point, others with up to 6 decimals.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format6: value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    /// A fixed-point decimal with six digits after the point, without Foundation's locale-dependent formatting.
    init(format6 value: Double) {
        let scaled = (abs(value) * 1_000_000).rounded()
        let integer = Int(scaled / 1_000_000)
        let fraction = Int(scaled.truncatingRemainder(dividingBy: 1_000_000))
        let digits = String(fraction)
        self = (value < 0 ? "-" : "") + String(integer) + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
