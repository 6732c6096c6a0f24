import Foundation
import Testing

@testable import Publications

/// A JATS article with the given front matter, body and back.
func jatsArticle(lang: String? = nil, meta: String, body: String = "", back: String = "") -> String {
    """
    <article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"\(lang.map { " xml:lang=\"\($0)\"" } ?? "")>
    <front><journal-meta><journal-title-group><journal-title>Revue d'Épidémiologie et de Santé Publique</journal-title>
    </journal-title-group><issn pub-type="ppub">0398-7620</issn></journal-meta>
    <article-meta>\(meta)</article-meta></front>
    <body>\(body)</body><back>\(back)</back></article>
    """
}

@Suite struct JATSReaderTests {
    @Test func authorsAffiliationsGrantsAndFrenchSections() throws {
        let meta = """
            <article-id pub-id-type="pmid">31000001</article-id>
            <title-group><article-title>Recours aux soins dans le <italic>SNDS</italic></article-title></title-group>
            <contrib-group>
            <contrib contrib-type="author"><contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id>
            <name><surname>Durand</surname><given-names>Marie</given-names></name></contrib>
            <contrib contrib-type="author"><name><surname>Martin</surname><given-names>Jean-Pierre</given-names></name>
            <aff>Santé publique France, Saint-Maurice</aff></contrib>
            <contrib contrib-type="author"><collab>CONSTANCES team</collab></contrib>
            <contrib contrib-type="editor"><name><surname>Editor</surname></name></contrib>
            </contrib-group>
            <aff id="a1"><label>1</label><institution>Inserm U1018</institution>, <city>Villejuif</city>, <country>France</country></aff>
            <pub-date pub-type="epub"><day>5</day><month>3</month><year>2021</year></pub-date>
            <elocation-id>e1234</elocation-id>
            <abstract><p>Premier paragraphe.</p><p>Second paragraphe.</p></abstract>
            <kwd-group xml:lang="fr"><kwd>SNDS</kwd><kwd>recours aux soins</kwd></kwd-group>
            <funding-group><award-group><funding-source><institution-wrap><institution-id institution-id-type="doi">10.13039/501100001665</institution-id>
            <institution>Agence Nationale de la Recherche</institution></institution-wrap></funding-source>
            <award-id>ANR-19-CE36-0001</award-id></award-group></funding-group>
            <some-future-element>ignored</some-future-element>
            """
        let body = """
            <sec><title>Méthodes</title><p>Nous avons <bold>apparié</bold> les données.</p>
            <sec><title>Population</title><p>Adultes de 18 ans.</p></sec>
            <disp-formula><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mi>x</mml:mi></mml:math></disp-formula></sec>
            <sec><title>Résultats</title><p>Trois résultats.</p></sec>
            <sec sec-type="discussion"><title>Commentaire</title><p>Une discussion.</p></sec>
            """
        let back = """
            <ack><p>Merci aux participants.</p></ack>
            <sec sec-type="data-availability"><title>Disponibilité</title><p>Données du SNDS.</p></sec>
            <ref-list><ref id="r1"><element-citation><person-group><name><surname>Tuppin</surname><given-names>P</given-names></name></person-group>
            <article-title>Value of a national administrative database</article-title><source>Rev Epidemiol Sante Publique</source>
            <year>2017</year><pub-id pub-id-type="doi">10.1016/j.respe.2017.05.004</pub-id><pub-id pub-id-type="pmid">28756037</pub-id></element-citation></ref></ref-list>
            """
        let events = try readAll(JATSReader(bytes: Array(jatsArticle(lang: "fr", meta: meta, body: body, back: back).utf8), name: "a.nxml"))
        let record = try #require(events.records.first)
        let metadata = record.metadata
        #expect(record.source == .jats)
        #expect(record.key == "31000001")
        #expect(metadata.title == "Recours aux soins dans le SNDS")
        #expect(metadata.language == "fr")
        #expect(metadata.publicationTypes == ["research-article"])
        #expect(metadata.date == PublicationDate(year: 2021, month: 3, day: 5))
        #expect(metadata.journal?.pages == "e1234")
        #expect(metadata.journal?.issns == [ISSN("0398-7620", kind: .print)])
        #expect(metadata.authors.count == 3)
        #expect(metadata.authors[0].orcid == "0000-0002-1825-0097")
        #expect(metadata.authors[0].affiliations == ["Inserm U1018, Villejuif, France"])
        #expect(metadata.authors[1].affiliations == ["Santé publique France, Saint-Maurice"])
        #expect(metadata.authors[1].initials == "J-P")
        #expect(metadata.authors[2].collective == "CONSTANCES team")
        #expect(metadata.abstract == Abstract(text: "Premier paragraphe. Second paragraphe."))
        #expect(metadata.keywords == ["SNDS", "recours aux soins"])
        #expect(
            metadata.grants == [
                Grant(identifier: "ANR-19-CE36-0001", funder: "Agence Nationale de la Recherche", funderID: "10.13039/501100001665")
            ])
        #expect(metadata.fullText.map(\.kind) == [.methods, .results, .discussion, .acknowledgements, .dataAvailability])
        #expect(metadata.fullText[0].title == "Méthodes")
        #expect(metadata.fullText[0].text == "Nous avons apparié les données.\nPopulation Adultes de 18 ans.")
        let reference = try #require(metadata.references.first)
        #expect(reference.identifiers.doi == "10.1016/j.respe.2017.05.004")
        #expect(reference.identifiers.pmid == "28756037")
        #expect(reference.citation?.hasPrefix("Tuppin P Value of a national administrative database") == true)
        #expect(metadata.openAccess == nil)
        // Only the unknown element of article-meta is reported, not the inline markup of titles and paragraphs.
        #expect(events.warnings.map(\.field) == ["some-future-element"])
        #expect(events.warnings.first?.record == "PMID 31000001")
    }

    @Test func anArticleSetGivesOneRecordPerArticleKeyedByTheBestIdentifier() throws {
        let articles = [
            jatsArticle(meta: "<article-id pub-id-type=\"pmc\">PMC123</article-id><article-id pub-id-type=\"pmid\">9</article-id>"),
            jatsArticle(meta: "<article-id pub-id-type=\"doi\">10.1/ABC</article-id>"),
            jatsArticle(meta: "<title-group><article-title>Only a title</article-title></title-group>"),
            jatsArticle(meta: "<article-id pub-id-type=\"publisher-id\">x1</article-id>"),
        ]
        let document = "<?xml version=\"1.0\"?><pmc-articleset>\(articles.joined())</pmc-articleset>"
        let events = try readAll(JATSReader(bytes: Array(document.utf8), name: "efetch-pmc"))
        #expect(events.records.map(\.key) == ["PMC123", "10.1/abc", "efetch-pmc#3"])
        #expect(events.records.map(\.origin.position) == [1, 2, 3])
        let rejection = try #require(events.rejections.first)
        #expect(rejection.kind == .unidentifiableRecord)
        #expect(rejection.record == "record 4")
    }

    @Test func malformedJATSThrowsNamingTheArticle() throws {
        let broken = jatsArticle(
            meta: "<article-id pub-id-type=\"pmc\">PMC77</article-id>", body: "<sec><p>\(String(repeating: "Unclosed. ", count: 500))</sec>")
        do {
            _ = try readAll(JATSReader(bytes: Array(broken.utf8), name: "broken.nxml"))
            Issue.record("a malformed article was read")
        } catch {
            #expect(error.kind == .malformedFile)
            #expect(error.location.file == "broken.nxml")
            #expect(error.record == "PMC77 (record 1)")
        }
    }

    @Test func sectionKindsFromTypesAndTitles() {
        #expect(JATSSections.kind(sectionType: "materials|methods", title: "Whatever") == .methods)
        #expect(JATSSections.kind(sectionType: nil, title: "Patients and methods") == .methods)
        #expect(JATSSections.kind(sectionType: nil, title: "Matériel et méthodes") == .methods)
        #expect(JATSSections.kind(sectionType: nil, title: "Study population") == .methods)
        #expect(JATSSections.kind(sectionType: nil, title: "Data sources") == .methods)
        #expect(JATSSections.kind(sectionType: nil, title: "Background") == .introduction)
        #expect(JATSSections.kind(sectionType: nil, title: "Résultats") == .results)
        #expect(JATSSections.kind(sectionType: nil, title: "Conclusions") == .conclusions)
        #expect(JATSSections.kind(sectionType: nil, title: "Acknowledgements") == .acknowledgements)
        #expect(JATSSections.kind(sectionType: nil, title: "Data availability statement") == .dataAvailability)
        #expect(JATSSections.kind(sectionType: nil, title: "Model and Results") == .other)
    }
}

