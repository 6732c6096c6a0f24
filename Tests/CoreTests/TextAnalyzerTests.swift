import Core
import Testing

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer()

    @Test func foldsAccentsAndCaseAndSplitsNames() {
        #expect(analyzer.words("BEN_NAI_ANN") == ["ben", "nai", "ann"])
        #expect(analyzer.words("Date d'entrée à l'hôpital") == ["date", "d", "entree", "a", "l", "hopital"])
        #expect(analyzer.words("Œuvre ÇA") == ["oeuvre", "ca"])
    }

    @Test func dropsStopWordsAndStemsPlurals() {
        #expect(analyzer.terms("Date de naissance des bénéficiaires") == ["date", "naissance", "beneficiaire"])
        #expect(analyzer.terms("hôpitaux") == ["hopital"])
        #expect(analyzer.terms("the hospitals of Paris") == ["hospital", "paris"])
        #expect(analyzer.terms("prix") == ["prix"])
        #expect(analyzer.terms("status") == ["status"])
    }

    @Test func keepsDigitsAndCodes() {
        #expect(analyzer.terms("CIM-10 E11") == ["cim", "10", "e11"])
    }
}
