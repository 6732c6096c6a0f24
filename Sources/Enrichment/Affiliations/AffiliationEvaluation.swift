import Core
import Foundation

/// An affiliation string and the organisations it names, as a person decided (empty: it names none the registry
/// should find).
public struct AffiliationGoldItem: Hashable, Sendable {
    public var affiliation: String
    public var ids: [String]

    public init(affiliation: String, ids: [String]) {
        self.affiliation = affiliation
        self.ids = ids
    }
}

/// Precision, recall and F1 of a matcher over gold items, counted over (string, organisation) pairs: a predicted
/// id not in the gold is a false positive, also for strings whose gold is empty; a gold id not predicted is a
/// false negative. Only strings whose gold organisations are all in the loaded registry are judged, since an
/// organisation the registry lacks cannot be found.
public struct AffiliationEvaluation: Sendable {
    public struct Miss: Hashable, Sendable {
        public var affiliation: String
        public var id: String
        public var cause: Cause
        /// For a false positive, the gold ids of the string; for a false negative, the ids predicted instead.
        public var others: [String]
    }

    public enum Cause: String, Hashable, Sendable, CaseIterable {
        /// Predicted where the gold names nothing.
        case nothingToFind = "nothing to find"
        /// Predicted the parent, child or successor of a gold organisation.
        case relative = "relative of the gold"
        /// Predicted another organisation than the gold one.
        case other = "other organisation"
        /// Nothing predicted for a string naming the gold organisation.
        case notFound = "not found"
        /// Another organisation predicted instead.
        case replaced = "another found instead"
    }

    public var strings = 0
    public var judged = 0
    public var judgedWithEmptyGold = 0
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var falsePositiveMisses: [Miss] = []
    public var falseNegativeMisses: [Miss] = []

    public var precision: Double { Double(truePositives) / Double(max(truePositives + falsePositives, 1)) }
    public var recall: Double { Double(truePositives) / Double(max(truePositives + falseNegatives, 1)) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public init() {}

    /// Judges `predict` on the items whose gold ids `isLoaded` all.
    public init(
        items: [AffiliationGoldItem], isLoaded: (String) -> Bool, relatives: (String) -> Set<String> = { _ in [] },
        predict: (String) -> [String]
    ) {
        for item in items {
            strings += 1
            guard item.ids.allSatisfy(isLoaded) else { continue }
            judged += 1
            if item.ids.isEmpty { judgedWithEmptyGold += 1 }
            record(item, predicted: predict(item.affiliation), relatives: relatives)
        }
    }

    /// Judges the matcher, ids compared as ROR writes them or bare (`03acrzv41`).
    public init(items: [AffiliationGoldItem], matcher: AffiliationMatcher) {
        self.init(
            items: items, isLoaded: matcher.contains(id:), relatives: matcher.relativeIDs(of:),
            predict: { matcher.match($0).map(\.id) })
    }

    mutating func record(_ item: AffiliationGoldItem, predicted: [String], relatives: (String) -> Set<String>) {
        let gold = Set(item.ids)
        let predictedSet = Set(predicted)
        truePositives += gold.intersection(predictedSet).count
        for id in predictedSet.subtracting(gold).sorted() {
            falsePositives += 1
            let cause: Cause =
                gold.isEmpty ? .nothingToFind : (gold.contains(where: { relatives(id).contains($0) }) ? .relative : .other)
            falsePositiveMisses.append(Miss(affiliation: item.affiliation, id: id, cause: cause, others: gold.sorted()))
        }
        for id in gold.subtracting(predictedSet).sorted() {
            falseNegatives += 1
            let instead = predictedSet.subtracting(gold).sorted()
            falseNegativeMisses.append(Miss(affiliation: item.affiliation, id: id, cause: instead.isEmpty ? .notFound : .replaced, others: instead))
        }
    }

    /// How many misses each cause explains.
    public var missesByCause: [Cause: Int] {
        var counts: [Cause: Int] = [:]
        for miss in falsePositiveMisses + falseNegativeMisses { counts[miss.cause, default: 0] += 1 }
        return counts
    }
}

extension AffiliationMatcher {
    /// Parents, children, predecessors and successors: the organisations a wrong match is most often mistaken for.
    public func relativeIDs(of id: String) -> Set<String> {
        guard let position = index.position[id] else { return [] }
        return Set(index.organisations[Int(position)].relationships.filter { $0.kind != .related }.map(\.id))
    }
}

/// The gold sets' files: ROR's matching test sets (`[{"affiliation", "ror_ids": [url]}]`, or a single `"ror-id"`),
/// and works-magnet's hand-validated corrections (CSV: `raw_affiliation_name`, `new_rors` as bare ids split by `;`).
public enum AffiliationGold {
    public struct ReadError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    private struct RORItem: Decodable {
        var affiliation: String
        var rorIDs: [String]?
        var rorID: String?

        enum CodingKeys: String, CodingKey {
            case affiliation
            case rorIDs = "ror_ids"
            case rorID = "ror-id"
        }
    }

    public static func readJSON(path: String) throws -> [AffiliationGoldItem] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(file: path, reason: "cannot be read") }
        do {
            return try JSONDecoder().decode([RORItem].self, from: data).map { item in
                AffiliationGoldItem(affiliation: item.affiliation, ids: (item.rorIDs ?? item.rorID.map { [$0] } ?? []).map(rorURL))
            }
        } catch {
            throw ReadError(file: path, reason: "not a list of {affiliation, ror_ids}: \(error)")
        }
    }

    /// works-magnet's export: the corrected ids of each raw string.
    public static func readWorksMagnetCSV(path: String) throws -> [AffiliationGoldItem] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ReadError(file: path, reason: "cannot be read as UTF-8")
        }
        var reader = DelimitedTextReader(text: text, delimiter: ",")
        var rows: [[String]] = []
        do {
            while let record = try reader.next() { rows.append(record.fields) }
        } catch {
            throw ReadError(file: path, reason: "\(error)")
        }
        guard let header = rows.first, let name = header.firstIndex(of: "raw_affiliation_name"), let ids = header.firstIndex(of: "new_rors")
        else {
            throw ReadError(file: path, reason: "no raw_affiliation_name or new_rors column")
        }
        return rows.dropFirst().compactMap { row in
            guard row.count > max(name, ids) else { return nil }
            let gold = row[ids].split(separator: ";").map { rorURL(String($0).trimmingCharacters(in: .whitespaces)) }
            return AffiliationGoldItem(affiliation: row[name], ids: gold)
        }
    }

    /// `03acrzv41` → `https://ror.org/03acrzv41`; URLs as they are.
    static func rorURL(_ id: String) -> String { id.hasPrefix("http") ? id : "https://ror.org/" + id }
}
