import Crypto
import Foundation

/// Groups author mentions into researchers: ORCID first, then curators' corrections, then namesakes told apart
/// by evidence. Pure: the same mentions, corrections and previous ids give the same researchers.
///
/// Mentions are compared only within a block (folded family name and first initial). Within a block, a pair
/// scores its evidence (`Configuration`) and pairs above the threshold are merged, strongest first, as long as
/// every given name of the two groups fits every other (`Jean` never joins `Jacques` through a `J`), no two
/// ORCIDs or curators' assignments meet, and no curator said two of their mentions are different people. A
/// name alone merges only when full and rare enough; a common name (`wang, y`) needs co-authors, structures or
/// topics.
public struct ResearcherDisambiguation: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// The score a pair needs to merge.
        public var threshold = 1.0
        /// Per shared co-author; one is enough.
        public var coAuthorWeight = 1.0
        /// Per shared co-author whose own name is common (`wang y`): two are needed.
        public var commonCoAuthorWeight = 0.5
        /// A co-author name seen in more mentions than this is common.
        public var commonNameMentions = 40
        /// For sharing a structure: not enough alone, since large universities hold many namesakes.
        public var structureWeight = 0.6
        /// Per shared topic, two at most.
        public var topicWeight = 0.25
        /// For the same full first name (against an initial, none).
        public var fullNameWeight = 0.3
        /// A full name merges alone when the expected number of other people bearing it is below this.
        public var rareNameNamesakes = 0.05
        /// The researchers a name's frequency is scaled to: a small store must not make every name look rare.
        public var minimumPopulation = 200_000
        /// A feature shared by more mentions of a block than this (a topic everyone shares) proposes no pairs.
        public var maximumPosting = 400

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    public struct Statistics: Hashable, Sendable, Codable {
        public var mentions = 0
        public var researchers = 0
        public var withORCID = 0
        /// Mentions that joined another mention's researcher: `mentions - researchers`.
        public var merged = 0
        public var correctionsApplied = 0
        /// Corrections that name a mention no longer there, or that contradict an ORCID or a later correction.
        public var correctionsNotApplied = 0
    }

    public struct Result: Hashable, Sendable {
        /// In the order of their first mention (by publication name, then position).
        public var researchers: [Researcher]
        public var statistics: Statistics

        /// Each mention's researcher id.
        public var assignment: [MentionKey: String] {
            var found: [MentionKey: String] = [:]
            for researcher in researchers { for mention in researcher.mentions { found[mention.key] = researcher.id } }
            return found
        }
    }

    /// `previous` holds each mention's researcher id from the last run, so that a researcher keeps their id.
    public func run(_ mentions: [AuthorMention], corrections: [ResearcherCorrection] = [], previous: [MentionKey: String] = [:]) -> Result {
        var run = DisambiguationRun(mentions: mentions, configuration: configuration)
        run.linkORCIDs()
        run.apply(corrections, previous: previous)
        run.clusterBlocks()
        return run.result(previous: previous)
    }

    /// `hublot:` and the first ten hex digits of the SHA-256 of a mention's key: an id that a rerun gives again.
    public static func stableID(for key: MentionKey) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var id = Array("hublot:".utf8)
        for byte in SHA256.hash(data: Data(key.description.utf8)).prefix(5) {
            id.append(digits[Int(byte >> 4)])
            id.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: id, as: UTF8.self)
    }
}
