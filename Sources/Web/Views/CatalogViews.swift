import Catalog
import Core
import Foundation

/// The catalog's HTML pages, as pure functions of what the repository returned.
enum CatalogViews {
    static func statisticsCards(_ stats: CatalogStatistics) -> String {
        let cards = [
            ("products", stats.products), ("tables", stats.tables), ("variables", stats.fields), ("joins", stats.foreignKeys),
            ("nomenclatures", stats.nomenclatures), ("codes", stats.nomenclatureEntries),
        ]
        return "<div class=\"cards\">" + cards.map { "<div class=\"card\"><b>\($0.1)</b>\($0.0)</div>" }.joined() + "</div>"
    }

    static func index(version: CatalogVersion, stats: CatalogStatistics, products: [ProductSummary], links: CatalogLinks) -> String {
        let rows = products.map { [link(links.product($0.name), $0.name), String($0.tables), String($0.fields)] }
        let warnings =
            version.warnings.isEmpty
            ? ""
            : "<p class=\"warning\">The import reported \(version.warnings.count) warning(s): see <a href=\"/catalog/versions\">versions</a>.</p>"
        return Layout.page(
            title: "Catalog", version: version,
            body: """
                <h1>Catalog</h1>
                \(statisticsCards(stats))
                \(warnings)
                <h2>Products</h2>
                \(htmlTable(headers: ["Product", "Tables", "Variables"], rows: rows, raw: true))
                """)
    }

    static func product(_ name: String, tables: [TableSummary], version: CatalogVersion, links: CatalogLinks) -> String {
        let rows = tables.map { [link(links.table($0.name), $0.name), escape($0.title), String($0.fields)] }
        return Layout.page(
            title: name, version: version,
            body: """
                <p class="muted">\(link(links.index, "Catalog")) › product</p>
                <h1>\(escape(name))</h1>
                \(htmlTable(headers: ["Table", "Title", "Variables"], rows: rows, raw: true))
                """)
    }

    static func table(_ detail: TableDetail, version: CatalogVersion, links: CatalogLinks) -> String {
        let table = detail.table
        let fieldRows = detail.fields.map { field in
            [
                link(links.variable(table.name, field.name), field.name), escape(field.description), escape(field.type),
                escape(field.lengthText ?? ""),
                field.nomenclatureName.map { link(links.nomenclature($0), field.nomenclatureReference ?? $0) } ?? "",
                escape(historyText(field.history)),
            ]
        }
        let joinRows = detail.joins.map { join in
            [
                join.direction == .outgoing ? "→ references" : "← referenced by",
                join.resolved
                    ? link(links.table(join.table), join.table) : escape(join.table) + " <span class=\"warning\">(not in the catalog)</span>",
                escape(zip(join.fields, join.otherFields).map { $0 == $1 ? $0 : "\($0) = \($1)" }.joined(separator: " + ")),
            ]
        }
        let sharedRows = detail.sharedVariables.map { shared in
            [
                link(links.variable(table.name, shared.name), shared.name),
                shared.tables.prefix(15).map { link(links.table($0), $0) }.joined(separator: ", ")
                    + (shared.tables.count > 15 ? " and \(shared.tables.count - 15) more" : ""),
            ]
        }
        var facts: [(String, String)] = [("Product", link(links.product(table.product), table.product))]
        if !table.scope.isEmpty { facts.append(("Scope", escape(table.scope))) }
        if !table.primaryKey.isEmpty { facts.append(("Primary key", "<code>\(escape(table.primaryKey.joined(separator: " + ")))</code>")) }
        facts.append(("History", escape(historyText(table.history))))
        facts = facts.filter { !$0.1.isEmpty }
        if !table.observation.isEmpty { facts.append(("Observation", escape(table.observation))) }
        facts.append(("Schema file", "<code>\(escape(table.sourcePath))</code>"))
        return Layout.page(
            title: table.name, version: version,
            body: """
                <p class="muted">\(link(links.index, "Catalog")) › \(link(links.product(table.product), table.product)) › table</p>
                <h1>\(escape(table.name))</h1>
                <p>\(escape(table.title))</p>
                <dl>\(facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined())</dl>
                <h2>Variables (\(detail.fields.count))</h2>
                \(htmlTable(headers: ["Name", "Description", "Type", "Length", "Nomenclature", "History"], rows: fieldRows, raw: true))
                <h2>Joins (\(detail.joins.count)) <small>\(link(links.joinGraph(table.name), "graph alone (SVG)"))</small></h2>
                <div class="graph">\(JoinGraphSVG.render(table: table.name, joins: detail.joins, links: links))</div>
                \(joinRows.isEmpty ? "" : htmlTable(headers: ["Direction", "Table", "On"], rows: joinRows, raw: true))
                <h2>Variables shared with other tables (\(detail.sharedVariables.count))</h2>
                <p class="muted">A variable of the same name in another table is often a way to join them even without a declared key.</p>
                \(sharedRows.isEmpty ? "<p>None.</p>" : htmlTable(headers: ["Variable", "Also in"], rows: sharedRows, raw: true))
                """)
    }