@Suite(.enabled(if: SharedData.has("pmc-oa/mds526.nxml"), "../shared/data/pmc-oa is absent"))
struct JATSOpenAccessFilesTests {
    @Test func theAnnalsOfOncologyArticle() throws {
        let events = try readAll(JATSReader(path: SharedData.path("pmc-oa/mds526.nxml")))
        #expect(events.warnings.isEmpty)
        let record = try #require(events.records.first)
        let metadata = record.metadata
        #expect(record.key == "PMC3574550")
        #expect(metadata.identifiers.pmid == "23149571")
        #expect(metadata.identifiers.doi == "10.1093/annonc/mds526")
        #expect(metadata.identifiers.other["publisher-id"] == "mds526")
        #expect(metadata.title?.hasPrefix("Socio-demographic inequalities in stage of cancer diagnosis") == true)
        #expect(metadata.journal?.title == "Annals of Oncology")
        #expect(metadata.journal?.isoAbbreviation == "Ann. Oncol")
        #expect(metadata.journal?.issns == [ISSN("0923-7534", kind: .print), ISSN("1569-8041", kind: .electronic)])
        #expect(metadata.journal?.publisher == "Oxford University Press")
        #expect(metadata.journal?.pages == "843-850")
        #expect(metadata.journal?.volume == "24")
        #expect(metadata.date == PublicationDate(year: 2012, month: 11, day: 12))
        #expect(metadata.authors.map(\.family) == ["Lyratzopoulos", "Abel", "Brown", "Rous", "Vernon", "Roland", "Greenberg"])
        #expect(
            metadata.authors.last?.affiliations == [
                "Cambridge Centre for Health Services Research, Institute of Public Health, University of Cambridge, Cambridge",
                "Eastern Cancer Registration and Information Centre, Cambridge, UK",
            ])
        #expect(metadata.abstract?.sections.map(\.label) == ["Background", "Patients and methods", "Results", "Conclusions"])
        #expect(metadata.keywords.count == 6)
        let methods = try #require(metadata.fullText.first { $0.kind == .methods })
        #expect(methods.title == "methods")
        // The section opens on its subsection `data`, whose title comes first in the flattened text.
        #expect(methods.text.hasPrefix("data We analysed information on the stage at diagnosis of East of England patients"))
        #expect(metadata.fullText.first?.kind == .introduction)
        #expect(metadata.fullText.contains { $0.kind == .acknowledgements })
        #expect(metadata.references.count == 40)
        #expect(metadata.references.first?.citation?.hasPrefix("Parkin DM Boyd L Walker LC") == true)
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, url: "http://creativecommons.org/licenses/by-nc/3.0"))
    }

    @Test func aMozambicanFieldStudyWithMaterialsAndMethods() throws {
        let metadata = try #require(try readAll(JATSReader(path: SharedData.path("pmc-oa/pntd.0002065.nxml"))).records.first).metadata
        #expect(metadata.identifiers.pmcid == "PMC3585041")
        #expect(metadata.authors.count == 6)
        #expect(metadata.authors.first?.affiliations == ["Veterinary Faculty, Eduardo Mondlane University, Maputo, Mozambique"])
        #expect(metadata.fullText.map(\.title).prefix(4) == ["Introduction", "Materials and Methods", "Results", "Discussion"])
        #expect(metadata.fullText[1].kind == .methods)
        #expect(metadata.fullText[1].text.hasPrefix("Site description Zambézia Province is located"))
        #expect(metadata.references.count == 32)
        #expect(metadata.references.first?.citation?.hasPrefix("Murphy FA, Gibbs EPJ, Horzinek MC, Studdert MJ (1999) Veterinary Virology.") == true)
    }

    @Test func aBodyOpeningWithParagraphsKeepsThemAsAFirstSection() throws {
        let metadata = try #require(try readAll(JATSReader(path: SharedData.path("pmc-oa/ehp-116-1694.nxml"))).records.first).metadata
        let opening = try #require(metadata.fullText.first)
        #expect(opening.kind == .other)
        #expect(opening.title == nil)
        #expect(opening.text.hasPrefix("Polybrominated diphenyl ethers (PBDEs) are added to plastics"))
        #expect(metadata.fullText.dropFirst().map(\.kind).prefix(3) == [.methods, .results, .discussion])
        #expect(metadata.date == PublicationDate(year: 2008, month: 8, day: 1))
        #expect(metadata.keywords.contains("PBDE-47"))
        #expect(metadata.openAccess?.url == "http://creativecommons.org/publicdomain/mark/1.0/")
    }

    @Test func everyOpenAccessArticleIsRead() throws {
        let directory = SharedData.path("pmc-oa")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".nxml") }.sorted()
        #expect(names.count == 8)
        for name in names {
            let events = try readAll(JATSReader(path: "\(directory)/\(name)"))
            let record = try #require(events.records.first, "\(name)")
            #expect(events.records.count == 1, "\(name)")
            #expect(record.key.hasPrefix("PMC"), "\(name)")
            #expect(record.metadata.title != nil, "\(name)")
            #expect(!record.metadata.authors.isEmpty, "\(name)")
            #expect(!record.metadata.references.isEmpty, "\(name)")
            #expect(!record.metadata.fullText.isEmpty, "\(name)")
            #expect(record.metadata.openAccess?.isOpenAccess == true, "\(name)")
            #expect(events.warnings.isEmpty, "\(name): \(events.warnings)")
        }
    }
}

@Suite(.enabled(if: SharedData.has("entrez/efetch_pmc.xml"), "../shared/data/entrez is absent"))
struct JATSEFetchTests {
    @Test func anEFetchCorrectionNotice() throws {
        let events = try readAll(JATSReader(path: SharedData.path("entrez/efetch_pmc.xml")))
        let record = try #require(events.records.first)
        #expect(events.records.count == 1)
        #expect(record.key == "PMC8435807")
        #expect(record.metadata.identifiers.pmid == "34527728")
        #expect(record.metadata.identifiers.doi == "10.1183/23120541.50193-2021")
        #expect(record.metadata.publicationTypes == ["correction"])
        #expect(record.metadata.journal?.issns == [ISSN("2312-0541", kind: .electronic)])
        #expect(record.metadata.journal?.pages == "50193-2021")
        #expect(record.metadata.date == PublicationDate(year: 2021, month: 9, day: 13))
        #expect(record.metadata.openAccess == OpenAccess(isOpenAccess: true, url: "https://creativecommons.org/licenses/by-nc/4.0/"))
        #expect(record.metadata.fullText.first?.text.hasPrefix("This article was originally published with an error in table 2.") == true)
    }
}
