import Foundation
import Hummingbird
import Search

/// The name-value pairs of a query string as a browser sends them: a form's GET writes spaces as `+`.
func queryPairs(_ query: String?) -> [(name: String, value: String)] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decoded(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
    }
}

/// Name-value pairs as a query string, each part percent-encoded.
func queryString(_ pairs: [(name: String, value: String)]) -> String {
    pairs.map { "\(encodeComponent($0.name))=\(encodeComponent($0.value))" }.joined(separator: "&")
}

extension SearchRequest {
    /// Parameters the pages use for themselves, not for the search.
    static let pageParameters: Set<String> = ["lang", "format", "kind", "top", "view"]

    /// The search a page's address describes; a bad parameter is the client's error, named.
    init(request: Request) throws {
        do {
            try self.init(parameters: Self.joiningYearFields(queryPairs(request.uri.query)), ignoring: Self.pageParameters)
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    /// The year form's `from` and `to` fields as one `year` range, so that the form needs no script.
    static func joiningYearFields(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let from = pairs.last { $0.name == "from" }?.value.trimmingCharacters(in: .whitespaces) ?? ""
        let to = pairs.last { $0.name == "to" }?.value.trimmingCharacters(in: .whitespaces) ?? ""
        let others = pairs.filter { $0.name != "from" && $0.name != "to" && !($0.name == "year" && $0.value.isEmpty) }
        guard !from.isEmpty || !to.isEmpty else { return others }
        return others.filter { $0.name != "year" } + [("year", from == to ? from : "\(from)..\(to)")]
    }

    /// The address of `path` for this search, in `language` when it is not the default.
    func href(_ path: String, language: Language = .en, extra: [(name: String, value: String)] = []) -> String {
        var pairs = parameters + extra
        if language != .en { pairs.append(("lang", language.rawValue)) }
        guard !pairs.isEmpty else { return path }
        return path + "?" + queryString(pairs)
    }

    /// The same search with `value` of `facet` added to the filters, or removed when it was there; back to page 1.
    func toggling(_ facet: Facet, _ value: String) -> SearchRequest {
        var request = self
        request.page = 1
        if facet == .year, let year = Int(value) {
            request.filters.years = filters.years == year...year ? nil : year...year
            return request
        }
        var values = request.filters.values[facet] ?? []
        if values.contains(value) { values.remove(value) } else { values.insert(value) }
        request.filters.values[facet] = values.isEmpty ? nil : values
        return request
    }

    func isSelected(_ facet: Facet, _ value: String) -> Bool {
        if facet == .year, let year = Int(value) { return filters.years == year...year }
        return filters.values[facet]?.contains(value) == true
    }

    /// The same filters without query, sort or page: what the dashboard and entity pages share.
    var filtersOnly: SearchRequest { SearchRequest(filters: filters) }

    func onPage(_ page: Int) -> SearchRequest {
        var request = self
        request.page = page
        return request
    }
}
