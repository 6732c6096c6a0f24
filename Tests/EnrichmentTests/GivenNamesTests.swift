import Testing

@testable import Enrichment

@Suite struct GivenNamesTests {
    func names(_ given: String?, initials: String? = nil) -> GivenNames { GivenNames(given: given, initials: initials) }

    @Test func hyphensAccentsAndInitialsGiveComparableTokens() {
        #expect(names("Jean-Pierre").tokens == ["jean", "pierre"])
        #expect(names("J-P").tokens == ["j", "p"])
        #expect(names("Hélène").tokens == ["helene"])
        #expect(names("RJ").tokens == ["r", "j"], "a ForeName that is only initials")
        #expect(names(nil, initials: "JP").tokens == ["j", "p"])
        #expect(names("Roland J.").tokens == ["roland", "j"])
        #expect(names(nil, initials: nil).isEmpty)
    }

    @Test func anInitialFitsTheFullNameItStartsAndNoOther() {
        #expect(names("J").isCompatible(with: names("Jean")))
        #expect(!names("Jean").isCompatible(with: names("Jacques")))
        #expect(names("J-P").isCompatible(with: names("Jean-Pierre")))
        #expect(names(nil, initials: "JP").isCompatible(with: names("Jean-Pierre")))
        #expect(!names("Jean-Pierre").isCompatible(with: names("Jean-Paul")))
        #expect(!names("J-P").isCompatible(with: names("J-M")))
        #expect(names("Jean").isCompatible(with: names("Jean-Pierre")), "a missing middle name is no contradiction")
        #expect(names("Hélène").isCompatible(with: names("Helene")))
        #expect(!names("K").isCompatible(with: names("Jean")))
    }
}
