/// A person, as disambiguation found them: every author mention that is theirs, each with the reasons it was
/// merged, so that a curator can check a merge and undo it.
public struct Researcher: Hashable, Sendable, Codable, Identifiable {
    /// `orcid:0000-0002-1825-0097` for a person the sources identify; else `hublot:` and a hash of a mention's
    /// key, kept from one run to the next while most of its mentions stay together.
    public var id: String
    /// The fullest name the bylines give.
    public var name: String
    public var orcid: String?
    public var mentions: [Mention]

    public struct Mention: Hashable, Sendable, Codable {
        public var key: MentionKey
        /// The name as this byline prints it.
        public var name: String
        public var reasons: [MergeReason]

        public init(key: MentionKey, name: String, reasons: [MergeReason]) {
            self.key = key
            self.name = name
            self.reasons = reasons
        }
    }

    public init(id: String, name: String, orcid: String?, mentions: [Mention]) {
        self.id = id
        self.name = name
        self.orcid = orcid
        self.mentions = mentions
    }
}
