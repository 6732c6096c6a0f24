import Foundation
import Publications
import Search
import Testing

@testable import Indicators

@Suite struct CoverageTests {
    let dashboard = Dashboard(documents: Enriched.documents)

    private func shares(_ coverage: Coverage) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: coverage.tracked.map { ($0.name, ($0.share.share * 1000).rounded() / 1000) })
    }

    @Test func affiliationsAndAuthorsAreCountedOneByOne() {
        let coverage = dashboard.coverage
        // 6 affiliations, 4 matched (both of the first paper, the Inserm one of the second, the unplaced lab).
        #expect(coverage.affiliationCount == 6)
        #expect(coverage.matchedAffiliations.count == 4)
        // 5 signatures: Ann twice (ORCID), Claire (Hublot's id) identified; Bob and Dan not.
        #expect(coverage.authorCount == 5)
        #expect(coverage.identifiedAuthors.count == 3)
        #expect(
            shares(coverage) == [
                "matched_affiliations": 0.667, "identified_authors": 0.6, "doi": 0.667, "abstract": 0.333, "open_access": 0.333, "country": 1,
            ])
        #expect(coverage.structure.count == 3)
    }

    @Test func eachYearHasItsCoverage() {
        #expect(dashboard.coverageByYear.map(\.year) == [2019, 2020])
        #expect(dashboard.coverageByYear.map(\.publications) == [2, 1])
        #expect(
            shares(dashboard.coverageByYear[0].coverage) == [
                "matched_affiliations": 0.75, "identified_authors": 0.75, "doi": 0.5, "abstract": 0.5, "open_access": 0.5, "country": 1,
            ])
        #expect(
            shares(dashboard.coverageByYear[1].coverage) == [
                "matched_affiliations": 0.5, "identified_authors": 0, "doi": 1, "abstract": 0, "open_access": 0, "country": 1,
            ])
    }

    @Test func eachDatabaseHasItsCoverage() throws {
        #expect(dashboard.databases.map(\.name) == ["SNDS", "PMSI"])
        #expect(dashboard.databases[0].coverage == dashboard.coverage)
        let pmsi = dashboard.databases[1].coverage
        #expect(shares(pmsi)["matched_affiliations"] == 1)
        #expect(shares(pmsi)["identified_authors"] == 0.5)
        #expect(pmsi.doi.count == 1)
    }

    @Test func theChartsDataFollow() {
        let years = DashboardChart.coverageYears.table(of: dashboard)
        #expect(years[0] == ["year", "publications", "matched_affiliations", "identified_authors", "doi", "abstract", "open_access", "country"])
        #expect(years[1] == ["2019", "2", "0.75", "0.75", "0.5", "0.5", "0.5", "1"])
        #expect(years.count == 3)
        let databases = DashboardChart.databaseCoverage.table(of: dashboard)
        #expect(databases.map(\.first) == ["database", "SNDS", "PMSI"])
        #expect(databases[2][1] == "1")
        let coverage = DashboardChart.coverage.table(of: dashboard)
        #expect(coverage.last == ["identified_authors", "3", "0.6", "5"])
    }

    @Test func aSetWithoutEnrichmentCoversNothingButDividesByNothing() {
        let coverage = Dashboard(documents: [SearchDocument(id: 1, name: "a", title: "t")]).coverage
        #expect(coverage.matchedAffiliations.share == 0)
        #expect(coverage.identifiedAuthors.share == 0)
        #expect(coverage.affiliationCount == 0)
    }

    @Test func topStructuresAreTheMatchedOrganisations() {
        // The first string names two organisations and counts for both; an unmatched one keeps the name read.
        #expect(dashboard.structures.map(\.value) == ["Inserm", "CHU de Bordeaux", "Lab Without Place", "Some lab", "University of Oxford"])
        #expect(dashboard.structures.first?.publications == 2)
        #expect(dashboard.researchers.first?.key == "orcid:0000-0002-1825-0097")
        #expect(dashboard.researchers.first?.publications == 2)
    }
}

@Suite struct StructureMapTests {
    @Test func parisLandsInNorthernCentralFrance() throws {
        let view = MapView.france
        let paris = try #require(view.project(GeoPoint(longitude: 2.35, latitude: 48.86)))
        #expect((0.47...0.53).contains(paris.x / view.width))
        #expect((0.2...0.3).contains(paris.y / view.height))
        let france = view.outlines[0].compactMap(view.project)
        #expect(france.count == view.outlines[0].count)
        #expect(isInside(paris, polygon: france))
        for (longitude, latitude) in [(-0.58, 44.84), (4.83, 45.76), (7.75, 48.58), (-1.68, 48.11)] {
            let city = try #require(view.project(GeoPoint(longitude: longitude, latitude: latitude)))
            #expect(isInside(city, polygon: france), "\(longitude), \(latitude)")
        }
        // Bern and Brussels are in the frame but not in France; Madrid and London are out of the frame.
        for (longitude, latitude) in [(7.45, 46.95), (4.35, 50.85)] {
            let city = try #require(view.project(GeoPoint(longitude: longitude, latitude: latitude)))
            #expect(!isInside(city, polygon: france), "\(longitude), \(latitude)")
        }
        #expect(view.project(GeoPoint(longitude: -3.7, latitude: 40.4)) == nil)
        #expect(view.project(GeoPoint(longitude: -0.13, latitude: 51.5)) == nil)
        // North is up, east is right.
        let lille = try #require(view.project(GeoPoint(longitude: 3.06, latitude: 50.63)))
        #expect(lille.y < paris.y && lille.x > paris.x)
    }

