import Foundation
import Store

/// A file as a check saw it: what the audit log keeps of each checked or requested file.
public struct CheckedFile: Codable, Sendable, Equatable {
    public var file: String
    public var sha256: String
    public var verdict: DisclosureVerdict
    public var reasons: [String]
    public var totals: [PublishedTotal]
}

/// The details of a `check` or `request` entry.
public struct CheckDetails: Codable, Sendable, Equatable {
    public var minimumCount: Int
    public var countColumns: [String]
    public var files: [CheckedFile]
    /// Why the files are requested (`request` entries only).
    public var reason: String?
}

/// The details of a `decision` entry.
public struct DecisionDetails: Codable, Sendable, Equatable {
    public var request: Int
    public var approved: Bool
    public var reason: String
}

/// The details of a `release` or `refusal` entry: everything `audit report` shows without reading other entries.
public struct ReleaseDetails: Codable, Sendable, Equatable {
    public var request: Int
    public var decision: Int?
    public var requestedBy: String
    public var decidedBy: String?
    public var recipient: String
    public var reason: String
}

/// A release as `audit report` lists it: what left, for whom, when, decided by whom.
public struct ReleaseRecord: Codable, Sendable, Equatable {
    public var sequence: Int
    public var time: String
    public var project: String
    public var recipient: String
    public var releasedBy: String
    public var requestedBy: String
    public var decidedBy: String?
    public var request: Int
    public var reason: String
    public var files: [AuditFile]
}

/// Why a request cannot go on.
public enum ExportRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchRequest(Int)
    case alreadyDecided(request: Int, decision: Int)
    case failingFiles(request: Int, files: [String])
    case notApproved(request: Int)
    case alreadyReleased(request: Int, release: Int)
    case fileChanged(request: Int, file: String, checked: String, now: String)
    case minimumBelowProject(project: String, minimum: Int, asked: Int)

    public var description: String {
        switch self {
        case .noSuchRequest(let id): "no export request \(id) in the audit log"
        case .alreadyDecided(let id, let decision): "request \(id) was already decided (entry \(decision))"
        case .failingFiles(let id, let files):
            "request \(id) cannot be approved: its check failed for \(files.joined(separator: ", ")); suppress or aggregate, then request again"
        case .notApproved(let id): "request \(id) has not been approved"
        case .alreadyReleased(let id, let release): "request \(id) was already released (entry \(release))"
        case .fileChanged(let id, let file, let checked, let now):
            "\(file) changed since request \(id) checked it (SHA-256 \(checked) then, \(now) now): request and check it again"
        case .minimumBelowProject(let project, let minimum, let asked):
            "project \(project) requires counts of at least \(minimum); --min-count \(asked) can only raise it"
        }
    }
}

/// The export workflow over the store: check, request, decide, release, each step written to the audit log.
public struct ExportDesk: Sendable {
    public let store: Store
    public var log: AuditLog { AuditLog(store: store) }
    public var projects: ProjectRepository { ProjectRepository(store: store) }

    public init(store: Store) { self.store = store }

    /// The disclosure rules with the project's threshold, raised (never lowered) by `minimumCount`.
    public func rules(for project: Project, minimumCount: Int?, countColumns: [String]) throws -> DisclosureCheck {
        if let minimumCount, minimumCount < project.minimumCount {
            throw ExportRequestError.minimumBelowProject(project: project.name, minimum: project.minimumCount, asked: minimumCount)
        }
        return DisclosureCheck(minimumCount: minimumCount ?? project.minimumCount, countColumns: countColumns)
    }

    /// Checks `paths` against the rules and against the totals of files the project checked or requested before, and
    /// records a `check` entry.
    public func check(
        paths: [String], project name: String, actor: String, minimumCount: Int? = nil, countColumns: [String] = [], at time: Date = Date()
    ) async throws -> DisclosureReport {
        let (report, details, files) = try await evaluate(paths: paths, project: name, minimumCount: minimumCount, countColumns: countColumns)
        try await log.append(
            AuditDraft(actor: actor, project: name, action: .check, details: try AuditLog.canonicalJSON(details), files: files), at: time)
        return report
    }

