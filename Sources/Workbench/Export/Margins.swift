import Foundation

/// A cell of an export table: its data row (0-based) and column.
public struct CellPosition: Hashable, Comparable, Sendable, Codable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public static func < (lhs: CellPosition, rhs: CellPosition) -> Bool { (lhs.row, lhs.column) < (rhs.row, rhs.column) }
}

/// One additive relation a table publishes: a margin cell equal to the sum of its member cells.
///
/// Every suppressed cell caught in such relations can be recomputed when the relations, taken together,
/// pin it down: the whole point of secondary disclosure.
public struct MarginConstraint: Hashable, Sendable {
    public var total: CellPosition
    public var members: [CellPosition]
    /// A total row (its cells in one column) or a total column (its cells in one row).
    public var isRowMargin: Bool
    /// Says which margin it is, for messages: "the total row at line 9" or "the total column Total".
    public var description: String

    public var cells: [CellPosition] { [total] + members }
}

/// Finds the margins of a table: rows and columns of totals, named (`Total`, `Ensemble`, `All`) or recomputed
/// (a row or column equal to the sum of the others).
enum MarginFinder {
    /// The additive relations of `table`, whose count columns are `countColumns` (the others are labels).
    /// `labelColumns` are the dimensions (a rate or a mean column is neither a count nor a label).
    static func constraints(of table: ExportTable, countColumns: [Int], labelColumns: [Int], cells: [[ExportCell]]) -> [MarginConstraint] {
        rowMargins(table, labelColumns: labelColumns, countColumns: countColumns, cells: cells)
            + columnMargins(table, countColumns: countColumns, cells: cells)
    }

    /// Total rows: a row whose label says total in some label columns is the sum of the rows that agree with it on
    /// the other label columns (so a table of sex by age with subtotals per sex gets one relation per subtotal).
    /// Without such a label, a row equal to the sum of all the others is taken as the total.
    private static func rowMargins(
        _ table: ExportTable, labelColumns: [Int], countColumns: [Int], cells: [[ExportCell]]
    ) -> [MarginConstraint] {
        let isTotal = table.rows.map { row in labelColumns.map { ExportVocabulary.isTotalLabel(row[$0]) } }
        var constraints: [MarginConstraint] = []
        for (totalRow, flags) in isTotal.enumerated() where flags.contains(true) {
            let members = table.rows.indices.filter { candidate in
                candidate != totalRow
                    && labelColumns.indices.allSatisfy { position in
                        let column = labelColumns[position]
                        if flags[position] { return !isTotal[candidate][position] }
                        return !isTotal[candidate][position] && table.rows[candidate][column] == table.rows[totalRow][column]
                    }
            }
            guard !members.isEmpty else { continue }
            for column in countColumns {
                constraints.append(
                    MarginConstraint(
                        total: CellPosition(row: totalRow, column: column),
                        members: members.map { CellPosition(row: $0, column: column) }, isRowMargin: true,
                        description: "the total row at line \(table.lines[totalRow]) (column \(table.header[column]))"))
            }
        }
        if !constraints.isEmpty || table.rows.count < 3 { return constraints }
        // No named total row: look for one row equal to the sum of all the others in every column where both are known.
        for candidate in table.rows.indices {
            var matched = 0
            var contradicted = false
            for column in countColumns {
                guard let total = cells[candidate][column].count else { continue }
                let others = table.rows.indices.filter { $0 != candidate }.map { cells[$0][column].count }
                guard others.allSatisfy({ $0 != nil }) else { continue }
                let sum = others.reduce(0) { $0 + $1! }
                if sum == total, total > 0 { matched += 1 } else { contradicted = true }
            }
            if matched > 0, !contradicted {
                let members = table.rows.indices.filter { $0 != candidate }
                return countColumns.map { column in
                    MarginConstraint(
                        total: CellPosition(row: candidate, column: column),
                        members: members.map { CellPosition(row: $0, column: column) }, isRowMargin: true,
                        description: "line \(table.lines[candidate]), the sum of the other rows (column \(table.header[column]))")
                }
            }
        }
        return []
    }

    /// Total columns: a count column named as a total is, in each row, the sum of the other count columns; without
    /// one, a count column equal in every row to the sum of the others (three count columns at least) is taken as it.
    private static func columnMargins(_ table: ExportTable, countColumns: [Int], cells: [[ExportCell]]) -> [MarginConstraint] {
        var totals = countColumns.filter { ExportVocabulary.isTotalLabel(table.header[$0]) }
        var members = countColumns.filter { !totals.contains($0) }
        if totals.isEmpty, countColumns.count >= 3 {
            for candidate in countColumns {
                let others = countColumns.filter { $0 != candidate }
                var matched = 0
                var contradicted = false
                for row in table.rows.indices {
                    guard let total = cells[row][candidate].count else { continue }
                    let values = others.map { cells[row][$0].count }
                    guard values.allSatisfy({ $0 != nil }) else { continue }
                    if values.reduce(0, { $0 + $1! }) == total, total > 0 { matched += 1 } else { contradicted = true }
                }
                if matched > 0, !contradicted {
                    totals = [candidate]
                    members = others
                    break
                }
            }
        }
        guard totals.count == 1, let total = totals.first, members.count >= 1 else { return [] }
        return table.rows.indices.map { row in
            MarginConstraint(
                total: CellPosition(row: row, column: total),
                members: members.map { CellPosition(row: row, column: $0) }, isRowMargin: false,
                description: "the total column \(table.header[total]) at line \(table.lines[row])")
        }
    }
}

