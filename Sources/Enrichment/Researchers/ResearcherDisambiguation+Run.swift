/// One run of the disambiguation: the mentions sorted by key, so that ties break the same way every time, and
/// the groups and reasons built so far.
struct DisambiguationRun {
    let mentions: [AuthorMention]
    let configuration: ResearcherDisambiguation.Configuration
    var clusters: MentionClusters
    var reasons: [[MergeReason]]
    var statistics = ResearcherDisambiguation.Statistics()
    /// A mention of each pinned id (ORCID, curator's assignment): where another mention of it joins.
    var anchors: [String: Int] = [:]
    /// Mentions per block key, the frequency of a co-author's name.
    let blockMentions: [String: Int]
    let familyMentions: [String: Int]
    let firstNameMentions: [String: Int]
    let fullNamedMentions: Int
    /// Each mention's block key, and whether its full name is rare: computed once, read in every pair.
    let blocks: [String]
    var rare: [Bool] = []

    init(mentions unsorted: [AuthorMention], configuration: ResearcherDisambiguation.Configuration) {
        mentions = Self.ordered(unsorted)
        blocks = mentions.map(\.block)
        self.configuration = configuration
        clusters = MentionClusters(given: mentions.map(\.given))
        reasons = Array(repeating: [], count: mentions.count)
        var blockCounts: [String: Int] = [:]
        var families: [String: Int] = [:]
        var firstNames: [String: Int] = [:]
        var fullNamed = 0
        for (mention, block) in zip(mentions, blocks) {
            blockCounts[block, default: 0] += 1
            families[mention.family, default: 0] += 1
            if mention.given.isFull, let first = mention.given.first {
                firstNames[first, default: 0] += 1
                fullNamed += 1
            }
        }
        blockMentions = blockCounts
        familyMentions = families
        firstNameMentions = firstNames
        fullNamedMentions = fullNamed
        rare = mentions.map { isRare($0) }
    }

    /// By publication name, then position; a mention given twice (a record revised within a file) is kept once,
    /// as last given. Sorting the publications rather than the mentions: five times fewer comparisons.
    static func ordered(_ unsorted: [AuthorMention]) -> [AuthorMention] {
        var byPublication: [String: [Int]] = [:]
        for (position, mention) in unsorted.enumerated() { byPublication[mention.key.publication, default: []].append(position) }
        var ordered: [AuthorMention] = []
        ordered.reserveCapacity(unsorted.count)
        for publication in byPublication.keys.sorted() {
            var last = 0
            for position in byPublication[publication]!.sorted(by: { (unsorted[$0].key.position, $0) < (unsorted[$1].key.position, $1) }) {
                if unsorted[position].key.position == last { ordered.removeLast() }
                ordered.append(unsorted[position])
                last = unsorted[position].key.position
            }
        }
        return ordered
    }

    /// Mentions of one ORCID are one person, whatever their names.
    mutating func linkORCIDs() {
        var first: [String: Int] = [:]
        for (position, mention) in mentions.enumerated() {
            guard let orcid = mention.orcid else { continue }
            reasons[position].append(MergeReason(.orcid, values: [orcid]))
            if let anchor = first[orcid] {
                clusters.join(anchor, position)
            } else {
                first[orcid] = position
                clusters.setPin("orcid:\(orcid)", on: position)
                anchors["orcid:\(orcid)"] = position
            }
        }
    }

    /// The latest decision on each pair or mention wins; decisions that contradict an ORCID or each other are
    /// counted, not applied.
    mutating func apply(_ corrections: [ResearcherCorrection], previous: [MentionKey: String]) {
        guard !corrections.isEmpty else { return }
        let index = Dictionary(mentions.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [[MentionKey]: ResearcherCorrection] = [:]
        var assignments: [MentionKey: ResearcherCorrection] = [:]
        for (_, correction) in corrections.enumerated().sorted(by: { ($0.1.decidedAt, $0.0) < ($1.1.decidedAt, $1.0) }) {
            switch correction.decision {
            case .same(let a, let b), .different(let a, let b):
                if let earlier = pairs[[a, b].sorted()], earlier != correction { statistics.correctionsNotApplied += 1 }
                pairs[[a, b].sorted()] = correction
            case .assign(let mention, _):
                if assignments[mention] != nil { statistics.correctionsNotApplied += 1 }
                assignments[mention] = correction
            }
        }
        let decided = pairs.sorted {
            $0.value.decidedAt < $1.value.decidedAt || ($0.value.decidedAt == $1.value.decidedAt && $0.key.lexicographicallyPrecedes($1.key))
        }
        for (_, correction) in decided {
            guard case .different(let a, let b) = correction.decision else { continue }
            guard let ia = index[a], let ib = index[b], clusters.find(ia) != clusters.find(ib) else {
                statistics.correctionsNotApplied += 1
                continue
            }
            clusters.keepApart(ia, ib)
            statistics.correctionsApplied += 1
        }
        var previousMembers: [String: [Int]] = [:]
        for (position, mention) in mentions.enumerated() {
            if let id = previous[mention.key], assignments[mention.key] == nil { previousMembers[id, default: []].append(position) }
        }
        for (mention, correction) in assignments.sorted(by: { $0.key < $1.key }) {
            guard case .assign(_, let researcher) = correction.decision, let position = index[mention] else {
                statistics.correctionsNotApplied += 1
                continue
            }
            let root = clusters.find(position)
            if let pinned = clusters.pin[root], pinned != researcher {
                statistics.correctionsNotApplied += 1
                continue
            }
            // Joining the researcher's other mentions: those pinned to it, else those it held last time.
            if let anchor = anchors[researcher] ?? previousMembers[researcher]?.first(where: { $0 != position }),
                clusters.mayJoin(position, anchor, checkingNames: false)
            {
                clusters.join(position, anchor)
            }
            clusters.setPin(researcher, on: position)
            anchors[researcher] = anchors[researcher] ?? position
            reasons[position].append(MergeReason(.curatorAssigned, values: correction.attribution))
            statistics.correctionsApplied += 1
        }
        for (_, correction) in decided {
            guard case .same(let a, let b) = correction.decision else { continue }
            guard let ia = index[a], let ib = index[b] else {
                statistics.correctionsNotApplied += 1
                continue
            }
            if clusters.find(ia) != clusters.find(ib) {
                guard clusters.mayJoin(ia, ib, checkingNames: false) else {
                    statistics.correctionsNotApplied += 1
                    continue
                }
                clusters.join(ia, ib)
            }
            reasons[ia].append(MergeReason(.curatorSame, with: b, values: correction.attribution))
            reasons[ib].append(MergeReason(.curatorSame, with: a, values: correction.attribution))
            statistics.correctionsApplied += 1
        }
    }
}
