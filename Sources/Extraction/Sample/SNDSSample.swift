import Workbench

/// A synthetic SNDS sample with known answers: beneficiaries, DCIR claims with their pharmacy lines and the drug
/// referential, and PMSI MCO stays per year, with the flaws the quality presets exist for (information-only
/// lines, lines without a base amount, stays failing their `*_RET` checks, error GHMs). Each person's history is
/// recomputed from the seed for every table, so tables agree on keys while rows stream in batches, in constant
/// memory whatever the size: the cross-engine test loads a few hundred people, the benchmark a million.
public struct SNDSSample: Sendable {
    public var people: Int
    /// Mean DCIR claim lines per person over the years.
    public var claimsPerPerson: Double
    public var years: ClosedRange<Int>
    public var seed: UInt64

    public init(people: Int, claimsPerPerson: Double = 12, years: ClosedRange<Int> = 2019...2020, seed: UInt64 = 1) {
        self.people = people
        self.claimsPerPerson = claimsPerPerson
        self.years = years
        self.seed = seed
    }

    /// Tables in the order they are loaded.
    public var tables: [TableDefinition] {
        [Self.beneficiaries, Self.drugReferential, Self.claims, Self.pharmacyLines]
            + years.flatMap { [Self.stays(year: $0), Self.stayPatients(year: $0), Self.associatedDiagnoses(year: $0)] }
    }

    /// Loads every table into `engine`, replacing tables of the same names; returns the rows per table.
    @discardableResult
    public func load(into engine: any Engine, progress: (String, Int) -> Void = { _, _ in }) async throws -> [(table: String, rows: Int)] {
        var loaded: [(table: String, rows: Int)] = []
        for table in tables {
            let count = try await engine.load(table, replacing: true) { loader in
                var batch = RowBatch(columns: table.columnNames)
                for person in 0..<(table.name == Self.drugReferential.name ? 1 : people) {
                    rows(of: table.name, person: person, into: &batch)
                    if batch.count >= 5_000 {
                        try await loader.append(batch)
                        batch.removeAll()
                    }
                }
                if !batch.isEmpty { try await loader.append(batch) }
            }
            progress(table.name, count)
            loaded.append((table.name, count))
        }
        return loaded
    }

    func rows(of table: String, person: Int, into batch: inout RowBatch) {
        if table == Self.drugReferential.name {
            for drug in Self.drugs { batch.append(row: [.text(drug.cip), .text(drug.atc)]) }
            return
        }
        let history = PersonHistory(sample: self, person: person)
        switch table {
        case Self.beneficiaries.name:
            batch.append(row: [
                .text(history.identifier), .integer(1), .integer(history.sex), .text(String(history.birthYear)), .text(history.department),
                history.death.map(CalendarDay.iso) ?? .null,
            ])
        case Self.claims.name:
            for claim in history.claims {
                batch.append(
                    row: claim.keys + [
                        .text(history.identifier), .integer(1), CalendarDay.iso(claim.day), .integer(claim.nature),
                        .integer(claim.informationOnly ? 71 : 0),
                        .integer(claim.withoutBase ? 0 : 1), .integer(claim.quantity), .text(claim.paid), .text(claim.paid),
                    ])
            }
        case Self.pharmacyLines.name:
            for claim in history.claims {
                guard let drug = claim.drug else { continue }
                batch.append(row: claim.keys + [.text(Self.drugs[drug].cip), .integer(claim.quantity)])
            }
        default:
            guard let (year, kind) = Self.pmsiTable(table) else { return }
            for stay in history.stays where CalendarDay.civil(stay.day).year == year {
                let keys: [CellValue] = [.text(stay.establishment), .text(stay.number)]
                switch kind {
                case "B":
                    batch.append(row: keys + [.text(stay.main), stay.related.map(CellValue.text) ?? .null, .text(stay.ghm), .integer(stay.length)])
                case "C":
                    let checks = (0..<7).map { CellValue.text($0 == stay.failedCheck ? "1" : "0") }
                    batch.append(
                        row: keys + [.text(history.identifier), CalendarDay.iso(stay.day), CalendarDay.iso(stay.day + Int(stay.length))] + checks)
                default:
                    for code in stay.associated { batch.append(row: keys + [.text(code)]) }
                }
            }
        }
    }

