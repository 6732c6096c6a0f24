import Foundation
import Indicators
import Search

/// The dashboard: the indicators of a result set, each chart with its data as CSV, and the facets to narrow
/// the set. Entity pages (a database, a researcher, a structure, a journal) are the same view on one filter.
enum DashboardView {
    struct Heading {
        var kicker: String
        var title: String
        /// Already HTML.
        var details: String = ""
    }

    static func page(
        _ dashboard: Dashboard, facets: SearchResponse, latest: SearchResponse? = nil, request: SearchRequest, language: Language,
        heading: Heading? = nil, path: String = "/dashboard", structures: (map: StructureMap, highlighted: Set<String>)? = nil
    ) -> String {
        let labels = language.labels
        let set = request.resultSet
        let title = heading?.title ?? labels.dashboard
        let header =
            heading.map { "<p class=\"muted\">\(escape($0.kicker))</p><h1>\(escape($0.title))</h1>\($0.details)" }
            ?? "<h1>\(escape(labels.dashboard))</h1>\(SearchViews.searchForm(request, language: language, action: "/dashboard"))"
        let publications =
            latest.map { response in
                """
                <h2>\(escape(labels.publications))</h2>
                <ol class="results">\(response.results.map { SearchViews.hit(hit: $0, labels: labels, language: language) }.joined())</ol>
                <p><a href="\(escape(set.href("/search", language: language)))">\(escape(labels.seeAll)) (\(response.total))</a></p>
                """
            } ?? ""
        return PublicationsLayout.page(
            title: title, language: language, current: heading == nil ? .dashboard : .entity, request: set,
            body: """
                \(header)
                <div class="with-facets">
                <aside class="facets" aria-label="\(escape(labels.filters))">
                \(SearchViews.facetPanels(facets, request: set, path: path, language: language))
                </aside>
                <section>
                \(cards(dashboard, language: language))
                <p><a href="\(escape(set.href("/search", language: language)))">\(escape(labels.viewResults))</a>
                · <a href="\(escape(set.href("/network", language: language)))">\(escape(labels.network))</a>
                · <a href="\(escape(set.href("/map", language: language)))">\(escape(labels.map))</a>
                · <a href="\(escape(set.href("/api/dashboard")))">JSON</a></p>
                <div class="charts">
                \(structures.map { mapFigure($0.map, highlighted: $0.highlighted, request: set, language: language) } ?? "")
                \(charts(dashboard, request: set, language: language).joined(separator: "\n"))
                </div>
                \(publications)
                </section>
                </div>
                """)
    }

    static func cards(_ dashboard: Dashboard, language: Language) -> String {
        let french = language == .fr
        func card(_ value: String, _ label: String) -> String { "<div class=\"card\"><b>\(escape(value))</b>\(escape(label))</div>" }
        let growth = dashboard.years.compoundAnnualGrowth.map { String(format: "%+.1f %%", $0) } ?? "—"
        return "<div class=\"cards\">"
            + card("\(dashboard.total)", french ? "publications" : "publications")
            + card(growth, french ? "croissance annuelle moyenne" : "mean annual growth")
            + card(percent(dashboard.classification.uses.share), french ? "utilisent une base du hub" : "use a database of the hub")
            + card(knownPercent(dashboard.openAccess.open), french ? "en accès ouvert (parmi les connus)" : "open access (of those known)")
            + card(
                knownPercent(dashboard.internationalCollaboration),
                french ? "collaborations internationales (pays connus)" : "international collaborations (of known countries)")
            + card(
                dashboard.coverage.affiliationCount == 0 ? "—" : percent(dashboard.coverage.matchedAffiliations.share),
                french ? "des affiliations rattachées à une structure du registre" : "of affiliations matched to a registry structure")
            + card(
                dashboard.coverage.authorCount == 0 ? "—" : percent(dashboard.coverage.identifiedAuthors.share),
                french ? "des auteurs identifiés (chercheur ou ORCID)" : "of authors identified (researcher or ORCID)")
            + "</div>"
    }

