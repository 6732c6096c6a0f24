import Testing

@testable import Enrichment

/// The matcher on organisations invented for these tests, each rule on the smallest string that shows it.
@Suite struct AffiliationMatcherTests {
    static func organisation(
        _ id: String, _ name: String, _ names: [OrganisationName] = [], country: String, city: String, registry: OrganisationRegistryKind = .ror,
        status: Organisation.Status = .active, relationships: [OrganisationRelationship] = []
    ) -> Organisation {
        Organisation(
            id: id, registry: registry, name: name, names: [OrganisationName(name, kind: .display)] + names, status: status,
            place: Place(city: city, countryCode: country), relationships: relationships)
    }

    static let registry: [Organisation] = [
        organisation(
            "ror-exemple", "University of Exempleville",
            [OrganisationName("Université d'Exempleville", kind: .label, language: "fr"), OrganisationName("UEXV", kind: .acronym)],
            country: "FR", city: "Exempleville"),
        organisation(
            "ror-north", "Northland Institute of Technology", [OrganisationName("NIT Northland", kind: .alias)], country: "NO", city: "Nordby"),
        organisation("ror-st-anne-fr", "Saint Anne Hospital", country: "FR", city: "Lyon"),
        organisation("ror-st-anne-ca", "Saint Anne Hospital", country: "CA", city: "Montreal"),
        organisation("ror-bio", "Institute of Marine Chemistry", country: "DE", city: "Kiel"),
        organisation(
            "ror-old", "Old Polytechnic of Exempleville", country: "FR", city: "Exempleville", status: .inactive,
            relationships: [OrganisationRelationship(kind: .successor, id: "ror-exemple")]),
        organisation(
            "200000001X", "Laboratoire de Chimie Inventée", [OrganisationName("UMR 9999", kind: .unitCode)], country: "FR", city: "Exempleville",
            registry: .rnsr),
    ]

    let matcher = AffiliationMatcher(organisations: Self.registry)

    func ids(_ text: String) -> [String] { Self.ids(matcher, text) }

    static func ids(_ matcher: AffiliationMatcher, _ text: String) -> [String] { matcher.match(text).map(\.id).sorted() }

    @Test func exactName() {
        #expect(ids("Department of Physics, University of Exempleville, Exempleville, France") == ["ror-exemple"])
        #expect(ids("Univ. of Exempleville, France") == ["ror-exemple"])
        #expect(ids("Dept. of Physics, U. of Exempleville, France") == ["ror-exemple"])
        #expect(ids("Laboratory of Optics, Exempleville U., France") == ["ror-exemple"])
    }

    @Test func aliasAndFrenchLabel() {
        #expect(ids("Université d’Exempleville, 33000 Exempleville, France") == ["ror-exemple"])
        #expect(ids("Faculty of Engineering, NIT Northland, Nordby, Norway") == ["ror-north"])
    }

    @Test func acronymOnlyAsAPartInTheCountry() {
        #expect(ids("Laboratoire X, UEXV, Exempleville, France") == ["ror-exemple"])
        // Without a country, or in another one, an acronym says nothing.
        #expect(ids("Laboratoire X, UEXV") == [])
        #expect(ids("Laboratoire X, UEXV, Nordby, Norway") == [])
        // Inside a longer part it is a word, not an organisation.
        #expect(ids("The UEXV study group, France") == [])
    }

    @Test func twoOrganisationsInOneString() {
        let text = "Institute of Marine Chemistry, Kiel, Germany; Department of Biology, University of Exempleville, France"
        #expect(ids(text) == ["ror-bio", "ror-exemple"])
        #expect(ids("Northland Institute of Technology, Nordby, Norway and University of Exempleville, France") == ["ror-exemple", "ror-north"])
    }

    @Test func labCodeToItsRNSRLab() {
        #expect(ids("CNRS UMR 9999, Exempleville, France") == ["200000001X"])
        #expect(ids("UMR9999, Université d'Exempleville, France") == ["200000001X", "ror-exemple"])
    }

    @Test func ambiguousNameResolvedByCountry() {
        #expect(ids("Department of Surgery, Saint Anne Hospital, Montreal, QC, Canada") == ["ror-st-anne-ca"])
        #expect(ids("Service de chirurgie, Saint Anne Hospital, Lyon, France") == ["ror-st-anne-fr"])
        // Two countries possible and none said: no answer.
        #expect(ids("Saint Anne Hospital") == [])
    }

    @Test func departmentAloneMatchesNothing() {
        #expect(ids("Department of Chemistry") == [])
        #expect(ids("Department of Marine Chemistry, Kiel, Germany") == [])
    }

    @Test func inactiveOrganisationGivesWayToItsSuccessor() {
        #expect(ids("Old Polytechnic of Exempleville, France") == ["ror-exemple"])
    }

    @Test func scoresAreConfidences() {
        let matches = matcher.match("University of Exempleville, Exempleville, France")
        #expect(matches.count == 1)
        #expect(matches.allSatisfy { $0.score > matcher.threshold && $0.score <= 1 })
        #expect(matches.first?.country == "FR")
    }