/// Which unknown cells a set of additive relations pins down: linear algebra rather than a count of unknowns per
/// margin, so that a cell recomputable only by combining a row and a column relation is caught too.
enum Recomputation {
    /// The cells of `unknown` whose value follows from the constraints and the published cells.
    ///
    /// A cell is determined exactly when its unit vector lies in the row space of the constraints restricted to the
    /// unknown cells; in reduced row echelon form that means one row with a single non-zero entry, on that cell.
    /// (Bounds that non-negativity gives, e.g. an unknown of a margin of 0, are not considered.)
    static func determined(_ unknown: Set<CellPosition>, constraints: [MarginConstraint]) -> Set<CellPosition> {
        let relevant = constraints.filter { constraint in constraint.cells.contains { unknown.contains($0) } }
        let variables = Array(Set(relevant.flatMap(\.cells)).intersection(unknown)).sorted()
        guard !variables.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
        let width = variables.count
        var matrix = [Double](repeating: 0, count: relevant.count * width)
        for (row, constraint) in relevant.enumerated() {
            if let position = index[constraint.total] { matrix[row * width + position] -= 1 }
            for member in constraint.members { if let position = index[member] { matrix[row * width + position] += 1 } }
        }
        reduce(&matrix, rows: relevant.count, columns: width)
        var result: Set<CellPosition> = []
        for row in 0..<relevant.count {
            var nonZero: [Int] = []
            for column in 0..<width where abs(matrix[row * width + column]) > 1e-9 {
                nonZero.append(column)
                if nonZero.count > 1 { break }
            }
            if nonZero.count == 1 { result.insert(variables[nonZero[0]]) }
        }
        return result
    }

    /// Gauss-Jordan elimination in place on a row-major matrix, partial pivoting.
    private static func reduce(_ matrix: inout [Double], rows: Int, columns: Int) {
        var pivotRow = 0
        for column in 0..<columns where pivotRow < rows {
            var best = pivotRow
            for row in pivotRow..<rows where abs(matrix[row * columns + column]) > abs(matrix[best * columns + column]) { best = row }
            let pivot = matrix[best * columns + column]
            guard abs(pivot) > 1e-9 else { continue }
            if best != pivotRow {
                for k in 0..<columns { matrix.swapAt(best * columns + k, pivotRow * columns + k) }
            }
            for k in column..<columns { matrix[pivotRow * columns + k] /= pivot }
            for other in 0..<rows where other != pivotRow {
                let factor = matrix[other * columns + column]
                guard abs(factor) > 1e-12 else { continue }
                for k in column..<columns { matrix[other * columns + k] -= factor * matrix[pivotRow * columns + k] }
            }
            pivotRow += 1
        }
    }

    /// Complementary suppression, greedy: while some withheld cell can be recomputed, withhold one more published count
    /// among the margins holding an exposed cell, the one that leaves the fewest margins with a single withheld cell;
    /// ties go to member cells before margin cells, non-zero before zero, then the smallest value, to lose as little
    /// information as possible. In a cross-table this builds the classic rectangle (two rows by two columns).
    ///
    /// Exposure is first read off the margins (a cell alone in one is exposed, cheaply); when none is left, the linear
    /// algebra of `determined` looks for cells exposed only by combining margins. Not optimal (an optimal pattern is an
    /// integer programme, as tau-Argus solves it). Returns the cells added, in the order chosen, and the cells that
    /// still could not be protected.
    static func complementary(
        for withheld: Set<CellPosition>, constraints: [MarginConstraint], cells: [[ExportCell]]
    ) -> (added: [CellPosition], unprotected: [CellPosition]) {
        let marginCells = Set(constraints.map(\.total))
        var constraintsOf: [CellPosition: [Int]] = [:]
        for (index, constraint) in constraints.enumerated() {
            for cell in constraint.cells { constraintsOf[cell, default: []].append(index) }
        }
        var unknown = withheld
        var unknownCount = constraints.map { $0.cells.count(where: withheld.contains) }
        var added: [CellPosition] = []
        var unprotected: Set<CellPosition> = []
        while true {
            var exposed: Set<CellPosition> = []
            for (index, constraint) in constraints.enumerated() where unknownCount[index] == 1 {
                if let cell = constraint.cells.first(where: unknown.contains), !unprotected.contains(cell) { exposed.insert(cell) }
            }
            if exposed.isEmpty { exposed = determined(unknown, constraints: constraints).subtracting(unprotected) }
            guard !exposed.isEmpty else { break }
            let holding = Set(exposed.flatMap { constraintsOf[$0] ?? [] })
            let candidates = Set(
                holding.flatMap { constraints[$0].cells }.filter { !unknown.contains($0) && cells[$0.row][$0.column].count != nil })
            let singles = unknownCount.count { $0 == 1 }
            let scored = candidates.map { candidate in
                let touched = constraintsOf[candidate] ?? []
                let left = singles - touched.count { unknownCount[$0] == 1 } + touched.count { unknownCount[$0] == 0 }
                let value = cells[candidate.row][candidate.column].count ?? Int.max
                let tier = marginCells.contains(candidate) ? 2 : (value == 0 ? 1 : 0)
                return (left: left, tier: tier, value: value, cell: candidate)
            }
            guard let best = scored.min(by: { ($0.left, $0.tier, $0.value, $0.cell) < ($1.left, $1.tier, $1.value, $1.cell) }) else {
                unprotected.formUnion(exposed)
                continue
            }
            unknown.insert(best.cell)
            for index in constraintsOf[best.cell] ?? [] { unknownCount[index] += 1 }
            added.append(best.cell)
        }
        return (added, unprotected.sorted())
    }
}
