import Core

@testable import Publications

/// Everything a reader hands out, sorted by kind, in file order.
struct ReadOutcome {
    var events: [ReaderEvent] = []
    var records: [SourceRecord] = []
    var warnings: [PublicationProblem] = []
    var rejections: [PublicationProblem] = []
    var deletions: [String] = []

    func record(_ key: String) -> SourceRecord? { records.first { $0.key == key } }
}

func readAll(_ reader: some PublicationReader) throws(PublicationProblem) -> ReadOutcome {
    var reader = reader
    var outcome = ReadOutcome()
    while let event = try reader.next() {
        outcome.events.append(event)
        switch event {
        case .record(let record): outcome.records.append(record)
        case .warning(let problem): outcome.warnings.append(problem)
        case .rejected(let problem): outcome.rejections.append(problem)
        case .deletion(_, let key, _): outcome.deletions.append(key)
        }
    }
    return outcome
}

/// The problem a reading throws, or nil when it reads to the end.
func thrownProblem(_ read: () throws(PublicationProblem) -> Void) -> PublicationProblem? {
    do {
        try read()
        return nil
    } catch {
        return error
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
