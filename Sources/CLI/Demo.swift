import ArgumentParser
import Catalog

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a small sample catalog made up by Hublot (labelled SAMPLE), to try Hublot without real data."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        guard let report = try SampleCatalog.install(into: try storeOptions.open()) else {
            return print("The sample catalog is already in \(storeOptions.path).")
        }
        let stats = report.statistics
        print("Loaded the SAMPLE catalog (made up by Hublot, not real data) into \(storeOptions.path) as version \(report.version):")
        print("  \(stats.products) products, \(stats.tables) tables, \(stats.fields) fields, \(stats.nomenclatures) nomenclatures")
        print("Now run `hublot serve` and open http://127.0.0.1:8080/catalog")
    }
}