    @Test func aDisplayNameBeatsTheSameNameAsAnotherOrganisationsLabel() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-campus", "University of Westmark", country: "US", city: "Porton"),
            Self.organisation(
                "ror-system", "University of Westmark System", [OrganisationName("Universidad de Westmark", kind: .label, language: "es")],
                country: "US", city: "Porton"),
        ])
        #expect(Self.ids(matcher, "Department of Chemistry, University of Westmark, Porton, USA") == ["ror-campus"])
    }

    @Test func aUniversityHospitalRunTogetherIsNotTheUniversity() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-university", "University of Kleinstadt", country: "DE", city: "Kleinstadt"),
            Self.organisation("ror-hospital", "Universitätsklinikum Kleinstadt", country: "DE", city: "Kleinstadt"),
        ])
        #expect(Self.ids(matcher, "Institut für Physik, Universität Kleinstadt, Germany") == ["ror-university"])
        #expect(Self.ids(matcher, "Klinik für Neurologie, Universitätsklinikum Kleinstadt, Germany") == ["ror-hospital"])
        #expect(Self.ids(matcher, "University Hospital Kleinstadt, Germany") == ["ror-hospital"])
    }

    @Test func aMedicalSchoolNamedByItsUniversitysWord() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-elm", "Elmwood University", country: "US", city: "New Elm"),
            Self.organisation("ror-birch", "Birch University", country: "US", city: "Birchville"),
        ])
        #expect(Self.ids(matcher, "Department of Pathology, Elmwood School of Medicine, New Elm, CT, USA") == ["ror-elm"])
        #expect(Self.ids(matcher, "Elmwood Medical School, New Elm, CT, USA") == ["ror-elm"])
        // Schools of business are as often named after a benefactor.
        #expect(matcher.match("Birch School of Business, University of Somewhere, USA").isEmpty)
    }

    @Test func aMedicalSchoolWithoutCountryWhenOneUniversityIsSoNamed() {
        let matcher = AffiliationMatcher(organisations: [Self.organisation("ror-elm", "Elmwood University", country: "US", city: "New Elm")])
        let matches = matcher.match("Elmwood Law School")
        #expect(matches.map(\.id) == ["ror-elm"])
        #expect(matches.allSatisfy { $0.score < 0.75 })
        // `From the` opening or closing an old byline is no part of the name.
        #expect(Self.ids(matcher, "Department of Surgery, Elmwood Medical School From the , New Elm, Conn.") == ["ror-elm"])
    }

    @Test func entitiesByNumberAndWithoutTheirSemicolon() {
        #expect(AffiliationText.decodingEntities("Syst&#x00E8;mes &#38; Signaux") == "Systèmes & Signaux")
        #expect(AffiliationText.decodingEntities("Laboratoire A&amp M, 3 &amp; 4, R&D, &#xZZ;") == "Laboratoire A& M, 3 & 4, R&D, &#xZZ;")
        #expect(ids("Universit&#x00E9; d&#x2019;Exempleville, France") == ["ror-exemple"])
    }

    @Test func aNumberAfterANameIsItsOwnOnlyAfterACity() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-ash", "Ashgrove University", country: "CA", city: "Halden"),
            Self.organisation("ror-westmark", "University of Westmark", country: "US", city: "Porton"),
            Self.organisation("ror-rivemont", "Université de Rivemont", country: "FR", city: "Rivemont"),
        ])
        // A street number or a footnote mark.
        #expect(Self.ids(matcher, "Ashgrove University 1355 Harbour St., Halden, Nova Scotia, Canada") == ["ror-ash"])
        #expect(Self.ids(matcher, "University of Westmark 2 Department of Physics, Porton, USA") == ["ror-westmark"])
        // After a city, the number names another university of that city.
        #expect(Self.ids(matcher, "Faculté de médecine, Université Rivemont 2 Victor Segalen, France").isEmpty)
    }

    @Test func partsRunTogetherWithNumbersAndCodes() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-westmark", "Westmark University", country: "JP", city: "Porton"),
            Self.organisation("ror-marine", "Institute of Marine Chemistry", country: "DE", city: "Kiel"),
        ])
        #expect(Self.ids(matcher, "Department of ChemistryWestmark University1-20-3 Kitamachi, Porton, Japan") == ["ror-westmark"])
        #expect(Self.ids(matcher, "Marine ChemistryWestmark UniversityJapan") == ["ror-westmark"])
        // A known word is never cut.
        #expect(
            AffiliationMatcher(organisations: [Self.organisation("ror-mc", "McKinley College", country: "US", city: "Elm")])
                .separatingRunTogether("McKinley College") == "McKinley College")
    }

    @Test func anOrganisationSinceSplitIsNamedItself() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation(
                "ror-split", "University of Westmark and Eastmark", country: "DE", city: "Westmark", status: .inactive,
                relationships: [
                    OrganisationRelationship(kind: .successor, id: "ror-west"), OrganisationRelationship(kind: .successor, id: "ror-east"),
                ]),
            Self.organisation("ror-west", "University of Westmark", country: "DE", city: "Westmark"),
            Self.organisation("ror-east", "University of Eastmark", country: "DE", city: "Eastmark"),
        ])
        // Split: no successor is the one named.
        #expect(Self.ids(matcher, "Institute of Chemistry, University of Westmark and Eastmark, Germany") == ["ror-split"])
    }

    @Test func aLetterLeftOutOfATranslatedWord() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-libre", "Université Libre de Westmark", country: "BE", city: "Porton"),
            Self.organisation("ror-pasteur", "Institut Pasteur de Westmark", country: "BE", city: "Porton"),
        ])
        #expect(Self.ids(matcher, "Laboratoire de Phonétique, Universit Libre de Westmark, Porton, Belgium") == ["ror-libre"])
        #expect(Self.ids(matcher, "Unité de Virologie, Insitut Pasteur de Westmark, Porton, Belgium") == ["ror-pasteur"])
    }

    @Test func namesInTheirOtherSpellings() {
        let matcher = AffiliationMatcher(organisations: [
            Self.organisation("ror-elm", "University of St.Elm", country: "CH", city: "Saint Elm"),
            Self.organisation("ror-kuhl", "Universität Kühlstadt", country: "DE", city: "Kühlstadt"),
            Self.organisation("ror-rhein", "Westfälische Hochschule Oberdorf", country: "DE", city: "Oberdorf"),
            Self.organisation("ror-kl", "K J Rao Eye Institute", country: "IN", city: "Pune"),
            Self.organisation("ror-lm", "L.M. Shah College of Pharmacy", country: "IN", city: "Pune"),
        ])
        // Initials with and without their periods and spaces.
        #expect(Self.ids(matcher, "Department of Retina, K.J. Rao Eye Institute, Pune, India") == ["ror-kl"])
        #expect(Self.ids(matcher, "Department of Pharmaceutics, L. M. Shah College of Pharmacy, Pune, India") == ["ror-lm"])
        #expect(Self.ids(matcher, "Institute of Law, University of St. Elm, Switzerland") == ["ror-elm"])
        #expect(Self.ids(matcher, "Institute of Physics, University of Kuehlstadt, Germany") == ["ror-kuhl"])
        #expect(Self.ids(matcher, "Institut für Chemie, Westfa¨lische Hochschule Oberdorf, Germany") == ["ror-rhein"])
    }

    @Test func segmentsSplitAtSemicolonsAndAndBeforeAnInstitution() {
        #expect(AffiliationMatcher.segments("A, France; B, Norway").count == 2)
        #expect(AffiliationMatcher.segments("Dept of X, Detroit, and Department of Y, Windsor").count == 2)
        #expect(AffiliationMatcher.segments("Department of Physics and Astronomy, Z").count == 1)
    }

    @Test func unitCodesInTheirSpellings() {
        let codes = UnitCode.codes(in: "INSERM U1219, UMR_S 1138, UMR CNRS 5525, EA4360, umr 12").map(\.key)
        #expect(codes == ["U 1219", "UMRS 1138", "UMR 5525", "EA 4360"])
        #expect(UnitCode(registryName: "UMR 06183")?.key == "UMR 6183")
    }
}

