import Catalog
import Foundation
import Store

/// What to generate.
public struct SyntheticOptions: Sendable {
    public var patients: Int
    public var seed: UInt64
    /// The years care is dated in (tables whose history ended before are dated in their own years).
    public var firstYear: Int
    public var lastYear: Int
    /// Rows handed to the engine's loader at a time.
    public var batchRows: Int

    public init(patients: Int, seed: UInt64 = 1, firstYear: Int = 2022, lastYear: Int = 2023, batchRows: Int = 5_000) {
        self.patients = patients
        self.seed = seed
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.batchRows = batchRows
    }
}

/// What a generation wrote.
public struct SyntheticReport: Codable, Sendable {
    public struct Table: Codable, Sendable {
        public var name: String
        public var product: String
        /// person, person fact, child of TABLE, pool.
        public var role: String
        public var rows: Int
        public var seconds: Double
    }

    public var catalogVersion: String
    public var patients: Int
    public var seed: UInt64
    public var tables: [Table]
    public var rows: Int
    public var seconds: Double
    public var rowsPerSecond: Double
    /// Foreign keys the sample does not hold, and why.
    public var uncheckedForeignKeys: [String]
    public var notes: [String]
}

/// Generates coherent synthetic people and their rows in every table of a catalog selection, and writes
/// them to an engine through `Engine.load`, table by table (parents first).
///
/// Nothing about the population is kept: each person's rows are recomputed from the seed and the person's
/// number whenever a table needs them (a claim line's table recomputes the claims it hangs on, keys only),
/// so memory depends on one person and one batch, not on the number of people. See `SyntheticPlan` for
/// how tables get their roles, and the report's notes for the foreign keys left unchecked.
public struct SyntheticGenerator: Sendable {
    let plan: SyntheticPlan
    let catalogVersion: String

    public init(schema: ProjectSchema, codes: [String: NomenclatureCodes], options: SyntheticOptions) throws {
        guard options.patients >= 0, options.firstYear <= options.lastYear, options.batchRows > 0 else {
            throw SyntheticError.invalidOptions("patients must be >= 0 and the first year <= the last")
        }
        plan = try SyntheticPlan.make(schema: schema, codes: codes, options: options)
        catalogVersion = schema.version.name
    }

    /// Loads the selection and the codes of every nomenclature its variables use, then plans.
    public static func prepare(
        version: CatalogVersion, products: [String] = [], tables: [String] = [], options: SyntheticOptions, from store: Store
    ) async throws -> SyntheticGenerator {
        let products = try await expand(products: products, version: version, from: store)
        let schema = try await ProjectSchema.load(version: version, products: products, tables: tables, from: store)
        guard !schema.tables.isEmpty else {
            throw SyntheticError.emptySelection(
                "catalog \(version.name), products [\(products.joined(separator: ", "))], tables [\(tables.joined(separator: ", "))]")
        }
        var codes: [String: NomenclatureCodes] = [:]
        for table in schema.tables {
            for variable in table.variables {
                guard let reference = variable.nomenclatureReference, codes[reference] == nil else { continue }
                if let loaded = try await NomenclatureCodes.load(for: variable, version: version, from: store) {
                    codes[reference] = loaded
                }
            }
        }
        return try SyntheticGenerator(schema: schema, codes: codes, options: options)
    }

    /// The catalog's products for the names asked: a name is a product (any case), or the family of products
    /// it starts (`PMSI` -> `PMSI MCO`, `PMSI SSR`...). An unknown name is an error listing the products.
    public static func expand(products names: [String], version: CatalogVersion, from store: Store) async throws -> [String] {
        guard !names.isEmpty else { return [] }
        let known = try await CatalogRepository(store: store).products(version: version).map(\.name)
        return try names.flatMap { name -> [String] in
            let wanted = name.trimmingCharacters(in: .whitespaces).uppercased()
            if let exact = known.first(where: { $0.uppercased() == wanted }) { return [exact] }
            let family = known.filter { $0.uppercased().hasPrefix(wanted + " ") || $0.uppercased().hasPrefix(wanted + "_") }
            guard !family.isEmpty else {
                throw SyntheticError.invalidOptions("no product \(name) in catalog \(version.name); products: \(known.joined(separator: ", "))")
            }
            return family
        }
    }

    public var tableNames: [String] { plan.tables.map(\.name) }

