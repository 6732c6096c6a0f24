import Core
import Testing

@Suite struct DelimitedTextReaderTests {
    @Test func readsQuotedFieldsDoubledQuotesAndLineBreaks() throws {
        var reader = DelimitedTextReader(text: "code;label\n1;\"a \"\"b\"\"; c\"\n2;\"two\nlines\"\r\n\n3;\n")
        let records = try reader.readAll()
        #expect(
            records == [
                DelimitedRecord(line: 1, fields: ["code", "label"]),
                DelimitedRecord(line: 2, fields: ["1", "a \"b\"; c"]),
                DelimitedRecord(line: 3, fields: ["2", "two\nlines"]),
                DelimitedRecord(line: 6, fields: ["3", ""]),
            ])
    }

    @Test func keepsTrailingEmptyFieldAtEndOfFile() throws {
        var reader = DelimitedTextReader(text: "a;b;")
        #expect(try reader.readAll() == [DelimitedRecord(line: 1, fields: ["a", "b", ""])])
    }

    @Test func namesTheLineOfAnUnclosedQuote() throws {
        var reader = DelimitedTextReader(text: "a;b\n1;2\n3;\"never closed\n4;5\n")
        _ = try reader.next()
        _ = try reader.next()
        #expect(throws: DelimitedTextError(line: 3, reason: "a quoted field opened here is never closed")) {
            try reader.next()
        }
    }

    @Test func readsOtherDelimiters() throws {
        var reader = DelimitedTextReader(text: "a,b\n\"x,y\",z", delimiter: ",")
        #expect(try reader.readAll().map(\.fields) == [["a", "b"], ["x,y", "z"]])
    }
}
