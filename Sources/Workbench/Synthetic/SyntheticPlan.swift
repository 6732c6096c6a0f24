import Catalog
import Foundation

/// How each table of a selection is generated, worked out once from the catalog's keys before any row.
///
/// Roles, from the foreign keys and the person columns:
/// - a **person table** (`IR_BEN_R`, `IR_IBA_R`): its primary key is made of person columns; one row per person;
/// - a **person fact** table: it holds a person column, or joins (directly or through an extension: a table whose
///   key is its join, like `T_MCOaaC` on `T_MCOaaB`) to a person; rows per person, a Poisson count per year;
/// - a **child** table: it joins to a person fact (`ER_PHA_F` on `ER_PRS_F`); rows per parent row, copying its key;
/// - a **pool**: a referential table no person reaches (`T_MCOaaE` establishments, `DA_PRA_R` practitioners);
///   a fixed number of rows, each drawn by the rows that join to it.
struct SyntheticPlan: Sendable {
    var tables: [TablePlan]
    /// Foreign keys the sample does not hold, with why (target outside the selection, cycle, missing columns).
    var uncheckedForeignKeys: [String]
    var notes: [String]
    var options: SyntheticOptions
    /// The days of the sample's period, first and last.
    var period: ClosedRange<Int>

    func index(of name: String) -> Int? {
        tables.firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

enum IdentityKind: Int, Sendable {
    /// The NIR-derived pseudonym: `BEN_NIR_PSA` in the DCIR, `NIR_ANO_17` in the PMSI (the same value for a person).
    case nir
    /// The beneficiary's own pseudonym, `BEN_IDT_ANO`.
    case beneficiary
}

enum DateRole: Sendable {
    case birth, death, start, end
}

enum DateFormat: Sendable {
    case date, timestamp, year, yearMonth, yearInteger, monthInteger
}

/// How a value is drawn for a column with no structural role.
enum ValueRule: Sendable {
    /// One of these values, uniformly (random texts, decimals, reals drawn once per column).
    case palette([CellValue])
    /// A nomenclature code, Zipf-skewed.
    case codes([CellValue], WeightedDraw)
    case integer(ClosedRange<Int64>)
    case boolean
    /// The person's age in years at the row's start.
    case age(max: Int64)
    /// The person's sex, as the column writes 1 and 2.
    case sex(male: CellValue, female: CellValue)
}

enum SerialPart: Sendable {
    /// The row's person and position together, `person * positions + position + 1` (a pool row: its index + 1).
    case combined
    case person
    case position
}

enum ColumnRule: Sendable {
    case identity(IdentityKind, length: Int?)
    /// A person column that is not a pseudonym (`BEN_RNG_GEM`): drawn once per person.
    case personAttribute(key: UInt64, ValueRule)
    /// A primary-key column made unique from the row's serial.
    case serial(SerialPart, ColumnType)
    /// Copied from the parent row of the table's `link`th resolved foreign key.
    case reference(link: Int, field: Int)
    case date(DateRole, DateFormat)
    case value(ValueRule)
}

enum TableRole: Sendable, Equatable {
    case person
    /// Rows per person and year of the table's window (`perYear`), or per person overall.
    case personFact(mean: Double, perYear: Bool)
    /// Rows per row of the parent joined by link `driver`: exactly one for an extension, else a Poisson count.
    case child(driver: Int, mean: Double, exactlyOne: Bool)
    case pool(size: Int)
}

enum LinkKind: Sendable, Equatable {
    /// The row this one hangs on (a child's parent).
    case driver
    /// The person's row of a person table.
    case person
    /// A row of a pool, drawn.
    case pool
    /// The pool row of the same index: a pool that extends another (its key is the join) has one row per row of it.
    case aligned
    /// The first of the person's rows of another person fact.
    case sibling
}

/// A resolved foreign key: the parent table, and for each field the child column and the parent column.
struct TableLink: Sendable {
    var parent: Int
    var kind: LinkKind
    var childColumns: [Int]
    var parentColumns: [Int]
    var key: UInt64
}

struct TablePlan: Sendable {
    var name: String
    var product: String
    var definition: TableDefinition
    var key: UInt64
    var role: TableRole
    var rules: [ColumnRule]
    var columnKeys: [UInt64]
    var links: [TableLink]
    /// The days rows of this table may be dated, from its history and the sample's period.
    var window: ClosedRange<Int>
    /// The most rows one person has in this table (its serial reserves that many numbers per person).
    var positions: Int
}

public enum SyntheticError: Error, CustomStringConvertible, Equatable {
    case emptySelection(String)
    case primaryKeyTooNarrow(table: String, needed: Int, capacity: String)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .emptySelection(let what): "synthetic sample: no table selected (\(what))"
        case .primaryKeyTooNarrow(let table, let needed, let capacity):
            "synthetic sample: the primary key of \(table) cannot hold \(needed) distinct rows (\(capacity))"
        case .invalidOptions(let reason): "synthetic sample: \(reason)"
        }
    }
}

