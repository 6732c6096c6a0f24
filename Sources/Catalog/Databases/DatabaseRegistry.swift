import Core
import Foundation
import Yams

/// The hub's databases as research names them, with the words that place a sentence in France or elsewhere.
/// A YAML file (`hublot databases export`), edited by the open-science team and imported back as a new
/// version; `DatabaseRegistry.standard` is the default shipped with Hublot.
public struct DatabaseRegistry: Hashable, Sendable, Codable {
    /// Incremented by whoever edits the file, so that classifications can say which registry made them.
    public var version: Int
    public var databases: [HubDatabase]
    /// Words (phrases) that place a sentence in France: a generic name ("claims database") then names the SNDS.
    public var franceMarkers: [String]
    /// Words (phrases) that place a sentence in another country or name another country's database (NHIRD,
    /// CPRD, Medicare): a generic name there is not the SNDS.
    public var otherCountryMarkers: [String]

    public init(version: Int, databases: [HubDatabase], franceMarkers: [String] = [], otherCountryMarkers: [String] = []) {
        self.version = version
        self.databases = databases
        self.franceMarkers = franceMarkers
        self.otherCountryMarkers = otherCountryMarkers
    }

    enum CodingKeys: String, CodingKey {
        case version, databases
        case franceMarkers = "france_markers"
        case otherCountryMarkers = "other_country_markers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        databases = try container.decode([HubDatabase].self, forKey: .databases)
        franceMarkers = try container.decodeIfPresent([String].self, forKey: .franceMarkers) ?? []
        otherCountryMarkers = try container.decodeIfPresent([String].self, forKey: .otherCountryMarkers) ?? []
    }

    public func database(named name: String) -> HubDatabase? {
        databases.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The databases `name` is a component of, nearest first (`PMSI` -> `SNDS`).
    public func ancestors(of name: String) -> [String] {
        var chain: [String] = []
        var current = database(named: name)?.partOf
        while let parent = current, !chain.contains(parent) {
            chain.append(parent)
            current = database(named: parent)?.partOf
        }
        return chain
    }

    /// `name` and every database that is part of it, directly or not.
    public func family(of name: String) -> Set<String> {
        Set(databases.filter { $0.name == name || ancestors(of: $0.name).contains(name) }.map(\.name))
    }

    // MARK: YAML

    /// Reads and checks a registry; `file` names it in errors.
    public static func decode(yaml: String, file: String) throws(DatabaseRegistryError) -> DatabaseRegistry {
        let registry: DatabaseRegistry
        do {
            registry = try YAMLDecoder().decode(DatabaseRegistry.self, from: yaml)
        } catch let error as DecodingError {
            throw DatabaseRegistryError(file: file, path: error.codingPathText, message: error.reason)
        } catch let error as YamlError {
            throw DatabaseRegistryError(file: file, path: "", message: "not YAML: \(error)")
        } catch {
            throw DatabaseRegistryError(file: file, path: "", message: "\(error)")
        }
        try registry.validate(file: file)
        return registry
    }

    public func yaml() throws -> String {
        try YAMLEncoder().encode(self)
    }

    /// Every name unique, every parent known, no cycle, every phrase valid.
    public func validate(file: String) throws(DatabaseRegistryError) {
        var seen: Set<String> = []
        for (index, database) in databases.enumerated() {
            let path = "databases[\(index)]"
            guard !database.name.isEmpty else { throw DatabaseRegistryError(file: file, path: "\(path).name", message: "empty name") }
            guard seen.insert(database.name.uppercased()).inserted else {
                throw DatabaseRegistryError(file: file, path: "\(path).name", message: "\(database.name) is listed twice")
            }
        }
        for (index, database) in databases.enumerated() {
            let path = "databases[\(index)]"
            if let parent = database.partOf {
                guard self.database(named: parent) != nil else {
                    throw DatabaseRegistryError(file: file, path: "\(path).part_of", message: "unknown database \(parent)")
                }
                guard !ancestors(of: database.name).contains(database.name) else {
                    throw DatabaseRegistryError(file: file, path: "\(path).part_of", message: "\(database.name) is part of itself")
                }
            }
            if !database.impliedBy.isEmpty && database.partOf == nil {
                throw DatabaseRegistryError(file: file, path: "\(path).implied_by", message: "only a component (with part_of) can be implied")
            }
            for (field, phrases) in [("names", database.names), ("generic_names", database.genericNames), ("implied_by", database.impliedBy)] {
                for (offset, phrase) in phrases.enumerated() {
                    try Self.checkPhrase(phrase, file: file, path: "\(path).\(field)[\(offset)]")
                }
            }
            for (offset, acronym) in database.acronyms.enumerated() where TextAnalyzer().words(acronym.form).isEmpty {
                throw DatabaseRegistryError(file: file, path: "\(path).acronyms[\(offset)]", message: "an acronym needs a letter or a digit")
            }
        }
        for (field, phrases) in [("france_markers", franceMarkers), ("other_country_markers", otherCountryMarkers)] {
            for (offset, phrase) in phrases.enumerated() {
                try Self.checkPhrase(phrase, file: file, path: "\(field)[\(offset)]")
            }
        }
    }

    private static func checkPhrase(_ phrase: String, file: String, path: String) throws(DatabaseRegistryError) {
        do throws(PhrasePatternError) {
            _ = try PhrasePattern(phrase)
        } catch {
            throw DatabaseRegistryError(file: file, path: path, message: error.description)
        }
    }
}

/// A registry file that cannot be used, with the file and the place in it (`databases[2].names[4]`).
public struct DatabaseRegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

extension DecodingError {
    fileprivate var codingPathText: String {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: path = []
        }
        return path.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
    }

    fileprivate var reason: String {
        switch self {
        case .typeMismatch(let type, let context): "expected \(type): \(context.debugDescription)"
        case .valueNotFound(_, let context): context.debugDescription
        case .keyNotFound(let key, _): "missing key \(key.stringValue)"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
