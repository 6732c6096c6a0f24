import Foundation
import Indicators
import Search

/// The search page: the query form, facets that follow the results, the results with their snippets, pages and
/// exports. A pure function of the engine's answer.
enum SearchViews {
    static func page(_ response: SearchResponse, request: SearchRequest, language: Language) -> String {
        let labels = language.labels
        let pages = max(1, (response.total + response.pageSize - 1) / response.pageSize)
        let results =
            response.results.isEmpty
            ? "<p class=\"empty\">\(escape(labels.noResults))</p>"
            : "<ol class=\"results\" start=\"\((response.page - 1) * response.pageSize + 1)\">\n"
                + response.results.map { hit(hit: $0, labels: labels, language: language) }.joined(separator: "\n") + "\n</ol>"
        return PublicationsLayout.page(
            title: request.query.isEmpty ? labels.search : "\(request.query) · \(labels.search)", language: language, current: .search,
            request: request,
            body: """
                <h1 class="visually-hidden">\(escape(labels.search))</h1>
                \(searchForm(request, language: language))
                <div class="with-facets">
                <aside class="facets" aria-label="\(escape(labels.filters))">
                \(facetPanels(response, request: request, path: "/search", language: language))
                </aside>
                <section class="hits" aria-live="polite">
                <p class="summary"><b>\(escape(labels.results(response.total)))</b> · \(escape(labels.pageOf(response.page, pages)))
                · <a href="\(escape(request.filtersOnly.href("/dashboard", language: language)))">\(escape(labels.viewDashboard))</a></p>
                \(exportLinks(request, language: language))
                \(results)
                \(pagination(request, page: response.page, pages: pages, language: language))
                </section>
                </div>
                """)
    }

    /// The query box with its sort, carrying the current filters so that a new query keeps them.
    static func searchForm(_ request: SearchRequest, language: Language, action: String = "/search") -> String {
        let labels = language.labels
        let sorts = SearchSort.allCases.map { sort in
            "<option value=\"\(sort.rawValue)\"\(sort == request.sort ? " selected" : "")>\(escape(labels.sorts[sort] ?? sort.rawValue))</option>"
        }.joined()
        let hidden = hiddenInputs(request.filtersOnly, language: language)
        return """
            <form class="search" action="\(action)" method="get" role="search">
            <input type="search" name="q" id="q" value="\(escape(request.query))" placeholder="\(escape(labels.searchPlaceholder))"
             aria-label="\(escape(labels.search))" autocomplete="off" autofocus data-suggest="/api/search">
            <label>\(escape(labels.sortBy)) <select name="sort">\(sorts)</select></label>
            \(hidden)
            <button type="submit">\(escape(labels.searchButton))</button>
            <ul id="suggestions" class="suggestions" role="listbox" hidden></ul>
            </form>
            """
    }

    /// A form's hidden fields that carry `request`'s parameters, and the language when it is not the default.
    static func hiddenInputs(_ request: SearchRequest, language: Language) -> String {
        var parameters = request.parameters
        if language != .en { parameters.append(("lang", language.rawValue)) }
        return parameters.map { "<input type=\"hidden\" name=\"\(escape($0.name))\" value=\"\(escape($0.value))\">" }.joined()
    }

    static func hit(hit: SearchHit, labels: Labels, language: Language) -> String {
        let authors = hit.authors.prefix(6).joined(separator: ", ") + (hit.authors.count > 6 ? ", …" : "")
        let details = [hit.journal, hit.year.map(String.init)].compactMap { $0 }.joined(separator: " · ")
        let citations = hit.citations.map { " · \($0) \(labels.citations)" } ?? ""
        return """
            <li class="hit">
            <h2><a href="\(escape(PublicationsLinks.publication(hit.id, language: language)))">\(escape(hit.title))</a></h2>
            <p class="muted">\(escape(authors))\(authors.isEmpty ? "" : "<br>")\(escape(details))\(escape(citations))</p>
            \(databaseBadges(hit.databases, labels: labels, language: language))
            <p class="snippet">\(hit.snippet.html)</p>
            </li>
            """
    }

    static func databaseBadges(_ databases: [DocumentDatabase], labels: Labels, language: Language) -> String {
        guard !databases.isEmpty else { return "" }
        return "<p class=\"badges\">"
            + databases.map { database in
                let status = database.status == .uses ? labels.uses : labels.mentions
                let curated = database.isCurated ? " ✓" : ""
                return
                    "<a class=\"badge \(database.status.rawValue)\" href=\"\(escape(PublicationsLinks.database(database.name, language: language)))\" "
                    + "title=\"\(escape(status + (database.isCurated ? " (\(labels.curated))" : "")))\">\(escape(database.name))\(curated)</a>"
            }.joined(separator: " ") + "</p>"
    }

