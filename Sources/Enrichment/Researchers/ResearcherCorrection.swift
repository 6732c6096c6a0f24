import Foundation

/// A curator's decision about mentions, kept apart from what the algorithm concludes and applied on every rerun.
public struct ResearcherCorrection: Hashable, Sendable, Codable {
    public enum Decision: Hashable, Sendable, Codable {
        /// Both mentions are the same person.
        case same(MentionKey, MentionKey)
        /// The mentions are two people: no merge may join them.
        case different(MentionKey, MentionKey)
        /// The mention is this researcher's (an id as `researcher(id:)` shows it).
        case assign(MentionKey, researcher: String)
    }

    public var decision: Decision
    public var curator: String
    public var note: String?
    public var decidedAt: Date

    public init(_ decision: Decision, curator: String, note: String? = nil, decidedAt: Date = Date()) {
        self.decision = decision
        self.curator = curator
        self.note = note
        self.decidedAt = decidedAt
    }

    public var kind: String {
        switch decision {
        case .same: "same"
        case .different: "different"
        case .assign: "assign"
        }
    }

    /// Who decided, and why, as reasons show it.
    var attribution: [String] { [curator] + (note.map { [$0] } ?? []) }
}
