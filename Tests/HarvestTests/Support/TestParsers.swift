import Core
import Foundation
import Harvest
import Publications

/// Minimal parsers that only name each work, so that paging can be checked whatever the readers do.
enum TestParsers {
    static func firstPMID(in article: String) -> String? {
        guard let open = article.range(of: "<PMID"), let end = article.range(of: ">", range: open.upperBound..<article.endIndex),
            let close = article.range(of: "</PMID>", range: end.upperBound..<article.endIndex)
        else { return nil }
        return String(article[end.upperBound..<close.lowerBound])
    }

    static let pubMed: RecordParser = { body, name throws(PublicationProblem) in
        let text = String(decoding: body, as: UTF8.self)
        var events: [ReaderEvent] = []
        for (index, article) in text.components(separatedBy: "<PubmedArticle>").dropFirst().enumerated() {
            guard let pmid = firstPMID(in: article) else {
                throw PublicationProblem(.malformedFile, at: SourceLocation(file: name), "an article without PMID")
            }
            events.append(.record(record(.pubmed, key: pmid, name: name, position: index + 1)))
        }
        return events
    }

    /// Names each work of a JSON answer by the first of `keys` it has.
    static func json(_ source: PublicationSource, items path: [String], keys: [String]) -> RecordParser {
        { body, name throws(PublicationProblem) in
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) else {
                throw PublicationProblem(.malformedFile, at: SourceLocation(file: name), "not JSON")
            }
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            let items = value as? [[String: Any]] ?? []
            return items.enumerated().map { index, item in
                let key = keys.lazy.compactMap { item[$0] as? String }.first ?? "position \(index)"
                return .record(record(source, key: key, name: name, position: index + 1))
            }
        }
    }

    static let hal = json(.hal, items: ["response", "docs"], keys: ["halId_s"])
    static let crossref = json(.crossref, items: ["message", "items"], keys: ["DOI"])
    static let openAlex = json(.openalex, items: ["results"], keys: ["id"])
    static let europePMC = json(.europepmc, items: ["resultList", "result"], keys: ["id"])

    private static func record(_ source: PublicationSource, key: String, name: String, position: Int) -> SourceRecord {
        SourceRecord(source: source, key: key, origin: RecordOrigin(file: name, position: position), metadata: PublicationMetadata())
    }
}
