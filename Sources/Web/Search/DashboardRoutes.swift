import Catalog
import Classification
import Hummingbird
import Indicators
import Search

/// The dashboard, its data, the collaboration network, the exports, and the entity pages (a database, a
/// researcher, a structure, a journal), which are dashboards of one filter.
struct DashboardRoutes {
    let service: SearchService
    let registry: RegistryRepository
    let catalog: CatalogRepository
    let dashboards = DerivedCache<Dashboard>()
    let networks = DerivedCache<CollaborationNetwork>()
    let maps = DerivedCache<StructureMap>()
    /// Whole dashboard pages, per language and filters: what a crowd of readers of the same page asks for.
    let pages = DerivedCache<String>(capacity: 128)

    func add(to router: Router<HublotRequestContext>) {
        router.get("/dashboard") { request, _ in
            let search = try SearchRequest(request: request)
            let language = Language(request: request)
            let revision = try await service.engine().revision
            let html = try await pages.value(for: language.rawValue + "|" + cacheKey(search), revision: revision) {
                try await dashboardPage(search, language: language)
            }
            return HTMLPage(html: html)
        }
        router.get("/api/dashboard") { request, _ in
            JSONBody(try await dashboard(try SearchRequest(request: request)))
        }
        router.get("/dashboard/data/:chart") { request, context in
            let file = context.parameters.get("chart") ?? ""
            guard file.hasSuffix(".csv"), let chart = DashboardChart(rawValue: String(file.dropLast(4))) else {
                throw HTTPError(
                    .notFound, message: "No chart \(file): one of " + DashboardChart.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))
            }
            let csv = chart.csv(of: try await dashboard(try SearchRequest(request: request)))
            return download(csv, contentType: "text/csv; charset=utf-8", file: "hublot-\(chart.rawValue).csv")
        }
        router.get("/network") { request, _ in
            let search = try SearchRequest(request: request)
            let network = try await network(search, level: try level(request))
            return HTMLPage(html: NetworkView.page(network, request: search, language: Language(request: request)))
        }
        router.get("/map") { request, _ in
            let search = try SearchRequest(request: request)
            let map = try await structureMap(search, view: try view(request))
            return HTMLPage(html: MapPage.page(map, request: search, language: Language(request: request)))
        }
        router.get("/api/map") { request, _ in
            JSONBody(try await structureMap(try SearchRequest(request: request), view: try view(request)))
        }
        router.get("/api/export") { request, _ in
            let name = request.uri.queryParameters.get("format") ?? "csv"
            guard let format = ExportFormat(rawValue: name) else {
                throw HTTPError(.badRequest, message: "format=\(name): expected " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let search = try SearchRequest(request: request)
            var text = ""
            if format == .vosviewer {
                text = VOSviewerJSON.text(of: try await network(search, level: try level(request)))
            } else {
                let documents = try await service.engine().documents(matching: search.resultSet)
                format.write(documents, to: { text += $0 })
            }
            return download(text, contentType: format.contentType, file: "hublot-publications.\(format.fileExtension)")
        }
        router.get("/databases/:name") { request, context in
            let name = context.parameters.get("name").map(decodeComponent) ?? ""
            let language = Language(request: request)
            guard let database = try await registry.current().registry.database(named: name) else {
                throw HTTPError(.notFound, message: "No database \(name) in the registry.")
            }
            return HTMLPage(
                html: try await entityPage(
                    .database, database.name, request: request, language: language, title: database.title,
                    details: try await databaseDetails(database, language: language)))
        }
        router.get("/researchers/:key") { request, context in
            let key = context.parameters.get("key").map(decodeComponent) ?? ""
            let language = Language(request: request)
            let documents = try await service.engine().documents(matching: SearchRequest(filters: SearchFilters(values: [.author: [key]])))
            guard let profile = ResearcherProfile(key: key, documents: documents) else {
                throw HTTPError(.notFound, message: "No researcher \(key).")
            }
            return HTMLPage(
                html: try await entityPage(
                    .author, key, request: request, language: language, title: profile.name,
                    details: EntityDetails.researcher(profile, language: language)))
        }
        router.get("/structures/:name") { request, context in
            let name = context.parameters.get("name").map(decodeComponent) ?? ""
            let language = Language(request: request)
            let documents = try await service.engine().documents(matching: SearchRequest(filters: SearchFilters(values: [.structure: [name]])))
            let profile = StructureProfile(name: name, documents: documents)
            // Its own point among its partners', on the view that holds it.
            let inFrance = profile.organisations.allSatisfy { organisation in
                guard let latitude = organisation.latitude, let longitude = organisation.longitude else { return true }
                return MapView.france.project(GeoPoint(longitude: longitude, latitude: latitude)) != nil
            }
            return HTMLPage(
                html: try await entityPage(
                    .structure, name, request: request, language: language, title: name,
                    details: EntityDetails.structure(profile, language: language),
                    map: (inFrance ? .france : .world, Set(profile.organisations.map(\.id)))))
        }
        router.get("/journals/:name") { request, context in
            let name = context.parameters.get("name").map(decodeComponent) ?? ""
            return HTMLPage(html: try await entityPage(.journal, name, request: request, language: Language(request: request), title: name))
        }
    }

    func dashboard(_ request: SearchRequest) async throws -> Dashboard {
        let engine = try await service.engine()
        let set = request.resultSet
        return try await dashboards.value(for: cacheKey(set), revision: await engine.revision) {
            Dashboard(documents: try await engine.documents(matching: set))
        }
    }

    func network(_ request: SearchRequest, level: CollaborationNetwork.Level) async throws -> CollaborationNetwork {
        let engine = try await service.engine()
        let set = request.resultSet
        return try await networks.value(for: level.rawValue + "|" + cacheKey(set), revision: await engine.revision) {
            CollaborationNetwork(documents: try await engine.documents(matching: set), options: .init(level: level))
        }
    }

    /// The map of the set's structures, its points coloured by their cluster in the structures' network.
    func structureMap(_ request: SearchRequest, view: MapView) async throws -> StructureMap {
        let engine = try await service.engine()
        let set = request.resultSet
        let network = try await network(set, level: .structures)
        return try await maps.value(for: view.rawValue + "|" + cacheKey(set), revision: await engine.revision) {
            let clusters = Dictionary(network.nodes.map { ($0.key, $0.cluster) }, uniquingKeysWith: { first, _ in first })
            return StructureMap(documents: try await engine.documents(matching: set), view: view, clusters: clusters)
        }
    }

    private func cacheKey(_ request: SearchRequest) -> String {
        request.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private func level(_ request: Request) throws -> CollaborationNetwork.Level {
        let name = request.uri.queryParameters.get("kind") ?? CollaborationNetwork.Level.researchers.rawValue
        guard let level = CollaborationNetwork.Level(rawValue: name) else {
            throw HTTPError(
                .badRequest, message: "kind=\(name): expected " + CollaborationNetwork.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return level
    }

    private func view(_ request: Request) throws -> MapView {
        let name = request.uri.queryParameters.get("view") ?? MapView.france.rawValue
        guard let view = MapView(rawValue: name) else {
            throw HTTPError(.badRequest, message: "view=\(name): expected " + MapView.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return view
    }

    func dashboardPage(
        _ request: SearchRequest, language: Language, heading: DashboardView.Heading? = nil, latest: Bool = false,
        map: (view: MapView, highlighted: Set<String>) = (.france, [])
    ) async throws -> String {
        let engine = try await service.engine()
        var facets = request.resultSet
        facets.pageSize = latest ? 10 : 1
        facets.sort = latest ? .date : .relevance
        let response = try await engine.search(facets)
        let structures = try await structureMap(request, view: map.view)
        return DashboardView.page(
            try await dashboard(request), facets: response, latest: latest ? response : nil, request: request, language: language, heading: heading,
            structures: (structures, map.highlighted))
    }

    /// A dashboard of the publications of one database, researcher, structure or journal, with the latest of them.
    func entityPage(
        _ facet: Facet, _ value: String, request: Request, language: Language, title: String, details: String = "",
        map: (view: MapView, highlighted: Set<String>) = (.france, [])
    ) async throws -> String {
        var search = try SearchRequest(request: request)
        search.filters.values[facet, default: []].insert(value)
        let labels = language.labels
        let kicker: String =
            switch facet {
            case .database: labels.database
            case .author: labels.researcher
            case .structure: labels.structure
            default: labels.journal
            }
        return try await dashboardPage(
            search, language: language, heading: DashboardView.Heading(kicker: kicker, title: title, details: details), latest: true, map: map)
    }

    /// A database's entry in the registry and, when the catalog describes it, the link to its tables.
    func databaseDetails(_ database: HubDatabase, language: Language) async throws -> String {
        var lines: [String] = []
        if let summary = database.summary { lines.append("<p>\(escape(summary))</p>") }
        let names = database.names + database.acronyms.map(\.form)
        if !names.isEmpty {
            lines.append("<p class=\"muted\">\(language == .fr ? "Aussi appelée" : "Also called"): \(escape(names.joined(separator: " · ")))</p>")
        }
        if let parent = database.partOf {
            lines.append(
                "<p>\(language == .fr ? "Fait partie de" : "Part of") \(link(PublicationsLinks.database(parent, language: language), parent))</p>")
        }
        let products = try await catalogProducts(named: database.products)
        if !products.isEmpty {
            let links = products.map { link(CatalogLinks(version: nil).product($0), $0) }.joined(separator: " · ")
            lines.append("<p>\(language == .fr ? "Au catalogue" : "In the catalog"): \(links)</p>")
        }
        return lines.joined(separator: "\n")
    }

    /// Those of `names` that the latest catalog has as products.
    private func catalogProducts(named names: [String]) async throws -> [String] {
        guard !names.isEmpty, let version = try await catalog.version() else { return [] }
        let known = Set(try await catalog.products(version: version).map(\.name))
        return names.filter(known.contains)
    }

    private func download(_ text: String, contentType: String, file: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(file)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
