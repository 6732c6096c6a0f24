import Classification
import Hummingbird
import Search

/// The search page and API, and the publication pages.
struct SearchRoutes {
    let service: SearchService
    let classification: ClassificationRepository

    func add(to router: Router<HublotRequestContext>) {
        router.get("/search") { request, _ in
            let search = try SearchRequest(request: request)
            let response = try await service.engine().search(search)
            return HTMLPage(html: SearchViews.page(response, request: search, language: Language(request: request)))
        }
        router.get("/api/search") { request, _ in
            JSONBody(try await service.engine().search(try SearchRequest(request: request)))
        }
        router.get("/publications/:id") { request, context in
            let language = Language(request: request)
            guard let id = context.parameters.get("id", as: Int64.self), let document = try await service.engine().document(id: id) else {
                return HTMLPage(status: .notFound, html: notFound(language))
            }
            let evidence = try await classification.classification(of: "#\(document.id)")
            return HTMLPage(html: PublicationView.page(document, classification: evidence, language: language))
        }
    }

    func notFound(_ language: Language) -> String {
        PublicationsLayout.page(
            title: "404", language: language, current: .entity, request: SearchRequest(),
            body: "<h1>404</h1><p>\(language == .fr ? "Cette page n'existe pas." : "No such page.")</p>")
    }
}
