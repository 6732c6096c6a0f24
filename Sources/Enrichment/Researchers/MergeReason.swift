/// Why a mention belongs to its researcher: what a curator reads before confirming or correcting a merge.
public struct MergeReason: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The sources give the same ORCID.
        case orcid
        /// Both bylines hold these co-authors (`family, initial`).
        case coAuthors = "co-authors"
        /// Both are affiliated to these structures (organisation ids, or the institution read from the string).
        case structure
        /// Both publications share these MeSH descriptors or keywords.
        case topics
        /// A full name rare enough to stand alone; `values` holds it.
        case rareName = "rare-name"
        /// A curator said so (`values`: curator, and the note when given).
        case curatorSame = "curator-same"
        case curatorAssigned = "curator-assigned"
    }

    public var kind: Kind
    /// The mention this one was linked to, when the reason is a link between two mentions.
    public var with: MentionKey?
    public var values: [String]

    public init(_ kind: Kind, with: MentionKey? = nil, values: [String] = []) {
        self.kind = kind
        self.with = with
        self.values = values
    }

    /// One line for a terminal: `shared co-authors smith j, lee k (with pmid:1#2)`.
    public var explanation: String {
        let what: String
        switch kind {
        case .orcid: what = "same ORCID \(values.joined(separator: ", "))"
        case .coAuthors: what = "shared co-authors \(values.joined(separator: ", "))"
        case .structure: what = "same structure \(values.joined(separator: ", "))"
        case .topics: what = "shared topics \(values.joined(separator: ", "))"
        case .rareName: what = "rare full name \(values.joined(separator: ", "))"
        case .curatorSame: what = "same person, said \(values.joined(separator: ": "))"
        case .curatorAssigned: what = "assigned by \(values.joined(separator: ": "))"
        }
        return with.map { "\(what) (with \($0))" } ?? what
    }
}