    static func variable(_ detail: VariableDetail, version: CatalogVersion, links: CatalogLinks) -> String {
        let variable = detail.variable
        var facts: [(String, String)] = [
            ("Table", link(links.table(detail.table.name), detail.table.name) + " — " + escape(detail.table.title)),
            (
                "Type",
                escape(variable.type) + (variable.oracleType.isEmpty ? "" : " <span class=\"muted\">(Oracle: \(escape(variable.oracleType)))</span>")
            ),
            ("Length", escape(variable.lengthText ?? "—")), ("Format", escape(variable.format)),
            ("Nomenclature", variable.nomenclatureName.map { link(links.nomenclature($0), variable.nomenclatureReference ?? $0) } ?? "—"),
            ("History", historyText(variable.history).isEmpty ? "—" : escape(historyText(variable.history))),
        ]
        if let constraints = variable.constraints { facts.append(("Constraints", "<code>\(escape(constraints))</code>")) }
        if !variable.managementRule.isEmpty { facts.append(("Management rule", escape(variable.managementRule))) }
        if !variable.observation.isEmpty { facts.append(("Observation", escape(variable.observation))) }
        if let extra = variable.extra { facts.append(("Other keys", "<code>\(escape(extra))</code>")) }
        let also =
            detail.alsoIn.isEmpty
            ? ""
            : "<h2>Also in \(detail.alsoIn.count) other table(s)</h2><p>"
                + detail.alsoIn.map { link(links.variable($0, variable.name), $0) }.joined(separator: ", ") + "</p>"
        var codes = ""
        if let nomenclature = detail.nomenclature {
            codes =
                "<h2>Codes: \(link(links.nomenclature(nomenclature.name), nomenclature.name)) — \(escape(nomenclature.title))</h2>"
                + (detail.sampleEntries.isEmpty
                    ? "<p class=\"warning\">This nomenclature's codes were not loaded (its CSV was missing).</p>"
                    : htmlTable(headers: ["Code", "Label"], rows: detail.sampleEntries.map { [$0.code, $0.label] })
                        + "<p>\(link(links.nomenclature(nomenclature.name), "All codes and lookup"))</p>")
        }
        return Layout.page(
            title: "\(detail.table.name).\(variable.name)", version: version,
            body: """
                <p class="muted">\(link(links.index, "Catalog")) › \(link(links.table(detail.table.name), detail.table.name)) › variable</p>
                <h1>\(escape(variable.name))</h1>
                <p>\(escape(variable.description.isEmpty ? "(no description in the schema)" : variable.description))</p>
                <dl>\(facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined())</dl>
                \(codes)
                \(also)
                """)
    }

