import Core
import Foundation
import Testing

@testable import Publications

@Suite struct LineReaderTests {
    private func lines(_ reader: LineReader) throws(PublicationProblem) -> [TextLine] {
        var reader = reader
        var lines: [TextLine] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test func linesComeWithTheirNumbersWhateverTheLineBreaks() throws {
        let read = try lines(LineReader(bytes: Array("\u{FEFF}first\r\nsecond\n\nlast".utf8), name: "memory"))
        #expect(read.map(\.number) == [1, 2, 3, 4])
        #expect(read.map { String(decoding: $0.bytes, as: UTF8.self) } == ["first", "second", "", "last"])
        #expect(read[2].isBlank)
    }

    @Test func aFileIsReadInChunksAcrossLongLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-lines-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "x", count: LineReader.chunkSize * 2 + 17)
        var text = ""
        for number in 1...50_000 { text += "line \(number)\n" }
        text += long + "\nend"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try lines(LineReader(path: path))
        #expect(read.count == 50_002)
        #expect(String(decoding: read[49_999].bytes, as: UTF8.self) == "line 50000")
        #expect(read[50_000].bytes.count == long.utf8.count)
        #expect(String(decoding: read[50_001].bytes, as: UTF8.self) == "end")
        #expect(read[50_001].number == 50_002)
    }

    @Test func gzipFilesAreInflatedOnTheFly() throws {
        let plain = try lines(LineReader(path: SharedData.fixture("openalex/works-snapshot.jsonl")))
        let inflated = try lines(LineReader(path: SharedData.fixture("openalex/works-snapshot.jsonl.gz")))
        #expect(plain.count == 3)
        #expect(inflated == plain)
    }

    @Test func aTruncatedGzipThrowsInsteadOfEndingEarly() {
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try lines(LineReader(path: SharedData.fixture("openalex/works-snapshot-truncated.jsonl.gz")))
        }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.message.contains("truncated") == true)
    }

    @Test func aCorruptGzipThrows() {
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try lines(LineReader(path: SharedData.fixture("openalex/works-snapshot-corrupt.jsonl.gz")))
        }
        #expect(problem?.kind == .malformedFile)
    }

    @Test func aPlainFileNamedGzIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-\(UUID().uuidString).jsonl.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"id\": 1}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let problem = thrownProblem { () throws(PublicationProblem) in _ = try lines(LineReader(path: path)) }
        #expect(problem?.kind == .malformedFile)
    }

    @Test func aMissingFileIsUnreadable() {
        let problem = thrownProblem { () throws(PublicationProblem) in _ = try LineReader(path: "/nonexistent/works.jsonl") }
        #expect(problem?.kind == .unreadableFile)
    }
}
