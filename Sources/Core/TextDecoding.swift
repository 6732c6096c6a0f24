import Foundation

/// The character encoding an input file turned out to be in.
public enum TextEncodingFound: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16 = "UTF-16"
    /// Not valid UTF-8: read as Windows-1252, the superset of Latin-1 that French exports from Windows use.
    case windows1252 = "Windows-1252"
}

extension String {
    /// Decodes a text file whatever quirks its producer had: a byte-order mark, UTF-16, or a legacy 8-bit
    /// encoding. Never fails, so that no record is lost; the caller reports a non-UTF-8 encoding as a warning.
    public static func decodingText(_ bytes: [UInt8]) -> (text: String, encoding: TextEncodingFound) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (String(decoding: bytes.dropFirst(3), as: UTF8.self), .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
            let text = String(data: Data(bytes), encoding: .utf16)
        {
            return (text, .utf16)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, .utf8)
        }
        return (String(bytes.map { windows1252Scalar($0) }.map(Character.init)), .windows1252)
    }
}

/// The 0x80...0x9F block is where Windows-1252 differs from Latin-1 (€, curly quotes, œ, dashes...).
private func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
    let block: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
    if (0x80...0x9F).contains(byte) { return Unicode.Scalar(block[Int(byte) - 0x80])! }
    return Unicode.Scalar(byte)
}
