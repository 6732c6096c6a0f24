import Search

/// A result set as CSV, one row per publication, for spreadsheets: UTF-8 with a byte-order mark (see
/// `CSVText.byteOrderMark`), RFC 4180 quoting, CRLF; the values of a list joined with `; `.
public enum PublicationCSV {
    public static let header = [
        "id", "name", "title", "year", "journal", "doi", "pmid", "authors", "structures", "countries", "databases_used",
        "databases_mentioned", "open_access", "open_access_status", "citations",
    ]

    public static func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) {
        output(CSVText.byteOrderMark + CSVText.record(header))
        for document in documents { output(CSVText.record(row(document))) }
    }

    public static func row(_ document: SearchDocument) -> [String] {
        [
            String(document.id), document.name, document.title, document.year.map(String.init) ?? "", document.journal ?? "",
            document.identifiers.doi ?? "", document.identifiers.pmid ?? "",
            document.authors.map(\.name).joined(separator: "; "),
            document.structures.joined(separator: "; "),
            document.countries.joined(separator: "; "),
            document.databasesUsed.joined(separator: "; "),
            document.databases.filter { $0.status == .mentions }.map(\.name).joined(separator: "; "),
            document.openAccess.map { $0.isOpenAccess ? "yes" : "no" } ?? "",
            document.openAccess?.status ?? "",
            document.citations.map(String.init) ?? "",
        ]
    }
}
