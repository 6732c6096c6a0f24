import Foundation

/// Events read together, and how far into its input the reader was then.
struct EventBatch: Sendable {
    var events: [ReaderEvent]
    var fractionRead: Double?
}

/// Hands batches of reader events from the parsing thread to the writing one, holding at most `capacity`
/// batches so that memory stays flat when one side is faster: parsing and writing run on both cores at once.
final class EventPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [EventBatch] = []
    private var finished = false
    private var failure: PublicationProblem?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Called by the producer; returns false when the consumer has given up, so the producer stops.
    func send(_ batch: EventBatch) -> Bool {
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
    func receive() throws(PublicationProblem) -> EventBatch? {
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
}

extension EventPipe {
    /// Reads everything a reader gives into the pipe, in batches, on a thread of its own.
    func fill(from makeReader: @escaping @Sendable () throws(PublicationProblem) -> any PublicationReader, batchSize: Int = 256) {
        let pipe = self
        let thread = Thread {
            do throws(PublicationProblem) {
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
                if !events.isEmpty, !pipe.send(EventBatch(events: events, fractionRead: reader.fractionRead)) { return }
                pipe.finish()
            } catch {
                pipe.finish(with: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
