import Foundation
import Workbench

/// Writes a population as CSV files in a directory, comma-separated: `left.csv` and `right.csv` (link) or
/// `records.csv` (deduplicate), each with a `record_id` column, and `truth.csv` (`left_id,right_id`).
public struct PopulationCSVFiles: PopulationSink {
    public let directory: String
    private var writers: [PopulationFile: CSVWriter] = [:]
    private var pair: [String?] = [nil, nil]

    public init(directory: String, shape: PopulationShape) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PopulationError.cannotWrite(file: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        for file in PopulationFile.files(of: shape) {
            let writer = try CSVWriter(path: (directory as NSString).appendingPathComponent(file.fileName), delimiter: UInt8(ascii: ","))
            try writer.write(file == .truth ? ["left_id", "right_id"] : PopulationRecord.columns)
            writers[file] = writer
        }
    }

    public func path(of file: PopulationFile) -> String? { writers[file]?.file }

    public mutating func write(_ record: PopulationRecord, to file: PopulationFile) throws {
        try writers[file]?.write(record.values, columns: PopulationRecord.columns)
    }

    public mutating func writePair(left: Int, right: Int) throws {
        pair[0] = String(left)
        pair[1] = String(right)
        try writers[.truth]?.write(pair)
    }

    /// Flushes and closes every file.
    public func close() throws {
        for file in PopulationFile.allCases { try writers[file]?.close() }
    }
}
