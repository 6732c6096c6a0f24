import Foundation

/// The outcome for one file: `pass` leaves, `review` needs a person to look, `fail` must not leave as it is.
///
/// Anything that discloses people as the file stands fails: an unsuppressed count below the threshold, a suppressed
/// cell that the margins give back, an identifying column, one row per person. What depends on context is for
/// review: totals close to another file's (differencing), a table whose counts cannot be found.
public enum DisclosureVerdict: String, Codable, Sendable, Comparable {
    case pass
    case review
    case fail

    private var severity: Int { self == .pass ? 0 : self == .review ? 1 : 2 }
    public static func < (lhs: DisclosureVerdict, rhs: DisclosureVerdict) -> Bool { lhs.severity < rhs.severity }
}

/// A cell a rule flags, located as a person reading the file would: data row, line of the file, column name.
public struct FlaggedCell: Codable, Sendable, Equatable {
    /// `small-cell` (a count below the threshold) or `secondary-disclosure` (a suppressed cell the margins give back).
    public var rule: String
    /// 1-based data row (the header is not counted).
    public var row: Int
    public var line: Int
    public var column: String
    public var value: String

    public init(rule: String, row: Int, line: Int, column: String, value: String) {
        self.rule = rule
        self.row = row
        self.line = line
        self.column = column
        self.value = value
    }
}

/// A cell the protected version withholds: `primary` (a small count, written `<N`) or `secondary` (a complementary
/// suppression so that no withheld cell can be recomputed from the margins, written `s`).
public struct ProposedSuppression: Codable, Sendable, Equatable {
    public var kind: String
    public var row: Int
    public var line: Int
    public var column: String
    public var value: String
    public var marker: String
}

/// A column's total as the file publishes it (its total row, or the sum of its rows when all are published).
public struct PublishedTotal: Codable, Sendable, Equatable {
    public var column: String
    public var value: Int

    public init(column: String, value: Int) {
        self.column = column
        self.value = value
    }
}

/// The totals of a file published earlier (or checked in the same run), to look for differencing.
public struct PublishedTotals: Codable, Sendable, Equatable {
    public var file: String
    public var sha256: String
    public var totals: [PublishedTotal]

    public init(file: String, sha256: String, totals: [PublishedTotal]) {
        self.file = file
        self.sha256 = sha256
        self.totals = totals
    }
}

/// The check of one file: `file`, `verdict`, `reasons` first, then the details behind them.
public struct FileCheck: Codable, Sendable, Equatable {
    public var file: String
    public var verdict: DisclosureVerdict
    public var reasons: [String]
    public var sha256: String
    public var rows: Int
    public var countColumns: [String]
    public var minimumCount: Int
    public var flaggedCells: [FlaggedCell]
    public var proposedSuppressions: [ProposedSuppression]
    public var totals: [PublishedTotal]

    var published: PublishedTotals { PublishedTotals(file: file, sha256: sha256, totals: totals) }
}

/// The answer of `hublot export check`: `{"files": [...]}`.
public struct DisclosureReport: Codable, Sendable, Equatable {
    public var files: [FileCheck]

    public var verdict: DisclosureVerdict { files.map(\.verdict).max() ?? .pass }
}

/// A file after suppression: the protected table and what was withheld.
public struct SuppressionResult: Sendable, Equatable {
    public var table: ExportTable
    public var suppressed: [ProposedSuppression]
    /// Withheld cells no complementary suppression could protect (their margins hold no other published count).
    public var unprotected: [FlaggedCell]
}

/// The a-priori disclosure rules over parsed export tables. Pure functions: no store, no files.
public struct DisclosureCheck: Sendable {
    /// Counts of people from 1 to `minimumCount - 1` are small cells (zero is not: it discloses nobody by itself).
    public var minimumCount: Int
    /// The count columns by name; when empty they are detected from names and values.
    public var countColumns: [String]

    public init(minimumCount: Int = 10, countColumns: [String] = []) {
        self.minimumCount = minimumCount
        self.countColumns = countColumns
    }

