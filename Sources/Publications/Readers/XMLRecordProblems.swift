import Core

/// What an XML reader found wrong or unknown in the record it is reading, turned into events once the record
/// is complete and its identifier known. Unknown elements are reported once per file, at their first place:
/// a baseline file repeats the same structure 30,000 times and one warning says all there is to say.
struct XMLRecordProblems {
    let file: String
    private var reportedElements: Set<String> = []
    private var pending: [PendingProblem] = []

    init(file: String) { self.file = file }

    private struct PendingProblem {
        var kind: PublicationProblem.Kind
        var line: Int
        var field: String
        var message: String
    }

    mutating func unknownElement(_ name: String, line: Int) {
        guard reportedElements.insert(name).inserted else { return }
        pending.append(PendingProblem(kind: .unknownElement, line: line, field: name, message: "element <\(name)> is not read"))
    }

    mutating func invalidValue(_ value: String, field: String, line: Int, _ reason: String) {
        pending.append(PendingProblem(kind: .invalidValue, line: line, field: field, message: "\"\(value)\" \(reason); value dropped"))
    }

    /// The warnings of the record just read, named `record`; the list starts again empty.
    mutating func warnings(record: String) -> [ReaderEvent] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending.map { problem in
            .warning(
                PublicationProblem(
                    problem.kind, at: SourceLocation(file: file, line: problem.line), record: record, field: problem.field,
                    problem.message))
        }
    }
}
