import Foundation

/// The PubMed file to measure: the first argument, $HUBLOT_PUBMED_FILE, or the update file beside the repository
/// as in CI. Without it there is nothing to measure, which is not a failure.
public func pubMedFile(arguments: ArraySlice<String> = CommandLine.arguments.dropFirst()) -> String {
    let file = arguments.first ?? ProcessInfo.processInfo.environment["HUBLOT_PUBMED_FILE"] ?? "../shared/data/pubmed/pubmed21n1298.xml.gz"
    guard FileManager.default.fileExists(atPath: file) else {
        print("\(file) not found (pass a PubMed .xml.gz or set HUBLOT_PUBMED_FILE): nothing to measure")
        exit(0)
    }
    return file
}

public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The best and the median of `runs` timings of `body`, printed under `label`.
public func timed(_ label: String, runs: Int = 3, _ body: () throws -> Void) rethrows -> (best: Double, median: Double) {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        times.append(seconds(ContinuousClock.now - start))
    }
    times.sort()
    print(String(format: "%@: best %.2f s, median %.2f s", label, times[0], times[runs / 2]))
    return (times[0], times[runs / 2])
}
