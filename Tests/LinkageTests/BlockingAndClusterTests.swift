import Testing

@testable import Linkage

@Suite struct BlockingAndClusterTests {
    @Test func blocksPairOnlyEqualKeysWithExactCounts() {
        // Left keys: a a b c -; right keys: a b b b d.
        let keys = RuleKeys(left: [0, 0, 1, 2, -1], right: [0, 1, 1, 1, 3])
        let plan = BlockPlan(keys, deduplicate: false)
        #expect(plan.pairs == 2 * 1 + 1 * 3)
        var pairs: [[Int]] = []
        plan.forEachPair(in: plan.blocks) { pairs.append([$0, $1]) }
        #expect(pairs.sorted { $0.lexicographicallyPrecedes($1) } == [[0, 0], [1, 0], [2, 1], [2, 2], [2, 3]])
    }

    @Test func deduplicationFormsEachUnorderedPairOnce() {
        let codes: [Int32] = [5, 5, 5, 2, 2, -1, 5]
        let plan = BlockPlan(RuleKeys(left: codes, right: codes), deduplicate: true)
        #expect(plan.pairs == 6 + 1)
        var pairs: [[Int]] = []
        plan.forEachPair(in: plan.blocks) { pairs.append([$0, $1]) }
        #expect(pairs.allSatisfy { $0[0] < $0[1] })
        #expect(Set(pairs).count == 7)
        #expect(Set(pairs).contains([3, 4]) && Set(pairs).contains([0, 6]))
    }

    @Test func incrementalBlocksPairOnlyNewRecords() {
        let codes: [Int32] = [1, 1, 1, 1, 1]
        let plan = BlockPlan(RuleKeys(left: codes, right: codes), deduplicate: true, newFrom: 3)
        var pairs: [[Int]] = []
        plan.forEachPair(in: plan.blocks) { pairs.append([$0, $1]) }
        #expect(plan.pairs == pairs.count)
        #expect(Set(pairs) == [[0, 3], [1, 3], [2, 3], [0, 4], [1, 4], [2, 4], [3, 4]])
    }

    @Test func unitsCoverEveryBlockOnce() {
        let codes = (0..<1000).map { Int32($0 % 37) }
        let plan = BlockPlan(RuleKeys(left: codes, right: codes), deduplicate: true)
        let units = plan.units(target: 500)
        #expect(units.flatMap { $0 }.reduce(0) { $0 + $1.pairs } == plan.pairs)
        #expect(units.count > 1)
    }

    func pair(_ l: Int32, _ r: Int32, _ w: Double, rule: Int? = nil) -> ScoredPair { ScoredPair(left: l, right: r, weight: w, rule: rule) }

    @Test func clustersAreConnectedComponentsOverTheThreshold() {
        let ids = ["e", "b", "c", "d", "a", "f"]
        let pairs = [pair(0, 1, 10), pair(1, 2, 8), pair(3, 4, 2), pair(4, 5, -3, rule: 0)]
        let clusters = Clusters.build(ids: ids, pairs: pairs, threshold: 5)
        #expect(clusters.clusterIDs == ["b", "b", "b", "d", "a", "a"])
        #expect(clusters.count == 3)
    }

    @Test func oneToOneKeepsTheBestPairOfEachRecord() {
        let sorted = [pair(0, 0, 12), pair(0, 1, 11), pair(1, 0, 10), pair(1, 1, 9), pair(2, 2, 1)]
        let kept = LinkageJob.oneToOne(sorted, threshold: 5)
        #expect(kept == [pair(0, 0, 12), pair(1, 1, 9), pair(2, 2, 1)])
    }

    @Test func incrementalClustersKeepTheirIDs() {
        let existing = ["r1": "r1", "r2": "r1", "r3": "r3"]
        let ids = ["r1", "r2", "r3", "n1", "n2", "n3"]
        // n1 matches r2; n2 matches n1; n3 matches nothing.
        let pairs = [pair(1, 3, 9), pair(3, 4, 8), pair(2, 5, 1)]
        let (clusters, bridges) = Clusters.extend(existing: existing, ids: ids, newFrom: 3, pairs: pairs, threshold: 5)
        #expect(clusters.clusterIDs == ["r1", "r1", "r3", "r1", "r1", "n3"])
        #expect(bridges == 0)
        let bridging = [pair(0, 3, 9), pair(2, 3, 7)]
        let (kept, count) = Clusters.extend(existing: existing, ids: ids, newFrom: 3, pairs: bridging, threshold: 5)
        #expect(kept.clusterIDs[0...2] == ["r1", "r1", "r3"])
        #expect(kept.clusterIDs[3] == "r1")
        #expect(count == 1)
    }

    @Test func derivedKeys() {
        #expect(KeyExpression(.substring(start: 2, length: 3), column: "x").key(of: "Élodie") == "lod")
        #expect(KeyExpression(.year, column: "x").key(of: "19870412") == "1987")
        #expect(KeyExpression(.monthYear, column: "x").key(of: "12/04/1987") == "1987-4")
        #expect(KeyExpression(.year, column: "x").key(of: "not a date") == nil)
        #expect(Soundex.code("Robert") == "R163")
        #expect(Soundex.code("Rupert") == "R163")
        #expect(Soundex.code("Ashcraft") == "A261")
        #expect(DateParts("1970-01-02")?.dayNumber == 1)
    }
}
