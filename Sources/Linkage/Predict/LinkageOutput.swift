import Foundation
import Workbench

/// The tables a prediction writes on an engine: `<prefix>_pairs` (the matches, with weight, probability and what
/// matched them) and, for deduplication, `<prefix>_clusters` (each record's cluster id).
public enum LinkageOutput {
    public static func pairsTable(_ prefix: String) -> TableDefinition {
        TableDefinition(
            name: "\(prefix)_pairs",
            columns: [
                ColumnDefinition(name: "left_id", type: .text(length: nil), isNullable: false),
                ColumnDefinition(name: "right_id", type: .text(length: nil), isNullable: false),
                ColumnDefinition(name: "match_weight", type: .real),
                ColumnDefinition(name: "match_probability", type: .real),
                ColumnDefinition(name: "matched_by", type: .text(length: nil), isNullable: false),
            ])
    }

    public static func clustersTable(_ prefix: String) -> TableDefinition {
        TableDefinition(
            name: "\(prefix)_clusters",
            columns: [
                ColumnDefinition(name: "record_id", type: .text(length: nil), isNullable: false),
                ColumnDefinition(name: "cluster_id", type: .text(length: nil), isNullable: false),
            ], primaryKey: ["record_id"])
    }

    /// Writes the job's matches; returns the rows written.
    @discardableResult
    public static func writePairs(_ pairs: [ScoredPair], job: LinkageJob, to engine: any Engine, table: TableDefinition) async throws -> Int {
        try await engine.load(table, replacing: true) { loader in
            var batch = RowBatch(columns: table.columnNames)
            for pair in pairs {
                let weight: CellValue = pair.weight.isNaN ? .null : .real(pair.weight)
                let rule = pair.rule.map { job.spec.deterministic[$0].name } ?? "model"
                batch.append(row: [
                    .text(job.left.ids[Int(pair.left)]), .text(job.right.ids[Int(pair.right)]), weight, .real(pair.probability), .text(rule),
                ])
                if batch.count >= 10_000 {
                    try await loader.append(batch)
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { try await loader.append(batch) }
        }
    }

    @discardableResult
    public static func writeClusters(ids: [String], clusters: [String], to engine: any Engine, table: TableDefinition) async throws -> Int {
        try await engine.load(table, replacing: true) { loader in
            var batch = RowBatch(columns: table.columnNames)
            for (id, cluster) in zip(ids, clusters) {
                batch.append(row: [.text(id), .text(cluster)])
                if batch.count >= 10_000 {
                    try await loader.append(batch)
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { try await loader.append(batch) }
        }
    }

    /// The cluster of each record of an earlier run, read back from its clusters table.
    public static func readClusters(from engine: any Engine, table: String) async throws -> [String: String] {
        guard try await engine.columns(of: table) != nil else {
            throw EngineError.noSuchTable(engine: engine.url.description, table: table)
        }
        var clusters: [String: String] = [:]
        let dialect = engine.dialect
        try await engine.stream("SELECT \(dialect.quote("record_id")), \(dialect.quote("cluster_id")) FROM \(dialect.quote(table))") { batch in
            for row in 0..<batch.count { clusters[batch[row, 0].text ?? ""] = batch[row, 1].text ?? "" }
        }
        return clusters
    }
}

extension Clusters {
    /// Clusters after an incremental run: the linked set's records keep the cluster they had; a group of new
    /// records (joined by matches among themselves) takes the cluster of its best-weighted match in the linked set,
    /// or, with none, the smallest id among them. Two linked clusters a new record bridges are not merged: ids
    /// stay stable, and the run reports the bridge instead.
    public static func extend(
        existing: [String: String], ids: [String], newFrom: Int, pairs: [ScoredPair], threshold: Double
    ) -> (clusters: Clusters, bridges: Int) {
        var components = UnionFind(count: ids.count)
        var best: [Int: (weight: Double, cluster: String)] = [:]
        var linked: [Int: Set<String>] = [:]
        let matches = pairs.filter { $0.rule != nil || $0.weight >= threshold }
        for pair in matches where Int(pair.left) >= newFrom { components.union(Int(pair.left), Int(pair.right)) }
        for pair in matches where Int(pair.left) < newFrom {
            let old = Int(pair.left)
            let root = components.find(Int(pair.right))
            let cluster = existing[ids[old]] ?? ids[old]
            linked[root, default: []].insert(cluster)
            let weight = pair.weight.isNaN ? Double.infinity : pair.weight
            if weight > best[root]?.weight ?? -.infinity { best[root] = (weight, cluster) }
        }
        var names: [Int: String] = [:]
        for record in newFrom..<ids.count {
            let root = components.find(record)
            if let name = names[root], name <= ids[record] { continue }
            names[root] = ids[record]
        }
        let clusterIDs = ids.indices.map { record in
            if record < newFrom { return existing[ids[record]] ?? ids[record] }
            let root = components.find(record)
            return best[root]?.cluster ?? names[root]!
        }
        return (Clusters(clusterIDs: clusterIDs), linked.values.filter { $0.count > 1 }.count)
    }
}
