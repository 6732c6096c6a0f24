import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Publications

/// A page body that cannot be read: cut short, or not the JSON or XML it should be. Sources send these when a
/// connection drops behind a proxy, so it is retried like a lost connection.
struct MalformedPage: Error, CustomStringConvertible {
    var reason: String
    var description: String { "malformed body: \(reason)" }
}

/// Sends the harvest's GET requests through one `HTTPClient`: paced per source, retried with back-off on
/// what may pass, and read by the caller inside the retry loop so that a body its reader rejects as
/// truncated is fetched again.
public final class Fetcher: Sendable {
    /// The User-Agent sources ask for: who is calling and how to reach them (NCBI, OpenAlex and Crossref
    /// serve identified clients better, and write to them before blocking).
    public static func userAgent(version: String, contact: String?) -> String {
        guard let contact, !contact.isEmpty else { return "Hublot/\(version)" }
        return "Hublot/\(version) (mailto:\(contact))"
    }

    public let retry: RetryPolicy
    let httpClient: HTTPClient
    let userAgent: String
    let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let random: @Sendable () -> Double
    private let maximumBodySize = 256 << 20

    /// - Parameters:
    ///   - sleep: how back-off waits are spent; tests pass a shorter one.
    ///   - random: draws the jitter in 0...1.
    public init(
        userAgent: String,
        retry: RetryPolicy = .standard,
        logger: Logger = Logger(label: "hublot.harvest"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(15), read: TimeAmount(retry.silenceTimeout)),
            decompression: .enabled(limit: .ratio(50))
        )
        configuration.httpVersion = .automatic
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.userAgent = userAgent
        self.retry = retry
        self.logger = logger
        self.sleep = sleep
        self.random = random
    }

    /// Closes the connections. Must be awaited before the fetcher is dropped: `HTTPClient` traps otherwise.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// GETs `url` and hands the body to `read`, until `read` returns or the failures are not worth retrying.
    ///
    /// `read` throws `MalformedPage` or a `PublicationProblem` of kind `malformedFile`/`unreadableFile` for a
    /// body it cannot read: that attempt counts as failed and is retried. Anything else it throws ends the fetch.
    func fetch<Page: Sendable>(
        _ url: String,
        pacer: RequestPacer,
        accept: String,
        read: @Sendable ([UInt8]) throws -> Page
    ) async throws -> Page {
        let shownURL = QueryString.masked(url)
        var log = logger
        log[metadataKey: "url"] = "\(shownURL)"
        var lastFailure = ""
        for attempt in 1...retry.maximumAttempts {
            try await pacer.waitForTurn()
            let failure: Failure
            switch try await attemptFetch(url, shownURL: shownURL, accept: accept, read: read) {
            case .page(let page):
                if attempt > 1 { log.info("succeeded after \(attempt) attempts") }
                return page
            case .failed(let reason):
                failure = reason
            }
            lastFailure = failure.description
            guard attempt < retry.maximumAttempts else { break }
            let delay = retry.delay(afterAttempt: attempt, retryAfter: failure.retryAfter, random: random())
            log.warning("attempt \(attempt) of \(retry.maximumAttempts) failed (\(failure)); next in \(delay)")
            try await sleep(delay)
        }
        throw HarvestError.retriesExhausted(url: shownURL, attempts: retry.maximumAttempts, lastFailure: lastFailure)
    }

    private enum Outcome<Page> {
        case page(Page)
        case failed(Failure)
    }

    private struct Failure: CustomStringConvertible {
        var description: String
        var retryAfter: Duration? = nil
    }

    private func attemptFetch<Page>(
        _ url: String,
        shownURL: String,
        accept: String,
        read: ([UInt8]) throws -> Page
    ) async throws -> Outcome<Page> {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: accept)
        let bytes: [UInt8]
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: TimeAmount(retry.requestTimeout), logger: logger)
            let body = try await response.body.collect(upTo: maximumBodySize)
            bytes = Array(body.readableBytesView)
        } catch let error as HTTPClientError where Self.isPermanent(error) {
            throw HarvestError.unexpectedAnswer(url: shownURL, reason: "\(error)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return .failed(Failure(description: Self.describe(error)))
        }

        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            if RetryPolicy.isTransient(status: status) {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.retryAfter)
                return .failed(Failure(description: "HTTP \(status)", retryAfter: retryAfter))
            }
            throw HarvestError.refused(url: shownURL, status: status, body: Self.excerpt(bytes))
        }
        // Decompressed bodies are longer than the Content-Length, which counts the compressed bytes.
        let encoding = response.headers.first(name: "Content-Encoding")?.lowercased() ?? "identity"
        if encoding == "identity", let announced = response.headers.first(name: "Content-Length").flatMap(Int.init),
            announced != bytes.count
        {
            return .failed(Failure(description: "body truncated: \(bytes.count) of \(announced) bytes"))
        }
        do {
            return .page(try read(bytes))
        } catch let malformed as MalformedPage {
            return .failed(Failure(description: malformed.description))
        } catch let problem as PublicationProblem where problem.kind == .malformedFile || problem.kind == .unreadableFile {
            return .failed(Failure(description: "malformed body: \(problem.message)"))
        }
    }

    /// Errors that say the request itself is wrong, not the network.
    private static func isPermanent(_ error: HTTPClientError) -> Bool {
        [.invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .missingSocketPath, .invalidRedirectConfiguration]
            .contains(error)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out (\(error))"
            case .remoteConnectionClosed: return "connection closed by the server"
            default: return "\(error)"
            }
        }
        return "connection error: \(error)"
    }

    /// `Retry-After` in seconds; the HTTP-date form is left to the back-off, no source of ours sends it.
    private static func retryAfter(_ value: String) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    private static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(500), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
