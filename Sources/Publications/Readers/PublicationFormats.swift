/// The reader of each format `hublot publications ingest` accepts.
public enum PublicationFormats {
    public static func reader(for format: PublicationSource, path: String) throws(PublicationProblem) -> any PublicationReader {
        switch format {
        case .pubmed: try PubMedReader(path: path)
        case .jats: try JATSReader(path: path)
        case .hal: try HALReader(path: path)
        case .crossref: try CrossrefReader(path: path)
        case .openalex: try OpenAlexReader(path: path)
        case .europepmc: try EuropePMCReader(path: path)
        case .jsonl: try HublotJSONLReader(path: path)
        }
    }
}
