import Foundation
import Indicators
import Publications
import Search
import Testing

@testable import Web

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ChartsTests {
    static let hostile = "<script>alert(\"x\")</script> & 'Établissement' \u{0007}"
    static let text = ChartText(
        id: "years chart", title: "Publications par an <b>", description: "Nombre de publications.", xAxis: "Année", yAxis: "Publications",
        unit: "publications", empty: "Aucune donnée")

    /// Parses as XML: a stray `<` or `&` or control character would make the browser draw nothing.
    func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    func allCharts(_ points: [ChartPoint]) -> [String] {
        [
            Charts.columns(points, text: Self.text),
            Charts.horizontalBars(points, text: Self.text),
            Charts.donut(points, text: Self.text),
            Charts.lines(categories: points.map(\.label), series: [ChartSeries(name: Self.hostile, values: points.map(\.value))], text: Self.text),
        ]
    }

    @Test func hostileLabelsAreEscaped() {
        let points = [ChartPoint(Self.hostile, 3), ChartPoint("2020", 5)]
        for svg in allCharts(points) {
            #expect(!svg.contains("<script>"))
            #expect(!svg.contains("<b>"))
            #expect(!svg.contains("\u{0007}"))
            #expect(svg.contains("&lt;script&gt;") || svg.contains("&lt;script"))
            #expect(svg.contains("&quot;") || svg.contains("&lt;script&gt;alert"))
            #expect(isWellFormed(svg), "\(svg)")
        }
    }

    @Test func accessibleStructure() {
        let svg = Charts.columns([ChartPoint("2019", 12), ChartPoint("2020", 15)], text: Self.text)
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"chart-yearschart-title chart-yearschart-desc\""))
        #expect(svg.contains("<title id=\"chart-yearschart-title\">Publications par an &lt;b&gt;</title>"))
        #expect(svg.contains("<desc id=\"chart-yearschart-desc\">Nombre de publications. 2019: 12; 2020: 15.</desc>"))
        #expect(svg.contains("<title>2020: 15 publications</title>"))
        #expect(svg.contains("viewBox=\"0 0 640.0 340.0\""))
        #expect(svg.contains(">Année</text>"))
        // Ticks: 0, 5, 10, 15.
        #expect(svg.contains(">15</text>"))
        #expect(!svg.contains("<style"))
        #expect(!svg.contains("http://") || !svg.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
    }

    @Test func noDataAndOnePoint() {
        for svg in allCharts([]) {
            #expect(isWellFormed(svg))
            #expect(svg.contains("Aucune donnée"))
            #expect(!svg.contains("NaN") && !svg.contains("inf"))
        }
        for svg in allCharts([ChartPoint("2021", 1)]) + allCharts([ChartPoint("2021", 0)]) {
            #expect(isWellFormed(svg))
            #expect(!svg.contains("NaN") && !svg.contains("inf"))
        }
        let whole = Charts.donut([ChartPoint("gold", 4)], text: Self.text)
        #expect(whole.contains("<circle"))
        #expect(whole.contains("100.0 %"))
    }

    @Test func scaleTicksAreRound() {
        #expect(Charts.Scale(maximum: 0).ticks == [0, 1])
        #expect(Charts.Scale(maximum: 15).ticks == [0, 5, 10, 15])
        #expect(Charts.Scale(maximum: 1234).maximum == 1500)
        #expect(abs(Charts.Scale(maximum: 0.3).maximum - 0.3) < 1e-9)
        #expect(Charts.Scale(maximum: .nan).maximum == 1)
    }

    @Test func linesWithSeveralSeriesHaveALegend() {
        let svg = Charts.lines(
            categories: ["2019", "2020", "2021"],
            series: [ChartSeries(name: "SNDS", values: [1, 2, 3]), ChartSeries(name: "PMSI", values: [0, 1, 0])], text: Self.text)
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains(">SNDS</text>") && svg.contains(">PMSI</text>"))
        #expect(svg.contains("<title>PMSI, 2020: 1 publications</title>"))
        #expect(isWellFormed(svg))
    }

    @Test func networkDrawing() {
        let documents = [
            SearchDocument(id: 1, name: "a", title: "t", authors: [DocumentAuthor(name: Self.hostile), DocumentAuthor(name: "Bob")]),
            SearchDocument(id: 2, name: "b", title: "t", authors: [DocumentAuthor(name: "Bob"), DocumentAuthor(name: "Carol")]),
        ]
        let network = CollaborationNetwork(documents: documents)
        let svg = NetworkSVG.render(network, text: Self.text)
        #expect(isWellFormed(svg))
        #expect(!svg.contains("<script>"))
        #expect(svg.components(separatedBy: "<circle").count == 4)
        #expect(svg.components(separatedBy: "<line").count == 3)
        #expect(svg.contains("<title>Bob: 2 documents, cluster 1</title>"))
        let empty = NetworkSVG.render(CollaborationNetwork(documents: []), text: Self.text)
        #expect(isWellFormed(empty) && empty.contains("Aucune donnée"))
    }
}
