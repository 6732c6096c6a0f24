import Core
import Foundation

extension QualityReport {
    /// The report as JSON (dates ISO 8601, keys sorted so that two reports diff well).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// A summary for a terminal: one line per table, then each failed or skipped rule with its first examples.
    public func text() -> String {
        var lines = ["Quality of \(tables.count) table(s) on \(engine) against catalog \(catalogVersion)"]
        for table in tables {
            let failed = table.allRules.filter { $0.status == .failed }
            let blocking = failed.filter { $0.severity == .blocking }.count
            let rows = table.rowCount.map { "\($0) rows" } ?? "missing"
            lines.append("\(table.name): \(rows), \(failed.count) failed rule(s), \(blocking) blocking")
            for rule in table.allRules where rule.status != .passed {
                let mark = rule.status == .skipped ? "skipped" : rule.severity.rawValue
                let subject = rule.subject.isEmpty ? "" : " \(rule.subject)"
                let counts = rule.status == .failed ? ": \(rule.failures) of \(rule.checked)" : ""
                lines.append("  [\(mark)] \(rule.rule)\(subject)\(counts) — \(rule.detail)")
                for example in rule.examples.prefix(3) {
                    lines.append("      " + zip(example.columns, example.values).map { "\($0)=\($1 ?? "NULL")" }.joined(separator: " "))
                }
            }
        }
        lines.append(hasBlockingFailure ? "Blocking rules failed." : "No blocking rule failed.")
        return lines.joined(separator: "\n")
    }

    /// A self-contained page (styles inline, no script, no external asset), every text escaped.
    public func html() -> String {
        let dateText = ISO8601DateFormatter().string(from: checkedAt)
        var body = """
            <h1>Quality report</h1>
            <p>Catalog <b>\(catalogVersion.htmlEscaped)</b>, engine <code>\(engine.htmlEscaped)</code>, checked \(dateText.htmlEscaped).
            <span class="\(hasBlockingFailure ? "blocking" : "passed")">\(hasBlockingFailure ? "Blocking rules failed." : "No blocking rule failed.")</span></p>
            <table><tr><th>Table</th><th>Rows</th><th>Failed rules</th><th>Blocking</th></tr>
            """
        for table in tables {
            let failed = table.allRules.filter { $0.status == .failed }
            body +=
                "<tr><td><a href=\"#t-\(table.name.htmlEscaped)\">\(table.name.htmlEscaped)</a></td><td>\(table.rowCount.map(String.init) ?? "missing")</td>"
            body += "<td>\(failed.count)</td><td>\(failed.filter { $0.severity == .blocking }.count)</td></tr>\n"
        }
        body += "</table>\n"
        for table in tables {
            body += "<h2 id=\"t-\(table.name.htmlEscaped)\">\(table.name.htmlEscaped)</h2>\n"
            if !table.columns.isEmpty {
                body += "<table><tr><th>Column</th><th>Catalog type</th><th>Declared type</th><th>Nulls</th><th>Null rate</th></tr>\n"
                for column in table.columns {
                    let rate = column.nullRate.map { String(format: "%.1f %%", $0 * 100) } ?? ""
                    body +=
                        "<tr><td>\(column.name.htmlEscaped)</td><td>\((column.catalogType ?? "").htmlEscaped)</td><td>\((column.declaredType ?? "missing").htmlEscaped)</td>"
                    body += "<td>\(column.nullCount.map(String.init) ?? "")</td><td>\(rate)</td></tr>\n"
                }
                body += "</table>\n"
            }
            body += "<table><tr><th>Rule</th><th>Subject</th><th>Severity</th><th>Status</th><th>Failures</th><th>Checked</th><th>Detail</th></tr>\n"
            for rule in table.allRules {
                let status = rule.status == .failed ? rule.severity.rawValue : rule.status.rawValue
                body +=
                    "<tr class=\"\(status)\"><td>\(rule.rule.htmlEscaped)</td><td>\(rule.subject.htmlEscaped)</td><td>\(rule.severity.rawValue)</td>"
                body += "<td>\(rule.status.rawValue)</td><td>\(rule.failures)</td><td>\(rule.checked)</td><td>\(rule.detail.htmlEscaped)</td></tr>\n"
                if !rule.examples.isEmpty, let columns = rule.examples.first?.columns {
                    body += "<tr><td></td><td colspan=\"6\"><table class=\"examples\"><tr>"
                    body += columns.map { "<th>\($0.htmlEscaped)</th>" }.joined() + "</tr>"
                    for example in rule.examples {
                        body += "<tr>" + example.values.map { "<td>\($0.map(\.htmlEscaped) ?? "<i>NULL</i>")</td>" }.joined() + "</tr>"
                    }
                    body += "</table></td></tr>\n"
                }
            }
            body += "</table>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Quality report — \(catalogVersion.htmlEscaped)</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            .blocking { background: #fdd; } .warning { background: #ffefc2; } .passed { background: #e6f6e6; } .skipped { color: #777; }
            table.examples { margin: 0; font-size: 0.9em; }
            </style></head><body>
            \(body)</body></html>
            """
    }
}
