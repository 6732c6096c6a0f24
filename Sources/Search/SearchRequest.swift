import Foundation

/// A facet of the publications: what results are counted and filtered by.
public enum Facet: String, Hashable, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    /// The hub's databases a publication uses.
    case database
    case year
    /// Each affiliation's matched organisations by name, else the structure read from it.
    case structure
    /// Every author, told apart by `DocumentAuthor.researcherKey`, shown by name.
    case author
    /// The persons enrichment identified (a researcher id or an ORCID), by `researcherKey`, shown by name.
    case researcher
    case journal, country
    /// The cities of the matched organisations.
    case city
    case language
    /// `open` or `closed`.
    case openAccess = "open_access"
    /// The publication type (`Journal Article`, `Review`).
    case type
}

/// The filters of a search, the dashboard or an export: values of one facet are alternatives (OR), facets
/// combine (AND). Years are a range.
public struct SearchFilters: Hashable, Sendable {
    /// The accepted values of each filtered facet but the year. Author values are `DocumentAuthor.researcherKey`s.
    public var values: [Facet: Set<String>]
    public var years: ClosedRange<Int>?

    public init(values: [Facet: Set<String>] = [:], years: ClosedRange<Int>? = nil) {
        self.values = values
        self.years = years
    }

    public var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) && years == nil }
}

public enum SearchSort: String, Hashable, Sendable, Codable, CaseIterable {
    case relevance
    /// Newest first.
    case date
    /// Most cited first.
    case citations
}

/// One question to the search engine: the query in Hublot's query language, filters, order and page.
///
/// The query language: words (analysed in French and English, the last one completed as a prefix), `"a
/// phrase"`, `-word` or `-"phrase"` to exclude, `field:value` (`title:`, `abstract:`, `author:`,
/// `journal:`, `mesh:`, `keyword:`, `affiliation:`), database names and their acronyms and synonyms.
public struct SearchRequest: Hashable, Sendable {
    public var query: String
    public var filters: SearchFilters
    public var sort: SearchSort
    /// From 1.
    public var page: Int
    public var pageSize: Int

    public init(query: String = "", filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance, page: Int = 1, pageSize: Int = 20) {
        self.query = query
        self.filters = filters
        self.sort = sort
        self.page = page
        self.pageSize = pageSize
    }

    public static let maximumPageSize = 200

    /// The request the API's and the CLI's parameters describe: `q`, `sort`, `page`, `size`, and one
    /// parameter per facet (`database=SNDS`, `year=2019..2021`, `year=2019`, `year=..2015`), repeatable.
    /// Unknown parameters are refused, so that a misspelt filter does not silently widen the results.
    public init(parameters: [(name: String, value: String)], ignoring ignored: Set<String> = []) throws(SearchParameterError) {
        self.init()
        for (name, value) in parameters where !ignored.contains(name) {
            switch name {
            case "q", "query":
                query = value
            case "sort":
                guard let sort = SearchSort(rawValue: value) else {
                    throw SearchParameterError(parameter: name, value: value, expected: SearchSort.allCases.map(\.rawValue).joined(separator: ", "))
                }
                self.sort = sort
            case "page":
                guard let page = Int(value), page >= 1 else { throw SearchParameterError(parameter: name, value: value, expected: "a number from 1") }
                self.page = page
            case "size":
                guard let size = Int(value), (1...Self.maximumPageSize).contains(size) else {
                    throw SearchParameterError(parameter: name, value: value, expected: "a number from 1 to \(Self.maximumPageSize)")
                }
                pageSize = size
            case Facet.year.rawValue:
                guard let years = Self.years(value) else {
                    throw SearchParameterError(parameter: name, value: value, expected: "a year or a range: 2019, 2019..2021, 2019.., ..2021")
                }
                filters.years = years
            default:
                guard let facet = Facet(rawValue: name) else {
                    throw SearchParameterError(
                        parameter: name, value: value,
                        expected: "one of q, sort, page, size, " + Facet.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard !value.isEmpty else { continue }
                filters.values[facet, default: []].insert(value)
            }
        }
    }

    /// The parameters that give this request back, in a stable order: links to other pages and facets use them.
    public var parameters: [(name: String, value: String)] {
        var parameters: [(name: String, value: String)] = []
        if !query.isEmpty { parameters.append(("q", query)) }
        for facet in Facet.allCases {
            if facet == .year, let years = filters.years {
                parameters.append(
                    (facet.rawValue, years.lowerBound == years.upperBound ? "\(years.lowerBound)" : "\(years.lowerBound)..\(years.upperBound)"))
            }
            for value in (filters.values[facet] ?? []).sorted() { parameters.append((facet.rawValue, value)) }
        }
        if sort != .relevance { parameters.append(("sort", sort.rawValue)) }
        if page != 1 { parameters.append(("page", "\(page)")) }
        if pageSize != 20 { parameters.append(("size", "\(pageSize)")) }
        return parameters
    }

    static func years(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if bounds.count == 1 { return Int(bounds[0]).map { $0...$0 } }
        let lower = bounds[0].isEmpty ? Int.min : Int(bounds[0])
        let upper = bounds[1].isEmpty ? Int.max : Int(bounds[1])
        guard let lower, let upper, lower <= upper, !(bounds[0].isEmpty && bounds[1].isEmpty) else { return nil }
        return lower...upper
    }
}

public struct SearchParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var parameter: String
    public var value: String
    public var expected: String

    public var description: String { "parameter \(parameter)=\(value): expected \(expected)" }
}
