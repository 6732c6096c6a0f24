import ArgumentParser
import Hummingbird
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web pages (/catalog) and the JSON API (/api/catalog) on the store.",
        discussion: "The store is migrated before the server starts. An empty store is fine: the home page says how to fill it."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The address to listen on (0.0.0.0 to accept other machines).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    func run() async throws {
        let store = try storeOptions.open()
        print("Serving \(storeOptions.path) on http://\(host):\(port)/ (Ctrl-C to stop)")
        let app = buildApplication(store: store, configuration: WebConfiguration(host: host, port: port))
        try await app.runService()
    }
}
