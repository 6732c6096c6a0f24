/// Groups become researchers, each with an id that survives reruns.
extension DisambiguationRun {
    mutating func result(previous: [MentionKey: String]) -> ResearcherDisambiguation.Result {
        // Groups in the order of their first mention, so that every tie below breaks the same way.
        var groupOfRoot = [Int](repeating: -1, count: mentions.count)
        var groups: [[Int]] = []
        var roots: [Int] = []
        for position in mentions.indices {
            let root = clusters.find(position)
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = groups.count
                groups.append([position])
                roots.append(root)
            } else {
                groups[groupOfRoot[root]].append(position)
            }
        }
        var ids = [String?](repeating: nil, count: groups.count)
        var taken: Set<String> = []
        for (group, root) in roots.enumerated() {
            if let pin = clusters.pin[root], taken.insert(pin).inserted { ids[group] = pin }
        }
        // A researcher keeps the id most of its mentions had; when a group split, the part holding most of them.
        var claims: [(id: String, group: Int, votes: Int)] = []
        if !previous.isEmpty {
            for (group, members) in groups.enumerated() where ids[group] == nil {
                var votes: [String: Int] = [:]
                for position in members {
                    if let id = previous[mentions[position].key], !id.hasPrefix("orcid:") { votes[id, default: 0] += 1 }
                }
                claims += votes.map { (id: $0.key, group: group, votes: $0.value) }
            }
        }
        claims.sort { ($1.votes, $0.group, $0.id) < ($0.votes, $1.group, $1.id) }
        for claim in claims where ids[claim.group] == nil && !taken.contains(claim.id) {
            ids[claim.group] = claim.id
            taken.insert(claim.id)
        }
        var researchers: [Researcher] = []
        researchers.reserveCapacity(groups.count)
        for (group, members) in groups.enumerated() {
            let first = mentions[members[0]].key
            var id = ids[group] ?? ResearcherDisambiguation.stableID(for: first)
            var attempt = 1
            while ids[group] == nil && !taken.insert(id).inserted {
                attempt += 1
                id = ResearcherDisambiguation.stableID(for: MentionKey(publication: first.description, position: attempt))
            }
            let orcid = members.first { mentions[$0].orcid != nil }.flatMap { mentions[$0].orcid }
            researchers.append(
                Researcher(
                    id: id, name: displayName(of: members), orcid: orcid,
                    mentions: members.map { Researcher.Mention(key: mentions[$0].key, name: mentions[$0].name, reasons: reasons[$0]) }))
        }
        statistics.mentions = mentions.count
        statistics.researchers = researchers.count
        statistics.withORCID = researchers.filter { $0.orcid != nil }.count
        statistics.merged = mentions.count - researchers.count
        return ResearcherDisambiguation.Result(researchers: researchers, statistics: statistics)
    }

    /// The fullest name: most given names written out, then the most given names, then the most frequent.
    func displayName(of members: [Int]) -> String {
        guard members.count > 1 else { return mentions[members[0]].name }
        var counts: [String: Int] = [:]
        for position in members { counts[mentions[position].name, default: 0] += 1 }
        let best = members.max { a, b in
            let (x, y) = (mentions[a], mentions[b])
            let left = (x.given.tokens.filter { $0.count > 1 }.count, x.given.tokens.count, counts[x.name] ?? 0)
            let right = (y.given.tokens.filter { $0.count > 1 }.count, y.given.tokens.count, counts[y.name] ?? 0)
            return left < right || (left == right && x.name > y.name)
        }
        return best.map { mentions[$0].name } ?? ""
    }
}
