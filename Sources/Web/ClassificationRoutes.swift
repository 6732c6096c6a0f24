import Classification
import Foundation
import Hummingbird

/// The curation pages, under `/curation`: the queue of uncertain verdicts with a form per case, and a
/// publication's verdicts. Forms post to the server: the pages need no script.
struct ClassificationRoutes {
    let repository: ClassificationRepository

    var routes: RouteCollection<HublotRequestContext> {
        let routes = RouteCollection(context: HublotRequestContext.self)
        routes.get { request, _ in
            let database = request.uri.queryParameters.get("database").flatMap { $0.isEmpty ? nil : $0 }
            let limit = min(max(request.uri.queryParameters.get("limit", as: Int.self) ?? 50, 1), 500)
            let curator = request.uri.queryParameters.get("curator") ?? ""
            return HTMLPage(
                html: CurationViews.queue(
                    try await repository.queue(database: database, limit: limit), database: database, curator: curator,
                    labelled: request.uri.queryParameters.get("labelled")))
        }
        routes.post("labels") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 64 * 1024)
            let form: LabelForm
            do {
                form = try URLEncodedFormDecoder().decode(LabelForm.self, from: String(buffer: buffer))
            } catch {
                return try errorPage(.badRequest, "The form lacks a field: publication, database, verdict and curator are needed.", request, context)
            }
            guard let verdict = Verdict(rawValue: form.verdict) else {
                return try errorPage(.badRequest, "\(form.verdict) is not a verdict: uses, mentions or no.", request, context)
            }
            guard !form.curator.trimmingCharacters(in: .whitespaces).isEmpty else {
                return try errorPage(.badRequest, "Give the curator's name.", request, context)
            }
            let label: CuratedLabel
            do {
                label = try await repository.label(
                    form.publication, database: form.database, verdict: verdict, curator: form.curator, note: form.note)
            } catch let error as UnknownPublication {
                return try errorPage(.notFound, error.description, request, context)
            } catch let error as UnknownDatabase {
                return try errorPage(.notFound, error.description, request, context)
            }
            var query = "?curator=\(encodeComponent(label.curator))&labelled=\(encodeComponent(label.publication + " " + label.database))"
            if let database = form.queue, !database.isEmpty { query += "&database=\(encodeComponent(database))" }
            return Response(status: .seeOther, headers: [.location: "/curation\(query)"])
        }
        routes.get("publications/**") { request, context in
            let name = context.parameters.getCatchAll().map { decodeComponent(String($0)) }.joined(separator: "/")
            guard let classification = try await repository.classification(of: name) else {
                return HTMLPage(status: .notFound, html: CurationViews.notFound("No publication \(name) in the store."))
            }
            return HTMLPage(html: CurationViews.publication(classification))
        }
        return routes
    }

    /// What the label form posts.
    struct LabelForm: Decodable {
        var publication: String
        var database: String
        var verdict: String
        var curator: String
        var note: String?
        /// The queue's database filter, to return to.
        var queue: String?
    }

    private func errorPage(_ status: HTTPResponse.Status, _ message: String, _ request: Request, _ context: HublotRequestContext) throws -> Response {
        try HTMLPage(status: status, html: CurationViews.notFound(message, title: status.reasonPhrase)).response(from: request, context: context)
    }
}
