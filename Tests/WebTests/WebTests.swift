import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Store
import Testing

@testable import Web

/// The web app on a store holding the sample catalog, or nothing.
private func application(withSample: Bool = true) throws -> some ApplicationProtocol {
    let store = try Store.inMemory(schemas: [CatalogSchema.self, PublicationsSchema.self])
    if withSample { _ = try SampleCatalog.install(into: store) }
    return buildApplication(store: store, configuration: WebConfiguration(host: "127.0.0.1", port: 0))
}

private extension TestResponse {
    var text: String { String(buffer: body) }
}

@Suite struct WebTests {
    @Test func healthAnswers() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok")
            }
        }
    }

    @Test func emptyStoreHomePageSaysHowToImport() async throws {
        try await application(withSample: false).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("hublot catalog import"))
                #expect(response.text.contains("hublot demo"))
            }
            try await client.execute(uri: "/api/catalog/stats", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func samplePagesAreLabelledAsSample() async throws {
        try await application().test(.router) { client in
            for uri in ["/", "/catalog", "/catalog/tables/SA_BEN_R"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.text.contains("SAMPLE catalog made up by Hublot"), "\(uri)")
                }
            }
        }
    }

    @Test func tablePageShowsVariablesJoinsAndGraph() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/catalog/tables/sa_sej_b", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("<h1>SA_SEJ_B</h1>"))
                #expect(html.contains("/catalog/tables/SA_SEJ_B/variables/DGN_PAL"))
                #expect(html.contains("<svg"))
                #expect(html.contains("→ references"))
                #expect(html.contains("← referenced by"))
                #expect(html.contains("/catalog/tables/SA_DIA_D"))
            }
            try await client.execute(uri: "/catalog/tables/SA_SEJ_B/joins.svg", method: .get) { response in
                #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                #expect(response.text.hasPrefix("<svg"))
                #expect(response.text.contains("SA_BEN_R"))
            }
        }
    }

    @Test func productNamesWithSpacesAndAccentsRoundTrip() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/catalog/products/SAMPLE_HOSPITAL", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("SA_SEJ_B"))
            }
            try await client.execute(uri: "/catalog/products/Causes%20de%20d%C3%A9c%C3%A8s", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("No product named Causes de décès."))
            }
        }
    }

    @Test func searchPageAndAPIRankBirthVariablesFirst() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/catalog/search?q=date+de+naissance", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("BEN_NAI_ANN"))
            }
            try await client.execute(uri: "/api/catalog/search?q=date%20de%20naissance&limit=2", method: .get) { response in
                let matches = try JSONDecoder().decode([[String: JSONField]].self, from: response.body)
                #expect(matches.count == 2)
                #expect(Set(matches.compactMap { $0["field"]?.string }) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
                #expect(matches.allSatisfy { $0["table"]?.string == "SA_BEN_R" && $0["score"]?.number != nil && $0["description"] != nil })
            }
        }
    }

    @Test func apiServesStatsTableAndNomenclatureLookups() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/api/catalog/stats", method: .get) { response in
                let stats = try JSONDecoder().decode([String: Int].self, from: response.body)
                #expect(stats["tables"] == 5)
                #expect(stats["fields"] == 23)
                #expect(stats["foreign_keys"] == 4)
                #expect(stats["products"] == 2)
                #expect(stats["nomenclatures"] == 4)
            }
            try await client.execute(uri: "/api/catalog/tables/SA_PRS_F", method: .get) { response in
                let body = response.text
                #expect(response.status == .ok)
                #expect(body.contains("\"foreign_keys\""))
                #expect(body.contains("\"joins\""))
                #expect(body.contains("\"PRS_REM_MNT\""))
            }
            try await client.execute(uri: "/api/catalog/nomenclatures/SA_SEX_V?code=2", method: .get) { response in
                #expect(response.text.contains("\"label\":\"Féminin\""))
            }
            try await client.execute(uri: "/api/catalog/nomenclatures/SA_CIM_V?label=diabete%20type%202", method: .get) { response in
                #expect(response.text.contains("\"code\":\"E11\""))
                #expect(!response.text.contains("\"code\":\"E10\""))
            }
            try await client.execute(uri: "/api/catalog/tables/NOPE", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/catalog/stats?version=nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func variableAndNomenclaturePagesShowCodes() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/catalog/tables/SA_BEN_R/variables/BEN_SEX_COD", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Masculin"))
                #expect(response.text.contains("/catalog/nomenclatures/SA_SEX_V"))
            }
            try await client.execute(uri: "/catalog/nomenclatures/SA_CIM_V?label=infarctus", method: .get) { response in
                #expect(response.text.contains("I21"))
                #expect(response.text.contains("SA_DIA_D.ASS_DGN"))
            }
        }
    }

    @Test func escapesWhatUsersType() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/catalog/search?q=%3Cscript%3Ealert(1)%3C/script%3E", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>"))
                #expect(response.text.contains("&lt;script&gt;"))
            }
        }
    }

    @Test func unknownVersionsAreNotFoundOnEveryPage() async throws {
        try await application().test(.router) { client in
            for uri in ["/catalog/diff?from=nope&to=sample", "/catalog/versions?version=nope", "/catalog/tables/SA_BEN_R?version=nope"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(response.text.contains("no catalog version named `nope`"), "\(uri)")
                }
            }
            try await client.execute(uri: "/api/catalog/diff?from=nope&to=sample", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/catalog/diff?from=sample&to=sample", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("No change."))
            }
        }
    }

    /// Through a real HTTP server on a loopback port, as a browser would.
    @Test func servesPagesOverHTTP() async throws {
        try await application().test(.live) { client in
            try await client.execute(uri: "/catalog", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("SAMPLE_CLAIMS"))
            }
            try await client.execute(uri: "/api/catalog/products", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text.contains("\"name\":\"SAMPLE_HOSPITAL\""))
            }
        }
    }
}

/// A JSON value of unknown shape, to read API answers without the server's own types.
enum JSONField: Decodable {
    case string(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .other
        }
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
}

@Suite struct JoinGraphSVGTests {
    @Test func arrowsStopAtTheBoxBorder() {
        let point = JoinGraphSVG.border(of: (100, 100), halfWidth: 40, towards: (300, 100))
        #expect(point.0 == 140 && point.1 == 100)
        let vertical = JoinGraphSVG.border(of: (100, 100), halfWidth: 40, towards: (100, 0))
        #expect(vertical.0 == 100 && vertical.1 == 87)
    }

    @Test func groupsJoinsByTableAndDashesUnresolvedOnes() {
        let joins = [
            Join(direction: .outgoing, table: "B", fields: ["K"], otherFields: ["K"], resolved: true),
            Join(direction: .incoming, table: "B", fields: ["K"], otherFields: ["K2"], resolved: true),
            Join(direction: .outgoing, table: "MISSING", fields: ["X"], otherFields: ["X"], resolved: false),
        ]
        let neighbors = JoinGraphSVG.neighbors(of: joins)
        #expect(neighbors.map(\.table) == ["B", "MISSING"])
        let svg = JoinGraphSVG.render(table: "A", joins: joins, links: CatalogLinks())
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("marker-end=\"url(#to)\" marker-start=\"url(#from)\""))
        #expect(svg.contains("href=\"/catalog/tables/B\""))
        #expect(!svg.contains("href=\"/catalog/tables/MISSING\""))
    }
}