    static func pmsiTable(_ name: String) -> (year: Int, kind: String)? {
        guard name.hasPrefix("T_MCO"), name.count == 8, let twoDigits = Int(name.dropFirst(5).prefix(2)) else { return nil }
        return (2000 + twoDigits, String(name.suffix(1)))
    }

    // MARK: - Tables (SNDS names and types)

    static func text(_ name: String, _ length: Int? = nil) -> ColumnDefinition { ColumnDefinition(name: name, type: .text(length: length)) }
    static func integer(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .integer) }
    static func date(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .date) }

    static let claimKeys: [ColumnDefinition] = CriterionPreset.dcirClaimKeys.map { name in
        switch name {
        case "FLX_DIS_DTD", "FLX_TRT_DTD": date(name)
        case "ORG_CLE_NUM": text(name, 9)
        default: integer(name)
        }
    }

    public static let beneficiaries = TableDefinition(
        name: "IR_BEN_R",
        columns: [
            text("BEN_NIR_PSA", 17), integer("BEN_RNG_GEM"), integer("BEN_SEX_COD"), text("BEN_NAI_ANN", 4), text("BEN_RES_DPT", 3),
            date("BEN_DCD_DTE"),
        ])
    public static let drugReferential = TableDefinition(name: "IR_PHA_R", columns: [text("PHA_CIP_C13", 13), text("PHA_ATC_C07", 7)])
    public static let claims = TableDefinition(
        name: "ER_PRS_F",
        columns: claimKeys + [
            text("BEN_NIR_PSA", 17), integer("BEN_RNG_GEM"), date("EXE_SOI_DTD"), integer("PRS_NAT_REF"), integer("DPN_QLF"), integer("BSE_PRS_NAT"),
            integer("PRS_ACT_QTE"), ColumnDefinition(name: "PRS_PAI_MNT", type: .decimal(precision: 12, scale: 2)),
            ColumnDefinition(name: "BSE_REM_MNT", type: .decimal(precision: 12, scale: 2)),
        ])
    public static let pharmacyLines = TableDefinition(name: "ER_PHA_F", columns: claimKeys + [text("PHA_PRS_C13", 13), integer("PHA_ACT_QSN")])

    public static func stays(year: Int) -> TableDefinition {
        TableDefinition(
            name: CriterionPreset.mcoTable("B", year: year),
            columns: [text("ETA_NUM", 9), text("RSA_NUM", 10), text("DGN_PAL", 6), text("DGN_REL", 6), text("GRG_GHM", 6), integer("SEJ_NBJ")])
    }

    public static func stayPatients(year: Int) -> TableDefinition {
        TableDefinition(
            name: CriterionPreset.mcoTable("C", year: year),
            columns: [text("ETA_NUM", 9), text("RSA_NUM", 10), text("NIR_ANO_17", 17), date("EXE_SOI_DTD"), date("EXE_SOI_DTF")]
                + ["NIR_RET", "NAI_RET", "SEX_RET", "SEJ_RET", "FHO_RET", "PMS_RET", "DAT_RET"].map { text($0, 1) })
    }

    public static func associatedDiagnoses(year: Int) -> TableDefinition {
        TableDefinition(name: CriterionPreset.mcoTable("D", year: year), columns: [text("ETA_NUM", 9), text("RSA_NUM", 10), text("ASS_DGN", 6)])
    }

    /// A small drug referential: CIP13 codes made up for the sample, with real ATC classes (public WHO codes).
    static let drugs: [(cip: String, atc: String)] = [
        "A10BA02", "A10BB09", "A10BD07", "A10AE04", "A10AB05", "C09AA05", "C10AA05", "C07AB07", "N02BE01", "N05BA12", "J01CA04", "J01CR02",
        "R03AC02", "B01AC06", "M01AE01", "A02BC01", "H03AA01", "N06AB06", "C03CA01", "R06AE07",
    ].enumerated().map { index, atc in ("34009" + String(300_000 + index * 37).leftPadded(to: 8), atc) }
    /// ICD-10 codes drawn as diagnoses; diabetes (E10-E14) is drawn for the people the sample makes diabetic.
    static let diagnoses = [
        "I10", "J189", "K359", "S7200", "I500", "N390", "C509", "O800", "R074", "K802", "I214", "J441", "E119", "E109", "E149", "Z515",
    ]
}