    /// Writes every table to `engine` (replacing tables of the same names). `progress` hears of each table done.
    public func generate(into engine: any Engine, progress: (SyntheticReport.Table) -> Void = { _ in }) async throws -> SyntheticReport {
        let started = Date()
        var tables: [SyntheticReport.Table] = []
        for index in plan.tables.indices {
            let tableStarted = Date()
            let table = plan.tables[index]
            let rows = try await engine.load(table.definition, replacing: true) { loader in
                var factory = RowFactory(plan: plan)
                var values: [CellValue] = []
                let width = table.definition.columns.count
                let flushAt = plan.options.batchRows * max(width, 1)
                values.reserveCapacity(flushAt + width * 64)
                func flush(_ loader: inout any BulkLoader) async throws {
                    guard !values.isEmpty else { return }
                    try await loader.append(RowBatch(columns: table.definition.columnNames, values: values))
                    values.removeAll(keepingCapacity: true)
                }
                if case .pool(let size) = table.role {
                    for row in 0..<size {
                        factory.beginPool()
                        let context = factory.poolRow(index, row)
                        factory.fill(index, context, into: &values)
                        if values.count >= flushAt { try await flush(&loader) }
                    }
                } else {
                    for person in 0..<plan.options.patients {
                        factory.begin(person: person)
                        for context in factory.rows(of: index) {
                            factory.fill(index, context, into: &values)
                        }
                        if values.count >= flushAt { try await flush(&loader) }
                    }
                }
                try await flush(&loader)
            }
            let done = SyntheticReport.Table(
                name: table.name, product: table.product, role: describe(table.role, table), rows: rows,
                seconds: Date().timeIntervalSince(tableStarted))
            tables.append(done)
            progress(done)
        }
        let seconds = Date().timeIntervalSince(started)
        let rows = tables.reduce(0) { $0 + $1.rows }
        return SyntheticReport(
            catalogVersion: catalogVersion, patients: plan.options.patients, seed: plan.options.seed, tables: tables, rows: rows, seconds: seconds,
            rowsPerSecond: seconds > 0 ? Double(rows) / seconds : 0, uncheckedForeignKeys: plan.uncheckedForeignKeys,
            notes: plan.notes + [
                "codes are drawn from the nomenclatures with a Zipf-like skew (exponent 1.1, in the nomenclature's order): the catalog gives no frequencies",
                "rows per person: 1 in person tables, Poisson counts elsewhere (claims 12 a year, MCO stays 0.2, other PMSI stays 0.05, _R referentials 0.5, other facts 1); per parent row: 1 for extensions, Poisson 1.0 (PMSI) or 0.2 (others)",
            ])
    }

    private func describe(_ role: TableRole, _ table: TablePlan) -> String {
        switch role {
        case .person: "person"
        case .personFact: "person fact"
        case .child(let driver, _, let exactlyOne): "\(exactlyOne ? "extension" : "child") of \(plan.tables[table.links[driver].parent].name)"
        case .pool(let size): "pool of \(size)"
        }
    }
}

/// One person of the sample, recomputed from the seed and the person's number.
struct SyntheticPerson {
    var index: Int
    var key: UInt64
    var birth: Int
    var death: Int?
    var female: Bool
    var nir: String
    var beneficiary: String

    init(index: Int, seed: UInt64, period: ClosedRange<Int>) {
        self.index = index
        key = SplitMix64.key(seed, UInt64(index))
        var random = SplitMix64(seed: key)
        // Ages at the end of the period: roughly the French pyramid, thinning after 60.
        let age = Int(100 * pow(random.unit(), 1.15))
        birth = period.upperBound - age * 365 - random.below(365)
        female = random.chance(0.515)
        // Deaths within the period, more likely with age (about 1% a year overall).
        let yearly = min(0.5, 0.0002 * exp(Double(age) * 0.085))
        let years = Double(period.count) / 365.25
        if random.chance(min(0.9, yearly * years)) {
            let from = max(birth, period.lowerBound)
            death = from + random.below(max(1, period.upperBound - from + 1))
        }
        nir = Self.pseudonym(index, key: SplitMix64.key(seed, 0x4E49_52))
        beneficiary = Self.pseudonym(index, key: SplitMix64.key(seed, 0x4944_54))
    }

    var life: ClosedRange<Int> { birth...max(birth, death ?? Int.max / 4) }

    /// 17 characters, distinct for distinct people: a bijective mix of the number, in base 36.
    static func pseudonym(_ index: Int, key: UInt64) -> String {
        var value = SplitMix64.finalize(UInt64(index) ^ key)
        var characters: [Character] = []
        while value > 0 {
            characters.append(SyntheticPlan.alphabet[Int(value % 36)])
            value /= 36
        }
        return String(repeating: "0", count: max(0, 17 - characters.count)) + String(characters.reversed())
    }
}

