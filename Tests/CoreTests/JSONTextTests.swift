import Core
import Foundation
import Testing

@Suite struct JSONTextTests {
    @Test func escapesWhatJSONRequires() throws {
        let strings = ["a\"b", "back\\slash", "line\nbreak\ttab", "\u{1}", "élan"]
        let text = jsonArrayText(strings)
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(decoded == strings)
    }
}
