import Foundation

/// Real responses, read from `../shared/data` beside the package and never copied into it, and the fixtures
/// of the Publications tests. Suites that need them are enabled only when they are there.
enum SharedData {
    /// This file is `<package>/Tests/HarvestTests/SharedData.swift`: the package root is three levels up.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
    static let fixtures = packageRoot.appendingPathComponent("Tests/PublicationsTests/Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }
    static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
    static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }
    static func hasFixture(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: fixture(relative)) }

    static func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }
}
