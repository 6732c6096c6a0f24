import Foundation

/// Events handled together, and how far into its input the reader was then.
struct EventBatch<Event: Sendable>: Sendable {
    var events: [Event]
    var fractionRead: Double?
}

/// Hands batches of events from one thread to the next, holding at most `capacity` batches so that memory
/// stays flat when one side is faster.
///
/// An ingest runs three stages on three threads, so that they share the cores: the reader parses, a second
/// thread encodes and keys each record, the caller's thread writes to the store.
final class EventPipe<Event: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [EventBatch<Event>] = []
    private var finished = false
    private var failure: PublicationProblem?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Called by the producer; returns false when the consumer has given up, so the producer stops.
    func send(_ batch: EventBatch<Event>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer's last word: the end of the input, or the problem that stopped it.
    func finish(with problem: PublicationProblem? = nil) {
        condition.lock()
        finished = true
        failure = problem
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops listening (its transaction failed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end; throws the producer's problem once the batches before it are consumed.
    func receive() throws(PublicationProblem) -> EventBatch<Event>? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Runs `produce` on a thread of its own, which finishes the pipe with whatever problem stops it.
    func produce(_ produce: @escaping @Sendable (EventPipe<Event>) throws(PublicationProblem) -> Void) {
        let pipe = self
        let thread = Thread {
            do throws(PublicationProblem) {
                try produce(pipe)
                pipe.finish()
            } catch {
                pipe.finish(with: error)
            }
        }
        // Deeply nested XML and JSON recurse: more stack than a secondary thread's default.
        thread.stackSize = 8 << 20
        thread.start()
    }
}

extension EventPipe where Event == ReaderEvent {
    /// Everything a reader gives, in batches.
    static func reading(_ makeReader: @escaping @Sendable () throws(PublicationProblem) -> any PublicationReader, batchSize: Int = 256)
        -> EventPipe<ReaderEvent>
    {
        let pipe = EventPipe<ReaderEvent>()
        pipe.produce { pipe throws(PublicationProblem) in
            var reader = try makeReader()
            var events: [ReaderEvent] = []
            events.reserveCapacity(batchSize)
            while let event = try reader.next() {
                events.append(event)
                if events.count == batchSize {
                    guard pipe.send(EventBatch(events: events, fractionRead: reader.fractionRead)) else { return }
                    events.removeAll(keepingCapacity: true)
                }
            }
            if !events.isEmpty { _ = pipe.send(EventBatch(events: events, fractionRead: reader.fractionRead)) }
        }
        return pipe
    }
}

extension EventPipe where Event == PreparedEvent {
    /// The events of `input` with their records prepared for the store, those `filter` refuses skipped. Cancelling
    /// this pipe cancels `input`.
    static func preparing(_ input: EventPipe<ReaderEvent>, keeping filter: RecordFilter? = nil) -> EventPipe<PreparedEvent> {
        let pipe = EventPipe<PreparedEvent>()
        pipe.produce { pipe throws(PublicationProblem) in
            do throws(PublicationProblem) {
                while let batch = try input.receive() {
                    guard pipe.send(EventBatch(events: batch.events.map { PreparedEvent($0, keeping: filter) }, fractionRead: batch.fractionRead))
                    else { break }
                }
            } catch {
                input.cancel()
                throw error
            }
            input.cancel()
        }
        return pipe
    }
}
