import Catalog
import Hummingbird

/// The catalog's JSON API, under `/api/catalog`: the same answers as the CLI's `--format json`.
/// Every route reads `?version=NAME`, else the latest import.
struct CatalogAPIRoutes {
    let repository: CatalogRepository

    var routes: RouteCollection<HublotRequestContext> {
        let routes = RouteCollection(context: HublotRequestContext.self)
        routes.get("versions") { _, _ in
            JSONBody(try await repository.versions())
        }
        routes.get("stats") { request, _ in
            JSONBody(try await repository.statistics(version: try await resolve(request)))
        }
        routes.get("products") { request, _ in
            JSONBody(try await repository.products(version: try await resolve(request)))
        }
        routes.get("tables") { request, _ in
            let product = request.uri.queryParameters.get("product")
            return JSONBody(try await repository.tables(version: try await resolve(request), product: product))
        }
        routes.get("tables/:table") { request, context in
            let name = decodeComponent(try context.parameters.require("table"))
            guard let detail = try await repository.table(named: name, version: try await resolve(request)) else {
                throw HTTPError(.notFound, message: "No table named \(name).")
            }
            return JSONBody(detail)
        }
        routes.get("tables/:table/variables/:variable") { request, context in
            let table = decodeComponent(try context.parameters.require("table"))
            let name = decodeComponent(try context.parameters.require("variable"))
            guard let detail = try await repository.variable(table: table, name: name, version: try await resolve(request)) else {
                throw HTTPError(.notFound, message: "No variable \(table).\(name).")
            }
            return JSONBody(detail)
        }
        routes.get("search") { request, _ in
            let query = request.uri.queryParameters.get("q") ?? ""
            let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 20
            return JSONBody(try await repository.search(query, version: try await resolve(request), limit: min(max(limit, 0), 500)))
        }
        routes.get("nomenclatures") { request, _ in
            let filter = request.uri.queryParameters.get("filter")
            return JSONBody(try await repository.nomenclatures(version: try await resolve(request), filter: filter))
        }
        routes.get("nomenclatures/:name") { request, context in
            let reference = decodeComponent(try context.parameters.require("name"))
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            guard let detail = try await repository.nomenclature(named: parts[0], version: try await resolve(request)) else {
                throw HTTPError(.notFound, message: "No nomenclature named \(parts[0]).")
            }
            let parameters = request.uri.queryParameters
            let entries = try await repository.entries(
                of: detail.nomenclature, code: parameters.get("code"), column: parts.count == 2 ? parts[1] : nil,
                label: parameters.get("label"), limit: min(parameters.get("limit", as: Int.self) ?? 100, 1000),
                offset: max(parameters.get("offset", as: Int.self) ?? 0, 0))
            return JSONBody(NomenclatureLookup(nomenclature: detail, entries: entries))
        }
        routes.get("diff") { request, _ in
            guard let from = request.uri.queryParameters.get("from"), let to = request.uri.queryParameters.get("to") else {
                throw HTTPError(.badRequest, message: "Give two versions: ?from=V1&to=V2")
            }
            return JSONBody(
                try await repository.diff(
                    from: try await repository.requiredVersion(named: from), to: try await repository.requiredVersion(named: to)))
        }
        return routes
    }

    struct NomenclatureLookup: Encodable, Sendable {
        var nomenclature: NomenclatureDetail
        var entries: [NomenclatureEntry]
    }

    private func resolve(_ request: Request) async throws -> CatalogVersion {
        try await repository.requiredVersion(named: request.uri.queryParameters.get("version"))
    }
}
