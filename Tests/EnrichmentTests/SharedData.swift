import Foundation

/// Real inputs, read from `../shared/data` beside the package and never copied into it. Suites that read them
/// are enabled only when they are there.
enum SharedData {
    /// This file is `<package>/Tests/EnrichmentTests/SharedData.swift`: the package root is three levels up.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("../shared/data")
        .standardizedFileURL

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
}
