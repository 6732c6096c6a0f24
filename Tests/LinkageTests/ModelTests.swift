import Foundation
import Testing
import Workbench

@testable import Linkage

@Suite struct ModelTests {
    /// Comparison vectors drawn from known m, u and λ; EM (u fixed) must find m again.
    @Test func expectationMaximisationRecoversM() {
        let m: [[Double]] = [[0, 0.85, 0.1, 0.05], [0, 0.9, 0.1], [0, 0.7, 0.2, 0.1]]
        let u: [[Double]] = [[0, 0.01, 0.04, 0.95], [0, 0.1, 0.9], [0, 0.05, 0.15, 0.8]]
        let lambda = 0.05
        var random = SplitMix64(seed: 7)
        var patterns: [UInt64: Int] = [:]
        func draw(_ probabilities: [Double]) -> Int {
            var x = Double.random(in: 0..<1, using: &random)
            for level in 1..<probabilities.count {
                x -= probabilities[level]
                if x < 0 { return level }
            }
            return probabilities.count - 1
        }
        for _ in 0..<200_000 {
            let match = Double.random(in: 0..<1, using: &random) < lambda
            var pattern: UInt64 = 0
            for c in m.indices { pattern |= UInt64(draw(match ? m[c] : u[c])) << (4 * UInt64(c)) }
            patterns[pattern, default: 0] += 1
        }
        let em = ExpectationMaximisation(levelCounts: [4, 3, 4], active: [true, true, true], u: u)
        let result = em.run(patterns: patterns, m: ExpectationMaximisation.initialM(levelCounts: [4, 3, 4]), lambda: 0.2)
        #expect(result.converged)
        #expect(abs(result.lambda - lambda) < 0.005)
        for c in m.indices {
            for level in 1..<m[c].count { #expect(abs(result.m[c][level] - m[c][level]) < 0.02, "m[\(c)][\(level)]") }
        }
    }

    @Test func heldOutComparisonsKeepTheirM() {
        let em = ExpectationMaximisation(levelCounts: [3, 3], active: [true, false], u: [[0, 0.1, 0.9], [0, 0.1, 0.9]])
        let start = [[0, 0.8, 0.2], [0, 0.6, 0.4]]
        let result = em.run(patterns: [0x11: 50, 0x22: 900, 0x21: 50], m: start, lambda: 0.1)
        #expect(result.m[1] == start[1])
    }

    @Test func stringDistancesMatchTheTextbook() {
        func jw(_ a: String, _ b: String) -> Double {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in StringDistance.jaroWinkler(x, y) } }
        }
        func lev(_ a: String, _ b: String, _ k: Int) -> Int {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in StringDistance.levenshtein(x, y, limit: k) } }
        }
        #expect(abs(jw("MARTHA", "MARHTA") - 0.9611) < 0.0001)
        #expect(abs(jw("DIXON", "DICKSONX") - 0.8133) < 0.0001)
        #expect(jw("", "") == 1 && jw("abc", "") == 0)
        #expect(lev("kitten", "sitting", 5) == 3)
        #expect(lev("kitten", "sitting", 1) == 2)
        #expect(lev("same", "same", 0) == 0)
    }

    @Test func modelParametersRoundTripThroughJSON() throws {
        let model = ModelParameters(
            mode: .link, prior: 0.0002,
            comparisons: [
                ComparisonParameters(
                    name: "surname",
                    levels: [
                        LevelParameters(label: "null", m: 1, u: 1, termFrequency: false),
                        LevelParameters(label: "exact (tf)", m: 0.9, u: 0.001, termFrequency: true),
                        LevelParameters(label: "else", m: 0.1, u: 0.999, termFrequency: false),
                    ])
            ], training: ["test"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UInt64.random(in: 0...UInt64.max)).json").path
        try model.save(to: path)
        #expect(try ModelParameters.load(from: path) == model)
        #expect(abs(model.comparisons[0].levels[1].weight - log2(900)) < 1e-9)
    }
}
