import Workbench

/// Collects one file's rows in batches for an engine's loader; the other files' rows are dropped.
struct PopulationBatchSink: PopulationSink {
    let file: PopulationFile
    var batch: RowBatch

    init(file: PopulationFile) {
        self.file = file
        batch = RowBatch(columns: file == .truth ? ["left_id", "right_id"] : PopulationRecord.columns)
    }

    mutating func write(_ record: PopulationRecord, to file: PopulationFile) throws {
        guard file == self.file else { return }
        batch.append(
            row: record.values.enumerated().map { index, value in
                index == 0 ? .integer(Int64(record.id)) : value.map(CellValue.text) ?? .null
            })
    }

    mutating func writePair(left: Int, right: Int) throws {
        guard file == .truth else { return }
        batch.append(row: [.integer(Int64(left)), .integer(Int64(right))])
    }
}

extension LinkagePopulation {
    /// The table each file loads into: `PREFIX_left`, `PREFIX_right` or `PREFIX_records`, `PREFIX_truth`.
    public func tableDefinition(of file: PopulationFile, prefix: String) -> TableDefinition {
        let name = prefix + "_" + file.rawValue
        guard file != .truth else {
            return TableDefinition(
                name: name,
                columns: [
                    ColumnDefinition(name: "left_id", type: .integer, isNullable: false),
                    ColumnDefinition(name: "right_id", type: .integer, isNullable: false),
                ])
        }
        let columns = PopulationRecord.columns.map { column in
            switch column {
            case "record_id": ColumnDefinition(name: column, type: .integer, isNullable: false)
            case "birth_date", "care_date": ColumnDefinition(name: column, type: .date)
            default: ColumnDefinition(name: column, type: .text(length: nil))
            }
        }
        return TableDefinition(name: name, columns: columns, primaryKey: ["record_id"])
    }

    /// Loads the population into `engine` through `Engine.load`, one table per file (replacing tables of
    /// those names): one pass over the people per table, so that only a batch is ever held. Returns the rows
    /// of each table.
    public func load(into engine: any Engine, prefix: String = "population", batchRows: Int = 10_000) async throws -> [String: Int] {
        var loaded: [String: Int] = [:]
        for file in PopulationFile.files(of: options.shape) {
            let definition = tableDefinition(of: file, prefix: prefix)
            loaded[definition.name] = try await engine.load(definition, replacing: true) { loader in
                var sink = PopulationBatchSink(file: file)
                var cursor = PopulationCursor()
                while try next(into: &sink, cursor: &cursor) {
                    guard sink.batch.count >= batchRows else { continue }
                    try await loader.append(sink.batch)
                    sink.batch.removeAll()
                }
                if !sink.batch.isEmpty { try await loader.append(sink.batch) }
            }
        }
        return loaded
    }
}
