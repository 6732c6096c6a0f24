extension CatalogDiff {
    /// The diff as a person reads it, one line per change, `+` added, `-` removed, `~` changed.
    public func renderedAsText() -> String {
        var lines = ["Catalog \(from) -> \(to)"]
        if isEmpty { return (lines + ["No change."]).joined(separator: "\n") }
        lines += addedTables.map { "+ table \($0)" }
        lines += removedTables.map { "- table \($0)" }
        for table in changedTables {
            lines.append("~ table \(table.table)")
            lines += table.changes.map { "    ~ \($0.attribute): \($0.before.quotedForDiff) -> \($0.after.quotedForDiff)" }
            lines += table.addedVariables.map { "    + \(table.table).\($0)" }
            lines += table.removedVariables.map { "    - \(table.table).\($0)" }
            for variable in table.changedVariables {
                lines.append("    ~ \(table.table).\(variable.variable)")
                lines += variable.changes.map { "        \($0.attribute): \($0.before.quotedForDiff) -> \($0.after.quotedForDiff)" }
            }
        }
        lines += addedNomenclatures.map { "+ nomenclature \($0)" }
        lines += removedNomenclatures.map { "- nomenclature \($0)" }
        lines += changedNomenclatures.map { "~ nomenclature \($0)" }
        let variables = changedTables.reduce(into: (0, 0, 0)) { sum, table in
            sum.0 += table.addedVariables.count
            sum.1 += table.removedVariables.count
            sum.2 += table.changedVariables.count
        }
        lines.append(
            "Tables: \(addedTables.count) added, \(removedTables.count) removed, \(changedTables.count) changed; "
                + "variables: \(variables.0) added, \(variables.1) removed, \(variables.2) changed; "
                + "nomenclatures: \(addedNomenclatures.count) added, \(removedNomenclatures.count) removed, \(changedNomenclatures.count) changed")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var quotedForDiff: String { isEmpty ? "(empty)" : "\"\(self)\"" }
}