    /// One panel per facet: each value a link that adds it to the filters (or removes it), with its count.
    static func facetPanels(_ response: SearchResponse, request: SearchRequest, path: String, language: Language) -> String {
        let labels = language.labels
        var panels: [String] = []
        if !request.filters.isEmpty {
            var cleared = request
            cleared.filters = SearchFilters()
            cleared.page = 1
            panels.append("<p><a href=\"\(escape(cleared.href(path, language: language)))\">\(escape(labels.clearFilters))</a></p>")
        }
        for facet in Facet.allCases {
            let counts = response.facets[facet] ?? []
            let selectedYears = facet == .year ? request.filters.years : nil
            guard !counts.isEmpty || selectedYears != nil else { continue }
            let items = counts.map { count in
                let selected = request.isSelected(facet, count.value)
                let label = facetLabel(facet, count, labels: labels)
                return "<li><a href=\"\(escape(request.toggling(facet, count.value).href(path, language: language)))\""
                    + (selected ? " class=\"selected\" aria-current=\"true\"" : "")
                    + "><span class=\"check\" aria-hidden=\"true\">\(selected ? "☑" : "☐")</span> \(escape(label))</a> "
                    + "<span class=\"count\">\(count.count)</span></li>"
            }.joined()
            let range = facet == .year ? yearRangeForm(request, path: path, language: language) : ""
            panels.append(
                """
                <details open><summary>\(escape(labels.facets[facet] ?? facet.rawValue))</summary>
                <ul>\(items)</ul>\(range)</details>
                """)
        }
        return panels.joined(separator: "\n")
    }

    static func facetLabel(_ facet: Facet, _ count: FacetCount, labels: Labels) -> String {
        guard facet == .openAccess else { return count.label }
        switch count.value {
        case "open": return labels.openAccess
        case "closed": return labels.closedAccess
        default: return count.label
        }
    }

    static func yearRangeForm(_ request: SearchRequest, path: String, language: Language) -> String {
        let labels = language.labels
        var others = request
        others.filters.years = nil
        others.page = 1
        let hidden = hiddenInputs(others, language: language)
        let lower = request.filters.years.map { $0.lowerBound == Int.min ? "" : "\($0.lowerBound)" } ?? ""
        let upper = request.filters.years.map { $0.upperBound == Int.max ? "" : "\($0.upperBound)" } ?? ""
        return """
            <form class="years" method="get" action="\(path)">
            \(hidden)
            <label>\(escape(labels.from)) <input name="from" inputmode="numeric" size="4" value="\(lower)"></label>
            <label>\(escape(labels.to)) <input name="to" inputmode="numeric" size="4" value="\(upper)"></label>
            <button type="submit">\(escape(labels.apply))</button></form>
            """
    }

    static func exportLinks(_ request: SearchRequest, language: Language) -> String {
        let labels = language.labels
        var base = request
        base.page = 1
        let links = ExportFormat.allCases.map { format in
            "<a href=\"\(escape(base.href("/api/export", extra: [("format", format.rawValue)])))\" download>\(format.label)</a>"
        }.joined(separator: " · ")
        return "<p class=\"exports\">\(escape(labels.export)): \(links)</p>"
    }

    static func pagination(_ request: SearchRequest, page: Int, pages: Int, language: Language) -> String {
        guard pages > 1 else { return "" }
        let labels = language.labels
        let shown = Set([1, pages] + Array(max(1, page - 2)...min(pages, page + 2))).sorted()
        var items: [String] = []
        if page > 1 {
            items.append(
                "<a rel=\"prev\" href=\"\(escape(request.onPage(page - 1).href("/search", language: language)))\">← \(escape(labels.previous))</a>")
        }
        var last = 0
        for number in shown {
            if number > last + 1 { items.append("<span>…</span>") }
            items.append(
                number == page
                    ? "<span aria-current=\"page\" class=\"current\">\(number)</span>"
                    : "<a href=\"\(escape(request.onPage(number).href("/search", language: language)))\">\(number)</a>")
            last = number
        }
        if page < pages {
            items.append(
                "<a rel=\"next\" href=\"\(escape(request.onPage(page + 1).href("/search", language: language)))\">\(escape(labels.next)) →</a>")
        }
        return "<nav class=\"pages\" aria-label=\"pagination\">\(items.joined(separator: " "))</nav>"
    }
}

extension ExportFormat {
    var label: String {
        switch self {
        case .csv: "CSV"
        case .json: "JSON"
        case .bibtex: "BibTeX"
        case .ris: "RIS (Zotero)"
        case .vosviewer: "VOSviewer"
        }
    }
}

/// Addresses of the publications' pages.
enum PublicationsLinks {
    static func suffix(_ language: Language) -> String { language == .en ? "" : "?lang=\(language.rawValue)" }
    static func publication(_ id: Int64, language: Language) -> String { "/publications/\(id)" + suffix(language) }
    static func database(_ name: String, language: Language) -> String { "/databases/\(encodeComponent(name))" + suffix(language) }
    static func researcher(_ key: String, language: Language) -> String { "/researchers/\(encodeComponent(key))" + suffix(language) }
    static func structure(_ name: String, language: Language) -> String { "/structures/\(encodeComponent(name))" + suffix(language) }
    static func journal(_ name: String, language: Language) -> String { "/journals/\(encodeComponent(name))" + suffix(language) }
}