    /// Writes the protected version of `path` to `output` and records a `suppress` entry with both files.
    public func suppress(
        path: String, output: String, project name: String, actor: String, minimumCount: Int? = nil, countColumns: [String] = [],
        at time: Date = Date()
    ) async throws -> SuppressionResult {
        let project = try await projects.project(named: name)
        let rules = try rules(for: project, minimumCount: minimumCount, countColumns: countColumns)
        let table = try ExportTable.read(path: path)
        let result = try rules.suppress(table)
        do {
            try Data(result.table.csvText().utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw ExportFileError(file: output, line: nil, reason: "cannot be written (\(error.localizedDescription))")
        }
        struct Details: Codable {
            var minimumCount: Int
            var suppressed: [ProposedSuppression]
        }
        let files = [
            AuditFile(path: absolutePath(path), sha256: table.sha256),
            AuditFile(path: absolutePath(output), sha256: try sha256Hex(ofFile: output)),
        ]
        let details = try AuditLog.canonicalJSON(Details(minimumCount: rules.minimumCount, suppressed: result.suppressed))
        try await log.append(AuditDraft(actor: actor, project: name, action: .suppress, details: details, files: files), at: time)
        return result
    }

    /// Records a request to take `paths` out, with their check; returns the entry, whose sequence is the request's id.
    public func request(
        paths: [String], project name: String, actor: String, reason: String, minimumCount: Int? = nil, countColumns: [String] = [],
        at time: Date = Date()
    ) async throws -> (entry: AuditEntry, report: DisclosureReport) {
        let (report, checked, files) = try await evaluate(paths: paths, project: name, minimumCount: minimumCount, countColumns: countColumns)
        var details = checked
        details.reason = reason
        let entry = try await log.append(
            AuditDraft(actor: actor, project: name, action: .request, details: try AuditLog.canonicalJSON(details), files: files), at: time)
        return (entry, report)
    }

    /// Records a person's decision on a request. A request whose check failed cannot be approved.
    @discardableResult
    public func decide(request id: Int, approve: Bool, actor: String, reason: String, at time: Date = Date()) async throws -> AuditEntry {
        let (request, details) = try await requestEntry(id)
        let entries = try await log.entries(project: request.project, actions: [.decision])
        if let earlier = try entries.first(where: { try $0.isDecision(on: id) }) {
            throw ExportRequestError.alreadyDecided(request: id, decision: earlier.sequence)
        }
        let failing = details.files.filter { $0.verdict == .fail }.map(\.file)
        if approve, !failing.isEmpty { throw ExportRequestError.failingFiles(request: id, files: failing) }
        let decision = DecisionDetails(request: id, approved: approve, reason: reason)
        return try await log.append(
            AuditDraft(
                actor: actor, project: request.project, action: .decision, details: try AuditLog.canonicalJSON(decision),
                files: request.auditFiles), at: time)
    }

    /// Releases an approved request's files, after checking that each is still the file that was checked (same
    /// SHA-256). A refused release is recorded too, with why.
    @discardableResult
    public func release(request id: Int, actor: String, at time: Date = Date()) async throws -> AuditEntry {
        let (request, details) = try await requestEntry(id)
        let project = try await projects.project(named: request.project)
        let later = try await log.entries(project: request.project, actions: [.decision, .release])
        let decision = try later.first { try $0.isDecision(on: id) }
        if let released = try later.first(where: { try $0.isRelease(of: id) }) {
            throw ExportRequestError.alreadyReleased(request: id, release: released.sequence)
        }
        let decisionDetails = try decision?.details(as: DecisionDetails.self)
        var record = ReleaseDetails(
            request: id, decision: decision?.sequence, requestedBy: request.actor, decidedBy: decision?.actor, recipient: project.recipient,
            reason: decisionDetails?.reason ?? "")
        func refuse(_ error: ExportRequestError) async throws -> Never {
            record.reason = error.description
            try await log.append(
                AuditDraft(
                    actor: actor, project: request.project, action: .refusal, details: try AuditLog.canonicalJSON(record),
                    files: request.auditFiles), at: time)
            throw error
        }
        guard decisionDetails?.approved == true else { try await refuse(.notApproved(request: id)) }
        var files: [AuditFile] = []
        for file in details.files {
            let now: String
            do { now = try sha256Hex(ofFile: file.file) } catch {
                try await refuse(.fileChanged(request: id, file: file.file, checked: file.sha256, now: "unreadable"))
            }
            if now != file.sha256 { try await refuse(.fileChanged(request: id, file: file.file, checked: file.sha256, now: now)) }
            files.append(AuditFile(path: file.file, sha256: now))
        }
        return try await log.append(
            AuditDraft(actor: actor, project: request.project, action: .release, details: try AuditLog.canonicalJSON(record), files: files),
            at: time)
    }

    /// What left since `since` (ISO 8601 date or date-time, UTC), for which project, for whom, decided by whom.
    public func releases(since: String, project: String?) async throws -> [ReleaseRecord] {
        try await log.entries(project: project, actions: [.release]).filter { $0.time >= since }.map { entry in
            let details = try entry.details(as: ReleaseDetails.self)
            return ReleaseRecord(
                sequence: entry.sequence, time: entry.time, project: entry.project, recipient: details.recipient, releasedBy: entry.actor,
                requestedBy: details.requestedBy, decidedBy: details.decidedBy, request: details.request, reason: details.reason,
                files: entry.auditFiles)
        }
    }

    private func requestEntry(_ id: Int) async throws -> (AuditEntry, CheckDetails) {
        guard let entry = try await log.entry(id), entry.action == AuditAction.request.rawValue else {
            throw ExportRequestError.noSuchRequest(id)
        }
        return (entry, try entry.details(as: CheckDetails.self))
    }

    /// Runs the rules on `paths`, comparing totals with the files the project checked or requested before.
    private func evaluate(
        paths: [String], project name: String, minimumCount: Int?, countColumns: [String]
    ) async throws -> (DisclosureReport, CheckDetails, [AuditFile]) {
        let project = try await projects.project(named: name)
        let rules = try rules(for: project, minimumCount: minimumCount, countColumns: countColumns)
        var tables: [ExportTable] = []
        for path in paths { tables.append(try ExportTable.read(path: path)) }
        let earlier = try await log.entries(project: name, actions: [.check, .request]).flatMap { entry in
            try entry.details(as: CheckDetails.self).files.map { PublishedTotals(file: $0.file, sha256: $0.sha256, totals: $0.totals) }
        }
        let report = try rules.check(tables, earlier: deduplicated(earlier, excluding: Set(tables.map(\.sha256))))
        let details = CheckDetails(
            minimumCount: rules.minimumCount, countColumns: countColumns,
            files: report.files.map {
                CheckedFile(file: absolutePath($0.file), sha256: $0.sha256, verdict: $0.verdict, reasons: $0.reasons, totals: $0.totals)
            },
            reason: nil)
        return (report, details, report.files.map { AuditFile(path: absolutePath($0.file), sha256: $0.sha256) })
    }

    /// One set of totals per distinct file content, leaving out the files being checked now (a re-check is no difference).
    private func deduplicated(_ totals: [PublishedTotals], excluding current: Set<String>) -> [PublishedTotals] {
        var seen: Set<String> = current
        return totals.filter { seen.insert($0.sha256).inserted }
    }
}

/// The log keeps absolute paths, so that `export release` finds the files whatever directory it runs from.
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

extension AuditEntry {
    func isDecision(on request: Int) throws -> Bool {
        guard action == AuditAction.decision.rawValue else { return false }
        return try details(as: DecisionDetails.self).request == request
    }

    func isRelease(of request: Int) throws -> Bool {
        guard action == AuditAction.release.rawValue else { return false }
        return try details(as: ReleaseDetails.self).request == request
    }
}
