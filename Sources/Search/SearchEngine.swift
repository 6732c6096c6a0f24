import Catalog
import Classification
import Core
import Store

/// Full-text search over the publications, with facets: an in-memory index of the stored `SearchDocument`s,
/// brought up to date with the store before every answer.
///
/// The store's triggers note what ingest, merges, deletions, classification and curation touch; the engine
/// rebuilds those documents (`catchUp`) and applies them to its index, without a rebuild.
public actor SearchEngine {
    private let documentStore: SearchDocumentStore?
    private var index: InvertedIndex
    private var loaded = SearchState(revision: 0, generation: -1, registryVersion: -1)
    private var synonyms: DatabaseSynonyms
    private var refreshing: Task<Void, any Error>?

    /// Opens the engine on a store: catches up with what changed and loads the documents.
    public init(store: Store) async throws {
        documentStore = SearchDocumentStore(store: store)
        index = InvertedIndex()
        synonyms = DatabaseSynonyms()
        try await refresh()
    }

    /// An engine over the given documents only, with no store behind it: for benchmarks and tools that make
    /// their documents themselves.
    public init(documents: some Sequence<SearchDocument>, registry: DatabaseRegistry = .standard) {
        documentStore = nil
        let index = InvertedIndex()
        for document in documents { index.add(document) }
        self.index = index
        synonyms = DatabaseSynonyms(registry: registry)
    }

    /// The revision of the stored documents the engine answers from.
    public var revision: Int64 { loaded.revision }

    /// How many documents the index holds.
    public var count: Int { index.liveCount }

    /// One page of results, with the facet counts of every match.
    public func search(_ request: SearchRequest) async throws -> SearchResponse {
        try await refresh()
        let compiled = index.compile(SearchQuery(request.query), synonyms: synonyms)
        let page = max(1, request.page)
        let size = min(max(1, request.pageSize), SearchRequest.maximumPageSize)
        let answer = index.search(compiled, filters: request.filters, sort: request.sort, limit: page * size, countFacets: true)
        var results: [SearchHit] = []
        for (slot, score) in zip(answer.slots, answer.scores).dropFirst((page - 1) * size) {
            guard let document = index.documents[Int(slot)] else { continue }
            results.append(
                SearchHit(
                    id: document.id, name: document.name, title: document.title, year: document.year, journal: document.journal,
                    authors: document.authors.prefix(3).map(\.name), databases: document.databases, citations: document.citations,
                    snippet: SnippetBuilder.snippet(of: document, highlighting: compiled.highlighted, analyzer: index.analyzer),
                    score: (Double(score) * 1000).rounded() / 1000))
        }
        return SearchResponse(total: answer.total, page: page, pageSize: size, results: results, facets: answer.facets, revision: loaded.revision)
    }

    /// Every match of the request, in its order: what the dashboard counts and the exports write. The
    /// documents are the index's own, shared rather than copied, abstracts included.
    public func documents(matching request: SearchRequest) async throws -> [SearchDocument] {
        try await refresh()
        let compiled = index.compile(SearchQuery(request.query), synonyms: synonyms)
        let answer = index.search(compiled, filters: request.filters, sort: request.sort, limit: nil, countFacets: false)
        return answer.slots.compactMap { index.documents[Int($0)] }
    }

    public func document(id: Int64) async throws -> SearchDocument? {
        try await refresh()
        return index.slotOfPublication[id].flatMap { index.documents[Int($0)] }
    }

    /// Rebuilds the documents of what changed in the store since the last catch-up; returns how many were
    /// rebuilt or removed.
    @discardableResult
    public func catchUp() async throws -> Int {
        guard let documentStore else { return 0 }
        let (rebuilt, removed) = try await documentStore.catchUp()
        try await refresh()
        return rebuilt + removed
    }

    /// Rebuilds every document from the store, and the index from them.
    /// Marks every document to be rebuilt at the next catch-up, for changes no trigger sees (journal groups).
    public static func markAllDocumentsPending(store: Store) async throws {
        try await store.writer.write { db in try SearchDocumentStore.markAllPending(db) }
    }

    public func reindex() async throws -> ReindexSummary {
        guard let documentStore else {
            let documents = index.documents.compactMap { $0 }
            let start = ContinuousClock.now
            index = InvertedIndex()
            for document in documents { index.add(document) }
            return ReindexSummary(documents: documents.count, removed: 0, seconds: (ContinuousClock.now - start).inSeconds)
        }
        let summary = try await documentStore.reindex()
        try await refresh()
        return summary
    }

    /// Rebuilds every stored document without loading an index: what `hublot search reindex` runs; engines
    /// open on the store reload at their next search.
    public static func reindex(store: Store) async throws -> ReindexSummary {
        try await SearchDocumentStore(store: store).reindex()
    }

    /// One refresh at a time: a search arriving during another's refresh waits for it rather than applying the
    /// same changes twice.
    private func refresh() async throws {
        if let refreshing { return try await refreshing.value }
        let task = Task { try await self.bringUpToDate() }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
    }

    private func bringUpToDate() async throws {
        guard let documentStore else { return }
        var (state, isPending) = try await documentStore.state()
        if state.builder != SearchDocument.builderVersion {
            try await documentStore.markAllPendingIfBuiltByAnotherVersion()
            (state, isPending) = try await documentStore.state()
        }
        if isPending {
            _ = try await documentStore.catchUp()
            state = try await documentStore.state().state
        }
        if state.registryVersion != loaded.registryVersion {
            synonyms = DatabaseSynonyms(registry: try await RegistryRepository(store: documentStore.store).current().registry)
        }
        if state.generation != loaded.generation {
            let fresh = InvertedIndex()
            try await load(changesAfter: 0, into: fresh)
            index = fresh
        } else if state.revision > loaded.revision {
            try await load(changesAfter: loaded.revision, into: index)
        }
        loaded = state
    }

    private func load(changesAfter revision: Int64, into index: InvertedIndex) async throws {
        guard let documentStore else { return }
        var after: Int64 = 0
        while true {
            let changes = try await documentStore.changes(after: revision, from: after, limit: 2000)
            guard let last = changes.last else { return }
            after = last.id
            for change in changes {
                if let document = change.document { index.add(document) } else { index.remove(publication: change.id) }
            }
        }
    }
}
