import Core
import Foundation
import Publications
import Search
import Testing

@testable import Indicators

@Suite struct DashboardTests {
    let dashboard = Dashboard(documents: Sample.documents)

    @Test func yearsAndGrowth() throws {
        #expect(dashboard.total == 5)
        #expect(dashboard.years.undated == 1)
        #expect(dashboard.years.counts.map(\.year) == [2019, 2020, 2021])
        #expect(dashboard.years.counts.map(\.publications) == [1, 1, 2])
        #expect(dashboard.years.counts.map(\.growth) == [nil, 0, 100])
        // (2 / 1)^(1/2) - 1
        let compound = try #require(dashboard.years.compoundAnnualGrowth)
        #expect(abs(compound - (2.0.squareRoot() - 1) * 100) < 1e-9)
    }

    @Test func gapsAreFilledAndGrowthNeedsAPreviousCount() {
        let documents = [2010, 2010, 2013, 2014].enumerated().map { index, year in
            SearchDocument(id: Int64(index), name: "d\(index)", title: "t", date: PublicationDate(year: year))
        }
        let years = Dashboard(documents: documents).years
        #expect(years.counts.map(\.publications) == [2, 0, 0, 1, 1])
        #expect(years.counts.map(\.growth) == [nil, -100, nil, nil, 0])
        // (1 / 2)^(1/4) - 1
        #expect(abs((years.compoundAnnualGrowth ?? 0) - (pow(0.5, 0.25) - 1) * 100) < 1e-9)
    }

    @Test func aMisreadYearDoesNotFillCenturies() {
        let documents = [19, 2019].map { SearchDocument(id: Int64($0), name: "\($0)", title: "t", date: PublicationDate(year: $0)) }
        #expect(Dashboard(documents: documents).years.counts.map(\.year) == [19, 2019])
    }

