import Foundation
import Yams

/// The YAML mapping a spec file holds, for the workbench's declarative tools (link jobs, extractions): the
/// file read, the tree composed with its lines, or why not, with the line where YAML gave up.
public enum SpecDocument {
    public struct Unreadable: Error, Sendable {
        public var line: Int?
        public var message: String
    }

    public static func text(atPath path: String) throws(Unreadable) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(line: nil, message: FileManager.default.fileExists(atPath: path) ? "cannot read the spec" : "no such spec file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The document's root mapping; each node keeps its line (`Node.mark`) for the readers' messages.
    public static func mapping(_ text: String) throws(Unreadable) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            var line: Int?
            switch error as? YamlError {
            case .scanner(_, _, let mark, _)?, .parser(_, _, let mark, _)?, .composer(_, _, let mark, _)?: line = mark.line
            default: break
            }
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "not YAML"
            throw Unreadable(line: line, message: "not valid YAML: \(reason)")
        }
        guard let root, root.mapping != nil else { throw Unreadable(line: nil, message: "the spec must be a YAML mapping") }
        return root
    }
}
