import Core
import Foundation
import Workbench

/// One side's records, columnar: each column an array of value codes, one per record.
public struct RecordSet: Sendable {
    public var side: SideSpec
    public var ids: [String]
    public var columns: [String: [Int32]]

    public var count: Int { ids.count }

    public init(side: SideSpec, ids: [String], columns: [String: [Int32]]) {
        self.side = side
        self.ids = ids
        self.columns = columns
    }

    public func codes(_ column: String) -> [Int32] { columns[column] ?? [Int32](repeating: ValueDictionary.null, count: count) }
}

/// Reads a side's records once: the columns the job needs, each value coded through the job's dictionary.
public enum RecordLoader {
    /// The columns a side has, read from the CSV header or the engine, to validate the spec before loading.
    public static func availableColumns(_ side: SideSpec, spec: String) async throws -> [String] {
        switch side.source {
        case .csv(let path):
            do {
                return try CSVReader(path: path).header
            } catch let problem as CSVError {
                throw LinkageError(file: spec, line: side.line, field: "\(side.name).csv", problem.description)
            }
        case .engine(let url, let table):
            let engine = try Engines.open(url)
            guard let columns = try await engine.columns(of: table) else {
                throw LinkageError(file: spec, line: side.line, field: "\(side.name).table", "no table \(table) on \(url)")
            }
            return columns.map(\.name)
        }
    }

    /// Loads `columns` (the id is always loaded) into memory; rows come in batches from an engine or record by record from CSV.
    public static func load(_ side: SideSpec, columns wanted: [String], dictionary: inout ValueDictionary) async throws -> RecordSet {
        var ids: [String] = []
        var columns = [[Int32]](repeating: [], count: wanted.count)
        func add(id: String, values: (Int) -> String?) {
            ids.append(id)
            for index in wanted.indices { columns[index].append(values(index).map { dictionary.code(trimmed($0)) } ?? ValueDictionary.null) }
        }
        switch side.source {
        case .csv(let path):
            let reader = try CSVReader(path: path)
            let positions = try ([side.id] + wanted).map { name in
                guard let position = reader.header.firstIndex(of: name) else {
                    throw LinkageError(file: path, line: 1, field: name, "no such column in the header")
                }
                return position
            }
            while let record = try reader.next() {
                add(id: record[positions[0]]) { record[positions[$0 + 1]] }
            }
        case .engine(let url, let table):
            let engine = try Engines.open(url)
            let dialect = engine.dialect
            let list = ([side.id] + wanted).map { dialect.quote($0) }.joined(separator: ", ")
            try await engine.stream("SELECT \(list) FROM \(dialect.quote(table))") { batch in
                for row in 0..<batch.count {
                    add(id: batch[row, 0].text ?? "") { batch[row, $0 + 1].text }
                }
            }
        }
        return RecordSet(side: side, ids: ids, columns: Dictionary(uniqueKeysWithValues: zip(wanted, columns)))
    }

    /// Surrounding spaces are noise in delivered files; most values have none, so the check is on bytes first.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first != 0x20 && last != 0x20 && first != 0x09 && last != 0x09 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
