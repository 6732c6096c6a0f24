/// Where and how `hublot serve` listens. Read from flags at the edge (the CLI), defaults here.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
