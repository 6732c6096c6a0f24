/// When and how long to wait before asking again after a failure that may pass: a rate limit (429), a server
/// in trouble (500, 502, 503, 504), a connection lost, a timeout, a body cut short.
public struct RetryPolicy: Sendable {
    /// Requests sent for one page before giving up, the first included.
    public var maximumAttempts: Int
    /// The wait after the first failure; it doubles after each following one.
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// A `Retry-After` longer than this is cut down to it, so that a misconfigured server cannot park the
    /// harvest for hours.
    public var maximumRetryAfter: Duration
    /// The longest a request may take, from sending to the last byte of the body.
    public var requestTimeout: Duration
    /// The longest silence in the middle of an answer before the connection is given up as dead.
    public var silenceTimeout: Duration

    public init(
        maximumAttempts: Int = 6,
        initialDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(60),
        maximumRetryAfter: Duration = .seconds(300),
        requestTimeout: Duration = .seconds(120),
        silenceTimeout: Duration = .seconds(90)
    ) {
        precondition(maximumAttempts >= 1, "at least one attempt")
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.requestTimeout = requestTimeout
        self.silenceTimeout = silenceTimeout
    }

    public static let standard = RetryPolicy()

    /// The wait before attempt `attempt + 1`, after `attempt` failures. Exponential, then drawn at random in its
    /// upper half ("equal jitter"): clients that failed together do not come back together, and no wait is
    /// shorter than half the nominal one.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter { return min(retryAfter, maximumRetryAfter) }
        let exponent = min(max(attempt - 1, 0), 30)
        let nominal = min(initialDelay * (1 << exponent), maximumDelay)
        return nominal * (0.5 + 0.5 * min(max(random, 0), 1))
    }

    /// Whether an HTTP status is worth asking again for.
    public static func isTransient(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }
}
