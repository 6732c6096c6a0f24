import Foundation

/// What a linkage job does with its records: pair the records of two sides that are the same person
/// (link), or group the records of one side that are the same person (deduplicate).
public enum LinkageMode: String, Sendable, Codable, CaseIterable {
    case link
    case deduplicate

    /// Splink calls them `link_only` and `dedupe_only`; operators moving a spec over should not have to rename.
    public init?(spelling: String) {
        switch spelling.lowercased().replacingOccurrences(of: "-", with: "_") {
        case "link", "link_only": self = .link
        case "deduplicate", "dedupe", "dedupe_only": self = .deduplicate
        default: return nil
        }
    }
}