    /// Checks each table, then compares their totals with each other's and with `earlier` (files of the same
    /// project checked or released before) for differencing.
    public func check(_ tables: [ExportTable], earlier: [PublishedTotals] = []) throws(ExportFileError) -> DisclosureReport {
        var files: [FileCheck] = []
        for table in tables { files.append(try check(table)) }
        for index in files.indices {
            let others = files.indices.filter { $0 != index }.map { files[$0].published } + earlier
            let reasons = differencing(files[index].published, against: others)
            if !reasons.isEmpty {
                files[index].reasons += reasons
                files[index].verdict = max(files[index].verdict, .review)
            }
        }
        return DisclosureReport(files: files)
    }

    /// The rules that look at one file alone.
    public func check(_ table: ExportTable) throws(ExportFileError) -> FileCheck {
        let layout = try TableLayout(table, countColumnNames: countColumns)
        var fail: [String] = []
        var review: [String] = []
        var flagged: [FlaggedCell] = []

        fail += identifierReasons(table, layout: layout)
        if let rowLevel = rowLevelReason(table, layout: layout) { fail.append(rowLevel) }
        if layout.countColumns.isEmpty {
            review.append(
                "no count column found: name the columns that count people with --count-column so that small cells can be checked")
        }
        for (row, column) in layout.countCellPositions {
            guard let value = layout.cells[row][column].count, value > 0, value < minimumCount else { continue }
            flagged.append(flag("small-cell", row: row, column: column, in: table))
            fail.append(
                "line \(table.lines[row]), column \(table.header[column]): \(value) is below the minimum count of \(minimumCount) and is published")
        }
        for (row, column) in layout.countCellPositions where layout.cells[row][column] == .other {
            review.append("line \(table.lines[row]), column \(table.header[column]): '\(table.rows[row][column])' is not a count")
        }
        let withheld = layout.withheld
        for cell in Recomputation.determined(withheld, constraints: layout.constraints).sorted() {
            flagged.append(flag("secondary-disclosure", row: cell.row, column: cell.column, in: table))
            let margins = layout.constraints.filter { $0.cells.contains(cell) }.map(\.description)
            fail.append(
                "line \(table.lines[cell.row]), column \(table.header[cell.column]): the suppressed cell can be recomputed by difference from "
                    + margins.joined(separator: " and "))
        }
        let proposal = proposedSuppressions(table, layout: layout)
        if !proposal.unprotected.isEmpty {
            for cell in proposal.unprotected {
                fail.append("line \(cell.line), column \(cell.column): no complementary suppression can protect this cell; aggregate further")
            }
        }
        let verdict: DisclosureVerdict = !fail.isEmpty ? .fail : !review.isEmpty ? .review : .pass
        return FileCheck(
            file: table.file, verdict: verdict, reasons: fail + review, sha256: table.sha256, rows: table.rows.count,
            countColumns: layout.countColumns.map { table.header[$0] }, minimumCount: minimumCount, flaggedCells: flagged,
            proposedSuppressions: proposal.suppressions, totals: layout.totals(of: table))
    }

    /// The protected version of `table`: small counts become `<N`, complementary cells `s`.
    ///
    /// Refuses a file that suppression cannot make safe: identifying columns or one row per person.
    public func suppress(_ table: ExportTable) throws(ExportFileError) -> SuppressionResult {
        let layout = try TableLayout(table, countColumnNames: countColumns)
        let blocking = identifierReasons(table, layout: layout) + [rowLevelReason(table, layout: layout)].compactMap { $0 }
        guard blocking.isEmpty else {
            throw ExportFileError(file: table.file, line: nil, reason: "cannot be made safe by suppression: " + blocking.joined(separator: "; "))
        }
        guard !layout.countColumns.isEmpty else {
            throw ExportFileError(file: table.file, line: nil, reason: "has no count column: name it with --count-column")
        }
        let proposal = proposedSuppressions(table, layout: layout)
        var protected = table
        for suppression in proposal.suppressions {
            let column = table.columnIndex(named: suppression.column)!
            protected.rows[suppression.row - 1][column] = suppression.marker
        }
        protected.sha256 = ""
        return SuppressionResult(table: protected, suppressed: proposal.suppressions, unprotected: proposal.unprotected)
    }