@Suite struct AffiliationEvaluationTests {
    @Test func pairsCountedOnJudgedStrings() {
        let items = [
            AffiliationGoldItem(affiliation: "a", ids: ["x"]),
            AffiliationGoldItem(affiliation: "b", ids: ["x", "y"]),
            AffiliationGoldItem(affiliation: "c", ids: []),
            // An organisation the registry lacks: not judged.
            AffiliationGoldItem(affiliation: "d", ids: ["missing"]),
        ]
        let predictions: [String: [String]] = ["a": ["x"], "b": ["y", "z"], "c": ["x"], "d": ["x"]]
        let evaluation = AffiliationEvaluation(items: items, isLoaded: { $0 != "missing" }, predict: { predictions[$0] ?? [] })
        #expect(evaluation.strings == 4)
        #expect(evaluation.judged == 3)
        #expect(evaluation.judgedWithEmptyGold == 1)
        #expect(evaluation.truePositives == 2)
        #expect(evaluation.falsePositives == 2)
        #expect(evaluation.falseNegatives == 1)
        #expect(evaluation.precision == 0.5)
        #expect(abs(evaluation.recall - 2.0 / 3.0) < 1e-9)
        #expect(abs(evaluation.f1 - 4.0 / 7.0) < 1e-9)
        #expect(evaluation.missesByCause[.nothingToFind] == 1)
        #expect(evaluation.missesByCause[.other] == 1)
        #expect(evaluation.missesByCause[.replaced] == 1)
    }

    @Test func emptyEvaluationIsZeroNotNaN() {
        let evaluation = AffiliationEvaluation(items: [], isLoaded: { _ in true }, predict: { _ in [] })
        #expect(evaluation.precision == 0)
        #expect(evaluation.f1 == 0)
    }
}
