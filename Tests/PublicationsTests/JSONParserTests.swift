import Core
import Testing

@testable import Publications

@Suite struct JSONParserTests {
    @Test func valuesOfEveryKind() throws {
        let value = try JSONParser.parse(Array(#"{"a": [1, -2.5e2, true, false, null], "b": "text", "c": {}}"#.utf8))
        #expect(value["a"] == .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("text"))
        #expect(value["c"] == .object([:]))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#"["a\"b\\c\/d\n\t", "\u00e9t\u00E9", "\ud83d\ude00", "\udc00"]"#.utf8))
        #expect(value == .array([.string("a\"b\\c/d\n\t"), .string("été"), .string("😀"), .string("\u{FFFD}")]))
    }

    @Test func syntaxErrorsAreLocatedByLineAndColumn() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("{\"a\": 1,\n  \"b\": tru}".utf8)) }
        do {
            _ = try JSONParser.parse(Array("{\"a\": 1,\n  \"é\": [1 2]}".utf8))
            Issue.record("malformed JSON was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 11)
            #expect(error.reason.contains("\",\" or \"]\""))
        }
    }

    @Test func unclosedStringsAndTrailingText() {
        do {
            _ = try JSONParser.parse(Array("[\"open".utf8))
            Issue.record("an unclosed string was accepted")
        } catch {
            #expect(error.column == 2)
        }
        do {
            _ = try JSONParser.parse(Array("{\"a\": 1}\n{\"a\": 2}\n".utf8))
            Issue.record("two values were accepted as one document")
        } catch {
            #expect(error.isTrailingContent)
            #expect(error.line == 2)
        }
    }

    @Test func numbersFollowTheGrammar() {
        for text in ["01", "1.", "-", ".5", "1e", "+1"] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONParser.parse(Array(text.utf8)) }
        }
        #expect((try? JSONParser.parse(Array("2741809807".utf8))) == .number(2_741_809_807))
    }
}
