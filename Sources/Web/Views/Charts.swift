import Foundation

/// A value of a chart: a bar, a point, a slice.
struct ChartPoint: Hashable, Sendable {
    var label: String
    var value: Double

    init(_ label: String, _ value: Double) {
        self.label = label
        self.value = value
    }
}

/// One line of a line chart: a value per category.
struct ChartSeries: Hashable, Sendable {
    var name: String
    var values: [Double]
}

/// A chart's words, in the page's language: the charts hold none of their own.
struct ChartText: Hashable, Sendable {
    /// Unique on the page: the `<title>` and `<desc>` are referenced by it.
    var id: String
    var title: String
    /// What the chart shows, read by screen readers before the values.
    var description: String
    var xAxis: String = ""
    var yAxis: String = ""
    /// Said after a value in its tooltip (`12 publications`).
    var unit: String = ""
    /// Shown when there is nothing to draw.
    var empty: String = "—"
}

/// SVG charts drawn on the server: no script, no external font or style sheet.
///
/// Each is an `<svg role="img">` labelled by its `<title>` and `<desc>` (the desc lists the values, for screen
/// readers); each bar, point and slice has a `<title>` its tooltip shows on hover; a `viewBox` with
/// `width="100%"` scales it down to a phone. Styling is by attributes, not `<style>`, whose rules would leak
/// into the page the SVG is inlined in. Colours are the Okabe–Ito palette, told apart by colour-blind readers.
enum Charts {
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    static let axisColour = "#5b6b7b"
    static let textColour = "#1f2933"

    /// Vertical bars, one per point in order: publications per year.
    static func columns(_ points: [ChartPoint], text: ChartText) -> String {
        let (width, height) = (640.0, 340.0)
        let plot = Plot(left: 56, top: 40, right: width - 16, bottom: height - 56)
        guard !points.isEmpty else { return frame(width: width, height: height, text: text, points: [], body: emptyNote(text, width, height)) }
        let scale = Scale(maximum: points.map(\.value).max() ?? 0)
        var body = plot.valueAxis(scale, label: text.yAxis) + plot.categoryAxis(label: text.xAxis)
        let slot = plot.width / Double(points.count)
        let barWidth = max(1, slot * 0.72)
        let labelEvery = max(1, Int((Double(points.count) * 34 / plot.width).rounded(.up)))
        for (index, point) in points.enumerated() {
            let x = plot.left + slot * Double(index) + (slot - barWidth) / 2
            let y = plot.y(point.value, scale)
            body += """
                <g><title>\(tooltip(point, text))</title><rect x="\(f(x))" y="\(f(y))" width="\(f(barWidth))" height="\(f(plot.bottom - y))" \
                fill="\(palette[0])"/></g>
                """
            if index % labelEvery == 0 {
                body +=
                    "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(plot.bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(svgEscape(point.label))</text>"
            }
        }
        return frame(width: width, height: height, text: text, points: points, body: body)
    }

