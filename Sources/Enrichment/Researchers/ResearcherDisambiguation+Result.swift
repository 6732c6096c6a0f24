/// Groups become researchers, each with an id that survives reruns.
extension DisambiguationRun {
    mutating func result(previous: [MentionKey: String]) -> ResearcherDisambiguation.Result {
        var groups: [Int: [Int]] = [:]
        for position in mentions.indices { groups[clusters.find(position), default: []].append(position) }
        // Roots in the order of their first mention, so that every tie below breaks the same way.
        let roots = groups.keys.sorted { groups[$0]![0] < groups[$1]![0] }
        var ids: [Int: String] = [:]
        var taken: Set<String> = []
        for root in roots {
            if let pin = clusters.pin[root], taken.insert(pin).inserted { ids[root] = pin }
        }
        // A researcher keeps the id most of its mentions had; when a group split, the part holding most of them.
        var claims: [(id: String, root: Int, votes: Int)] = []
        for root in roots where ids[root] == nil {
            var votes: [String: Int] = [:]
            for position in groups[root]! {
                if let id = previous[mentions[position].key], !id.hasPrefix("orcid:") { votes[id, default: 0] += 1 }
            }
            claims += votes.map { (id: $0.key, root: root, votes: $0.value) }
        }
        claims.sort { ($1.votes, groups[$0.root]![0], $0.id) < ($0.votes, groups[$1.root]![0], $1.id) }
        for claim in claims where ids[claim.root] == nil && !taken.contains(claim.id) {
            ids[claim.root] = claim.id
            taken.insert(claim.id)
        }
        var researchers: [Researcher] = []
        for root in roots {
            let members = groups[root]!
            var id = ids[root] ?? ResearcherDisambiguation.stableID(for: mentions[members[0]].key)
            var attempt = 1
            while ids[root] == nil && !taken.insert(id).inserted {
                attempt += 1
                id = ResearcherDisambiguation.stableID(for: MentionKey(publication: mentions[members[0]].key.description, position: attempt))
            }
            let orcid = members.compactMap { mentions[$0].orcid }.first
            researchers.append(
                Researcher(
                    id: id, name: displayName(of: members), orcid: orcid,
                    mentions: members.map { Researcher.Mention(key: mentions[$0].key, name: mentions[$0].name, reasons: reasons[$0]) }))
        }
        researchers.sort { $0.id < $1.id }
        statistics.mentions = mentions.count
        statistics.researchers = researchers.count
        statistics.withORCID = researchers.filter { $0.orcid != nil }.count
        statistics.merged = mentions.count - researchers.count
        return ResearcherDisambiguation.Result(researchers: researchers, statistics: statistics)
    }

    /// The fullest name: most given names written out, then the most given names, then the most frequent.
    func displayName(of members: [Int]) -> String {
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
