import Catalog

/// Addresses of catalog pages, keeping the version being read when it is not the latest.
struct CatalogLinks {
    /// The version named in the request, nil for the latest.
    var version: String?

    private var suffix: String { version.map { "?version=\(encodeComponent($0))" } ?? "" }
    private var joiner: String { version == nil ? "?" : "&" }

    var index: String { "/catalog" + suffix }
    func product(_ name: String) -> String { "/catalog/products/\(encodeComponent(name))" + suffix }
    func table(_ name: String) -> String { "/catalog/tables/\(encodeComponent(name))" + suffix }
    func joinGraph(_ table: String) -> String { "/catalog/tables/\(encodeComponent(table))/joins.svg" + suffix }
    func variable(_ table: String, _ name: String) -> String {
        "/catalog/tables/\(encodeComponent(table))/variables/\(encodeComponent(name))" + suffix
    }
    func nomenclature(_ name: String) -> String { "/catalog/nomenclatures/\(encodeComponent(name))" + suffix }
    func search(_ query: String) -> String { "/catalog/search" + suffix + joiner + "q=\(encodeComponent(query))" }
}
