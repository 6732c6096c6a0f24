import Testing

@testable import Linkage

@Suite struct LinkageModeTests {
    @Test func readsHublotAndSplinkSpellings() {
        #expect(LinkageMode(spelling: "link") == .link)
        #expect(LinkageMode(spelling: "link_only") == .link)
        #expect(LinkageMode(spelling: "Dedupe-Only") == .deduplicate)
        #expect(LinkageMode(spelling: "deduplicate") == .deduplicate)
        #expect(LinkageMode(spelling: "link_and_dedupe") == nil)
    }
}
