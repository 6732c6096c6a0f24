import Catalog

/// The front page: what the store holds, or how to fill it when it is empty.
enum HomePage {
    /// The way to the research that uses the databases, whatever the catalog holds.
    static let research = """
        <h2>Research using the hub's databases</h2>
        <form action="/search" method="get" role="search"><input type="search" name="q" size="40" aria-label="Search the publications"
         placeholder="Search the publications: SNDS cancer, PMSI…"> <button type="submit">Search</button></form>
        <p><a href="/search">All publications</a> · <a href="/dashboard">Dashboard</a> · <a href="/network">Collaboration network</a></p>
        """

    static func render(catalog: CatalogRepository) async throws -> String {
        guard let version = try await catalog.version() else {
            return Layout.page(
                title: "Welcome",
                body: """
                    <h1>Welcome to Hublot</h1>
                    <div class="empty">
                    <p>The store is empty: no catalog has been imported yet.</p>
                    <p>Import the catalog of the SNDS (Frictionless Table Schema layout of <em>schema-snds</em>):</p>
                    <pre><code>hublot catalog import ../shared/data/schema-snds</code></pre>
                    <p>or load a small sample made up by Hublot, clearly labelled as such, to look around:</p>
                    <pre><code>hublot demo</code></pre>
                    <p>then reload this page.</p>
                    </div>
                    \(research)
                    """)
        }
        let stats = try await catalog.statistics(version: version)
        let products = try await catalog.products(version: version)
        let links = CatalogLinks()
        return Layout.page(
            title: "Home", version: version,
            body: """
                <h1>Hublot</h1>
                <p>A window on the hub's databases: what they hold, how their tables join, which codes their variables take.</p>
                \(CatalogViews.statisticsCards(stats))
                <h2>Products</h2>
                <p>\(products.map { link(links.product($0.name), $0.name) }.joined(separator: " · "))</p>
                <p>\(link(links.index, "Browse the catalog")) or search its variables from the box above.</p>
                \(research)
                """)
    }
}