/// One person's history, recomputed from the sample's seed and the person's index.
struct PersonHistory {
    struct Claim {
        var keys: [CellValue]
        var day: Int
        var nature: Int64
        var drug: Int?
        var quantity: Int64
        var paid: String
        var informationOnly: Bool
        var withoutBase: Bool
    }

    struct Stay {
        var establishment: String
        var number: String
        var day: Int
        var length: Int64
        var main: String
        var related: String?
        var ghm: String
        var associated: [String]
        /// Which of the seven `*_RET` checks fails, if one does.
        var failedCheck: Int?
    }

    var identifier: String
    var sex: Int64
    var birthYear: Int
    var department: String
    var death: Int?
    var claims: [Claim] = []
    var stays: [Stay] = []

    init(sample: SNDSSample, person: Int) {
        var random = SplitMix64(seed: SplitMix64.key(sample.seed, UInt64(person)))
        let alphabet = Array("0123456789ABCDEF")
        identifier = String((0..<17).map { _ in alphabet[random.below(16)] })
        sex = Int64(1 + random.below(2))
        birthYear = 1930 + random.below(90)
        department = String(1 + random.below(95)).leftPadded(to: 2)
        let first = CalendarDay.firstDay(of: sample.years.lowerBound)
        let span = CalendarDay.lastDay(of: sample.years.upperBound) - first + 1
        death = random.chance(0.02) ? first + random.below(span) : nil
        let diabetic = random.chance(0.12)
        for index in 0..<random.poisson(sample.claimsPerPerson) {
            let day = first + random.below(span)
            let care = CalendarDay.civil(day)
            let lag = random.geometric(mean: 0.8)
            let fluxIndex = care.year * 12 + care.month - 1 + lag
            let flux = CalendarDay.day(year: fluxIndex / 12, month: fluxIndex % 12 + 1, day: 1)
            let isPharmacy = random.chance(0.45)
            let drug = isPharmacy ? (diabetic && random.chance(0.5) ? random.below(5) : 5 + random.below(SNDSSample.drugs.count - 5)) : nil
            let quantity = Int64(1 + random.below(3))
            let cents = 100 + random.below(12_000)
            let keys: [CellValue] = [
                .integer(Int64(person) * 1_000 + Int64(index)), CalendarDay.iso(flux), .integer(Int64(1 + random.below(99))), .integer(1),
                .integer(1),
                CalendarDay.iso(flux), .text("01C" + String(random.below(1_000_000)).leftPadded(to: 6)), .integer(1), .integer(1),
            ]
            claims.append(
                Claim(
                    keys: keys, day: day, nature: isPharmacy ? 3317 : [1111, 1112, 1211, 3122][random.below(4)], drug: drug, quantity: quantity,
                    paid: "\(cents / 100).\(String(cents % 100).leftPadded(to: 2))", informationOnly: random.chance(0.05),
                    withoutBase: random.chance(0.03)))
        }
        let yearCount = sample.years.count
        for index in 0..<random.poisson(0.35 * Double(yearCount)) {
            let day = first + random.below(span)
            let diagnosis = { (random: inout SplitMix64) in SNDSSample.diagnoses[random.below(SNDSSample.diagnoses.count - 4)] }
            var main = diagnosis(&random)
            var associated = (0..<random.below(3)).map { _ in diagnosis(&random) }
            if diabetic {
                if random.chance(0.4) { main = ["E119", "E109", "E149"][random.below(3)] } else if random.chance(0.5) { associated.append("E119") }
            }
            stays.append(
                Stay(
                    establishment: String(130_000_000 + random.below(500)), number: String(person * 100 + index).leftPadded(to: 10), day: day,
                    length: Int64(random.below(12)), main: main, related: random.chance(0.2) ? diagnosis(&random) : nil,
                    ghm: random.chance(0.02) ? "90Z00Z" : ["05M09T", "04M05Z", "06C04J", "14Z14A"][random.below(4)], associated: associated,
                    failedCheck: random.chance(0.04) ? random.below(7) : nil))
        }
    }
}
