import Search

extension CollaborationNetwork {
    /// The network of `documents` at `options.level`: two passes over the documents (the actors' counts, then
    /// the links between the nodes kept), the clusters (`NetworkClustering`), the layout (`NetworkLayout`).
    public init(documents: some Sequence<SearchDocument>, options: Options = Options()) {
        var actors = ActorTable()
        var documentActors: [[Int]] = []
        for document in documents {
            documentActors.append(actors.add(document, level: options.level))
        }

        let kept = actors.indices.sorted { actors.precedes($0, $1) }.prefix(max(0, options.maximumNodes))
        var nodeOfActor = [Int](repeating: -1, count: actors.documents.count)
        for (node, actor) in kept.enumerated() { nodeOfActor[actor] = node }

        var strengths: [Int: Double] = [:]
        let nodeCount = kept.count
        var members: [Int] = []
        for list in documentActors where list.count >= 2 && list.count <= options.maximumActorsPerDocument {
            let weight = options.counting == .full ? 1 : 1 / Double(list.count - 1)
            members.removeAll(keepingCapacity: true)
            for actor in list where nodeOfActor[actor] >= 0 { members.append(nodeOfActor[actor]) }
            guard members.count >= 2 else { continue }
            members.sort()
            for i in 0..<members.count - 1 {
                for j in i + 1..<members.count { strengths[members[i] * nodeCount + members[j], default: 0] += weight }
            }
        }

        var links: [Link] = []
        for (pair, strength) in strengths where strength >= options.minimumLinkStrength - 1e-9 {
            links.append(Link(source: pair / nodeCount + 1, target: pair % nodeCount + 1, strength: strength))
        }
        links.sort { ($0.strength, -$0.source, -$0.target) > ($1.strength, -$1.source, -$1.target) }

        var nodes = kept.enumerated().map { index, actor in actors.node(actor, id: index + 1) }
        for link in links {
            nodes[link.source - 1].links += 1
            nodes[link.target - 1].links += 1
            nodes[link.source - 1].totalLinkStrength += link.strength
            nodes[link.target - 1].totalLinkStrength += link.strength
        }
        let edges = links.map { (source: $0.source - 1, target: $0.target - 1, weight: $0.strength) }
        let clusters = NetworkClustering.clusters(nodeCount: nodeCount, edges: edges)
        let positions = NetworkLayout.positions(nodeCount: nodeCount, edges: edges, clusters: clusters, options: options.layout)
        for index in nodes.indices {
            nodes[index].cluster = clusters[index] + 1
            (nodes[index].x, nodes[index].y) = positions[index]
        }
        self.init(level: options.level, counting: options.counting, nodes: nodes, links: links)
    }
}

/// Every actor of the documents, by number, with what its node will show.
private struct ActorTable {
    var researchers = ResearcherTable()
    /// Structures and countries by key: a matched organisation's registry id, else the name read.
    var byName: [String: Int] = [:]
    var names: [String] = []
    /// What their nodes show: an organisation's name, else the key itself.
    var labels: [String] = []
    var documents: [Int] = []
    var citations: [Int] = []
    var cited: [Int] = []
    var yearSums: [Int] = []
    var dated: [Int] = []
    /// The last document (by its rank) each actor was counted for, so that a byline repeating a name counts once.
    var lastDocument: [Int] = []
    var documentRank = 0

    var indices: Range<Int> { documents.indices }

    /// A table serves one level: at the researchers' level `names` stays empty, at the others `researchers` does.
    func key(_ actor: Int) -> String { actor < names.count ? names[actor] : researchers.keys[actor] }

    /// Counts the document for each of its distinct actors and gives their numbers.
    mutating func add(_ document: SearchDocument, level: CollaborationNetwork.Level) -> [Int] {
        documentRank += 1
        var actors: [Int] = []
        switch level {
        case .researchers:
            for author in document.authors { count(researchers.index(of: author), document, into: &actors) }
        case .structures:
            // Two names of one organisation are one node, and two organisations of one string two nodes.
            for affiliation in document.affiliations {
                if affiliation.organisations.isEmpty {
                    if let structure = affiliation.structure { count(named(structure), document, into: &actors) }
                } else {
                    for organisation in affiliation.organisations {
                        count(named(organisation.id, label: organisation.name), document, into: &actors)
                    }
                }
            }
        case .countries:
            for affiliation in document.affiliations { if let country = affiliation.country { count(named(country), document, into: &actors) } }
        }
        return actors
    }

    private mutating func named(_ name: String, label: String? = nil) -> Int {
        if let actor = byName[name] { return actor }
        byName[name] = names.count
        names.append(name)
        labels.append(label ?? name)
        return names.count - 1
    }

    private mutating func count(_ actor: Int, _ document: SearchDocument, into actors: inout [Int]) {
        if actor == documents.count {
            documents.append(0)
            citations.append(0)
            cited.append(0)
            yearSums.append(0)
            dated.append(0)
            lastDocument.append(0)
        }
        guard lastDocument[actor] != documentRank else { return }
        lastDocument[actor] = documentRank
        actors.append(actor)
        documents[actor] += 1
        if let count = document.citations {
            citations[actor] += count
            cited[actor] += 1
        }
        if let year = document.year {
            yearSums[actor] += year
            dated[actor] += 1
        }
    }

    /// Most documents first, ties by key: the nodes kept and their ids do not depend on the documents' order.
    func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
        documents[lhs] != documents[rhs] ? documents[lhs] > documents[rhs] : key(lhs) < key(rhs)
    }

    func node(_ actor: Int, id: Int) -> CollaborationNetwork.Node {
        let isName = actor < names.count
        return CollaborationNetwork.Node(
            id: id, key: key(actor), label: isName ? labels[actor] : researchers.names[actor], orcid: isName ? nil : researchers.orcids[actor],
            documents: documents[actor], citations: citations[actor],
            averageYear: dated[actor] == 0 ? nil : Double(yearSums[actor]) / Double(dated[actor]),
            averageCitations: cited[actor] == 0 ? nil : Double(citations[actor]) / Double(cited[actor]))
    }
}
