import Foundation

/// Real inputs, read from `../shared/data` beside the package and never copied into it, and the fixtures
/// written for this test target. Suites that read shared data are enabled only when it is there.
enum SharedData {
    /// This file is `<package>/Tests/PublicationsTests/SharedData.swift`: the package root is three levels up.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
    static let fixtures = packageRoot.appendingPathComponent("Tests/PublicationsTests/Fixtures")

    /// The path of `relative` under `../shared/data` (`pubmed/pubmed21n1298.xml.gz`).
    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }
}
