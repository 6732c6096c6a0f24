import Core
import Foundation

/// The two charts of a linkage report, as standalone SVG drawn here (no script, nothing fetched): the
/// distribution of match weights, and each comparison level's log2(m/u).
public enum LinkageCharts {
    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    static func frame(width: Double, height: Double, title: String, description: String, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" \
        role="img" aria-labelledby="t d" font-family="sans-serif" font-size="11">
        <title id="t">\(title.htmlEscaped)</title><desc id="d">\(description.htmlEscaped)</desc>
        <rect width="100%" height="100%" fill="#fff"/>
        <text x="\(n(width / 2))" y="18" text-anchor="middle" font-size="14">\(title.htmlEscaped)</text>
        \(body)</svg>

        """
    }

    /// Columns of pair counts per one-bit weight bin, on a log scale (non-matches outnumber matches by far), with
    /// the threshold drawn as a line.
    public static func weightHistogram(_ histogram: WeightHistogram, threshold: Double) -> String {
        let used = histogram.counts.indices.filter { histogram.counts[$0] > 0 }
        guard let first = used.first, let last = used.last else {
            return frame(width: 640, height: 80, title: "Match weights", description: "no pair compared", body: "")
        }
        let (width, height, left, bottom, top) = (640.0, 320.0, 50.0, 280.0, 30.0)
        let bins = Array(first...last)
        let step = (width - left - 10) / Double(bins.count)
        let maximum = log10(Double(histogram.counts.max() ?? 1) + 1)
        var body = ""
        for (position, bin) in bins.enumerated() {
            let count = histogram.counts[bin]
            let h = maximum > 0 ? (bottom - top) * log10(Double(count) + 1) / maximum : 0
            let weight = bin + WeightHistogram.lowest
            let x = left + Double(position) * step
            let color = Double(weight) >= threshold ? "#2a7" : "#89a"
            body += "<rect x=\"\(n(x))\" y=\"\(n(bottom - h))\" width=\"\(n(max(step - 1, 1)))\" height=\"\(n(h))\" fill=\"\(color)\">"
            body += "<title>weight \(weight) to \(weight + 1): \(count) pairs</title></rect>\n"
            if bins.count <= 40 || weight % 5 == 0 {
                body += "<text x=\"\(n(x + step / 2))\" y=\"\(n(bottom + 14))\" text-anchor=\"middle\">\(weight)</text>\n"
            }
        }
        let thresholdX = left + (threshold - Double(first + WeightHistogram.lowest)) * step
        if thresholdX >= left && thresholdX <= width {
            body +=
                "<line x1=\"\(n(thresholdX))\" y1=\"\(n(top))\" x2=\"\(n(thresholdX))\" y2=\"\(n(bottom))\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>\n"
            body += "<text x=\"\(n(thresholdX + 4))\" y=\"\(n(top + 10))\" fill=\"#c33\">threshold \(String(format: "%.1f", threshold))</text>\n"
        }
        body += "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(width - 10))\" y2=\"\(n(bottom))\" stroke=\"#333\"/>\n"
        body += "<text x=\"\(n(width / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">match weight (bits); height: pairs, log scale</text>\n"
        let description = bins.map { "\($0 + WeightHistogram.lowest): \(histogram.counts[$0])" }.joined(separator: ", ")
        return frame(width: width, height: height, title: "Match weights of the compared pairs", description: description, body: body)
    }

    /// One horizontal bar per comparison level: log2(m/u), right of zero for evidence of a match, left against.
    public static func levelWeights(_ model: ModelParameters) -> String {
        let rows = model.comparisons.flatMap { comparison in
            comparison.levels.filter { !$0.isNull }.map { (label: "\(comparison.name): \($0.label)", weight: $0.weight, m: $0.m, u: $0.u) }
        }
        let rowHeight = 18.0
        let (width, labelWidth, top) = (720.0, 260.0, 34.0)
        let height = top + rowHeight * Double(rows.count) + 30
        let span = max(rows.map { abs($0.weight) }.max() ?? 1, 1)
        let zero = labelWidth + (width - labelWidth - 20) / 2
        let scale = (width - labelWidth - 30) / 2 / span
        var body = ""
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let w = row.weight * scale
            let x = w >= 0 ? zero : zero + w
            body += "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + 12))\" text-anchor=\"end\">\(row.label.htmlEscaped)</text>\n"
            body +=
                "<rect x=\"\(n(x))\" y=\"\(n(y + 2))\" width=\"\(n(abs(w)))\" height=\"\(n(rowHeight - 5))\" fill=\"\(w >= 0 ? "#2a7" : "#c55")\">"
            body += "<title>\(row.label.htmlEscaped): log2(m/u) = \(String(format: "%.2f", row.weight)), m = \(String(format: "%.4f", row.m)), "
            body += "u = \(String(format: "%.6f", row.u))</title></rect>\n"
            body += "<text x=\"\(n(w >= 0 ? zero + w + 3 : zero + w - 3))\" y=\"\(n(y + 12))\" text-anchor=\"\(w >= 0 ? "start" : "end")\" "
            body += "fill=\"#555\">\(String(format: "%.1f", row.weight))</text>\n"
        }
        body += "<line x1=\"\(n(zero))\" y1=\"\(n(top))\" x2=\"\(n(zero))\" y2=\"\(n(height - 26))\" stroke=\"#333\"/>\n"
        body += "<text x=\"\(n(zero))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">log2(m/u) per comparison level (bits)</text>\n"
        let description = rows.map { "\($0.label): \(String(format: "%.2f", $0.weight))" }.joined(separator: "; ")
        return frame(width: width, height: height, title: "Evidence of each comparison level", description: description, body: body)
    }
}
