import Publications

/// Why a harvest stopped. Every case names the request, with its API key masked, so that the message can be
/// pasted into a bug report or tried again by hand.
public enum HarvestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source kept failing with transient errors until the attempts ran out.
    case retriesExhausted(url: String, attempts: Int, lastFailure: String)
    /// The source refused the request (a 4xx other than 429): asking again would get the same answer.
    case refused(url: String, status: Int, body: String)
    /// The answer is complete and well-formed but is not what the API documents.
    case unexpectedAnswer(url: String, reason: String)
    /// Harvesting is for the sources that have a search API.
    case unsupportedSource(PublicationSource)
    /// The checkpoint found does not belong to the harvest asked for.
    case checkpointMismatch(expected: HarvestKey, found: HarvestKey)

    public var description: String {
        switch self {
        case .retriesExhausted(let url, let attempts, let lastFailure):
            "gave up on \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s"); last failure: \(lastFailure)"
        case .refused(let url, let status, let body):
            "\(url) answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .unexpectedAnswer(let url, let reason):
            "\(url): unexpected answer: \(reason)"
        case .unsupportedSource(let source):
            "\(source.rawValue) has no search API to harvest from (use pubmed, openalex, hal, crossref or europepmc)"
        case .checkpointMismatch(let expected, let found):
            "the checkpoint stored for \(expected) belongs to \(found)"
        }
    }
}
