import Foundation
import GRDB
import Store

/// A project of the hub whose results leave the platform: the threshold its counts must meet and who receives them.
public struct Project: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "project"

    public var name: String
    /// Counts of people below this are small cells (10 by default, the hub's usual rule).
    public var minimumCount: Int
    /// Who the data is released to (a team, an organisation), as the audit report names them.
    public var recipient: String
    /// ISO 8601, UTC.
    public var createdAt: String

    public init(name: String, minimumCount: Int = 10, recipient: String, createdAt: String) {
        self.name = name
        self.minimumCount = minimumCount
        self.recipient = recipient
        self.createdAt = createdAt
    }
}

/// Problems with projects that a user can fix.
public enum ProjectError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyExists(String)
    case unknown(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .alreadyExists(let name): "a project named \(name) already exists"
        case .unknown(let name): "no project named \(name): create it with `hublot project create \(name)`"
        case .invalid(let reason): reason
        }
    }
}

/// The projects in the store. Creating one is itself recorded in the audit log (its threshold and recipient).
public struct ProjectRepository: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func create(name: String, minimumCount: Int = 10, recipient: String, actor: String, at time: Date = Date()) async throws -> Project {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ProjectError.invalid("a project needs a name") }
        guard minimumCount >= 1 else { throw ProjectError.invalid("the minimum count must be at least 1, not \(minimumCount)") }
        let project = Project(name: name, minimumCount: minimumCount, recipient: recipient, createdAt: AuditLog.timestamp(time))
        let details = try AuditLog.canonicalJSON(project)
        try await store.writer.write { db in
            guard try Project.fetchOne(db, key: name) == nil else { throw ProjectError.alreadyExists(name) }
            try project.insert(db)
            _ = try AuditLog.append(
                AuditDraft(actor: actor, project: name, action: .project, details: details, files: []), time: time, in: db)
        }
        return project
    }

    public func projects() async throws -> [Project] {
        try await store.reader.read { db in try Project.order(Column("name")).fetchAll(db) }
    }

    public func project(named name: String) async throws -> Project {
        guard let project = try await store.reader.read({ db in try Project.fetchOne(db, key: name) }) else {
            throw ProjectError.unknown(name)
        }
        return project
    }
}
