import Catalog
import Hummingbird

extension CatalogRepository {
    /// The version a request names (`?version=`), or the latest; nil when the store holds no catalog.
    /// An unknown name is a 404, not a server error.
    func requestedVersion(named name: String?) async throws -> CatalogVersion? {
        do {
            return try await version(named: name)
        } catch let error as UnknownVersion {
            throw HTTPError(.notFound, message: error.description)
        }
    }

    /// The version a request names, or the latest; a 404 when there is none.
    func requiredVersion(named name: String?) async throws -> CatalogVersion {
        guard let version = try await requestedVersion(named: name) else {
            throw HTTPError(.notFound, message: "No catalog imported yet: run `hublot catalog import DIR` or `hublot demo`.")
        }
        return version
    }
}
