import Core
import Foundation
import Search

/// A result set as a JSON array of `SearchDocument`s, encoded as the rest of the API is (`JSONEncoder.hublot`:
/// snake_case keys), one document at a time.
public enum PublicationJSON {
    /// Throws only what `JSONEncoder` throws: a confidence that is not a finite number.
    public static func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) throws {
        let encoder = JSONEncoder.hublot()
        output("[")
        var first = true
        for document in documents {
            let data = try encoder.encode(document)
            output((first ? "\n" : ",\n") + String(decoding: data, as: UTF8.self))
            first = false
        }
        output(first ? "]\n" : "\n]\n")
    }
}
