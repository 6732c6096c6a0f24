import Testing

@testable import Publications

@Suite struct NormalizeTests {
    @Test func doisLoseTheirResolverAndCase() {
        #expect(Normalize.doi("https://doi.org/10.1136/BMJOPEN-2026-117443") == "10.1136/bmjopen-2026-117443")
        #expect(Normalize.doi("doi:10.1017/S0022112006004125.") == "10.1017/s0022112006004125")
        #expect(Normalize.doi("10.4018%2F978-1-4666-9588-7.les2") == "10.4018/978-1-4666-9588-7.les2")
        #expect(Normalize.doi("not a doi") == nil)
        #expect(Normalize.doi("") == nil)
    }

    @Test func identifiersOfPubMedCentralAndOpenAlex() {
        #expect(Normalize.pmcid("1234567") == "PMC1234567")
        #expect(Normalize.pmcid("pmc0042") == "PMC42")
        #expect(Normalize.pmid("PMID: 029768149") == "29768149")
        #expect(Normalize.pmid("abc") == nil)
        #expect(Normalize.openAlexID("https://openalex.org/W2741809807") == "W2741809807")
        #expect(Normalize.halID("https://hal.science/hal-02001689v2") == "hal-02001689")
    }

    @Test func orcidsAreChecksummed() {
        #expect(Normalize.orcid("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097")
        #expect(Normalize.orcid("0000000218250097") == "0000-0002-1825-0097")
        #expect(Normalize.orcid("0000-0002-1694-233X") == "0000-0002-1694-233X")
        #expect(Normalize.orcid("0000-0002-1825-0098") == nil)
    }

    @Test func issnsLanguagesAndDates() {
        #expect(Normalize.issn("1043 1578") == "1043-1578")
        #expect(Normalize.issn("2312054x") == "2312-054X")
        #expect(Normalize.language("eng") == "en")
        #expect(Normalize.language("fre") == "fr")
        #expect(Normalize.language("FR") == "fr")
        #expect(Normalize.language("und") == nil)
        #expect(Normalize.date("2019-03-25")?.description == "2019-03-25")
        #expect(Normalize.date("2011")?.description == "2011")
        #expect(Normalize.date("2022-04-04T22:13:15Z")?.description == "2022-04-04")
        #expect(Normalize.month("Spring") == nil)
        #expect(Normalize.month("Mar") == 3)
    }

    @Test func namesSplitIntoFamilyAndGiven() {
        #expect(Normalize.personName("Durand, Marie") == ("Durand", "Marie"))
        #expect(Normalize.personName("Anaïs Abramian") == ("Abramian", "Anaïs"))
        #expect(Normalize.personName("Jean de La Fontaine") == ("de La Fontaine", "Jean"))
        #expect(Normalize.initials(ofGivenName: "Jean-Pierre") == "J-P")
        #expect(Normalize.initials(ofGivenName: "Marie Anne") == "MA")
    }

    @Test func titleKeysIgnoreCaseAccentsAndPunctuation() {
        let first = Normalize.titleKey(title: "Étude des séjours : le PMSI", year: 2020, firstAuthorFamily: "Dupré")
        let second = Normalize.titleKey(title: "etude des sejours le pmsi.", year: 2020, firstAuthorFamily: "DUPRE")
        #expect(first != nil && first == second)
        #expect(Normalize.titleKey(title: "Editorial", year: 2020, firstAuthorFamily: nil) == nil)
    }

    @Test func wordsAreTheSameWhetherTheTitleIsPlainASCIIOrNot() {
        #expect(Normalize.words("covid-19: a (french) cohort, 2020") == ["covid", "19", "a", "french", "cohort", "2020"])
        #expect(Normalize.words("covid-19: a (french) cohort, 2020 ∞") == ["covid", "19", "a", "french", "cohort", "2020"])
        #expect(Normalize.words("") == [])
    }
}
