import CZlib
import Core
import Foundation

/// One line of a text file, without its line break.
public struct TextLine: Hashable, Sendable {
    /// 1-based.
    public var number: Int
    public var bytes: [UInt8]

    public init(number: Int, bytes: [UInt8]) {
        self.number = number
        self.bytes = bytes
    }

    public var isBlank: Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}

/// Reads a file line by line in fixed-size chunks, so that memory stays flat whatever the file's size (an
/// OpenAlex snapshot part holds millions of works). `.gz` files are inflated on the fly; a truncated or corrupt
/// gzip stream throws instead of ending early, so that a half-downloaded file is never taken for a whole one.
public struct LineReader {
    public let file: String
    private let input: ChunkInput
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next line break resumes, so that a long line is scanned once, not per chunk.
    private var scanned = 0
    private var lineNumber = 0
    private var exhausted = false

    static let chunkSize = 1 << 18

    public init(path: String) throws(PublicationProblem) {
        self.file = path
        self.input = try ChunkInput(path: path)
    }

    /// Lines of a text held in memory (an HTTP response body, already decompressed by the client).
    public init(bytes: [UInt8], name: String) {
        self.file = name
        self.input = ChunkInput(memory: bytes)
    }

    /// The share of the input read so far, for progress bars.
    public var fractionRead: Double? { input.fractionRead }

    public mutating func next() throws(PublicationProblem) -> TextLine? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = emit(buffer[start..<end])
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if exhausted {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = emit(buffer[start..<end])
                start = buffer.count
                scanned = start
                return line
            }
            // Drop the lines already handed out before reading on, so the buffer holds one line and a chunk.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            let chunk: [UInt8]
            do {
                chunk = try input.read(maximum: Self.chunkSize)
            } catch {
                var problem = error
                problem.location.line = lineNumber + 1
                throw problem
            }
            if chunk.isEmpty { exhausted = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    private mutating func emit(_ bytes: ArraySlice<UInt8>) -> TextLine {
        lineNumber += 1
        var line = Array(bytes)
        if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        return TextLine(number: lineNumber, bytes: line)
    }
}

/// The bytes behind a `LineReader`: a zlib stream (which reads plain files as they are) or memory. A class,
/// so that the file is closed exactly once, when the last reader copy goes.
final class ChunkInput {
    private var gzip: gzFile?
    private let path: String
    private let mustBeCompressed: Bool
    private var memory: [UInt8]
    private var memoryOffset = 0
    private var firstRead = true
    /// The file's size on disk, compared with zlib's offset in it.
    private let fileSize: Int64

    /// Opens `path`; zlib inflates it when it is gzip-compressed, whatever its name.
    init(path: String) throws(PublicationProblem) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "cannot read the file")
        }
        guard let handle = gzopen(path, "rb") else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "cannot open the file")
        }
        gzbuffer(handle, UInt32(LineReader.chunkSize))
        self.gzip = handle
        self.path = path
        self.mustBeCompressed = path.lowercased().hasSuffix(".gz")
        self.memory = []
        self.fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    }

    var fractionRead: Double? {
        guard let gzip else { return memory.isEmpty ? nil : Double(memoryOffset) / Double(memory.count) }
        guard fileSize > 0 else { return nil }
        // gzoffset is the position in the file itself, compressed or not.
        return min(1, Double(gzoffset(gzip)) / Double(fileSize))
    }

    /// The whole content of `path`, inflated: for documents read whole (API pages, cassettes).
    static func contents(ofFile path: String) throws(PublicationProblem) -> [UInt8] {
        let input = try ChunkInput(path: path)
        var bytes: [UInt8] = []
        while true {
            let chunk = try input.read(maximum: LineReader.chunkSize)
            if chunk.isEmpty { return bytes }
            bytes.append(contentsOf: chunk)
        }
    }

    init(memory: [UInt8]) {
        self.gzip = nil
        self.path = ""
        self.mustBeCompressed = false
        self.memory = memory
        self.fileSize = 0
    }

    deinit { if let gzip { gzclose(gzip) } }

    func read(maximum: Int) throws(PublicationProblem) -> [UInt8] {
        guard let gzip else {
            let end = min(memory.count, memoryOffset + maximum)
            defer { memoryOffset = end }
            return Array(memory[memoryOffset..<end])
        }
        var chunk = [UInt8](repeating: 0, count: maximum)
        let count = chunk.withUnsafeMutableBytes { gzread(gzip, $0.baseAddress, UInt32(maximum)) }
        if firstRead {
            firstRead = false
            if mustBeCompressed, count > 0, gzdirect(gzip) == 1 {
                throw PublicationProblem(.malformedFile, at: SourceLocation(file: path), "the file is named .gz but is not gzip-compressed")
            }
        }
        if count < 0 { throw problem() }
        // zlib reports a stream cut short only as an error state once the data runs out.
        if count == 0 {
            var code: Int32 = 0
            _ = gzerror(gzip, &code)
            if code != Z_OK { throw problem() }
            return []
        }
        chunk.removeSubrange(Int(count)...)
        return chunk
    }

    private func problem() -> PublicationProblem {
        var code: Int32 = 0
        let message = gzerror(gzip, &code).map { String(cString: $0) } ?? "unknown error"
        let reason = code == Z_BUF_ERROR ? "the gzip stream is truncated (\(message))" : "the gzip stream is corrupt (\(message))"
        return PublicationProblem(.malformedFile, at: SourceLocation(file: path), reason)
    }
}
