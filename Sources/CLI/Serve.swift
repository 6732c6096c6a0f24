import ArgumentParser

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web pages and the JSON API.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        throw ValidationError("not built yet")
    }
}