    /// Lines over shared categories (years), one per series, with a legend: publications per database.
    static func lines(categories: [String], series: [ChartSeries], text: ChartText) -> String {
        let (width, height) = (640.0, 360.0)
        let legendRows = (series.count + 2) / 3
        let plot = Plot(left: 56, top: 40, right: width - 16, bottom: height - 56 - Double(legendRows) * 18)
        let values = series.flatMap(\.values)
        let listed = series.flatMap { line in zip(categories, line.values).map { ChartPoint("\(line.name), \($0)", $1) } }
        guard !categories.isEmpty, !values.isEmpty else {
            return frame(width: width, height: height, text: text, points: [], body: emptyNote(text, width, height))
        }
        let scale = Scale(maximum: values.max() ?? 0)
        var body = plot.valueAxis(scale, label: text.yAxis) + plot.categoryAxis(label: text.xAxis)
        // One category is drawn in the middle rather than divided by zero.
        let step = categories.count > 1 ? plot.width / Double(categories.count - 1) : 0
        let x = { (index: Int) in categories.count > 1 ? plot.left + step * Double(index) : plot.left + plot.width / 2 }
        let labelEvery = max(1, Int((Double(categories.count) * 34 / plot.width).rounded(.up)))
        for (index, category) in categories.enumerated() where index % labelEvery == 0 {
            body += "<text x=\"\(f(x(index)))\" y=\"\(f(plot.bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(svgEscape(category))</text>"
        }
        for (number, line) in series.enumerated() {
            let colour = palette[number % palette.count]
            let points = zip(categories.indices, line.values).map { (x($0), plot.y($1, scale)) }
            let path = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            body += "<g><title>\(svgEscape(line.name))</title>"
            if points.count > 1 { body += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>" }
            for (index, point) in points.enumerated() {
                let value = ChartPoint("\(line.name), \(categories[index])", line.values[index])
                body +=
                    "<g><title>\(tooltip(value, text))</title><circle cx=\"\(f(point.0))\" cy=\"\(f(point.1))\" r=\"3.5\" fill=\"\(colour)\"/></g>"
            }
            body += "</g>"
            let legendX = 16 + Double(number % 3) * (width - 32) / 3
            let legendY = plot.bottom + 44 + Double(number / 3) * 18
            body += """
                <rect x="\(f(legendX))" y="\(f(legendY - 9))" width="12" height="12" fill="\(colour)"/>\
                <text x="\(f(legendX + 18))" y="\(f(legendY + 1))" font-size="12">\(svgEscape(truncated(line.name, 28)))</text>
                """
        }
        return frame(width: width, height: height, text: text, points: listed, body: body)
    }

    /// Horizontal bars, one row per point, labels on the left: a top-N list.
    static func horizontalBars(_ points: [ChartPoint], text: ChartText) -> String {
        let width = 640.0
        let rowHeight = 26.0
        let height = 48 + rowHeight * Double(max(points.count, 1)) + 12
        guard !points.isEmpty else { return frame(width: width, height: 120, text: text, points: [], body: emptyNote(text, width, 120)) }
        let labelWidth = 230.0
        let plot = Plot(left: labelWidth, top: 40, right: width - 64, bottom: height - 12)
        let maximum = points.map(\.value).max() ?? 0
        var body = ""
        for (index, point) in points.enumerated() {
            let y = plot.top + rowHeight * Double(index)
            let length = maximum > 0 ? plot.width * max(0, point.value) / maximum : 0
            body += """
                <g><title>\(tooltip(point, text))</title>\
                <text x="\(f(labelWidth - 8))" y="\(f(y + rowHeight / 2 + 4))" text-anchor="end" font-size="12">\(svgEscape(truncated(point.label, 34)))</text>\
                <rect x="\(f(labelWidth))" y="\(f(y + 4))" width="\(f(length))" height="\(f(rowHeight - 8))" fill="\(palette[0])"/>\
                <text x="\(f(labelWidth + length + 6))" y="\(f(y + rowHeight / 2 + 4))" font-size="12">\(number(point.value))</text></g>
                """
        }
        body += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(plot.top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(plot.bottom))\" stroke=\"\(axisColour)\"/>"
        return frame(width: width, height: height, text: text, points: points, body: body)
    }

    /// Parts of a whole as a donut, each slice with its percentage: open access by status.
    static func donut(_ points: [ChartPoint], text: ChartText) -> String {
        let width = 640.0
        let height = max(260, 64 + 20 * Double(points.count))
        let total = points.reduce(0) { $0 + max(0, $1.value) }
        guard total > 0 else { return frame(width: width, height: height, text: text, points: points, body: emptyNote(text, width, height)) }
        let (cx, cy, outer, inner) = (150.0, height / 2 + 12, 96.0, 56.0)
        var body = ""
        var start = -Double.pi / 2
        for (index, point) in points.enumerated() where point.value > 0 {
            let colour = palette[index % palette.count]
            let fraction = point.value / total
            let end = start + fraction * 2 * Double.pi
            let label = "\(tooltip(point, text)) (\(percent(fraction)))"
            let shape: String
            if fraction >= 0.9999 {
                // A whole ring: an arc from a point to itself draws nothing.
                shape =
                    "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f((outer + inner) / 2))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(f(outer - inner))\"/>"
            } else {
                let large = end - start > Double.pi ? 1 : 0
                shape = """
                    <path d="M\(f(cx + outer * cos(start))),\(f(cy + outer * sin(start))) A\(f(outer)),\(f(outer)) 0 \(large) 1 \
                    \(f(cx + outer * cos(end))),\(f(cy + outer * sin(end))) L\(f(cx + inner * cos(end))),\(f(cy + inner * sin(end))) \
                    A\(f(inner)),\(f(inner)) 0 \(large) 0 \(f(cx + inner * cos(start))),\(f(cy + inner * sin(start))) Z" fill="\(colour)" stroke="#fff"/>
                    """
            }
            body += "<g><title>\(label)</title>\(shape)</g>"
            start = end
        }
        for (index, point) in points.enumerated() {
            let y = 52 + 20 * Double(index)
            body += """
                <rect x="290" y="\(f(y - 10))" width="12" height="12" fill="\(palette[index % palette.count])"/>\
                <text x="310" y="\(f(y))" font-size="12">\(svgEscape(truncated(point.label, 30))): \(number(point.value)) (\(percent(point.value / total)))</text>
                """
        }
        return frame(width: width, height: height, text: text, points: points, body: body)
    }

    // MARK: - Parts

    /// The `<svg>` around a chart: its accessible name and description, the visible title.
    static func frame(width: Double, height: Double, text: ChartText, points: [ChartPoint], body: String) -> String {
        let id = identifier(text.id)
        let values = points.map { "\($0.label): \(number($0.value))" }.joined(separator: "; ")
        let description = values.isEmpty ? text.description : "\(text.description) \(values)."
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" width="100%" style="max-width:\(f(width))px" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" fill="\(textColour)">\
            <title id="\(id)-title">\(svgEscape(text.title))</title><desc id="\(id)-desc">\(svgEscape(description))</desc>\
            <text x="16" y="22" font-size="15" font-weight="600">\(svgEscape(text.title))</text>\(body)</svg>
            """
    }

    static func emptyNote(_ text: ChartText, _ width: Double, _ height: Double) -> String {
        "<text x=\"\(f(width / 2))\" y=\"\(f(height / 2))\" text-anchor=\"middle\" font-size=\"13\" fill=\"\(axisColour)\">\(svgEscape(text.empty))</text>"
    }

    static func tooltip(_ point: ChartPoint, _ text: ChartText) -> String {
        svgEscape("\(point.label): \(number(point.value))" + (text.unit.isEmpty ? "" : " \(text.unit)"))
    }

    /// The drawing area and its axes.
    struct Plot {
        var left: Double
        var top: Double
        var right: Double
        var bottom: Double

        var width: Double { right - left }
        var height: Double { bottom - top }

        func y(_ value: Double, _ scale: Scale) -> Double { bottom - height * max(0, value) / scale.maximum }

        func valueAxis(_ scale: Scale, label: String) -> String {
            var axis = ""
            for tick in scale.ticks {
                let y = y(tick, scale)
                axis += """
                    <line x1="\(f(left))" y1="\(f(y))" x2="\(f(right))" y2="\(f(y))" stroke="#e3e8ee"/>\
                    <text x="\(f(left - 6))" y="\(f(y + 4))" text-anchor="end" font-size="11">\(number(tick))</text>
                    """
            }
            axis += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"\(Charts.axisColour)\"/>"
            if !label.isEmpty {
                axis += """
                    <text x="12" y="\(f(top + height / 2))" transform="rotate(-90 12 \(f(top + height / 2)))" text-anchor="middle" font-size="12">\
                    \(svgEscape(label))</text>
                    """
            }
            return axis
        }

        func categoryAxis(label: String) -> String {
            var axis = "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"\(Charts.axisColour)\"/>"
            if !label.isEmpty {
                axis +=
                    "<text x=\"\(f(left + width / 2))\" y=\"\(f(bottom + 40))\" text-anchor=\"middle\" font-size=\"12\">\(svgEscape(label))</text>"
            }
            return axis
        }
    }

    /// A value axis from 0 to a round maximum, with ticks at round steps (1, 2 or 5 times a power of ten).
    struct Scale {
        var maximum: Double
        var ticks: [Double]

        init(maximum value: Double) {
            guard value.isFinite, value > 0 else {
                maximum = 1
                ticks = [0, 1]
                return
            }
            let rough = value / 5
            let magnitude = pow(10, (log10(rough)).rounded(.down))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
            let top = (value / step).rounded(.up) * step
            maximum = top
            ticks = stride(from: 0.0, through: top + step / 2, by: step).map { $0 }
        }
    }

    // MARK: - Text

    /// Text safe in SVG: escaped as HTML, and without the control characters XML forbids (a stray one in a
    /// title would make the whole image unreadable).
    static func svgEscape(_ text: String) -> String {
        escape(String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }.map(Character.init)))
    }

    /// An id attribute: letters, digits and hyphens only.
    static func identifier(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" }
        return kept.isEmpty ? "chart" : "chart-" + String(String.UnicodeScalarView(kept))
    }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    /// A whole number without decimals, else one decimal.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.1f", value)
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        return String(format: "%.1f %%", fraction * 100)
    }

    /// A coordinate with one decimal: enough on screen, and a tenth of the bytes of full precision.
    static func f(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return String(format: "%.1f", value)
    }
}
