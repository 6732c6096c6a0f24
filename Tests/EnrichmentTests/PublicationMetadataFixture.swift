import Publications

enum PublicationMetadataFixture {
    static let byline = PublicationMetadata(
        keywords: ["Pharmacoepidemiology; asthma.", "cohort studies tag"],
        meshHeadings: [MeshHeading(descriptor: "Asthma"), MeshHeading(descriptor: "Humans")],
        authors: [
            Author(family: "Dupont", given: "Jean-Pierre", affiliations: ["Service de pharmacologie, CHU de Bordeaux, F-33000 Bordeaux, France"]),
            Author(collective: "CONSTANCES team"),
            Author(family: "Müller", given: "Hélène", orcid: "0000-0002-1825-0097"),
        ])
}
