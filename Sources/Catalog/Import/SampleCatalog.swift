import Foundation
import GRDB
import Store

/// A small catalog made up by Hublot in the schema-snds layout, for `hublot demo` and for tests: two
/// products, five tables joined on pseudonymous keys, three nomenclatures. Every title says SAMPLE, and the
/// version is marked as a sample, so nobody mistakes it for the SNDS.
public enum SampleCatalog {
    public static let versionName = "sample"

    /// Writes the sample's files under `directory` (created if needed).
    public static func write(to directory: URL) throws {
        for (path, json) in tableSchemas.merging(nomenclatureSchemas, uniquingKeysWith: { first, _ in first }) {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }
        for (path, csv) in nomenclatureRows {
            try Data(csv.utf8).write(to: directory.appendingPathComponent(path))
        }
    }

    /// Imports the sample as the version `sample`, or returns nil when it is already there.
    public static func install(into store: Store) throws -> ImportReport? {
        let exists = try store.reader.read { db in
            try CatalogVersion.filter(CatalogVersion.Columns.name == versionName).fetchCount(db) > 0
        }
        if exists { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try write(to: directory)
        let source = try CatalogImporter().read(directory: directory.path)
        return try CatalogImporter().write(source, name: versionName, sourceDescription: "sample made by Hublot", isSample: true, into: store)
    }

    private static func field(
        _ name: String, _ description: String, type: String = "string", length: String? = nil, nomenclature: String = "-",
        created: String = "2006"
    ) -> [String: Any] {
        [
            "name": name, "description": description, "type": type, "length": length ?? NSNull(), "nomenclature": nomenclature,
            "format": "default", "dateCreated": created, "dateDeleted": "", "dateMissing": [String](), "observation": "",
            "regle_gestion": "", "type_oracle": type == "string" ? "string" : "number",
        ]
    }

    private static func table(
        _ name: String, product: String, title: String, fields: [[String: Any]], primaryKey: [String]? = nil,
        foreignKeys: [(fields: [String], table: String)] = []
    ) -> [String: Any] {
        var schema: [String: Any] = [
            "name": name, "title": "SAMPLE — \(title)", "produit": product, "champ": "Sample", "observation": "Made up by Hublot: not real data",
            "history": ["dateCreated": "2006", "dateDeleted": "", "dateMissing": [String]()], "missingValues": [""], "fields": fields,
        ]
        if let primaryKey { schema["primaryKey"] = primaryKey }
        if !foreignKeys.isEmpty {
            schema["foreignKeys"] = foreignKeys.map { ["fields": $0.fields, "reference": ["resource": $0.table, "fields": $0.fields]] }
        }
        return schema
    }

    static var tableSchemas: [String: [String: Any]] {
        [
            "schemas/SAMPLE_CLAIMS/SA_BEN_R.json": table(
                "SA_BEN_R", product: "SAMPLE_CLAIMS", title: "Référentiel des bénéficiaires",
                fields: [
                    field("BEN_IDT_ANO", "Identifiant pseudonymisé du bénéficiaire", length: "17"),
                    field("BEN_SEX_COD", "Sexe du bénéficiaire", type: "integer", length: "1", nomenclature: "SA_SEX_V"),
                    field("BEN_NAI_ANN", "Année de naissance du bénéficiaire", type: "year", length: "4"),
                    field("BEN_NAI_MOI", "Mois de naissance du bénéficiaire", type: "integer", length: "2"),
                    field("BEN_DCD_DTE", "Date de décès du bénéficiaire", type: "date", length: "8"),
                    field("BEN_RES_DPT", "Département de résidence du bénéficiaire", length: "3", nomenclature: "SA_DPT_V"),
                ], primaryKey: ["BEN_IDT_ANO"]),
            "schemas/SAMPLE_CLAIMS/SA_PRS_F.json": table(
                "SA_PRS_F", product: "SAMPLE_CLAIMS", title: "Prestations remboursées",
                fields: [
                    field("BEN_IDT_ANO", "Identifiant pseudonymisé du bénéficiaire", length: "17"),
                    field("PRS_ORD_NUM", "Numéro d'ordre de la prestation", type: "integer", length: "10"),
                    field("EXE_SOI_DTD", "Date de début des soins", type: "date", length: "8"),
                    field("PRS_NAT_REF", "Nature de la prestation de référence", type: "integer", length: "4", nomenclature: "SA_ACT_V"),
                    field("PRS_REM_MNT", "Montant remboursé de la prestation", type: "number", length: "10,2"),
                ], primaryKey: ["PRS_ORD_NUM"], foreignKeys: [(["BEN_IDT_ANO"], "SA_BEN_R")]),
            "schemas/SAMPLE_CLAIMS/SA_PHA_F.json": table(
                "SA_PHA_F", product: "SAMPLE_CLAIMS", title: "Prestations de pharmacie",
                fields: [
                    field("PRS_ORD_NUM", "Numéro d'ordre de la prestation", type: "integer", length: "10"),
                    field("PHA_PRS_C13", "Code CIP du médicament délivré", length: "13"),
                    field("PHA_ACT_QSN", "Quantité de médicaments délivrés", type: "integer", length: "4"),
                ], foreignKeys: [(["PRS_ORD_NUM"], "SA_PRS_F")]),
            "schemas/SAMPLE_HOSPITAL/SA_SEJ_B.json": table(
                "SA_SEJ_B", product: "SAMPLE_HOSPITAL", title: "Séjours hospitaliers",
                fields: [
                    field("ETA_NUM", "Numéro FINESS de l'établissement", length: "9"),
                    field("SEJ_NUM", "Numéro du séjour", length: "10"),
                    field("BEN_IDT_ANO", "Identifiant pseudonymisé du bénéficiaire", length: "17"),
                    field("ENT_DAT", "Date d'entrée du séjour", type: "date", length: "8"),
                    field("SOR_DAT", "Date de sortie du séjour", type: "date", length: "8"),
                    field("DGN_PAL", "Diagnostic principal (CIM-10)", length: "6", nomenclature: "SA_CIM_V"),
                ], primaryKey: ["ETA_NUM", "SEJ_NUM"], foreignKeys: [(["BEN_IDT_ANO"], "SA_BEN_R")]),
            "schemas/SAMPLE_HOSPITAL/SA_DIA_D.json": table(
                "SA_DIA_D", product: "SAMPLE_HOSPITAL", title: "Diagnostics associés du séjour",
                fields: [
                    field("ETA_NUM", "Numéro FINESS de l'établissement", length: "9"),
                    field("SEJ_NUM", "Numéro du séjour", length: "10"),
                    field("ASS_DGN", "Diagnostic associé (CIM-10)", length: "6", nomenclature: "SA_CIM_V:CIM_COD"),
                ], foreignKeys: [(["ETA_NUM", "SEJ_NUM"], "SA_SEJ_B")]),
        ]
    }

    private static func nomenclature(_ name: String, title: String, code: String, label: String) -> [String: Any] {
        [
            "name": name, "title": "SAMPLE — \(title)", "missingValues": [""], "primaryKey": [code],
            "fields": [
                ["name": code, "type": "string", "format": "default", "role": "code"],
                ["name": label, "type": "string", "format": "default", "role": "label"],
            ],
        ]
    }

    static var nomenclatureSchemas: [String: [String: Any]] {
        [
            "nomenclatures/SAMPLE/SA_SEX_V.json": nomenclature("SA_SEX_V", title: "Sexe", code: "SEX_COD", label: "SEX_LIB"),
            "nomenclatures/SAMPLE/SA_DPT_V.json": nomenclature("SA_DPT_V", title: "Département", code: "DPT_COD", label: "DPT_LIB"),
            "nomenclatures/SAMPLE/SA_ACT_V.json": nomenclature("SA_ACT_V", title: "Nature de prestation", code: "ACT_COD", label: "ACT_LIB"),
            "nomenclatures/SAMPLE/SA_CIM_V.json": nomenclature("SA_CIM_V", title: "Diagnostics (extrait CIM-10)", code: "CIM_COD", label: "CIM_LIB"),
        ]
    }

    static let nomenclatureRows: [String: String] = [
        "nomenclatures/SAMPLE/SA_SEX_V.csv": "SEX_COD;SEX_LIB\n1;Masculin\n2;Féminin\n9;Valeur inconnue\n",
        "nomenclatures/SAMPLE/SA_DPT_V.csv": "DPT_COD;DPT_LIB\n013;Bouches-du-Rhône\n033;Gironde\n069;Rhône\n075;Paris\n974;La Réunion\n",
        "nomenclatures/SAMPLE/SA_ACT_V.csv":
            "ACT_COD;ACT_LIB\n1111;Consultation de médecin généraliste\n1112;Consultation de spécialiste\n3317;Pharmacie\n",
        "nomenclatures/SAMPLE/SA_CIM_V.csv":
            "CIM_COD;CIM_LIB\nE10;Diabète sucré de type 1\nE11;Diabète sucré de type 2\nI21;Infarctus aigu du myocarde\nJ45;Asthme\n",
    ]
}
