import Core
import Foundation
import Testing

@Suite struct TextFoldingTests {
    @Test func foldsCaseAccentsAndLigatures() {
        #expect("Bénéficiaire".folded == "beneficiaire")
        #expect("ŒUVRE et Ægypte".folded == "oeuvre et aegypte")
        #expect("ＳＮＤＳ".folded == "snds")
    }

    @Test func plainASCIIFoldsAsFoundationWouldButFaster() {
        let samples = ["Antibiotic Use in FRANCE, 2010-2019: A [Cohort] Study!", "", "ER_PRS_F.BEN_NIR_PSA", "~`@^_{|}"]
        for text in samples {
            let foundation = text.folding(
                options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            #expect(text.folded == foundation, "\(text)")
        }
    }
}