    private func proposedSuppressions(
        _ table: ExportTable, layout: TableLayout
    ) -> (suppressions: [ProposedSuppression], unprotected: [FlaggedCell]) {
        let primary = layout.countCellPositions.filter { row, column in
            guard let value = layout.cells[row][column].count else { return false }
            return value > 0 && value < minimumCount
        }.map { CellPosition(row: $0.0, column: $0.1) }
        let withheld = layout.withheld.union(primary)
        let (added, unprotected) = Recomputation.complementary(for: withheld, constraints: layout.constraints, cells: layout.cells)
        func suppression(_ cell: CellPosition, kind: String, marker: String) -> ProposedSuppression {
            ProposedSuppression(
                kind: kind, row: cell.row + 1, line: table.lines[cell.row], column: table.header[cell.column],
                value: table.rows[cell.row][cell.column], marker: marker)
        }
        return (
            primary.map { suppression($0, kind: "primary", marker: "<\(minimumCount)") }
                + added.map { suppression($0, kind: "secondary", marker: "s") },
            unprotected.map { flag("secondary-disclosure", row: $0.row, column: $0.column, in: table) }
        )
    }

    private func flag(_ rule: String, row: Int, column: Int, in table: ExportTable) -> FlaggedCell {
        FlaggedCell(rule: rule, row: row + 1, line: table.lines[row], column: table.header[column], value: table.rows[row][column])
    }

    /// Columns whose name or values identify people.
    func identifierReasons(_ table: ExportTable, layout: TableLayout) -> [String] {
        var reasons: [String] = []
        for (column, header) in table.header.enumerated() {
            let values = table.rows.map { $0[column] }.filter { !$0.isEmpty }
            if let what = ExportVocabulary.identifyingName(header) {
                reasons.append("column \(header): its name says it holds \(what); identifying columns cannot leave the platform")
                continue
            }
            let dates = values.filter(ExportVocabulary.isExactDate).count
            if ExportVocabulary.isBirthName(header), dates > 0 {
                reasons.append("column \(header): exact dates of birth (\(dates) value(s)); publish a year or an age band instead")
                continue
            }
            let tokens = values.filter(ExportVocabulary.isIdentifierToken)
            if !tokens.isEmpty, tokens.count * 5 >= values.count * 4, Set(tokens).count * 10 >= tokens.count * 9 {
                let line = table.lines[table.rows.firstIndex { ExportVocabulary.isIdentifierToken($0[column]) }!]
                reasons.append(
                    "column \(header): \(tokens.count) of \(values.count) values look like person identifiers (e.g. line \(line)), "
                        + "\(Set(tokens).count) distinct")
            }
        }
        return reasons
    }

    /// One row per person: every count is 1, or no count at all and label combinations that repeat (an aggregated
    /// table has one row per combination of its dimensions).
    func rowLevelReason(_ table: ExportTable, layout: TableLayout) -> String? {
        let counts = layout.countCellPositions.compactMap { layout.cells[$0.0][$0.1].count }
        if table.rows.count >= 2, !counts.isEmpty, counts.allSatisfy({ $0 == 1 }) {
            return "every count is 1 over \(table.rows.count) rows: the file has one row per person"
        }
        guard layout.countColumns.isEmpty, table.rows.count >= minimumCount else { return nil }
        let keyColumns = layout.labelColumns.isEmpty ? Array(table.header.indices) : layout.labelColumns
        var seen: [[String]: Int] = [:]
        for (row, values) in table.rows.enumerated() {
            let key = keyColumns.map { values[$0] }
            if let first = seen[key] {
                return "no count column and lines \(table.lines[first]) and \(table.lines[row]) repeat the same "
                    + keyColumns.map { table.header[$0] }.joined(separator: ", ")
                    + ": the file looks like one row per person, not an aggregated table"
            }
            seen[key] = row
        }
        return nil
    }

