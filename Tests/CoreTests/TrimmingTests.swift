import Core
import Foundation
import Testing

@Suite struct TrimmingTests {
    @Test(arguments: [
        "", " ", "\t\n", "abc", "  Inserm U1219, Bordeaux\n", "\u{00A0}CHU de Nantes\u{2003}", "\r\nUniversité Paris Cité \u{0085}",
        "a b", " é ", "\u{2028}x\u{2029}", "統計 ",
    ])
    func trimsWhatFoundationTrims(text: String) {
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
