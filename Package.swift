// swift-tools-version:6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "hublot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hublot", targets: ["CLI"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Publications", targets: ["Publications"]),
        .library(name: "Harvest", targets: ["Harvest"]),
        .library(name: "Classification", targets: ["Classification"]),
        .library(name: "Enrichment", targets: ["Enrichment"]),
        .library(name: "Search", targets: ["Search"]),
        .library(name: "Indicators", targets: ["Indicators"]),
        .library(name: "Workbench", targets: ["Workbench"]),
        .library(name: "Linkage", targets: ["Linkage"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        .library(name: "Web", targets: ["Web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Shared vocabulary: errors with their source location, text folding, CSV.
        .target(name: "Core", swiftSettings: strictSwift6),
        // The embedded SQLite store: opening, WAL, and the migrator each capability contributes to.
        .target(
            name: "Store",
            dependencies: ["Core", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift6
        ),
        // Capability: the catalog of databases, tables, variables, nomenclatures and joins.
        .target(
            name: "Catalog",
            dependencies: [
                "Core", "Store",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // libxml2's streaming reader, for PubMed and JATS XML (Debian: libxml2-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib, to read gzip-compressed JSON Lines (OpenAlex snapshot parts) as a stream (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Capability: publications read from every source, harmonised, merged, with the provenance of each field.
        .target(
            name: "Publications",
            dependencies: [
                "Core", "Store", "CLibXML2", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // Live clients of PubMed E-utilities, OpenAlex, HAL, Crossref and Europe PMC: paging, rate limits,
        // retries, and checkpoints that let a killed harvest resume.
        .target(
            name: "Harvest",
            dependencies: [
                "Core", "Publications",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSwift6
        ),
        // Capability: which databases of the hub a publication uses, with the evidence; curation and measurement.
        .target(
            name: "Classification",
            dependencies: [
                "Core", "Store", "Catalog", "Publications",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift6
        ),
        // Capability: organisation registries (ROR, RNSR), affiliations matched to them, researchers, journals.
        .target(
            name: "Enrichment",
            dependencies: [
                "Core", "Store", "Publications",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift6
        ),
        // Capability: the search engine over the publications, its facets, and the documents it indexes.
        .target(
            name: "Search",
            dependencies: [
                "Core", "Store", "Catalog", "Publications", "Classification", "Enrichment",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift6
        ),
        // Capability: the dashboard's indicators, the collaboration network and its layout, and the exports of a result set.
        .target(name: "Indicators", dependencies: ["Core", "Search", "Publications"], swiftSettings: strictSwift6),
        // A Spark Connect client: our own subset of the protocol over gRPC, and an Arrow IPC stream decoder.
        .target(
            name: "SparkConnect",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Proto/spark_connect.proto"],
            swiftSettings: strictSwift6
        ),
        // Capability: the data operators' workbench on a project's engine (SQLite, PostgreSQL, Spark Connect):
        // synthetic samples, quality checks, pseudonymisation, audited exports.
        .target(
            name: "Workbench",
            dependencies: [
                "Core", "Store", "Catalog", "SparkConnect",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift", condition: .when(platforms: [.linux])),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // Capability: linkage between databases on a project's engine: deterministic keys (the SNDS presets) and
        // a Fellegi-Sunter model (u by sampling, m by EM), blocking, clustering, measurement and explanation.
        .target(
            name: "Linkage",
            dependencies: ["Core", "Workbench", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSwift6
        ),
        // Capability: declarative extractions (YAML specs with the SNDS presets) planned as SQL for a project's engine,
        // run there, their lineage in the audit log; and the synthetic SNDS sample they are tested on.
        .target(
            name: "Extraction",
            dependencies: [
                "Core", "Workbench", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        // HTML pages and the JSON API, on Hummingbird.
        .target(
            name: "Web",
            dependencies: [
                "Catalog", "Classification", "Indicators", "Publications", "Search", "Store",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Pages build strings by the thousand: GRDB's `joined()` on `[SQL]`, visible through the modules
            // that use GRDB, once made a page print SQL. Only what a file imports is in scope.
            swiftSettings: strictSwift6 + [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The `hublot` command.
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Catalog", "Classification", "Enrichment", "Harvest", "Indicators", "Publications", "Search", "Store", "Web",
                "Workbench", "Linkage", "Extraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core"], swiftSettings: strictSwift6),
        .testTarget(name: "StoreTests", dependencies: ["Store"], swiftSettings: strictSwift6),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Store"], swiftSettings: strictSwift6),
        .testTarget(
            name: "PublicationsTests", dependencies: ["Publications", "Store"], exclude: ["Fixtures"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "HarvestTests",
            dependencies: [
                "Harvest", "Publications", "Core",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "ClassificationTests", dependencies: ["Classification", "Catalog", "Publications", "Store"], exclude: ["Fixtures"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "EnrichmentTests", dependencies: ["Enrichment", "Publications", "Store"], swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "SearchTests", dependencies: ["Search", "Catalog", "Classification", "Publications", "Store"],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "IndicatorsTests", dependencies: ["Indicators", "Search", "Publications", "Core"], swiftSettings: strictSwift6
        ),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "Catalog", "Store"], swiftSettings: strictSwift6),
        .testTarget(name: "SparkConnectTests", dependencies: ["SparkConnect"], swiftSettings: strictSwift6),
        .testTarget(name: "LinkageTests", dependencies: ["Linkage", "Workbench"], swiftSettings: strictSwift6),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "Workbench"], swiftSettings: strictSwift6),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Catalog", "Classification", "Indicators", "Publications", "Search", "Store",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CLI", "Catalog", "Classification", "Publications", "Search", "Store", "Workbench",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSwift6
        ),
    ]
)
