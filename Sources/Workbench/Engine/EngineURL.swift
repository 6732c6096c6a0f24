import Foundation

/// The URL that names an engine: `sqlite:///path/to/file.sqlite` (a relative path with two slashes:
/// `sqlite://data/p.sqlite`), `postgresql://user@host/db`, `sc://host:15002` for Spark Connect.
public struct EngineURL: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case sqlite
        case postgresql
        case sparkConnect = "sc"
    }

    public var kind: Kind
    /// The URL as given, for messages; a password in it is masked.
    public var description: String
    /// For SQLite, the file.
    public var path: String
    public var host: String?
    public var port: Int?
    /// For PostgreSQL: the role, its password (never in `description`), and the query's parameters
    /// (`?sslmode=disable&schema=project`).
    public var user: String?
    public var password: String?
    public var parameters: [String: String] = [:]

    public init(_ text: String) throws(EngineError) {
        guard let colon = text.range(of: "://") else {
            throw .unsupportedURL(text, reason: "expected SCHEME://..., e.g. sqlite:///path/to/project.sqlite")
        }
        let scheme = text[..<colon.lowerBound].lowercased()
        let rest = String(text[colon.upperBound...])
        switch scheme {
        case "sqlite":
            guard !rest.isEmpty else { throw .unsupportedURL(text, reason: "no file after sqlite://") }
            kind = .sqlite
            path = rest
            description = text
        case "postgresql", "postgres", "sc":
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
                throw .unsupportedURL(text, reason: "no host")
            }
            kind = scheme == "sc" ? .sparkConnect : .postgresql
            self.host = host
            port = components.port
            path = components.path
            user = components.user
            password = components.password
            for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
            var shown = components
            if shown.password != nil { shown.password = "***" }
            description = shown.string ?? text
        default:
            throw .unsupportedURL(text, reason: "unknown scheme \(scheme); Hublot knows sqlite://, postgresql:// and sc://")
        }
    }
}

public enum Engines {
    /// Opens the engine `url` names.
    public static func open(_ url: EngineURL) throws -> any Engine {
        switch url.kind {
        case .sqlite:
            return try SQLiteEngine(url: url)
        case .postgresql:
            return try PostgreSQLEngine(url: url)
        case .sparkConnect:
            return try SparkEngine(url: url)
        }
    }

    public static func open(_ text: String) throws -> any Engine {
        try open(EngineURL(text))
    }
}