    /// Two published totals that differ by less than the threshold disclose the people in between.
    func differencing(_ file: PublishedTotals, against others: [PublishedTotals]) -> [String] {
        var reasons: [String] = []
        let grand = file.totals.map(\.value).max()
        for other in others where other.sha256 != file.sha256 || other.sha256.isEmpty {
            let otherGrand = other.totals.map(\.value).max()
            var pairs: [(PublishedTotal, PublishedTotal)] = []
            for total in file.totals {
                for candidate in other.totals
                where ExportVocabulary.normalised(candidate.column) == ExportVocabulary.normalised(total.column)
                    || (total.value == grand && candidate.value == otherGrand)
                {
                    pairs.append((total, candidate))
                }
            }
            for (mine, theirs) in pairs {
                let difference = abs(mine.value - theirs.value)
                guard difference > 0, difference < minimumCount else { continue }
                let reason =
                    "differencing: the total of column \(mine.column) (\(mine.value)) and the total of column \(theirs.column) in \(other.file) "
                    + "(\(theirs.value)) differ by \(difference), fewer than \(minimumCount): together they disclose a group of \(difference)"
                if !reasons.contains(reason) { reasons.append(reason) }
            }
        }
        return reasons
    }
}

/// How a table is laid out for the rules: its cells classified, its count and label columns, its margins.
struct TableLayout {
    var cells: [[ExportCell]]
    var countColumns: [Int]
    var labelColumns: [Int]
    var constraints: [MarginConstraint]

    init(_ table: ExportTable, countColumnNames: [String]) throws(ExportFileError) {
        cells = table.rows.map { $0.map(ExportCell.init) }
        if countColumnNames.isEmpty {
            countColumns = TableLayout.detectCountColumns(table, cells: cells)
        } else {
            var columns: [Int] = []
            for name in countColumnNames {
                guard let index = table.columnIndex(named: name) else {
                    throw ExportFileError(
                        file: table.file, line: 1,
                        reason: "has no column named \(name) (--count-column); its columns are \(table.header.joined(separator: ", "))")
                }
                columns.append(index)
            }
            countColumns = columns
        }
        let counts = countColumns
        let cells = cells
        // Dimensions: text columns, and whole-number columns named as one (a year, an age); a rate or a mean is neither.
        labelColumns = table.header.indices.filter { column in
            guard !counts.contains(column) else { return false }
            let numeric = table.rows.indices.allSatisfy { row in
                cells[row][column] != .other || Double(table.rows[row][column].replacingOccurrences(of: ",", with: ".")) != nil
            }
            return !numeric || ExportVocabulary.looksLikeLabelName(table.header[column])
        }
        constraints = MarginFinder.constraints(of: table, countColumns: countColumns, labelColumns: labelColumns, cells: cells)
    }

    /// Columns named like counts whose values are all counts or suppression markers; and when a column is named as a
    /// total (a cross-tabulation: `age;Homme;Femme;Total`), every whole-number column not named as a dimension.
    static func detectCountColumns(_ table: ExportTable, cells: [[ExportCell]]) -> [Int] {
        let whole = table.header.indices.filter { column in
            let values = cells.map { $0[column] }
            return values.contains { $0.count != nil } && values.allSatisfy { $0 != .other }
        }
        let named = whole.filter { ExportVocabulary.looksLikeCountName(table.header[$0]) }
        guard named.contains(where: { ExportVocabulary.isTotalLabel(table.header[$0]) }) else { return named }
        return whole.filter { !ExportVocabulary.looksLikeLabelName(table.header[$0]) }
    }

    var countCellPositions: [(Int, Int)] {
        cells.indices.flatMap { row in countColumns.map { (row, $0) } }
    }

    /// The cells of count columns the file already withholds.
    var withheld: Set<CellPosition> {
        Set(countCellPositions.filter { cells[$0.0][$0.1] == .suppressed }.map { CellPosition(row: $0.0, column: $0.1) })
    }

    /// Each count column's total: the value of its widest total row when it has one, else the sum of its rows when
    /// all are published.
    func totals(of table: ExportTable) -> [PublishedTotal] {
        countColumns.compactMap { column in
            let rowMargins = constraints.filter { $0.isRowMargin && $0.total.column == column }
            if let widest = rowMargins.max(by: { $0.members.count < $1.members.count }) {
                return cells[widest.total.row][column].count.map { PublishedTotal(column: table.header[column], value: $0) }
            }
            let values = cells.map { $0[column].count }
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            return PublishedTotal(column: table.header[column], value: values.reduce(0) { $0 + $1! })
        }
    }
}
