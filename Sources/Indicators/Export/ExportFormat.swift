import Search

/// The formats a result set is exported in (`/api/export?format=`).
public enum ExportFormat: String, Hashable, Sendable, CaseIterable, Codable {
    /// One row per publication (`PublicationCSV`).
    case csv
    /// An array of the documents as the API gives them.
    case json
    case bibtex
    /// RIS, which Zotero, EndNote and Mendeley import.
    case ris
    /// The set's co-authorship network for VOSviewer (`VOSviewerJSON`).
    case vosviewer

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .json, .vosviewer: "application/json"
        case .bibtex: "application/x-bibtex; charset=utf-8"
        case .ris: "application/x-research-info-systems; charset=utf-8"
        }
    }

    public var fileExtension: String {
        switch self {
        case .csv: "csv"
        case .json: "json"
        case .bibtex: "bib"
        case .ris: "ris"
        case .vosviewer: "json"
        }
    }

    /// Writes `documents` in this format, piece by piece, so that a large set can be streamed.
    ///
    /// VOSviewer's network needs every document before its first byte; the other formats write each
    /// publication as it comes.
    public func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) {
        switch self {
        case .csv: PublicationCSV.write(documents, to: output)
        case .json: PublicationJSON.write(documents, to: output)
        case .bibtex: BibTeX.write(documents, to: output)
        case .ris: RIS.write(documents, to: output)
        case .vosviewer: output(VOSviewerJSON.text(of: CollaborationNetwork(documents: documents)))
        }
    }

    /// The whole export as one string.
    public func text(of documents: some Sequence<SearchDocument>) -> String {
        var text = ""
        write(documents) { text += $0 }
        return text
    }
}
