import Catalog
import Classification
import Hummingbird
import Logging
import Publications
import Search
import Store

/// Builds the web application on an opened (and so migrated) store.
public func buildApplication(store: Store, configuration: WebConfiguration, logger: Logger? = nil) -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "hublot")
    if logger.logLevel > .info { logger.logLevel = .info }
    return Application(
        router: buildRouter(store: store),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Hublot"),
        logger: logger
    )
}

/// Every route: the home page, health, and each capability's pages and API.
public func buildRouter(store: Store) -> Router<HublotRequestContext> {
    buildRouter(store: store, search: SearchService(store: store))
}

/// Every route, the publications' pages answering from `search`.
func buildRouter(store: Store, search: SearchService) -> Router<HublotRequestContext> {
    let router = Router(context: HublotRequestContext.self)
    let catalog = CatalogRepository(store: store)
    router.get("/healthz") { _, _ in
        try await store.ping()
        return "ok"
    }
    router.get("/") { _, _ in
        HTMLPage(html: try await HomePage.render(catalog: catalog))
    }
    router.addRoutes(CatalogRoutes(repository: catalog).routes, atPath: "/catalog")
    router.addRoutes(CatalogAPIRoutes(repository: catalog).routes, atPath: "/api/catalog")
    router.addRoutes(PublicationsAPIRoutes(repository: PublicationRepository(store: store)).routes, atPath: "/api/publications")
    let classification = ClassificationRepository(store: store)
    router.addRoutes(ClassificationRoutes(repository: classification).routes, atPath: "/curation")
    router.addRoutes(ClassificationAPIRoutes(repository: classification).routes, atPath: "/api/classification")
    SearchRoutes(service: search, classification: classification).add(to: router)
    DashboardRoutes(service: search, registry: RegistryRepository(store: store), catalog: catalog).add(to: router)
    return router
}