extension SyntheticPlan {
    /// The most rows one person has in one table, unless its key column is too narrow for that many.
    static let positionsPerPerson = 4096

    static func make(schema: ProjectSchema, codes: [String: NomenclatureCodes], options: SyntheticOptions) throws -> SyntheticPlan {
        guard !schema.tables.isEmpty else { throw SyntheticError.emptySelection("catalog \(schema.version.name)") }
        let tables = schema.tables
        let upper = tables.map { $0.variables.map { $0.name.uppercased() } }
        func columnIndex(_ table: Int, _ name: String) -> Int? { upper[table].firstIndex(of: name.uppercased()) }
        func tableIndex(_ name: String) -> Int? { tables.firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame } }

        var unchecked: [String] = []
        var notes: [String] = []
        func describe(_ table: Int, _ key: Catalog.ForeignKey) -> String {
            "\(tables[table].name) (\(key.fields.joined(separator: ", "))) -> \(key.referencedTable) (\(key.referencedFields.joined(separator: ", ")))"
        }

        // 1. Foreign keys whose both ends are in the selection, with their columns.
        struct RawLink {
            var child: Int
            var parent: Int
            var childColumns: [Int]
            var parentColumns: [Int]
            var text: String
        }
        var raw: [[RawLink]] = Array(repeating: [], count: tables.count)
        for (index, table) in tables.enumerated() {
            for key in table.foreignKeys {
                guard let parent = tableIndex(key.referencedTable) else {
                    unchecked.append("\(describe(index, key)): \(key.referencedTable) is not in the selection")
                    continue
                }
                let childColumns = key.fields.compactMap { columnIndex(index, $0) }
                let parentColumns = key.referencedFields.compactMap { columnIndex(parent, $0) }
                guard !key.fields.isEmpty, childColumns.count == key.fields.count, parentColumns.count == key.fields.count,
                    key.referencedFields.count == key.fields.count
                else {
                    unchecked.append("\(describe(index, key)): columns missing on one side")
                    continue
                }
                if parent == index {
                    unchecked.append("\(describe(index, key)): a table joined to itself")
                    continue
                }
                raw[index].append(
                    RawLink(child: index, parent: parent, childColumns: childColumns, parentColumns: parentColumns, text: describe(index, key)))
            }
        }

        // 2. Cycles: a depth-first walk drops the keys that close one, so that tables can be ordered parents first.
        var state = Array(repeating: 0, count: tables.count)  // 0 new, 1 on the path, 2 done
        var order: [Int] = []
        func visit(_ table: Int) {
            state[table] = 1
            raw[table] = raw[table].filter { link in
                if state[link.parent] == 1 {
                    unchecked.append("\(link.text): part of a cycle of foreign keys")
                    return false
                }
                if state[link.parent] == 0 { visit(link.parent) }
                return true
            }
            state[table] = 2
            order.append(table)
        }
        for table in tables.indices where state[table] == 0 { visit(table) }

