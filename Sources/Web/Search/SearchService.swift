import Search
import Store

/// The search engine of the web application, opened on first use: opening loads its index, which a server
/// with no search traffic (or a test of other pages) need not pay for.
actor SearchService {
    let store: Store
    private var opening: Task<SearchEngine, any Error>?

    init(store: Store) { self.store = store }

    /// A service answering from an engine already made (over documents a test wrote, say), not from the store.
    init(store: Store, engine: SearchEngine) {
        self.store = store
        opening = Task { engine }
    }

    func engine() async throws -> SearchEngine {
        if let opening { return try await opening.value }
        let store = store
        let task = Task { try await SearchEngine(store: store) }
        opening = task
        do {
            return try await task.value
        } catch {
            // A failed opening (a store being migrated, say) is tried again by the next request.
            opening = nil
            throw error
        }
    }
}

/// Answers derived from a result set, kept while the index does not change: the dashboard under load asks the
/// same question many times, and the answer only changes with the index's revision. Requests that arrive while
/// an answer is being computed wait for that computation rather than starting their own.
actor DerivedCache<Value: Sendable> {
    private var entries: [String: (revision: Int64, value: Task<Value, any Error>)] = [:]
    private var order: [String] = []
    private let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    func value(for key: String, revision: Int64, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let entry = entries[key], entry.revision == revision { return try await entry.value.value }
        let task = Task { try await compute() }
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = (revision, task)
        do {
            return try await task.value
        } catch {
            // A failure is not kept: the next request tries again.
            if entries[key]?.revision == revision { entries[key] = nil }
            throw error
        }
    }
}
