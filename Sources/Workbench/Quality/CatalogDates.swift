import Catalog
import Foundation

/// What a catalog `date` variable holds, read from its type, format and length: the SNDS types month numbers
/// (`%m`) and year-months (length 6) as dates too, and only full dates take part in date coherence.
public enum DateShape: Sendable, Equatable {
    /// A day: ISO `YYYY-MM-DD` on the engine (the workbench's convention), or the catalog's own `%d%m%Y`.
    case day(catalogFormat: String?)
    /// A month number, `%m`: 1 to 12.
    case monthNumber
    /// `YYYYMM` or `YYYY-MM`.
    case yearMonth
    /// A day and a time: ISO `YYYY-MM-DD HH:MM:SS` (or `T`), or the catalog's `%d%b%Y:%H:%M:%S` (`01JAN2019:00:00:00`).
    case timestamp

    public init?(_ variable: Variable) {
        switch variable.type.lowercased() {
        case "datetime": self = .timestamp
        case "date":
            if variable.format == "%m" {
                self = .monthNumber
            } else if variable.format.contains("%H") {
                self = .timestamp
            } else if variable.length == 6 {
                self = .yearMonth
            } else {
                self = .day(catalogFormat: variable.format == "default" ? nil : variable.format)
            }
        default: return nil
        }
    }

    public var isFullDate: Bool {
        if case .day = self { return true }
        return false
    }

    /// Whether `text` is a valid value of this shape; `2021-02-30` is not.
    public func accepts(_ text: String) -> Bool {
        switch self {
        case .day(let format):
            return Self.isoDay(text) || (format == "%d%m%Y" && Self.compactDay(text))
        case .monthNumber:
            guard let month = Int(text) else { return false }
            return (1...12).contains(month) && text.count <= 2
        case .yearMonth:
            let digits = text.replacingOccurrences(of: "-", with: "")
            guard digits.count == 6, text.count == 6 || (text.count == 7 && Array(text)[4] == "-"), let year = Int(digits.prefix(4)),
                let month = Int(digits.suffix(2))
            else { return false }
            return year >= 1000 && (1...12).contains(month)
        case .timestamp:
            if text.count >= 19, Self.isoDay(String(text.prefix(10))), ["T", " "].contains(Array(text)[10]) {
                return Self.time(String(Array(text)[11..<19]))
            }
            return Self.sasTimestamp(text)
        }
    }

    /// `YYYY-MM-DD`, a real day of the Gregorian calendar.
    static func isoDay(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10, characters[4] == "-", characters[7] == "-",
            let year = Int(String(characters[0..<4])), let month = Int(String(characters[5..<7])), let day = Int(String(characters[8..<10])),
            characters.enumerated().allSatisfy({ [4, 7].contains($0.offset) || $0.element.isASCII && $0.element.isNumber })
        else { return false }
        return validDay(year: year, month: month, day: day)
    }

    /// `DDMMYYYY`, as the catalog's `%d%m%Y`.
    static func compactDay(_ text: String) -> Bool {
        guard text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }), let day = Int(text.prefix(2)),
            let month = Int(text.dropFirst(2).prefix(2)), let year = Int(text.suffix(4))
        else { return false }
        return validDay(year: year, month: month, day: day)
    }

    static let sasMonths = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `01JAN2019:00:00:00`, as SAS writes `%d%b%Y:%H:%M:%S`.
    static func sasTimestamp(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 18, characters[9] == ":", let day = Int(String(characters[0..<2])),
            let month = sasMonths.firstIndex(of: String(characters[2..<5]).uppercased()), let year = Int(String(characters[5..<9]))
        else { return false }
        return validDay(year: year, month: month + 1, day: day) && time(String(characters[10..<18]))
    }

    static func time(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
            let second = Int(parts[2])
        else { return false }
        return (0..<24).contains(hour) && (0..<60).contains(minute) && (0..<61).contains(second)
    }

    static func validDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, year >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// Pairs of full-date columns of one table where the second must not come before the first, found from the
/// SNDS naming habits: a start token in the name and the same name with the matching end token
/// (`EXE_SOI_DTD`/`EXE_SOI_DTF`, `TRS_DTD_DTE`/`TRS_DTF_DTE`, `FAM_DRT_DSD`/`FAM_DRT_DSF`, `ENT_DAT`/`SOR_DAT`,
/// `DAT_DEB_FAC`/`DAT_FIN_FAC`).
public enum DatePairs {
    static let startToEnd = ["DTD": "DTF", "DSD": "DSF", "DEB": "FIN", "ENT": "SOR", "DD": "DF"]

    public static func pairs(in names: [String]) -> [(start: String, end: String)] {
        let byUppercase = Dictionary(names.map { ($0.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [(start: String, end: String)] = []
        for name in names {
            let tokens = name.uppercased().split(separator: "_", omittingEmptySubsequences: false).map(String.init)
            for (index, token) in tokens.enumerated() {
                guard let end = startToEnd[token] else { continue }
                var swapped = tokens
                swapped[index] = end
                if let match = byUppercase[swapped.joined(separator: "_")] { pairs.append((start: name, end: match)) }
            }
        }
        return pairs
    }

    /// Whether a variable dates a death (`BEN_DCD_DTE`, "Date de décès").
    public static func isDeathDate(_ variable: Variable) -> Bool {
        let tokens = variable.name.uppercased().split(separator: "_")
        let description = variable.description.lowercased()
        return tokens.contains("DCD") || description.contains("décès") || description.contains("deces") || description.contains("death")
    }

    /// Whether a variable dates a birth (`BEN_NAI_DTE`, "Date de naissance").
    public static func isBirthDate(_ variable: Variable) -> Bool {
        let tokens = variable.name.uppercased().split(separator: "_")
        let text = (variable.name + " " + variable.description).lowercased()
        return tokens.contains("NAI") || text.contains("naissance") || text.contains("birth")
    }

    /// Whether a variable dates care given to the person: care (`SOI`, "soins"), an admission (`ENT_DAT`), or
    /// the start of a start/end pair. Flow and processing dates (`FLX_*`) are not care.
    public static func isCareDate(_ variable: Variable, startColumns: Set<String>) -> Bool {
        let tokens = variable.name.uppercased().split(separator: "_")
        if tokens.first == "FLX" || isBirthDate(variable) || isDeathDate(variable) { return false }
        return tokens.contains("SOI") || startColumns.contains(variable.name) || variable.description.lowercased().contains("soins")
    }
}