        // 3. Person columns: pseudonyms by name, then through the joins that copy them.
        var identity: [[IdentityKind?]] = upper.map { names in names.map(Self.identityKind) }
        for (table, variables) in tables.enumerated() {
            for (column, variable) in variables.variables.enumerated() where identity[table][column] != nil {
                if case .text = variable.columnType {} else { identity[table][column] = nil }
            }
        }
        var changed = true
        while changed {
            changed = false
            for links in raw {
                for link in links {
                    for (child, parent) in zip(link.childColumns, link.parentColumns) {
                        if identity[link.child][child] == nil, let kind = identity[link.parent][parent] {
                            identity[link.child][child] = kind
                            changed = true
                        } else if identity[link.parent][parent] == nil, let kind = identity[link.child][child] {
                            identity[link.parent][parent] = kind
                            changed = true
                        }
                    }
                }
            }
        }
        let personTables = Set(
            tables.indices.filter { table in
                let key = tables[table].definition.primaryKey
                return !key.isEmpty && key.contains { name in columnIndex(table, name).map { identity[table][$0] != nil } ?? false }
            })
        var attributes = Set<String>()
        for table in personTables {
            for name in tables[table].definition.primaryKey where identity[table][columnIndex(table, name)!] == nil {
                attributes.insert(name.uppercased())
            }
        }
        // A column copying a person attribute through a join is that attribute too.
        var attributeOf: [[String?]] = upper.map { names in names.map { attributes.contains($0) ? $0 : nil } }
        changed = true
        while changed {
            changed = false
            for links in raw {
                for link in links {
                    for (child, parent) in zip(link.childColumns, link.parentColumns)
                    where attributeOf[link.child][child] == nil && identity[link.child][child] == nil {
                        if let name = attributeOf[link.parent][parent] {
                            attributeOf[link.child][child] = name
                            changed = true
                        }
                    }
                }
            }
        }

        // 4. Which tables a person reaches: directly, through an extension child, then down the joins.
        func hasPersonColumn(_ table: Int) -> Bool {
            identity[table].contains { $0 != nil } || attributeOf[table].contains { $0 != nil }
        }
        func primaryKeyColumns(_ table: Int) -> Set<Int> {
            Set(tables[table].definition.primaryKey.compactMap { columnIndex(table, $0) })
        }
        func isExtension(_ link: RawLink) -> Bool {
            let key = primaryKeyColumns(link.child)
            return !key.isEmpty && key.isSubset(of: Set(link.childColumns))
        }
        var bearing = Set(tables.indices.filter(hasPersonColumn))
        for table in Array(bearing) {
            for link in raw[table] where isExtension(link) { bearing.insert(link.parent) }
        }
        changed = true
        while changed {
            changed = false
            for table in order where !bearing.contains(table) && raw[table].contains(where: { bearing.contains($0.parent) }) {
                bearing.insert(table)
                changed = true
            }
        }

