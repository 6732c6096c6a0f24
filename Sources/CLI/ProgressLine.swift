import Core
import Foundation

/// One line on standard error, redrawn in place, when standard error is a terminal; silent otherwise, so
/// that logs and pipes get only the final summary.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var start = ContinuousClock.now
    private var drawn = false

    /// Starts timing a new task (a file).
    func begin() {
        lock.withLock { start = clock.now }
    }

    /// Redraws at most ten times a second.
    func update(_ label: String, count: Int, unit: String, fraction: Double?) {
        guard isTerminal else { return }
        lock.withLock {
            let now = clock.now
            if let lastDraw, now - lastDraw < .milliseconds(100) { return }
            lastDraw = now
            let seconds = (now - start).inSeconds
            let rate = seconds > 0 ? " \(Int(Double(count) / seconds))/s" : ""
            var bar = ""
            if let fraction {
                let width = 24
                let filled = max(0, min(width, Int(fraction * Double(width))))
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(Int(fraction * 100))% "
            }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(bar)\(label)  \(count) \(unit)\(rate)".utf8))
            drawn = true
        }
    }

    /// Erases the line before a summary is printed.
    func clear() {
        guard isTerminal else { return }
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
            lastDraw = nil
        }
    }
}
