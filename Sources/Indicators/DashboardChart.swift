/// Each chart of the dashboard, and the data behind it as a table, offered as CSV next to the chart.
public enum DashboardChart: String, Hashable, Sendable, CaseIterable, Codable {
    case years
    case structures
    case researchers
    case journals
    case countries
    case openAccess = "open_access"
    case coverage
    /// The tracked coverage (`Coverage.tracked`) of each year with publications.
    case coverageYears = "coverage_years"
    /// The tracked coverage of each database's publications.
    case databaseCoverage = "database_coverage"
    case classification
    case databases
    /// Publications per year of each database, one column per database.
    case databaseYears = "database_years"

    /// The chart's rows, the header first.
    public func table(of dashboard: Dashboard) -> [[String]] {
        let number = CSVText.number
        func ranked(_ name: String, _ rows: [RankedCount]) -> [[String]] {
            [[name, "publications", "share"]] + rows.map { [$0.value, String($0.publications), number($0.share)] }
        }
        switch self {
        case .years:
            return [["year", "publications", "growth_percent"]]
                + dashboard.years.counts.map { [String($0.year), String($0.publications), $0.growth.map(number) ?? ""] }
        case .structures: return ranked("structure", dashboard.structures)
        case .journals: return ranked("journal", dashboard.journals)
        case .countries: return ranked("country", dashboard.countries)
        case .openAccess: return ranked("open_access_status", dashboard.openAccess.byStatus)
        case .researchers:
            return [["researcher", "key", "orcid", "publications", "share"]]
                + dashboard.researchers.map { [$0.name, $0.key, $0.orcid ?? "", String($0.publications), number($0.share)] }
        case .coverage:
            // Matched affiliations and identified authors are counts of affiliations and authors, not publications.
            let coverage = dashboard.coverage
            return [["metadata", "count", "share", "of"]]
                + coverage.kinds.map { [$0.name, String($0.share.count), number($0.share.share), String(dashboard.total)] }
                + [
                    [
                        "matched_affiliations", String(coverage.matchedAffiliations.count), number(coverage.matchedAffiliations.share),
                        String(coverage.affiliationCount),
                    ],
                    [
                        "identified_authors", String(coverage.identifiedAuthors.count), number(coverage.identifiedAuthors.share),
                        String(coverage.authorCount),
                    ],
                ]
        case .coverageYears:
            return [["year", "publications"] + Coverage.trackedNames]
                + dashboard.coverageByYear.map { year in
                    [String(year.year), String(year.publications)] + year.coverage.tracked.map { number($0.share.share) }
                }
        case .databaseCoverage:
            return [["database", "publications"] + Coverage.trackedNames]
                + dashboard.databases.map { database in
                    [database.name, String(database.uses.count)] + database.coverage.tracked.map { number($0.share.share) }
                }
        case .classification:
            let classification = dashboard.classification
            return [["status", "publications", "share"]]
                + [
                    ("uses", classification.uses), ("mentions_only", classification.mentionsOnly), ("curated", classification.curated),
                    ("unclassified", classification.unclassified),
                ].map { [$0.0, String($0.1.count), number($0.1.share)] }
        case .databases:
            return [["database", "publications", "share", "mentions_only", "curated"]]
                + dashboard.databases.map { [$0.name, String($0.uses.count), number($0.uses.share), String($0.mentions), String($0.curated)] }
        case .databaseYears:
            let header = ["year"] + dashboard.databases.map(\.name)
            return [header]
                + dashboard.years.counts.indices.map { index in
                    [String(dashboard.years.counts[index].year)] + dashboard.databases.map { String($0.years[index].publications) }
                }
        }
    }

    /// The chart's data as CSV (RFC 4180, UTF-8 with a byte-order mark, as `PublicationCSV`).
    public func csv(of dashboard: Dashboard) -> String {
        CSVText.byteOrderMark + table(of: dashboard).map(CSVText.record).joined()
    }
}