        // 5. Roles and links.
        let poolSize = min(1000, max(5, options.patients / 50))
        var plans: [TablePlan] = []
        var incoming = Array(repeating: [Int: Int](), count: tables.count)  // parent -> column -> references
        for links in raw {
            for link in links {
                for column in link.parentColumns { incoming[link.parent][column, default: 0] += 1 }
            }
        }
        for table in tables.indices {
            let links = raw[table]
            var role: TableRole
            var kinds: [LinkKind] = links.map { link in
                if personTables.contains(link.parent) { return .person }
                return bearing.contains(link.parent) ? .sibling : .pool
            }
            if personTables.contains(table) {
                role = .person
            } else if bearing.contains(table) {
                let candidates = links.indices.filter { kinds[$0] == .sibling }
                if let driver = candidates.max(by: { links[$0].childColumns.count < links[$1].childColumns.count }) {
                    kinds[driver] = .driver
                    let exactlyOne = isExtension(links[driver])
                    let mean = exactlyOne ? 1 : Self.childMean(product: tables[table].product)
                    role = .child(driver: driver, mean: mean, exactlyOne: exactlyOne)
                } else {
                    role = Self.personFactRole(tables[table])
                }
            } else {
                role = .pool(size: poolSize)
                for position in links.indices where kinds[position] == .pool && isExtension(links[position]) {
                    kinds[position] = .aligned
                }
            }
            // A column is filled by the first join that reaches it; a later join on the same column is not held.
            var claimed = Set<Int>()
            var kept: [TableLink] = []
            var keptOrder = links.indices.sorted { (kinds[$0] == .driver ? 0 : 1, $0) < (kinds[$1] == .driver ? 0 : 1, $1) }
            keptOrder = keptOrder.filter { position in
                let columns = links[position].childColumns.filter { identity[table][$0] == nil && attributeOf[table][$0] == nil }
                if !claimed.isDisjoint(with: columns) {
                    unchecked.append("\(links[position].text): its columns are already filled by another join")
                    return false
                }
                claimed.formUnion(columns)
                return true
            }
            var linkIndex: [Int: Int] = [:]
            for position in keptOrder {
                linkIndex[position] = kept.count
                let link = links[position]
                kept.append(
                    TableLink(
                        parent: link.parent, kind: kinds[position], childColumns: link.childColumns, parentColumns: link.parentColumns,
                        key: SplitMix64.key(link.text)))
            }
            if case .child(let driver, let mean, let exactlyOne) = role {
                role = .child(driver: linkIndex[driver]!, mean: mean, exactlyOne: exactlyOne)
            }

            // Columns: person columns, joins, the serial, dates, values.
            let definition = tables[table].definition
            let lengths = tables[table].variables.map(\.length)
            var rules: [ColumnRule] = []
            var referenced: [Int: (link: Int, field: Int)] = [:]
            for (position, link) in kept.enumerated() {
                for (field, column) in link.childColumns.enumerated() where referenced[column] == nil {
                    referenced[column] = (position, field)
                }
            }
            // The key columns no join or person fills: the serial goes to the most referenced, then widest.
            var uniqueKey = primaryKeyColumns(table)
            if uniqueKey.isEmpty, role != .person {
                // A table without a key that an extension hangs on must still tell its rows apart on the join.
                for other in tables.indices {
                    for link in raw[other] where link.parent == table && isExtension(link) {
                        uniqueKey.formUnion(link.parentColumns)
                    }
                }
            }
            let free = uniqueKey.filter { column in
                referenced[column] == nil && identity[table][column] == nil && attributeOf[table][column] == nil
                    && Self.serialCapacity(definition.columns[column].type, length: lengths[column]) != nil
            }.sorted { a, b in
                let left = (incoming[table][a] ?? 0, Self.serialCapacity(definition.columns[a].type, length: lengths[a])!, -a)
                let right = (incoming[table][b] ?? 0, Self.serialCapacity(definition.columns[b].type, length: lengths[b])!, -b)
                return left > right
            }
            var serial: [Int: SerialPart] = [:]
            var positions = positionsPerPerson
            func capacity(_ column: Int) -> Double { Self.serialCapacity(definition.columns[column].type, length: lengths[column])! }
            // An extension's key is its parent's, unique already.
            let extends = keptOrder.contains { kinds[$0] == .driver || kinds[$0] == .aligned ? isExtension(links[$0]) : false }
            if role != .person, !uniqueKey.isEmpty, !extends {
                let people = Double(options.patients + 1)
                if case .pool(let size) = role {
                    guard let first = free.first, capacity(first) > Double(size) else {
                        throw SyntheticError.primaryKeyTooNarrow(
                            table: tables[table].name, needed: size, capacity: free.isEmpty ? "no key column is free of joins" : "columns too short")
                    }
                    serial[first] = .combined
                } else if let first = free.first, capacity(first) / people >= 16 {
                    // person * positions + position: positions shrink with a narrow column (CLE_DCI_JNT has 8 digits).
                    serial[first] = .combined
                    positions = Int(min(Double(positionsPerPerson), capacity(first) / people))
                } else if free.count >= 2, capacity(free[0]) >= people, capacity(free[1]) >= 16 {
                    serial[free[0]] = .person
                    serial[free[1]] = .position
                    positions = Int(min(Double(positionsPerPerson), capacity(free[1]) - 1))
                } else {
                    throw SyntheticError.primaryKeyTooNarrow(
                        table: tables[table].name, needed: Int(people) * 16,
                        capacity: free.isEmpty ? "no key column is free of joins" : "widest free column: \(definition.columns[free[0]].name)")
                }
            }
            for (column, variable) in tables[table].variables.enumerated() {
                let type = definition.columns[column].type
                if let kind = identity[table][column] {
                    rules.append(.identity(kind, length: Self.textLength(type)))
                } else if let name = attributeOf[table][column] {
                    rules.append(.personAttribute(key: SplitMix64.key("attribute " + name), Self.valueRule(variable, type: type, codes: codes)))
                } else if let reference = referenced[column] {
                    rules.append(.reference(link: reference.link, field: reference.field))
                } else if let part = serial[column] {
                    rules.append(.serial(part, type))
                } else if let date = Self.dateRule(variable, type: type) {
                    rules.append(.date(date.0, date.1))
                } else {
                    rules.append(.value(Self.valueRule(variable, type: type, codes: codes)))
                }
            }
            plans.append(
                TablePlan(
                    name: tables[table].name, product: tables[table].product, definition: definition,
                    key: SplitMix64.key("table " + tables[table].name),
                    role: role, rules: rules, columnKeys: upper[table].map { SplitMix64.key("column " + $0) }, links: kept,
                    window: Self.window(tables[table].table.history, options: options), positions: positions))
        }
        if personTables.isEmpty {
            notes.append("no table is keyed by a person column (BEN_NIR_PSA, NIR_ANO_17, BEN_IDT_ANO...): person facts hang on no person table")
        }
        // Parents first: engines that enforce foreign keys accept the tables in this order.
        let sorted = order.map { plans[$0] }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let remapped = sorted.map { plan -> TablePlan in
            var plan = plan
            plan.links = plan.links.map { link in
                var link = link
                link.parent = position[link.parent]!
                return link
            }
            return plan
        }
        let first = CalendarDay.firstDay(of: options.firstYear)
        let last = CalendarDay.lastDay(of: options.lastYear)
        return SyntheticPlan(tables: remapped, uncheckedForeignKeys: unchecked, notes: notes, options: options, period: first...last)
    }

    /// A pseudonym column by its name: `BEN_NIR_PSA`, `NIR_ANO_17`, `BEN_NIR_ANO`, `BEN_NIR_IDT` (NIR-derived), `BEN_IDT_ANO`.
    static func identityKind(_ upperName: String) -> IdentityKind? {
        if upperName.contains("IDT_ANO") { return .beneficiary }
        if upperName.contains("NIR_ANO") || upperName.contains("NIR_PSA") || upperName.contains("NIR_IDT") { return .nir }
        return nil
    }

    /// Rows per person: person-level referentials (`_R`) a few, claims (`_PRS_F`) many, hospital stays few.
    static func personFactRole(_ table: ProjectTable) -> TableRole {
        let name = table.name.uppercased()
        let product = table.product.uppercased()
        if name.hasSuffix("_R") { return .personFact(mean: 0.5, perYear: false) }
        if name.hasSuffix("PRS_F") { return .personFact(mean: 12, perYear: true) }
        if product.contains("MCO") { return .personFact(mean: 0.2, perYear: true) }
        if product.contains("PMSI") { return .personFact(mean: 0.05, perYear: true) }
        return .personFact(mean: 1, perYear: true)
    }

    /// Rows per parent row of a child that is not an extension: hospital detail tables (diagnoses, acts) a
    /// few per stay, claim detail tables (pharmacy, biology...) one line for some claims.
    static func childMean(product: String) -> Double {
        product.uppercased().contains("PMSI") ? 1.0 : 0.2
    }

    static func textLength(_ type: ColumnType) -> Int? {
        if case .text(let length) = type { return length }
        return nil
    }

    /// How many distinct serials a column holds (within the catalog's length), nil when a serial cannot go there.
    static func serialCapacity(_ type: ColumnType, length: Int?) -> Double? {
        switch type {
        case .integer: pow(10, Double(min(length ?? 18, 18)))
        case .decimal(let precision, let scale): precision - scale > 0 ? pow(10, Double(min(precision - scale, 18))) : nil
        case .text(let length): pow(10, Double(min(length ?? 18, 18)))
        default: nil
        }
    }

    /// The window of a table's rows: its history's years within the sample's period, or its own history when
    /// it ended before the period (its rows are then dated in its own years, so that it is not empty).
    static func window(_ history: CatalogTable.History, options: SyntheticOptions) -> ClosedRange<Int> {
        let created = Int(history.created.prefix(4))
        let deleted = Int(history.deleted.prefix(4))
        var first = max(options.firstYear, created ?? options.firstYear)
        var last = min(options.lastYear, deleted ?? options.lastYear)
        if first > last {
            first = created ?? options.firstYear
            last = deleted ?? max(first, options.lastYear)
            if first > last { (first, last) = (options.firstYear, options.lastYear) }
        }
        return CalendarDay.firstDay(of: first)...CalendarDay.lastDay(of: last)
    }

    static func dateRule(_ variable: Variable, type: ColumnType) -> (DateRole, DateFormat)? {
        let name = variable.name.uppercased()
        let format: DateFormat
        switch variable.type.lowercased() {
        case "date":
            // The SNDS types month numbers (`%m`) as dates; the checker reads the same shapes.
            switch DateShape(variable) {
            case .monthNumber: format = .monthInteger
            case .timestamp: format = .timestamp
            case .yearMonth: format = .yearMonth
            default: format = .date
            }
        case "datetime": format = .timestamp
        case "year": format = .year
        case "yearmonth": format = .yearMonth
        case "integer" where variable.nomenclatureName == nil:
            if (name.hasSuffix("_MOI") || name.hasSuffix("_MOIS")) && (variable.length ?? 2) <= 2 {
                format = .monthInteger
            } else if (name.hasSuffix("_ANN") || name == "ANN") && (variable.length ?? 4) == 4 {
                format = .yearInteger
            } else {
                return nil
            }
        default: return nil
        }
        let role: DateRole
        if name.contains("NAI") {
            role = .birth
        } else if name.contains("DCD") || name.contains("DECES") {
            role = .death
        } else if name.contains("DTF") || name.contains("FIN") || name.contains("SOR") || name.hasSuffix("_AMF") {
            role = .end
        } else {
            role = .start
        }
        return (role, format)
    }

    /// The draw of a column without a structural role, from its type, length, constraints and nomenclature.
    static func valueRule(_ variable: Variable, type: ColumnType, codes: [String: NomenclatureCodes]) -> ValueRule {
        let name = variable.name.uppercased()
        var random = SplitMix64(seed: SplitMix64.key("palette " + name + " " + (variable.lengthText ?? "")))
        let (minimum, maximum) = constraintBounds(variable.constraints)
        let allowed = variable.nomenclatureReference.flatMap { codes[$0] }.map { nomenclature in
            nomenclature.entries.compactMap { entry in
                cell(code: entry.code, type: type, length: variable.length, minimum: minimum, maximum: maximum)
            }
        }
        if name.contains("SEX"), let allowed {
            let texts = allowed.compactMap(\.text)
            if let male = allowed.first(where: { $0.text == "1" }), let female = allowed.first(where: { $0.text == "2" }), texts.count >= 2 {
                return .sex(male: male, female: female)
            }
        }
        if let allowed, !allowed.isEmpty {
            return .codes(allowed, WeightedDraw(count: allowed.count))
        }
        switch type {
        case .integer:
            if name == "AGE" || name.contains("AGE_ANN") || name.hasSuffix("_AGE") {
                return .age(max: min(maximum.map { Int64($0) } ?? 999, digitsLimit(variable.length ?? 3)))
            }
            let low = minimum.map { Int64($0) } ?? 0
            let high = max(low, min(maximum.map { Int64($0) } ?? Int64.max, digitsLimit(variable.length ?? 5), 99_999))
            return .integer(low...high)
        case .boolean:
            return .boolean
        case .decimal(let precision, let scale):
            let integerDigits = max(0, precision - scale)
            let limit = integerDigits == 0 ? 0 : min(digitsLimit(integerDigits), 99_999)
            return .palette(
                (0..<256).map { _ in
                    let whole = limit == 0 ? 0 : Int64(Double(limit) * pow(random.unit(), 3))
                    return .text(decimalText(whole: whole, fraction: random.below(Int(pow(10, Double(min(scale, 9))))), scale: scale))
                })
        case .real:
            return .palette((0..<256).map { _ in .real((random.unit() * 10_000).rounded() / 100) })
        case .text(let length):
            let limit = length ?? 8
            return .palette(
                (0..<256).map { _ in
                    let count = limit <= 13 ? limit : 4 + random.below(min(limit, 24) - 3)
                    return .text(String((0..<count).map { _ in alphabet[random.below(alphabet.count)] }))
                })
        default:
            return .integer(0...9)
        }
    }

    static let alphabet: [Character] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func digitsLimit(_ digits: Int) -> Int64 {
        digits >= 18 ? Int64.max : Int64(pow(10, Double(digits))) - 1
    }

    static func decimalText(whole: Int64, fraction: Int, scale: Int) -> String {
        guard scale > 0 else { return String(whole) }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: max(0, scale - digits.count)) + digits
    }

    /// A nomenclature code as the column stores it, nil when the column cannot (too long, not a number,
    /// outside the variable's bounds).
    static func cell(code: String, type: ColumnType, length: Int?, minimum: Double?, maximum: Double?) -> CellValue? {
        guard let value = NomenclatureCodes.value(of: code, as: type, length: length) else { return nil }
        if case .integer(let integer) = value {
            if let minimum, Double(integer) < minimum { return nil }
            if let maximum, Double(integer) > maximum { return nil }
        }
        return value
    }

    static func constraintBounds(_ json: String?) -> (Double?, Double?) {
        guard let data = json?.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return (nil, nil)
        }
        func number(_ key: String) -> Double? {
            if let value = object[key] as? NSNumber { return value.doubleValue }
            if let value = object[key] as? String { return Double(value) }
            return nil
        }
        return (number("minimum"), number("maximum"))
    }
}
