import Publications
import Search

/// Three publications as enrichment leaves them: affiliations matched to registry organisations (one to two,
/// one to none, one without coordinates), authors identified by ORCID or by Hublot, others not. The
/// identifiers are made up for the tests.
enum Enriched {
    static let inserm = DocumentOrganisation(
        id: "https://ror.org/0test0001", name: "Inserm", city: "Paris", country: "France", latitude: 48.85, longitude: 2.35, score: 0.97)
    static let chuBordeaux = DocumentOrganisation(
        id: "https://ror.org/0test0002", name: "CHU de Bordeaux", city: "Bordeaux", country: "France", latitude: 44.83, longitude: -0.58,
        score: 0.92)
    static let oxford = DocumentOrganisation(
        id: "https://ror.org/0test0003", name: "University of Oxford", city: "Oxford", country: "United Kingdom", latitude: 51.75,
        longitude: -1.25)
    static let unplaced = DocumentOrganisation(id: "https://ror.org/0test0004", name: "Lab Without Place", country: "France")

    static let ann = DocumentAuthor(
        name: "Ann O'Brien", family: "O'Brien", given: "Ann", orcid: "0000-0002-1825-0097", affiliations: [0],
        researcher: "orcid:0000-0002-1825-0097")

    static let documents: [SearchDocument] = [
        SearchDocument(
            id: 1, name: "doi:10.9/one", title: "Statins in the SNDS", abstract: "Statin users.", date: PublicationDate(year: 2019),
            authors: [ann, DocumentAuthor(name: "Bob Smith", family: "Smith", given: "Bob", affiliations: [1])],
            affiliations: [
                DocumentAffiliation(
                    text: "Inserm U1219, CHU de Bordeaux, Bordeaux, France", structure: "CHU de Bordeaux", country: "France",
                    organisations: [chuBordeaux, inserm]),
                DocumentAffiliation(
                    text: "University of Oxford, UK", structure: "University of Oxford", country: "United Kingdom", organisations: [oxford]),
            ],
            identifiers: PublicationIdentifiers(doi: "10.9/one"), openAccess: OpenAccess(isOpenAccess: true, status: "gold"),
            databases: [DocumentDatabase(name: "SNDS", status: .uses), DocumentDatabase(name: "PMSI", status: .uses)]),
        SearchDocument(
            id: 2, name: "pmid:2", title: "Hospital stays", date: PublicationDate(year: 2019),
            authors: [
                ann, DocumentAuthor(name: "Claire Petit", family: "Petit", given: "Claire", affiliations: [1], researcher: "hublot:42"),
            ],
            affiliations: [
                DocumentAffiliation(text: "Inserm, Paris", structure: "Inserm", country: "France", organisations: [inserm]),
                DocumentAffiliation(text: "Some lab, Lyon, France", structure: "Some lab", country: "France"),
            ],
            databases: [DocumentDatabase(name: "SNDS", status: .uses)]),
        SearchDocument(
            id: 3, name: "doi:10.9/three", title: "Knee surgery", date: PublicationDate(year: 2020),
            authors: [DocumentAuthor(name: "Dan Roe", family: "Roe", given: "Dan", affiliations: [0, 1])],
            affiliations: [
                DocumentAffiliation(text: "Somewhere"),
                DocumentAffiliation(text: "Lab Without Place, France", structure: "Lab Without Place", country: "France", organisations: [unplaced]),
            ],
            identifiers: PublicationIdentifiers(doi: "10.9/three"), databases: [DocumentDatabase(name: "SNDS", status: .uses)]),
    ]
}
