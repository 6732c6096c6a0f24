import Foundation
import Synchronization
import Yams

/// PubMed's E-utilities, answering from the articles of `entrez/pubmed*.xml`: esearch says there are as many
/// as it holds, efetch slices them by `retstart`/`retmax`. Each search stores a new `WebEnv`; `forget()`
/// drops them all, as NCBI does when a history expires.
final class PubMedReplay: Sendable {
    static let files = ["pubmed1.xml", "pubmed2.xml", "pubmed4.xml", "pubmed5.xml", "pubmed6.xml", "pubmed7.xml"]

    let articles: [String]
    let pmids: [String]
    private let searchTemplate: String
    private let histories = Mutex<(searches: Int, known: Set<String>)>((0, []))

    init() throws {
        var articles: [String] = []
        for file in Self.files {
            let text = try SharedData.text("entrez/\(file)")
            var rest = text[...]
            while let open = rest.range(of: "<PubmedArticle>"), let close = rest.range(of: "</PubmedArticle>", range: open.upperBound..<rest.endIndex)
            {
                articles.append(String(rest[open.lowerBound..<close.upperBound]))
                rest = rest[close.upperBound...]
            }
        }
        self.articles = articles
        self.pmids = articles.map { TestParsers.firstPMID(in: $0) ?? "?" }
        self.searchTemplate = try SharedData.text("entrez/esearch2.xml")
    }

    func forget() { histories.withLock { $0.known.removeAll() } }

    func answer(_ request: ReplayRequest) -> ReplayResponse {
        if request.path.hasSuffix("/esearch.fcgi") {
            let webEnv = histories.withLock { state -> String in
                state.searches += 1
                let webEnv = "MCID_replay\(state.searches)"
                state.known.insert(webEnv)
                return webEnv
            }
            return ReplayResponse(contentType: "text/xml", text: search(webEnv: webEnv))
        }
        guard request.path.hasSuffix("/efetch.fcgi") else { return ReplayResponse(status: 404, contentType: "text/plain", text: "no such path") }
        let webEnv = request.query["WebEnv"] ?? ""
        guard histories.withLock({ $0.known.contains(webEnv) }) else {
            return ReplayResponse(
                contentType: "text/xml",
                text: "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n")
        }
        let start = min(request.int("retstart") ?? 0, articles.count)
        let end = min(start + (request.int("retmax") ?? 20), articles.count)
        return ReplayResponse(contentType: "text/xml", text: Self.articleSet(articles[start..<end]))
    }

    /// The recorded esearch answer with its Count, WebEnv and QueryKey set to the replay's, and no id list
    /// (`retmax=0`).
    private func search(webEnv: String) -> String {
        var text = searchTemplate
        for (name, value) in [("Count", String(articles.count)), ("RetMax", "0"), ("QueryKey", "1"), ("WebEnv", webEnv)] {
            if let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) {
                text.replaceSubrange(open.upperBound..<close.lowerBound, with: value)
            }
        }
        if let open = text.range(of: "<IdList>"), let close = text.range(of: "</IdList>") {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: "<IdList></IdList>")
        }
        return text
    }

    static func articleSet<Articles: Sequence<String>>(_ articles: Articles) -> String {
        """
        <?xml version="1.0" ?>
        <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
        <PubmedArticleSet>
        \(articles.joined(separator: "\n"))
        </PubmedArticleSet>

        """
    }
}

/// A cursor-paged JSON API over a fixed list of works: the cursor is the offset, written so that it does
/// not look like one (`mark-12`), and the answer's shape is the source's.
struct CursorReplay: Sendable {
    enum Style: Sendable {
        case hal, crossref, openAlex, europePMC
    }

    let style: Style
    /// Each work as JSON text, as the source serialised it.
    let items: [String]

    var count: Int { items.count }

    func answer(_ request: ReplayRequest) -> ReplayResponse {
        let (cursorName, sizeName) =
            switch style {
            case .hal: ("cursorMark", "rows")
            case .crossref: ("cursor", "rows")
            case .openAlex: ("cursor", "per-page")
            case .europePMC: ("cursorMark", "pageSize")
            }
        let sent = request.query[cursorName] ?? "*"
        let start = sent == "*" ? 0 : Int(sent.dropFirst("mark-".count)) ?? 0
        let size = request.int(sizeName) ?? 25
        let end = min(start + size, items.count)
        let page = "[" + (start < end ? items[start..<end].joined(separator: ",") : "") + "]"
        let next = start < end ? "mark-\(end)" : sent
        let text: String
        switch style {
        case .hal:
            text = #"{"response":{"numFound":\#(items.count),"start":0,"docs":\#(page)},"nextCursorMark":"\#(next)"}"#
        case .crossref:
            text = #"""
                {"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"facets":{},"next-cursor":"\#(next)",\#
                "total-results":\#(items.count),"items":\#(page),"items-per-page":\#(size),"query":{"start-index":0,"search-terms":null}}}
                """#
        case .openAlex:
            let nextCursor = end < items.count ? "\"\(next)\"" : "null"
            text = #"""
                {"meta":{"count":\#(items.count),"db_response_time_ms":12,"page":null,"per_page":\#(size),"next_cursor":\#(nextCursor)},\#
                "results":\#(page),"group_by":[]}
                """#
        case .europePMC:
            text = #"""
                {"version":"6.9","hitCount":\#(items.count),"nextCursorMark":"\#(next)","request":{"cursorMark":"\#(sent)",\#
                "pageSize":\#(size)},"resultList":{"result":\#(page)}}
                """#
        }
        return ReplayResponse(contentType: "application/json", text: text)
    }

    /// HAL's answer for Olivier Devauchelle's articles: 36 documents.
    static func hal() throws -> CursorReplay {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: SharedData.path(halFile))))
        let docs = (object as? [String: Any]).flatMap { ($0["response"] as? [String: Any])?["docs"] as? [Any] } ?? []
        return CursorReplay(style: .hal, items: try docs.map(jsonText))
    }

    static let halFile = "hal/biblio_HAL_article_olivier-devauchelle.json"

    /// The works of the recorded Crossref cassettes, each once.
    static func crossref() throws -> CursorReplay {
        var works: [String] = []
        var seen: Set<String> = []
        for file in crossrefFiles {
            let cassette = try Yams.load(yaml: try SharedData.text("crossref/\(file)")) as? [String: Any]
            for interaction in cassette?["http_interactions"] as? [[String: Any]] ?? [] {
                let response = interaction["response"] as? [String: Any]
                let body = ((response?["body"] as? [String: Any])?["string"] as? String) ?? ""
                guard let answer = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                    answer["message-type"] as? String == "work", let work = answer["message"] as? [String: Any],
                    let doi = work["DOI"] as? String, seen.insert(doi.lowercased()).inserted
                else { continue }
                works.append(try jsonText(work))
            }
        }
        return CursorReplay(style: .crossref, items: works)
    }

    static let crossrefFiles = ["cr_works_parses_funders.yml", "cr_works_parses_affilitation.yml"]

    /// The works of every page of a fixture, in order, for a replay that pages them its own way.
    static func fixturePages(_ style: Style, files: [String], items path: [String]) throws -> CursorReplay {
        var works: [String] = []
        for file in files {
            var value: Any? = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: SharedData.fixture(file))))
            for key in path { value = (value as? [String: Any])?[key] }
            works += try (value as? [Any] ?? []).map(jsonText)
        }
        return CursorReplay(style: style, items: works)
    }

    private static func jsonText(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }
}
