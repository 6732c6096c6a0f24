import Core
import Foundation

/// What a person decided a publication uses: one line of a labels file, `{"id", "uses": ["SNDS", …]}`, or a
/// curator's labels from the store.
public struct GoldLabel: Hashable, Sendable {
    /// How the labels name the publication (see `PublicationName.resolve`).
    public var id: String
    /// The databases it uses; every other database it does not use (mentions and no are not told apart).
    public var uses: Set<String>
    /// Other ways to find the publication when `id` finds none.
    public var pmid: String?
    public var doi: String?
    /// The databases the label speaks of: those it says are used, and, for a curator's label, those decided
    /// not to be.
    public var named: Set<String>

    public init(id: String, uses: Set<String>, pmid: String? = nil, doi: String? = nil, named: Set<String>? = nil) {
        self.id = id
        self.uses = uses
        self.pmid = pmid
        self.doi = doi
        self.named = named ?? uses
    }

    /// The names to try, in order, to find the publication.
    public var names: [String] { [id] + [pmid.map { "pmid:\($0)" }, doi.map { "doi:\($0)" }].compactMap { $0 } }
}

/// A labels file that cannot be read, with the file and line.
public struct GoldLabelError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): \(message)" }
}

extension GoldLabel {
    /// Reads a labels file: one JSON object per line with a string `id` and a list `uses` of database names;
    /// other keys (`pmid`, `doi`, `note`, `hard`, `title`) are allowed. Blank lines are skipped.
    public static func read(_ text: String, file: String) throws(GoldLabelError) -> [GoldLabel] {
        var labels: [GoldLabel] = []
        var seen: [String: Int] = [:]
        let decoder = JSONDecoder()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            func failure(_ message: String) -> GoldLabelError {
                GoldLabelError(location: SourceLocation(file: file, line: number), message: message)
            }
            guard let value = try? decoder.decode(JSONValue.self, from: Data(trimmed.utf8)), case .object(let object) = value else {
                throw failure("not a JSON object")
            }
            guard case .string(let id)? = object["id"], !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw failure("\"id\" must be a non-empty string")
            }
            guard case .array(let list)? = object["uses"] else { throw failure("\"uses\" must be a list of database names") }
            var uses: Set<String> = []
            for (index, item) in list.enumerated() {
                guard case .string(let name) = item, !name.isEmpty else { throw failure("\"uses\"[\(index)] must be a database name") }
                uses.insert(name)
            }
            if let previous = seen[id] { throw failure("\(id) is labelled twice (first on line \(previous))") }
            seen[id] = number
            labels.append(GoldLabel(id: id, uses: uses, pmid: Self.text(object["pmid"]), doi: Self.text(object["doi"])))
        }
        return labels
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .number(let number): String(Int(number))
        default: nil
        }
    }
}
