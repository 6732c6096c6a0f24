import Catalog
import Foundation

/// The columns the catalog marks, by their names and descriptions, as identifying a person: what
/// `hublot pseudo apply` replaces when no columns are given.
public enum IdentifyingColumns {
    /// The SNDS's pseudonymous person identifiers, named outright.
    static let identifiers: Set<String> = ["BEN_NIR_PSA", "NIR_ANO_17", "BEN_NIR_ANO", "BEN_IDT_ANO"]

    /// The distinct names of the identifying columns of `schema`, sorted.
    public static func defaults(in schema: ProjectSchema) -> [String] {
        Array(Set(schema.tables.flatMap(\.variables).filter { reason(for: $0) != nil }.map { $0.name.uppercased() })).sorted()
    }

    /// Why a variable identifies a person, or nil.
    ///
    /// - NIR-like: a text column named like the identifiers above, containing `_NIR_` or starting with `NIR_ANO`
    ///   (`ASS_NIR_ANO`, `BEN_NIR_IDT`, `NIR_ANO_MAM`), or ending in `_IDT_ANO`. `BEN_CDI_NIR` (a two-letter
    ///   code about the NIR) and `NIR_RET` (a boolean) are not identifiers.
    /// - Names: a text column with a `NOM`/`PRENOM`/`PNM` token in its name (`TRS_CDR_NOM`), or described as a
    ///   surname or first name. "Nom de la voie" (`IDE_VOI_LIB`) is a place, and has no such token.
    /// - Exact birth dates: a day (not a `%m` month or a year) whose name or description says birth/naissance.
    public static func reason(for variable: Variable) -> String? {
        let name = variable.name.uppercased()
        let tokens = name.split(separator: "_").map(String.init)
        let description = variable.description.lowercased()
        let isText = variable.type.lowercased() == "string"
        if isText, identifiers.contains(name) || name.contains("_NIR_") || name.hasPrefix("NIR_ANO") || name.hasSuffix("_IDT_ANO") {
            return "NIR-like identifier"
        }
        if isText,
            tokens.contains(where: { $0.hasPrefix("NOM") || $0.hasPrefix("PRENOM") || $0 == "PNM" })
                || ["prénom", "prenom", "nom de famille", "nom d'usage", "nom de naissance", "patronyme", "surname", "first name"].contains(
                    where: { description.contains($0) })
        {
            return "a person's name"
        }
        if let shape = DateShape(variable), shape.isFullDate || shape == .timestamp, DatePairs.isBirthDate(variable) {
            return "exact birth date"
        }
        return nil
    }
}