    @Test func theWorldViewKeepsEveryPlaceOnLand() throws {
        let view = MapView.world
        let paris = try #require(view.project(GeoPoint(longitude: 2.35, latitude: 48.86)))
        #expect((0.5...0.51).contains(paris.x / view.width))
        #expect((0.12...0.18).contains(paris.y / view.height))
        let corners = [(-180.0, 0.0), (180, 0), (0, 90), (0, -90)].compactMap { view.project(GeoPoint(longitude: $0.0, latitude: $0.1)) }
        let expected = [(0, view.height / 2), (view.width, view.height / 2), (view.width / 2, 0), (view.width / 2, view.height)]
        #expect(corners.count == 4)
        for (corner, wanted) in zip(corners, expected) { #expect(abs(corner.x - wanted.0) < 1e-9 && abs(corner.y - wanted.1) < 1e-9) }
        let rings = view.outlines.map { $0.compactMap(view.project) }
        func onLand(_ longitude: Double, _ latitude: Double) throws -> Bool {
            let point = try #require(view.project(GeoPoint(longitude: longitude, latitude: latitude)))
            return rings.contains { isInside(point, polygon: $0) }
        }
        for (longitude, latitude) in [(2.35, 48.86), (133.9, -23.7), (-74, 40.7), (-47.9, -15.8), (28, -26), (77.2, 28.6), (116.4, 39.9)] {
            #expect(try onLand(longitude, latitude), "\(longitude), \(latitude)")
        }
        for (longitude, latitude) in [(-30.0, 30.0), (-140, 0), (80, -20)] { #expect(try !onLand(longitude, latitude), "\(longitude), \(latitude)") }
        #expect(!view.graticule.isEmpty && MapView.france.graticule.isEmpty)
    }

    @Test func pointsAggregateByOrganisation() throws {
        let france = StructureMap(documents: Enriched.documents, view: .france, clusters: [Enriched.inserm.id: 1])
        #expect(france.points.map(\.id) == [Enriched.inserm.id, Enriched.chuBordeaux.id])
        #expect(france.points.map(\.publications) == [2, 1])
        #expect(france.points.map(\.cluster) == [1, nil])
        #expect(france.outside == 1)
        #expect(france.unplaced == 1)
        let inserm = try #require(france.points.first)
        #expect(inserm.city == "Paris")
        #expect(france.radius(of: inserm) == 16)
        // Area, not radius, grows with the count: half the publications, 1/√2 of the largest's extra radius.
        #expect(abs(france.radius(of: france.points[1]) - (2.5 + 13.5 * 0.5.squareRoot())) < 1e-9)
        let world = StructureMap(documents: Enriched.documents, view: .world)
        #expect(world.points.count == 3 && world.outside == 0 && world.unplaced == 1)
        #expect(StructureMap(documents: [], view: .world).points.isEmpty)
    }
}

@Suite struct EntityProfileTests {
    @Test func aStructureKnowsItsOrganisationResearchersAndPartners() {
        let profile = StructureProfile(name: "Inserm", documents: Enriched.documents.filter { $0.structures.contains("Inserm") })
        #expect(profile.organisations == [Enriched.inserm])
        // Ann signs from Inserm twice; Bob and Claire sign from the other affiliation of those papers.
        #expect(profile.researchers.map(\.key) == ["orcid:0000-0002-1825-0097"])
        #expect(profile.researchers.first?.publications == 2)
        #expect(profile.partners.map(\.value) == ["CHU de Bordeaux", "Some lab", "University of Oxford"])
        let unmatched = StructureProfile(name: "Some lab", documents: [Enriched.documents[1]])
        #expect(unmatched.organisations.isEmpty)
        #expect(unmatched.researchers.map(\.key) == ["hublot:42"])
    }

    @Test func aResearcherKnowsTheirStructuresOverTimeAndCoAuthors() throws {
        let profile = try #require(ResearcherProfile(key: "orcid:0000-0002-1825-0097", documents: Enriched.documents))
        #expect(profile.name == "Ann O'Brien")
        #expect(profile.orcid == "0000-0002-1825-0097")
        #expect(profile.affiliations.map(\.structure) == ["Inserm", "CHU de Bordeaux"])
        #expect(profile.affiliations.map(\.publications) == [2, 1])
        #expect(profile.affiliations.first?.firstYear == 2019)
        #expect(profile.coAuthors.map(\.name) == ["Claire Petit", "Bob Smith"])
        #expect(ResearcherProfile(key: "name:nobody, x", documents: Enriched.documents) == nil)
    }

    @Test func theStructuresNetworkJoinsOrganisationsById() throws {
        let network = CollaborationNetwork(documents: Enriched.documents, options: .init(level: .structures))
        let inserm = try #require(network.nodes.first)
        #expect(inserm.key == Enriched.inserm.id)
        #expect(inserm.label == "Inserm")
        #expect(inserm.documents == 2)
        #expect(Set(network.nodes.map(\.key)).contains("Some lab"))
        let labels = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.id, $0.label) })
        let pairs = Set(network.links.map { [labels[$0.source] ?? "", labels[$0.target] ?? ""].sorted() })
        #expect(pairs.contains(["CHU de Bordeaux", "Inserm"]))
        #expect(pairs.contains(["Inserm", "Some lab"]))
        #expect(!pairs.contains(["Lab Without Place", "Inserm"]))
    }
}
