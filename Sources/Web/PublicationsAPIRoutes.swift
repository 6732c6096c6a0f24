import Hummingbird
import Publications

/// The publications' JSON API, under `/api/publications`: the same answers as `hublot publications … --format json`.
struct PublicationsAPIRoutes {
    let repository: PublicationRepository

    var routes: RouteCollection<HublotRequestContext> {
        let routes = RouteCollection(context: HublotRequestContext.self)
        routes.get("stats") { _, _ in
            JSONBody(try await repository.statistics())
        }
        // A DOI holds slashes: everything after the prefix is the reference.
        routes.get("**") { _, context in
            let text = context.parameters.getCatchAll().map { decodeComponent(String($0)) }.joined(separator: "/")
            guard let reference = PublicationReference(text) else {
                throw HTTPError(.badRequest, message: "\(text) is neither a publication number nor an identifier.")
            }
            guard let details = try await repository.publication(reference) else {
                throw HTTPError(.notFound, message: "No publication \(text).")
            }
            return JSONBody(details)
        }
        return routes
    }
}