    @Test func topLists() {
        #expect(dashboard.structures.map(\.value) == ["Inserm", "AP-HP", "Charité", "University of Oxford"])
        #expect(dashboard.structures.map(\.publications) == [3, 1, 1, 1])
        #expect(dashboard.structures.first?.share == 0.6)
        #expect(dashboard.journals.map(\.value) == ["Journal A", "Journal B"])
        #expect(dashboard.countries.map(\.value) == ["France", "Germany", "United Kingdom"])
        #expect(dashboard.countries.map(\.publications) == [4, 1, 1])
        // Whole given names tell researchers apart: `A. Martin` is not merged with `Anne Martin` (a family name and
        // an initial would merge hundreds of people in real sets), ties by key.
        #expect(
            dashboard.researchers.map(\.key) == [
                "name:martin, anne", "name:dupont, j", "name:dupont, jean", "name:martin, a", "orcid:0000-0002-1825-0097",
            ])
        #expect(dashboard.researchers.map(\.name) == ["Anne Martin", "J Dupont", "Jean Dupont", "A. Martin", "Paul Durand"])
        #expect(dashboard.researchers.map(\.publications) == [2, 1, 1, 1, 1])
        #expect(dashboard.researchers.last?.orcid == "0000-0002-1825-0097")
        #expect(Dashboard(documents: Sample.documents, top: 2).structures.map(\.value) == ["Inserm", "AP-HP"])
        #expect(Dashboard(documents: Sample.documents, top: 0).structures.isEmpty)
    }

    @Test func theDocumentsOrderChangesNothing() {
        #expect(Dashboard(documents: Sample.documents.reversed()) == dashboard)
        #expect(
            Dashboard(documents: [Sample.documents[4], Sample.documents[1], Sample.documents[0], Sample.documents[3], Sample.documents[2]])
                == dashboard)
    }

    @Test func sharesOfOpenAccessAndCollaboration() {
        #expect(dashboard.openAccess.open == KnownShare(count: 2, known: 3, of: 5))
        #expect(dashboard.openAccess.open.share == 0.4)
        #expect(abs(dashboard.openAccess.open.shareOfKnown - 2.0 / 3) < 1e-12)
        #expect(dashboard.openAccess.byStatus.map(\.value) == ["closed", "gold", "green"])
        #expect(dashboard.internationalCollaboration == KnownShare(count: 2, known: 4, of: 5))
        #expect(dashboard.internationalCollaboration.shareOfKnown == 0.5)
    }

    @Test func coverage() {
        let counts = Dictionary(uniqueKeysWithValues: dashboard.coverage.kinds.map { ($0.name, $0.share.count) })
        #expect(
            counts == [
                "doi": 2, "pmid": 1, "abstract": 1, "full_text": 1, "authors": 4, "affiliations": 4, "structure": 4, "country": 4, "orcid": 1,
                "open_access": 3, "citations": 2, "keywords": 1, "mesh": 0,
            ])
    }

    @Test func classificationAndDatabases() {
        let classification = dashboard.classification
        let counts: [Int] = [classification.uses, classification.mentionsOnly, classification.curated, classification.unclassified].map(\.count)
        #expect(counts == [3, 1, 1, 1])
        #expect(dashboard.databases.map(\.name) == ["SNDS", "PMSI"])
        let snds = dashboard.databases[0]
        #expect(snds.uses == Share(count: 3, of: 5))
        #expect(snds.curated == 1)
        #expect(snds.mentions == 0)
        #expect(snds.years.map(\.publications) == [1, 1, 1])
        let pmsi = dashboard.databases[1]
        #expect(pmsi.uses.count == 1)
        #expect(pmsi.mentions == 2)
        #expect(pmsi.years.map(\.year) == [2019, 2020, 2021])
        #expect(pmsi.years.map(\.publications) == [0, 0, 1])
        #expect(pmsi.years.map(\.growth) == [nil, nil, nil])
    }

    @Test func anEmptySetHasNoNaN() throws {
        let empty = Dashboard(documents: [])
        #expect(empty.total == 0)
        #expect(empty.years.counts.isEmpty)
        #expect(empty.years.compoundAnnualGrowth == nil)
        #expect(empty.openAccess.open.share == 0)
        #expect(empty.coverage.doi.share == 0)
        let json = try JSONEncoder.hublot().encode(empty)
        #expect(!String(decoding: json, as: UTF8.self).contains("nan"))
    }

    @Test func jsonIsSnakeCaseAndReadsBack() throws {
        let data = try JSONEncoder.hublot().encode(dashboard)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"compound_annual_growth\""))
        #expect(text.contains("\"international_collaboration\""))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(Dashboard.self, from: data) == dashboard)
    }

    @Test func chartData() {
        #expect(DashboardChart.years.csv(of: dashboard) == "\u{FEFF}year,publications,growth_percent\r\n2019,1,\r\n2020,1,0\r\n2021,2,100\r\n")
        #expect(DashboardChart.structures.table(of: dashboard)[1] == ["Inserm", "3", "0.6"])
        #expect(
            DashboardChart.databaseYears.table(of: dashboard) == [
                ["year", "SNDS", "PMSI"], ["2019", "1", "0"], ["2020", "1", "0"], ["2021", "1", "1"],
            ])
        #expect(DashboardChart.classification.table(of: dashboard).map(\.first) == ["status", "uses", "mentions_only", "curated", "unclassified"])
        for chart in DashboardChart.allCases {
            let table = chart.table(of: dashboard)
            #expect(table.allSatisfy { $0.count == table[0].count }, "\(chart)")
            #expect(!chart.csv(of: Dashboard(documents: [])).isEmpty)
        }
    }

    @Test func topListsAreDeterministicOnTies() {
        var tally = Tally<String>()
        for key in ["d", "b", "a", "c", "e"] { tally.add(key) }
        tally.add("e")
        #expect(tally.top(3).map(\.key) == ["e", "a", "b"])
        #expect(tally.top(10).map(\.key) == ["e", "a", "b", "c", "d"])
    }
}
