/// The namesakes of each block, told apart by their evidence.
extension DisambiguationRun {
    mutating func clusterBlocks() {
        // Blocks in the order of their first mention: as fixed as sorting their keys, and cheaper.
        var blockIndex: [String: Int] = [:]
        var blockMembers: [[Int]] = []
        for (position, mention) in mentions.enumerated() where !mention.given.isEmpty {
            if let index = blockIndex[blocks[position]] {
                blockMembers[index].append(position)
            } else {
                blockIndex[blocks[position]] = blockMembers.count
                blockMembers.append([position])
            }
        }
        for members in blockMembers where members.count > 1 {
            for link in links(among: members) where clusters.mayJoin(link.a, link.b) {
                clusters.join(link.a, link.b)
                reasons[link.a] += link.reasons.map { MergeReason($0.kind, with: mentions[link.b].key, values: $0.values) }
                reasons[link.b] += link.reasons.map { MergeReason($0.kind, with: mentions[link.a].key, values: $0.values) }
            }
        }
    }

    struct Link {
        var a: Int
        var b: Int
        var score: Double
        var reasons: [MergeReason]
    }

    /// The pairs of a block that score enough, strongest first. Only pairs sharing a feature (a co-author, a
    /// structure, a topic, a rare full name) are scored: a block of hundreds of `wang y` is not squared.
    func links(among members: [Int]) -> [Link] {
        var links: [Link] = []
        // A small block is cheaper to square than to index.
        if members.count <= 8 {
            for (offset, a) in members.enumerated() {
                for b in members[(offset + 1)...] {
                    if let link = link(a, b), link.score >= configuration.threshold { links.append(link) }
                }
            }
            return links.sorted { ($0.score, $1.a, $1.b) > ($1.score, $0.a, $0.b) }
        }
        // One table per kind of feature: a co-author and a topic may be spelled alike.
        var postings: [[String: [Int]]] = Array(repeating: [:], count: 4)
        for (local, position) in members.enumerated() {
            let mention = mentions[position]
            for coAuthor in mention.coAuthors { postings[0][coAuthor, default: []].append(local) }
            for structure in mention.structures { postings[1][structure, default: []].append(local) }
            for topic in mention.topics { postings[2][topic, default: []].append(local) }
            if rare[position], let first = mention.given.first { postings[3][first, default: []].append(local) }
        }
        var pairs: Set<Int> = []
        for table in postings {
            for posting in table.values where posting.count > 1 && posting.count <= configuration.maximumPosting {
                for (offset, a) in posting.enumerated() {
                    for b in posting[(offset + 1)...] { pairs.insert(a * members.count + b) }
                }
            }
        }
        for pair in pairs {
            let (a, b) = (members[pair / members.count], members[pair % members.count])
            if let link = link(a, b), link.score >= configuration.threshold { links.append(link) }
        }
        return links.sorted { ($0.score, $1.a, $1.b) > ($1.score, $0.a, $0.b) }
    }

    /// The evidence that two mentions of a block are one person, or nil when their names rule it out.
    func link(_ a: Int, _ b: Int) -> Link? {
        let (first, second) = (mentions[a], mentions[b])
        guard first.given.isCompatible(with: second.given) else { return nil }
        if let one = first.orcid, let other = second.orcid, one != other { return nil }
        var score = 0.0
        var reasons: [MergeReason] = []
        let coAuthors = shared(first.coAuthors, second.coAuthors)
        if !coAuthors.isEmpty {
            for coAuthor in coAuthors {
                score +=
                    (blockMentions[coAuthor] ?? 0) > configuration.commonNameMentions
                    ? configuration.commonCoAuthorWeight : configuration.coAuthorWeight
            }
            reasons.append(MergeReason(.coAuthors, values: coAuthors))
        }
        let structures = shared(first.structures, second.structures)
        if !structures.isEmpty {
            score += configuration.structureWeight
            reasons.append(MergeReason(.structure, values: structures))
        }
        let topics = shared(first.topics, second.topics)
        if !topics.isEmpty {
            score += Double(min(topics.count, 2)) * configuration.topicWeight
            reasons.append(MergeReason(.topics, values: topics))
        }
        if first.given.isFull, second.given.isFull {
            score += configuration.fullNameWeight
            if rare[a], rare[b] {
                score += configuration.threshold
                reasons.append(MergeReason(.rareName, values: [first.name]))
            }
        }
        return Link(a: a, b: b, score: score, reasons: reasons)
    }

    /// Whether so few people bear this full name that it identifies one: the expected namesakes in a population
    /// of researchers, from the frequencies of the family name and of the first given name.
    func isRare(_ mention: AuthorMention) -> Bool {
        guard mention.given.isFull, let first = mention.given.first, fullNamedMentions > 0 else { return false }
        let family = Double(familyMentions[mention.family] ?? 0) / Double(mentions.count)
        let given = Double(firstNameMentions[first] ?? 0) / Double(fullNamedMentions)
        return Double(max(mentions.count, configuration.minimumPopulation)) * family * given < configuration.rareNameNamesakes
    }

    /// The values both sorted lists hold, in order.
    func shared(_ one: [String], _ other: [String]) -> [String] {
        var (i, j) = (0, 0)
        var found: [String] = []
        while i < one.count && j < other.count {
            if one[i] == other[j] {
                found.append(one[i])
                i += 1
                j += 1
            } else if one[i] < other[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return found
    }
}
