import Search

/// Who publishes with whom in a result set: researchers, structures or countries linked by the documents
/// they sign together, clustered, and laid out by Hublot (`NetworkLayout`).
///
/// Built by `CollaborationNetwork(documents:options:)`. Nodes are the `maximumNodes` actors with the most
/// documents; a link joins two of them when their co-authored documents weigh at least `minimumLinkStrength`.
public struct CollaborationNetwork: Hashable, Sendable, Codable {
    /// What the nodes are.
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
        /// Told apart by `DocumentAuthor.researcherKey`.
        case researchers
        /// The matched organisations, by registry id and labelled by name; an affiliation matched to none by
        /// the structure read from it (`DocumentAffiliation.structure`).
        case structures
        case countries
    }

    /// How a document weighs on its links.
    public enum Counting: String, Hashable, Sendable, Codable, CaseIterable {
        /// Each co-authored document adds 1 to each pair of its actors: a link's strength is the number of
        /// documents the two sign together.
        case full
        /// A document with n actors adds 1/(n-1) to each pair, so that it adds 1 to each actor's total link
        /// strength whatever its number of authors (VOSviewer's fractional counting).
        case fractional
    }

    public struct Options: Hashable, Sendable {
        public var level: Level
        public var counting: Counting
        public var maximumNodes: Int
        public var minimumLinkStrength: Double
        /// Documents with more actors add no link (they still count as documents): a consortium paper of 500
        /// authors would otherwise add 125,000 links and drown the network, as VOSviewer's default also avoids.
        public var maximumActorsPerDocument: Int
        public var layout: NetworkLayout.Options

        public init(
            level: Level = .researchers, counting: Counting = .full, maximumNodes: Int = 100, minimumLinkStrength: Double = 1,
            maximumActorsPerDocument: Int = 25, layout: NetworkLayout.Options = NetworkLayout.Options()
        ) {
            self.level = level
            self.counting = counting
            self.maximumNodes = maximumNodes
            self.minimumLinkStrength = minimumLinkStrength
            self.maximumActorsPerDocument = maximumActorsPerDocument
            self.layout = layout
        }
    }

    public struct Node: Hashable, Sendable, Codable {
        /// From 1, in the order of `nodes`: most documents first.
        public var id: Int
        /// The researcher key, organisation id, structure or country the node stands for.
        public var key: String
        public var label: String
        public var orcid: String?
        public var documents: Int
        /// Nodes it is linked to.
        public var links: Int
        /// The sum of its links' strengths.
        public var totalLinkStrength: Double
        public var citations: Int
        /// Over its documents with a known year.
        public var averageYear: Double?
        /// Over its documents with a known citation count.
        public var averageCitations: Double?
        /// From 1, the largest cluster first.
        public var cluster: Int
        /// From -1 to 1, the drawing's centre at 0.
        public var x: Double
        public var y: Double

        public init(
            id: Int, key: String, label: String, orcid: String? = nil, documents: Int, links: Int = 0, totalLinkStrength: Double = 0,
            citations: Int = 0, averageYear: Double? = nil, averageCitations: Double? = nil, cluster: Int = 1, x: Double = 0, y: Double = 0
        ) {
            self.id = id
            self.key = key
            self.label = label
            self.orcid = orcid
            self.documents = documents
            self.links = links
            self.totalLinkStrength = totalLinkStrength
            self.citations = citations
            self.averageYear = averageYear
            self.averageCitations = averageCitations
            self.cluster = cluster
            self.x = x
            self.y = y
        }
    }

    public struct Link: Hashable, Sendable, Codable {
        /// Node ids, `source < target`.
        public var source: Int
        public var target: Int
        public var strength: Double

        public init(source: Int, target: Int, strength: Double) {
            self.source = source
            self.target = target
            self.strength = strength
        }
    }

    public var level: Level
    public var counting: Counting
    public var nodes: [Node]
    /// Strongest first, then by source and target.
    public var links: [Link]
    public var clusters: Int { nodes.map(\.cluster).max() ?? 0 }

    public init(level: Level, counting: Counting, nodes: [Node], links: [Link]) {
        self.level = level
        self.counting = counting
        self.nodes = nodes
        self.links = links
    }
}
