import Catalog
import Publications
import Testing

@testable import Classification

@Suite struct DatabaseClassifierTests {
    let classifier = try! DatabaseClassifier()

    func publication(
        title: String = "A study", abstract: [(String?, String)] = [], keywords: [String] = [], affiliations: [String] = [],
        types: [String] = [], fullText: [TextSection] = [], references: [String] = []
    ) -> PublicationMetadata {
        var metadata = PublicationMetadata()
        metadata.title = title
        if !abstract.isEmpty { metadata.abstract = Abstract(sections: abstract.map { AbstractSection(label: $0.0, text: $0.1) }) }
        metadata.keywords = keywords
        metadata.authors = [Author(family: "Martin", given: "Claire", affiliations: affiliations)]
        metadata.publicationTypes = types
        metadata.fullText = fullText
        metadata.references = references.map { Reference(citation: $0) }
        return metadata
    }

    func verdict(_ metadata: PublicationMetadata, _ database: String = "SNDS") -> DatabaseVerdict {
        classifier.classify(metadata).first { $0.database == database }!
    }

    @Test func namedInTheMethodsIsUse() {
        let paper = publication(abstract: [
            ("BACKGROUND", "Little is known about statin persistence."),
            ("METHODS", "Using the French National Health Data System (SNDS), we identified 120,000 new users between 2015 and 2018."),
        ])
        let result = verdict(paper)
        #expect(result.verdict == .uses)
        #expect(result.confidence >= 0.8)
        #expect(result.evidence.first?.section == "METHODS")
        #expect(result.evidence.first?.phrase == "French National Health Data System")
    }

    @Test func selectiveNeckDissectionsAreNotTheSNDS() {
        let paper = publication(abstract: [
            (nil, "Patients underwent selective neck dissections (SNDs). SNDs were performed in 45 patients with oral cancer.")
        ])
        #expect(verdict(paper).verdict == .no)
    }

    @Test func anAcronymDefinedAsSomethingElseIsNotTheDatabase() {
        let paper = publication(abstract: [
            (nil, "The sentinel node dissection score (SNDS) predicted recurrence. A high SNDS was associated with poor survival.")
        ])
        #expect(verdict(paper).verdict == .no)
        let dendritic = publication(abstract: [
            (nil, "The dendritic cell immunoreceptor (DCIR) regulates inflammation. DCIR-deficient mice developed arthritis.")
        ])
        #expect(verdict(dendritic, "DCIR").verdict == .no)
        #expect(verdict(dendritic).verdict == .no)
    }

    @Test func onlyInTheReferencesIsAMention() {
        let paper = publication(
            abstract: [(nil, "We followed 300 patients treated in our department for atrial fibrillation.")],
            references: [
                "Tuppin P, et al. Value of a national administrative database to guide public decisions: the SNIIRAM. Rev Epidemiol Sante Publique. 2017."
            ])
        let result = verdict(paper)
        #expect(result.verdict == .mentions)
        #expect(result.evidence.first?.field == .references)
    }

    @Test func anotherCountrysClaimsDatabaseIsNot() {
        let taiwan = publication(abstract: [
            ("METHODS", "We used the National Health Insurance Research Database of Taiwan to identify patients with gout.")
        ])
        #expect(verdict(taiwan).verdict == .no)
        let korea = publication(
            title: "Statins and dementia in Korea",
            abstract: [("METHODS", "Data were extracted from the national health insurance claims database, covering 97% of the population.")],
            affiliations: ["Seoul National University, Seoul, Korea"])
        #expect(verdict(korea).verdict == .no)
    }

    @Test func aGenericNameInAFrenchPublicationIsTheSNDS() {
        let paper = publication(
            abstract: [("METHODS", "Data were extracted from the national health insurance claims database for 2012-2016.")],
            affiliations: ["Université de Bordeaux, Inserm U1219, Bordeaux, France", "CHU de Bordeaux, France"])
        #expect(verdict(paper).verdict == .uses)
        let inSentence = publication(abstract: [(nil, "We conducted a cohort study in the French nationwide claims database.")])
        #expect(verdict(inSentence).verdict == .uses)
    }

    @Test func aComponentsUseIsTheSNDSsUse() {
        let paper = publication(abstract: [
            ("METHODS", "All stays for hip fracture were retrieved from the French hospital discharge database (PMSI).")
        ])
        #expect(verdict(paper, "PMSI").verdict == .uses)
        #expect(verdict(paper).verdict == .uses)
        #expect(verdict(paper, "DCIR").verdict == .no)
    }

    @Test func reviewsAndFutureWorkMentionOnly() {
        let review = publication(
            title: "Studies based on the SNDS: a systematic review",
            abstract: [("METHODS", "We searched PubMed for studies using the SNDS published between 2010 and 2020.")], types: ["Systematic Review"])
        #expect(verdict(review).verdict == .mentions)
        let future = publication(abstract: [
            ("CONCLUSIONS", "These results should be confirmed in future studies using the French National Health Data System.")
        ])
        #expect(verdict(future).verdict == .mentions)
    }

    @Test func theMethodsSectionOfTheFullTextIsStrongEvidence() {
        let paper = publication(
            abstract: [(nil, "We studied antiepileptic drug use during pregnancy.")],
            fullText: [
                TextSection(title: "Data source", kind: .methods, text: "We used data from the SNIIRAM, which covers 98% of the French population.")
            ])
        let result = verdict(paper)
        #expect(result.verdict == .uses)
        #expect(result.evidence.first?.field == .fullText)
    }

    @Test func anAmbiguousAcronymCountsWithItsContext() {
        let paper = publication(abstract: [("METHODS", "Drug dispensing was identified in the DCIR claims of the SNDS.")])
        #expect(verdict(paper, "DCIR").verdict == .uses)
        let alone = publication(abstract: [(nil, "EGB was measured in the serum of 40 volunteers.")])
        #expect(verdict(alone, "EGB").verdict == .no)
    }

    @Test func frenchAbstractsAreRead() {
        let paper = publication(abstract: [
            ("Méthodes", "Étude de cohorte à partir des données du Système national des données de santé (SNDS) entre 2014 et 2019.")
        ])
        #expect(verdict(paper).verdict == .uses)
    }

    @Test func everyDatabaseOfTheRegistryHasAVerdict() {
        let verdicts = classifier.classify(publication())
        #expect(verdicts.map(\.database) == DatabaseRegistry.standard.databases.map(\.name))
        #expect(verdicts.allSatisfy { $0.verdict == .no && $0.confidence == 1 })
    }
}