    static func search(query: String, matches: [VariableMatch], version: CatalogVersion, links: CatalogLinks) -> String {
        let rows = matches.map { match in
            [
                link(links.variable(match.table, match.field), match.field),
                link(links.table(match.table), match.table),
                escape(match.description)
                    + (match.matchedEntry.map { entry in
                        " <span class=\"muted\">— code <code>\(escape(entry.code))</code> “\(escape(entry.label))” of \(escape(match.nomenclature ?? ""))</span>"
                    } ?? ""),
                "<span class=\"score\">\(String(format: "%.2f", match.score))</span>",
            ]
        }
        let body: String
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            body = "<p>Type words to look for in variable names, descriptions and nomenclature labels.</p>"
        } else if matches.isEmpty {
            body = "<p>No variable matches “\(escape(query))”.</p>"
        } else {
            body = htmlTable(headers: ["Variable", "Table", "Description", "Score"], rows: rows, raw: true)
        }
        return Layout.page(
            title: "Search: \(query)", version: version, query: query,
            body: """
                <h1>Variables matching “\(escape(query))”</h1>
                <p class="muted">Accents, case and plurals are ignored; English words also find their French equivalents.</p>
                \(body)
                """)
    }

    static func nomenclatures(_ list: [Nomenclature], filter: String, version: CatalogVersion, links: CatalogLinks) -> String {
        let rows = list.map {
            [
                link(links.nomenclature($0.name), $0.name), escape($0.source), escape($0.title),
                $0.isLoaded ? "yes" : "<span class=\"warning\">no CSV</span>",
            ]
        }
        return Layout.page(
            title: "Nomenclatures", version: version,
            body: """
                <h1>Nomenclatures (\(list.count))</h1>
                <form method="get"><input name="filter" value="\(escape(filter))" placeholder="name or title"> <button>Filter</button></form>
                \(htmlTable(headers: ["Name", "Source", "Title", "Codes loaded"], rows: rows, raw: true))
                """)
    }

    static func nomenclature(
        _ detail: NomenclatureDetail, entries: [NomenclatureEntry], code: String, label: String, version: CatalogVersion, links: CatalogLinks
    ) -> String {
        let nomenclature = detail.nomenclature
        let columns = nomenclature.columns.map { "<code>\(escape($0.name))</code>" + ($0.role.map { " (\(escape($0)))" } ?? "") }
        let used = detail.usedBy.map { reference -> String in
            let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            return parts.count == 2 ? link(links.variable(parts[0], parts[1]), reference) : escape(reference)
        }
        let lookingUp = !code.isEmpty || !label.isEmpty
        return Layout.page(
            title: nomenclature.name, version: version,
            body: """
                <p class="muted">\(link("/catalog/nomenclatures", "Nomenclatures")) › \(escape(nomenclature.source))</p>
                <h1>\(escape(nomenclature.name))</h1>
                <p>\(escape(nomenclature.title))</p>
                <dl><dt>Columns</dt><dd>\(columns.joined(separator: ", "))</dd><dt>Entries</dt><dd>\(detail.entries)</dd>
                <dt>Used by</dt><dd>\(used.isEmpty ? "—" : used.joined(separator: ", "))</dd></dl>
                \(nomenclature.isLoaded ? "" : "<p class=\"warning\">Its CSV was missing at import: only its schema is known.</p>")
                <form method="get">
                <input name="code" value="\(escape(code))" placeholder="code"> <input name="label" value="\(escape(label))" placeholder="words of the label">
                <button>Look up</button>
                </form>
                \(lookingUp && entries.isEmpty ? "<p>No entry matches.</p>" : "")
                \(entries.isEmpty ? "" : htmlTable(headers: ["Code", "Label", "Line"], rows: entries.map { [$0.code, $0.label, String($0.line)] }))
                """)
    }

    static func versions(_ versions: [CatalogVersion], current: CatalogVersion?) -> String {
        let rows = versions.map { version in
            [
                link("/catalog?version=\(encodeComponent(version.name))", version.name), escape(version.importedAt.formatted(.iso8601)),
                escape(version.source) + (version.isSample ? " <b>(sample)</b>" : ""), String(version.warnings.count),
            ]
        }
        let warnings = (current?.warnings ?? []).map { [$0.location.description, $0.message, $0.kind.rawValue] }
        let diffForm =
            versions.count < 2
            ? ""
            : """
            <h2>Compare two versions</h2>
            <form action="/catalog/diff" method="get">
            <select name="from">\(versions.map { "<option>\(escape($0.name))</option>" }.joined())</select> →
            <select name="to">\(versions.map { "<option>\(escape($0.name))</option>" }.joined())</select>
            <button>Diff</button></form>
            """
        return Layout.page(
            title: "Versions", version: current,
            body: """
                <h1>Catalog versions</h1>
                \(htmlTable(headers: ["Version", "Imported", "Source", "Warnings"], rows: rows, raw: true))
                \(diffForm)
                \(current.map { "<h2>Warnings of \(escape($0.name)) (\(warnings.count))</h2>" } ?? "")
                \(warnings.isEmpty ? "" : htmlTable(headers: ["Where", "What", "Kind"], rows: warnings))
                """)
    }

    static func diff(_ diff: CatalogDiff, version: CatalogVersion?) -> String {
        Layout.page(
            title: "Diff \(diff.from) → \(diff.to)", version: version,
            body: """
                <h1>Changes from \(escape(diff.from)) to \(escape(diff.to))</h1>
                <pre>\(escape(diff.renderedAsText()))</pre>
                """)
    }

    static func historyText(_ history: CatalogTable.History) -> String {
        var parts: [String] = []
        if !history.created.isEmpty { parts.append("since \(history.created)") }
        if !history.deleted.isEmpty { parts.append("until \(history.deleted)") }
        if !history.missing.isEmpty { parts.append("missing \(history.missing.joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }
}
