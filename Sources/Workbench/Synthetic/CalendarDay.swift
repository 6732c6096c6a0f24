/// Days since 1970-01-01, and their ISO text. Synthetic dates are drawn as day numbers (easy to order and
/// clamp) and written as the text engines exchange (`CellValue` dates are ISO text).
enum CalendarDay {
    /// The proleptic Gregorian date of a day number (Hinnant's `civil_from_days`).
    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// The day number of a date (Hinnant's `days_from_civil`).
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func firstDay(of year: Int) -> Int { day(year: year, month: 1, day: 1) }
    static func lastDay(of year: Int) -> Int { day(year: year, month: 12, day: 31) }

    /// The ISO texts of every day from 1880 to 2060, computed once: a date cell is then an array read.
    static let isoTexts: (first: Int, texts: [CellValue]) = {
        let first = firstDay(of: 1880)
        let last = lastDay(of: 2060)
        return (first, (first...last).map { .text(isoText($0)) })
    }()

    static func iso(_ day: Int) -> CellValue {
        let index = day - isoTexts.first
        return index >= 0 && index < isoTexts.texts.count ? isoTexts.texts[index] : .text(isoText(day))
    }

    static func isoText(_ day: Int) -> String {
        let (year, month, dayOfMonth) = civil(day)
        return "\(year)-\(twoDigits(month))-\(twoDigits(dayOfMonth))"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