/// A row being generated: where it hangs, its stream, its position, its dates (day numbers).
struct RowContext {
    var table: Int
    /// The arena index of the row it hangs on, -1 for none.
    var parent: Int
    var key: UInt64
    /// Its position among its person's rows of the table, or its index in a pool.
    var position: Int
    var start: Int
    var end: Int
    var isPool: Bool
}

/// Builds one person's rows (contexts, then cells) for one table pass.
struct RowFactory {
    let plan: SyntheticPlan
    let seed: UInt64
    var arena: [RowContext] = []
    /// Table -> the arena range of the current person's rows of it.
    var memo: [Int: Range<Int>] = [:]
    var person: SyntheticPerson
    var linkParents: [Int?] = []

    init(plan: SyntheticPlan) {
        self.plan = plan
        seed = SplitMix64.key(plan.options.seed, 0x5359_4E54)
        person = SyntheticPerson(index: 0, seed: seed, period: plan.period)
    }

    mutating func begin(person index: Int) {
        arena.removeAll(keepingCapacity: true)
        memo.removeAll(keepingCapacity: true)
        person = SyntheticPerson(index: index, seed: seed, period: plan.period)
    }

    mutating func beginPool() {
        arena.removeAll(keepingCapacity: true)
        memo.removeAll(keepingCapacity: true)
    }

    /// The current person's rows of `table`, as arena indexes.
    mutating func rows(of table: Int) -> Range<Int> {
        if let range = memo[table] { return range }
        let plan = plan.tables[table]
        let tableKey = SplitMix64.key(person.key, plan.key)
        var random = SplitMix64(seed: tableKey)
        var made: [RowContext] = []
        switch plan.role {
        case .person:
            let life = person.life
            made.append(
                RowContext(
                    table: table, parent: -1, key: tableKey, position: 0, start: plan.window.lowerBound.clamped(to: life),
                    end: min(plan.window.upperBound, self.plan.period.upperBound).clamped(to: life), isPool: false))
        case .personFact(let mean, let perYear):
            let lower = max(plan.window.lowerBound, person.birth)
            let upper = min(plan.window.upperBound, person.death ?? Int.max)
            if lower <= upper {
                let count = min(random.poisson(perYear ? mean * Double(upper - lower + 1) / 365.25 : mean), plan.positions)
                for position in 0..<count {
                    let start = lower + random.below(upper - lower + 1)
                    let end = min(upper, start + random.geometric(mean: 2))
                    made.append(
                        RowContext(
                            table: table, parent: -1, key: SplitMix64.key(tableKey, UInt64(position)), position: position, start: start, end: end,
                            isPool: false))
                }
            }
        case .child(let driver, let mean, let exactlyOne):
            let parents = rows(of: plan.links[driver].parent)
            var position = 0
            for parent in parents where plan.window.contains(arena[parent].start) {
                let parentRow = arena[parent]
                let rowKey = SplitMix64.key(parentRow.key, plan.key)
                var childRandom = SplitMix64(seed: rowKey)
                let count = exactlyOne ? 1 : childRandom.poisson(mean)
                for child in 0..<count where position < plan.positions {
                    made.append(
                        RowContext(
                            table: table, parent: parent, key: SplitMix64.key(rowKey, UInt64(child)), position: position, start: parentRow.start,
                            end: max(parentRow.start, min(parentRow.end, plan.window.upperBound)), isPool: false))
                    position += 1
                }
            }
        case .pool:
            break
        }
        let first = arena.count
        arena.append(contentsOf: made)
        memo[table] = first..<arena.count
        return first..<arena.count
    }

    /// The context of a pool's row `index`, added to the arena.
    mutating func poolRow(_ table: Int, _ index: Int) -> Int {
        let plan = plan.tables[table]
        let key = SplitMix64.key(seed, SplitMix64.key(plan.key, UInt64(index)))
        var random = SplitMix64(seed: key)
        let start = plan.window.lowerBound + random.below(plan.window.count)
        let end = min(plan.window.upperBound, start + random.geometric(mean: 2))
        arena.append(RowContext(table: table, parent: -1, key: key, position: index, start: start, end: end, isPool: true))
        return arena.count - 1
    }

    /// The arena index of the row a join of `table`'s row `row` points to; nil when there is none (NULLs).
    mutating func parent(_ table: Int, _ linkIndex: Int, _ row: Int) -> Int? {
        let link = plan.tables[table].links[linkIndex]
        switch link.kind {
        case .driver:
            return arena[row].parent >= 0 ? arena[row].parent : nil
        case .person, .sibling:
            if arena[row].isPool { return nil }
            return rows(of: link.parent).first
        case .aligned:
            return poolRow(link.parent, arena[row].position)
        case .pool:
            guard case .pool(let size) = plan.tables[link.parent].role else { return nil }
            var random = SplitMix64(seed: SplitMix64.key(arena[row].key, link.key))
            return poolRow(link.parent, random.below(size))
        }
    }