    /// The small map of the set's structures, linking to the full one.
    static func mapFigure(_ map: StructureMap, highlighted: Set<String>, request: SearchRequest, language: Language) -> String {
        let href = request.href("/map", language: language, extra: [("view", map.view.rawValue)])
        return """
            <figure class="chart map" id="chart-map">
            <h2>\(escape(MapPage.title(map.view, language: language)))</h2>
            \(MapPage.svg(map, language: language, id: "c-map", highlighted: highlighted))
            <p class="data"><a href="\(escape(href))">\(escape(language == .fr ? "Carte complète" : "Full map"))</a></p>
            </figure>
            """
    }

    /// The tracked coverage's names in the page's language.
    static func trackedLabel(_ name: String, language: Language) -> String {
        let french = language == .fr
        switch name {
        case "matched_affiliations": return french ? "affiliations rattachées" : "affiliations matched"
        case "identified_authors": return french ? "auteurs identifiés" : "authors identified"
        case "doi": return "DOI"
        case "abstract": return french ? "résumé" : "abstract"
        case "open_access": return french ? "accès ouvert connu" : "open access known"
        case "country": return french ? "pays" : "country"
        default: return name
        }
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f %%", share * 100) }

    /// A share among the publications where it is known; none known is not 0 %.
    static func knownPercent(_ share: KnownShare) -> String { share.known == 0 ? "—" : percent(share.shareOfKnown) }

    /// Every chart as a figure with a title, the SVG, and the link to its data.
    static func charts(_ dashboard: Dashboard, request: SearchRequest, language: Language) -> [String] {
        let french = language == .fr
        let labels = language.labels
        let unit = french ? "publications" : "publications"
        func figure(_ chart: DashboardChart, _ title: String, _ svg: String, extra: String = "") -> String {
            """
            <figure class="chart" id="chart-\(chart.rawValue)">
            <h2>\(escape(title))</h2>
            \(svg)
            \(extra)
            <p class="data"><a href="\(escape(request.href("/dashboard/data/\(chart.rawValue).csv")))" download>\(escape(labels.downloadData))</a></p>
            </figure>
            """
        }
        func text(_ chart: DashboardChart, _ title: String, _ description: String, x: String = "", y: String = "") -> ChartText {
            ChartText(id: "c-\(chart.rawValue)", title: title, description: description, xAxis: x, yAxis: y, unit: unit, empty: "—")
        }
        func ranked(_ rows: [RankedCount]) -> [ChartPoint] { rows.map { ChartPoint($0.value, Double($0.publications)) } }
        func list(_ rows: [(label: String, href: String, count: Int)]) -> String {
            guard !rows.isEmpty else { return "" }
            return "<ol class=\"muted\">" + rows.map { "<li><a href=\"\(escape($0.href))\">\(escape($0.label))</a> (\($0.count))</li>" }.joined()
                + "</ol>"
        }
        var figures: [String] = []
        let yearTitle = french ? "Publications par année" : "Publications per year"
        figures.append(
            figure(
                .years, yearTitle,
                Charts.columns(
                    dashboard.years.counts.map { ChartPoint(String($0.year), Double($0.publications)) },
                    text: text(.years, yearTitle, yearTitle, x: labels.year, y: unit))))
        if !dashboard.databases.isEmpty {
            let title = french ? "Publications par base utilisée et par année" : "Publications per database used and year"
            let series = dashboard.databases.prefix(8).map { database in
                ChartSeries(name: database.name, values: database.years.map { Double($0.publications) })
            }
            figures.append(
                figure(
                    .databaseYears, title,
                    Charts.lines(
                        categories: dashboard.years.counts.map { String($0.year) }, series: Array(series),
                        text: text(.databaseYears, title, title, x: labels.year, y: unit)),
                    extra: list(
                        dashboard.databases.map { ($0.name, PublicationsLinks.database($0.name, language: language), $0.uses.count) })))
        }
        let tops: [(DashboardChart, String, [RankedCount], (String) -> String)] = [
            (
                .structures, french ? "Structures les plus présentes" : "Top structures", dashboard.structures,
                { PublicationsLinks.structure($0, language: language) }
            ),
            (
                .journals, french ? "Revues les plus présentes" : "Top journals", dashboard.journals,
                { PublicationsLinks.journal($0, language: language) }
            ),
            (
                .countries, french ? "Pays des affiliations" : "Countries of the affiliations", dashboard.countries,
                { country in
                    request.toggling(.country, country).href("/dashboard", language: language)
                }
            ),
        ]
        let researchersTitle = french ? "Chercheurs les plus présents" : "Top researchers"
        figures.append(
            figure(
                .researchers, researchersTitle,
                Charts.horizontalBars(
                    dashboard.researchers.map { ChartPoint($0.name, Double($0.publications)) },
                    text: text(.researchers, researchersTitle, researchersTitle)),
                extra: list(dashboard.researchers.map { ($0.name, PublicationsLinks.researcher($0.key, language: language), $0.publications) })))
        for (chart, title, rows, href) in tops {
            figures.append(
                figure(
                    chart, title, Charts.horizontalBars(ranked(rows), text: text(chart, title, title)),
                    extra: list(rows.map { ($0.value, href($0.value), $0.publications) })))
        }
        let oaTitle = french ? "Accès ouvert" : "Open access"
        figures.append(figure(.openAccess, oaTitle, Charts.donut(ranked(dashboard.openAccess.byStatus), text: text(.openAccess, oaTitle, oaTitle))))
        let classification = dashboard.classification
        let statusTitle = french ? "Statut de classification" : "Classification status"
        let statuses = [
            (labels.uses, classification.uses.count), (french ? "mentionne seulement" : "mentions only", classification.mentionsOnly.count),
            (french ? "ni l'un ni l'autre" : "neither", classification.unclassified.count),
        ]
        figures.append(
            figure(
                .classification, statusTitle,
                Charts.donut(statuses.map { ChartPoint($0.0, Double($0.1)) }, text: text(.classification, statusTitle, statusTitle)),
                extra: "<p class=\"muted\">\(escape(labels.curated)): \(classification.curated.count)</p>"))
        let coverageYearsTitle = french ? "Couverture par année (%)" : "Coverage per year (%)"
        var coverageYearsText = text(.coverageYears, coverageYearsTitle, coverageYearsTitle, x: labels.year, y: "%")
        coverageYearsText.unit = "%"
        let tracked = Coverage.trackedNames.indices.map { index in
            ChartSeries(
                name: trackedLabel(Coverage.trackedNames[index], language: language),
                values: dashboard.coverageByYear.map { ($0.coverage.tracked[index].share.share * 1000).rounded() / 10 })
        }
        figures.append(
            figure(
                .coverageYears, coverageYearsTitle,
                Charts.lines(categories: dashboard.coverageByYear.map { String($0.year) }, series: tracked, text: coverageYearsText),
                extra:
                    "<p class=\"muted\">\(escape(french ? "Affiliations et auteurs : part des affiliations et des auteurs ; le reste : part des publications." : "Affiliations and authors: share of affiliations and of authors; the rest: share of publications."))</p>"
            ))
        if !dashboard.databases.isEmpty {
            let title = french ? "Couverture par base utilisée (%)" : "Coverage per database used (%)"
            let rows = dashboard.databases.map { database in
                [link(PublicationsLinks.database(database.name, language: language), database.name), "\(database.uses.count)"]
                    + database.coverage.tracked.map { escape(Charts.number(($0.share.share * 1000).rounded() / 10)) }
            }
            let headers = [labels.database, labels.publications] + Coverage.trackedNames.map { trackedLabel($0, language: language) }
            // A table of seven columns is wider than a chart's column: it scrolls rather than overflow the page.
            figures.append(
                figure(
                    .databaseCoverage, title,
                    "<div class=\"scroll\">" + htmlTable(headers: headers, rows: rows, raw: true, classes: "coverage") + "</div>"))
        }
        let coverageTitle = french ? "Métadonnées présentes (% des publications)" : "Metadata present (% of publications)"
        var coverageText = text(.coverage, coverageTitle, coverageTitle)
        coverageText.unit = "%"
        figures.append(
            figure(
                .coverage, coverageTitle,
                Charts.horizontalBars(
                    dashboard.coverage.kinds.map {
                        ChartPoint($0.name.replacingOccurrences(of: "_", with: " "), ($0.share.share * 1000).rounded() / 10)
                    },
                    text: coverageText)))
        return figures
    }
}

extension SearchRequest {
    /// The publications the request designates, whatever page or order: what a dashboard and an export cover.
    var resultSet: SearchRequest { SearchRequest(query: query, filters: filters) }
}
