import Classification
import Foundation
import Hummingbird

/// The classification's JSON API, under `/api/classification`: the same answers as `hublot classify … --format json`.
struct ClassificationAPIRoutes {
    let repository: ClassificationRepository

    var routes: RouteCollection<HublotRequestContext> {
        let routes = RouteCollection(context: HublotRequestContext.self)
        routes.get("queue") { request, _ in
            let database = request.uri.queryParameters.get("database").flatMap { $0.isEmpty ? nil : $0 }
            let limit = min(max(request.uri.queryParameters.get("limit", as: Int.self) ?? 20, 1), 1000)
            return JSONBody(try await repository.queue(database: database, limit: limit))
        }
        routes.get("labels") { _, _ in
            JSONBody(try await repository.labels())
        }
        routes.post("labels") { request, context in
            let body = try await request.decode(as: LabelRequest.self, context: context)
            guard !body.curator.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw HTTPError(.badRequest, message: "Give the curator's name.")
            }
            do {
                return JSONBody(
                    try await repository.label(
                        body.publication, database: body.database, verdict: body.verdict, curator: body.curator, note: body.note))
            } catch let error as UnknownPublication {
                throw HTTPError(.notFound, message: error.description)
            } catch let error as UnknownDatabase {
                throw HTTPError(.notFound, message: error.description)
            }
        }
        // A DOI holds slashes: everything after the prefix is the name.
        routes.get("publications/**") { _, context in
            let name = context.parameters.getCatchAll().map { decodeComponent(String($0)) }.joined(separator: "/")
            guard let classification = try await repository.classification(of: name) else {
                throw HTTPError(.notFound, message: "No publication \(name).")
            }
            return JSONBody(classification)
        }
        return routes
    }

    struct LabelRequest: Decodable {
        var publication: String
        var database: String
        var verdict: Verdict
        var curator: String
        var note: String?
    }
}
