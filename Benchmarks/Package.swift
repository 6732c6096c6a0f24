// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that the main build and `swift test` never compile them.
// Run from the repository root: swift package --package-path Benchmarks benchmark
let package = Package(
    name: "hublot-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "hublot", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What the measures share: where the real data are, the queries to search, timing.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Catalog", package: "hublot"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Store", package: "hublot"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Clock-only latencies, without the harness's allocation counting.
        .executableTarget(
            name: "catalog-latency",
            dependencies: ["BenchmarkSupport", .product(name: "Catalog", package: "hublot"), .product(name: "Store", package: "hublot")],
            path: "Sources/CatalogLatency",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // One PubMed file ingested, against xmllint --stream, with peak memory and the extrapolation to a baseline.
        .executableTarget(
            name: "publications-ingest",
            dependencies: ["BenchmarkSupport", .product(name: "Publications", package: "hublot"), .product(name: "Store", package: "hublot")],
            path: "Sources/PublicationsIngest",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The classifier over one PubMed file held in memory, then the whole scan of that file.
        .executableTarget(
            name: "classify",
            dependencies: [
                "BenchmarkSupport", .product(name: "Catalog", package: "hublot"), .product(name: "Classification", package: "hublot"),
                .product(name: "Publications", package: "hublot"), .product(name: "Store", package: "hublot"),
            ],
            path: "Sources/Classify",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The whole answer of a search over the real PubMed file, then over its documents replicated to 100k and 1M.
        .executableTarget(
            name: "search-latency",
            dependencies: [
                "BenchmarkSupport", .product(name: "Classification", package: "hublot"), .product(name: "Publications", package: "hublot"),
                .product(name: "Search", package: "hublot"), .product(name: "Store", package: "hublot"),
            ],
            path: "Sources/SearchLatency",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The affiliation matcher: strings per second over one PubMed file, and the gold sets' precision and recall.
        .executableTarget(
            name: "affiliation-matching",
            dependencies: [
                "BenchmarkSupport", .product(name: "Enrichment", package: "hublot"), .product(name: "Publications", package: "hublot"),
            ],
            path: "Sources/AffiliationMatching",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "CatalogBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Catalog", package: "hublot"),
                .product(name: "Store", package: "hublot"),
            ],
            path: "Benchmarks/CatalogBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
