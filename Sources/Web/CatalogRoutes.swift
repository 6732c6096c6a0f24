import Catalog
import Hummingbird

/// The catalog's HTML pages, under `/catalog`. Every page reads `?version=NAME`, else the latest import.
struct CatalogRoutes {
    let repository: CatalogRepository

    var routes: RouteCollection<HublotRequestContext> {
        let routes = RouteCollection(context: HublotRequestContext.self)
        routes.get { request, _ in
            try await page(request) { version, links in
                CatalogViews.index(
                    version: version, stats: try await repository.statistics(version: version),
                    products: try await repository.products(version: version), links: links)
            }
        }
        routes.get("products/:product") { request, context in
            let product = decodeComponent(try context.parameters.require("product"))
            return try await page(request) { version, links in
                let tables = try await repository.tables(version: version, product: product)
                guard !tables.isEmpty else { throw HTTPError(.notFound, message: "No product named \(product).") }
                return CatalogViews.product(product, tables: tables, version: version, links: links)
            }
        }
        routes.get("tables/:table") { request, context in
            let name = decodeComponent(try context.parameters.require("table"))
            return try await page(request) { version, links in
                guard let detail = try await repository.table(named: name, version: version) else {
                    throw HTTPError(.notFound, message: "No table named \(name).")
                }
                return CatalogViews.table(detail, version: version, links: links)
            }
        }
        routes.get("tables/:table/joins.svg") { request, context -> SVGImage in
            let name = decodeComponent(try context.parameters.require("table"))
            let version = try await resolve(request)
            guard let detail = try await repository.table(named: name, version: version) else {
                throw HTTPError(.notFound, message: "No table named \(name).")
            }
            return SVGImage(svg: JoinGraphSVG.render(table: detail.table.name, joins: detail.joins, links: links(request)))
        }
        routes.get("tables/:table/variables/:variable") { request, context in
            let table = decodeComponent(try context.parameters.require("table"))
            let name = decodeComponent(try context.parameters.require("variable"))
            return try await page(request) { version, links in
                guard let detail = try await repository.variable(table: table, name: name, version: version) else {
                    throw HTTPError(.notFound, message: "No variable \(table).\(name).")
                }
                return CatalogViews.variable(detail, version: version, links: links)
            }
        }
        routes.get("search") { request, _ in
            let query = request.uri.queryParameters.get("q") ?? ""
            let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 50
            return try await page(request) { version, links in
                CatalogViews.search(
                    query: query, matches: try await repository.search(query, version: version, limit: min(limit, 500)), version: version,
                    links: links)
            }
        }
        routes.get("nomenclatures") { request, _ in
            let filter = request.uri.queryParameters.get("filter") ?? ""
            return try await page(request) { version, links in
                CatalogViews.nomenclatures(
                    try await repository.nomenclatures(version: version, filter: filter), filter: filter, version: version, links: links)
            }
        }
        routes.get("nomenclatures/:name") { request, context in
            let name = decodeComponent(try context.parameters.require("name"))
            let code = request.uri.queryParameters.get("code") ?? ""
            let label = request.uri.queryParameters.get("label") ?? ""
            return try await page(request) { version, links in
                guard let detail = try await repository.nomenclature(named: name, version: version) else {
                    throw HTTPError(.notFound, message: "No nomenclature named \(name).")
                }
                let entries = try await repository.entries(
                    of: detail.nomenclature, code: code.isEmpty ? nil : code, label: label.isEmpty ? nil : label, limit: 200)
                return CatalogViews.nomenclature(detail, entries: entries, code: code, label: label, version: version, links: links)
            }
        }
        routes.get("versions") { request, _ in
            try await html {
                CatalogViews.versions(
                    try await repository.versions(),
                    current: try await repository.requestedVersion(named: request.uri.queryParameters.get("version")))
            }
        }
        routes.get("diff") { request, _ in
            try await html {
                guard let from = request.uri.queryParameters.get("from"), let to = request.uri.queryParameters.get("to") else {
                    throw HTTPError(.badRequest, message: "Give two versions: /catalog/diff?from=V1&to=V2")
                }
                let new = try await repository.requiredVersion(named: to)
                return CatalogViews.diff(try await repository.diff(from: try await repository.requiredVersion(named: from), to: new), version: new)
            }
        }
        return routes
    }

    private func links(_ request: Request) -> CatalogLinks {
        CatalogLinks(version: request.uri.queryParameters.get("version"))
    }

    private func resolve(_ request: Request) async throws -> CatalogVersion {
        try await repository.requiredVersion(named: request.uri.queryParameters.get("version"))
    }

    /// Renders a page of the requested version.
    private func page(_ request: Request, _ render: (CatalogVersion, CatalogLinks) async throws -> String) async throws -> HTMLPage {
        try await html { try await render(try await resolve(request), links(request)) }
    }

    /// Renders a page; an HTTP error becomes an HTML page with its status, not the API's JSON body.
    private func html(_ render: () async throws -> String) async throws -> HTMLPage {
        do {
            return HTMLPage(html: try await render())
        } catch let error as HTTPError {
            let message = error.body ?? "Not found."
            return HTMLPage(
                status: error.status,
                html: Layout.page(
                    title: error.status.reasonPhrase,
                    body: "<h1>\(escape(error.status.reasonPhrase))</h1><p>\(escape(message))</p><p>\(link("/catalog", "Back to the catalog"))</p>"))
        }
    }
}
