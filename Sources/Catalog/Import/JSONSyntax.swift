import Core
import Foundation

/// Turns a JSON parser's error into a problem that points at the line and column, whichever way the
/// platform's Foundation words it ("around line 3, column 7" or "around character 42").
enum JSONSyntax {
    static func problem(in data: Data, file: String, error: any Error) -> ImportProblem {
        // JSONDecoder on Linux says only "The given data was not valid JSON.", without a position; JSONSerialization,
        // asked again about the same bytes (only on this error path), says where.
        let parserMessage = serializationMessage(for: data)
        let text = (parserMessage ?? "") + " " + String(describing: error)
        var location = SourceLocation(file: file)
        if let match = text.firstMatch(of: /line (\d+), column (\d+)/) {
            location.line = Int(match.1)
            location.column = Int(match.2)
        } else if let match = text.firstMatch(of: /character (\d+)/), let offset = Int(match.1) {
            (location.line, location.column) = lineAndColumn(of: offset, in: data)
        } else if text.localizedCaseInsensitiveContains("end of file") || text.localizedCaseInsensitiveContains("unexpected end") {
            (location.line, location.column) = lineAndColumn(of: data.count, in: data)
        }
        let reason = parserMessage ?? text.firstMatch(of: /NSDebugDescription[^"]*"([^"]+)"/).map { String($0.1) } ?? "not valid JSON"
        return ImportProblem(.error, .malformedJSON, at: location, "malformed JSON: \(reason)")
    }

    /// What JSONSerialization says of `data`, nil if it reads it.
    private static func serializationMessage(for data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    static func lineAndColumn(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
