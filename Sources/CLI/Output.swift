import Core
import Foundation

/// Prints a value as the JSON the API serves.
func printJSON<Value: Encodable>(_ value: Value) throws {
    print(String(decoding: try JSONEncoder.hublot(pretty: true).encode(value), as: UTF8.self))
}

/// Lines of text columns padded to the widest cell, for terminal tables.
func columns(_ rows: [[String]]) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}

/// Writes to standard error, for messages that must not mix with JSON on standard output.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
