/// The SNDS's usual ways into a population, written once: a spec names one and gives its codes, and the preset
/// expands into the sources, joins and quality rules an analyst would otherwise write by hand.
public enum CriterionPreset: String, Sendable, CaseIterable {
    /// People with an ICD-10 code (by prefix) as the main (`DGN_PAL`), related (`DGN_REL`) or associated
    /// (`ASS_DGN`) diagnosis of a PMSI MCO stay that began in the period: per year, the stays `T_MCOaaB`, their
    /// patients `T_MCOaaC` and their associated diagnoses `T_MCOaaD`, joined on `ETA_NUM` and `RSA_NUM`.
    case pmsiMCODiagnosis = "pmsi_mco_diagnosis"
    /// People dispensed a drug of an ATC class (by prefix) in DCIR claims of the period: `ER_PRS_F` joined to
    /// `ER_PHA_F` on the nine claim keys, and to the drug referential `IR_PHA_R` on the CIP13 code.
    case dcirDrug = "dcir_drug"

    public enum DiagnosisPosition: String, Sendable, CaseIterable {
        case main, related, associated
    }

    /// The nine columns that identify a DCIR claim line and join its detail tables to `ER_PRS_F`.
    public static let dcirClaimKeys = [
        "DCT_ORD_NUM", "FLX_DIS_DTD", "FLX_EMT_NUM", "FLX_EMT_ORD", "FLX_EMT_TYP", "FLX_TRT_DTD", "ORG_CLE_NUM", "PRS_ORD_NUM", "REM_TYP_AFF",
    ]

    /// PMSI MCO tables carry the year's last two digits (`T_MCO19B`).
    static func mcoTable(_ suffix: String, year: Int) -> String {
        "T_MCO\(String(year % 100).leftPadded(to: 2))\(suffix)"
    }

    static func diagnosisSources(codes: [String], positions: [DiagnosisPosition], years: ClosedRange<Int>, line: Int?) -> [Source] {
        years.flatMap { year -> [Source] in
            let stays = mcoTable("B", year: year)
            let patients = mcoTable("C", year: year)
            let stayKeys = ["ETA_NUM", "RSA_NUM"]
            let patient = Join(table: patients, on: stayKeys.map { (ColumnReference(column: $0), $0) })
            let person = ColumnReference(table: patients, column: "NIR_ANO_17")
            let date = ColumnReference(table: patients, column: "EXE_SOI_DTD")
            var sources: [Source] = []
            let onStay: [Filter] = [
                positions.contains(.main) ? Filter.startsWith(ColumnReference(column: "DGN_PAL"), codes) : nil,
                positions.contains(.related) ? Filter.startsWith(ColumnReference(column: "DGN_REL"), codes) : nil,
            ].compactMap { $0 }
            if !onStay.isEmpty {
                sources.append(
                    Source(
                        table: stays, joins: [patient], person: person, date: date,
                        filters: onStay.count == 1 ? onStay : [.anyOf(onStay)], quality: [.sndsPMSI], line: line))
            }
            if positions.contains(.associated) {
                let stay = Join(table: stays, on: stayKeys.map { (ColumnReference(column: $0), $0) })
                sources.append(
                    Source(
                        table: mcoTable("D", year: year), joins: [stay, patient], person: person, date: date,
                        filters: [.startsWith(ColumnReference(column: "ASS_DGN"), codes)], quality: [.sndsPMSI], line: line))
            }
            return sources
        }
    }

    static func drugSources(atc: [String], line: Int?) -> [Source] {
        let pharmacy = Join(table: "ER_PHA_F", on: dcirClaimKeys.map { (ColumnReference(column: $0), $0) })
        let drugs = Join(table: "IR_PHA_R", on: [(ColumnReference(table: "ER_PHA_F", column: "PHA_PRS_C13"), "PHA_CIP_C13")])
        return [
            Source(
                table: "ER_PRS_F", joins: [pharmacy, drugs], person: ColumnReference(column: "BEN_NIR_PSA"),
                date: ColumnReference(column: "EXE_SOI_DTD"),
                filters: [.startsWith(ColumnReference(table: "IR_PHA_R", column: "PHA_ATC_C07"), atc)], quality: [.sndsDCIR], line: line)
        ]
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