    /// Appends the cells of `table`'s row `row` to `values`.
    mutating func fill(_ table: Int, _ row: Int, into values: inout [CellValue]) {
        let links = plan.tables[table].links
        linkParents.removeAll(keepingCapacity: true)
        for link in links.indices { linkParents.append(parent(table, link, row)) }
        let parents = linkParents
        let rules = plan.tables[table].rules
        for column in rules.indices {
            values.append(cell(table, column, rules[column], row, parents: parents))
        }
    }

    mutating func cell(_ table: Int, _ column: Int, _ row: Int) -> CellValue {
        cell(table, column, plan.tables[table].rules[column], row, parents: nil)
    }

    mutating func cell(_ table: Int, _ column: Int, _ rule: ColumnRule, _ row: Int, parents: [Int?]?) -> CellValue {
        let context = arena[row]
        switch rule {
        case .identity(let kind, let length):
            if context.isPool { return .null }
            let text = kind == .nir ? person.nir : person.beneficiary
            if let length, length < text.count { return .text(String(text.suffix(length))) }
            return .text(text)
        case .personAttribute(let key, let rule):
            var random = SplitMix64(seed: SplitMix64.key(context.isPool ? context.key : person.key, key))
            return draw(rule, &random, context)
        case .reference(let linkIndex, let field):
            let parentRow: Int?
            if let parents { parentRow = parents[linkIndex] } else { parentRow = parent(table, linkIndex, row) }
            guard let parentRow else { return .null }
            let link = plan.tables[table].links[linkIndex]
            return cell(link.parent, link.parentColumns[field], parentRow)
        case .serial(let part, let type):
            let number: Int
            switch part {
            case .combined: number = context.isPool ? context.position + 1 : person.index * plan.tables[table].positions + context.position + 1
            case .person: number = person.index + 1
            case .position: number = context.position + 1
            }
            return Self.serialCell(number, type)
        case .date(let role, let format):
            let day: Int
            switch role {
            case .birth where !context.isPool: day = person.birth
            case .death where !context.isPool:
                guard let death = person.death else { return .null }
                day = death
            case .end: day = context.end
            default: day = context.start
            }
            return Self.dateCell(day, format)
        case .value(let rule):
            var random = SplitMix64(seed: SplitMix64.key(context.key, plan.tables[table].columnKeys[column]))
            return draw(rule, &random, context)
        }
    }

    func draw(_ rule: ValueRule, _ random: inout SplitMix64, _ context: RowContext) -> CellValue {
        switch rule {
        case .palette(let values): return values[random.below(values.count)]
        case .codes(let codes, let zipf): return codes[zipf.draw(&random)]
        case .integer(let range):
            let span = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
            return .integer(range.lowerBound &+ Int64(bitPattern: span == 0 ? random.next() : random.next() % span))
        case .boolean: return .integer(random.chance(0.5) ? 1 : 0)
        case .age(let max):
            if context.isPool { return .integer(Int64(random.below(Int(min(max, 99)) + 1))) }
            return .integer(min(max, Int64((context.start - person.birth) / 365)))
        case .sex(let male, let female):
            if context.isPool { return random.chance(0.5) ? female : male }
            return person.female ? female : male
        }
    }

    static func serialCell(_ number: Int, _ type: ColumnType) -> CellValue {
        switch type {
        case .integer: return .integer(Int64(number))
        case .decimal(_, let scale): return .text(SyntheticPlan.decimalText(whole: Int64(number), fraction: 0, scale: scale))
        case .text(let length):
            let digits = String(number)
            guard let length, length <= 20, digits.count < length else { return .text(digits) }
            return .text(String(repeating: "0", count: length - digits.count) + digits)
        default: return .integer(Int64(number))
        }
    }

    static func dateCell(_ day: Int, _ format: DateFormat) -> CellValue {
        switch format {
        case .date: return CalendarDay.iso(day)
        case .timestamp: return .text(CalendarDay.isoText(day) + " 00:00:00")
        case .year: return .text(String(CalendarDay.civil(day).year))
        case .yearMonth:
            let (year, month, _) = CalendarDay.civil(day)
            return .text("\(year)-\(CalendarDay.twoDigits(month))")
        case .yearInteger: return .integer(Int64(CalendarDay.civil(day).year))
        case .monthInteger: return .integer(Int64(CalendarDay.civil(day).month))
        }
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
