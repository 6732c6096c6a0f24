/// Days since 1970-01-01, and their ISO text. Synthetic dates are drawn as day numbers (easy to order and
/// clamp) and written as the text engines exchange (`CellValue` dates are ISO text); extraction periods are read
/// and stepped month by month with them too.
public enum CalendarDay {
    /// The proleptic Gregorian date of a day number (Hinnant's `civil_from_days`).
    public static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
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
    public static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func firstDay(of year: Int) -> Int { day(year: year, month: 1, day: 1) }
    public static func lastDay(of year: Int) -> Int { day(year: year, month: 12, day: 31) }

    /// The ISO texts of every day from 1880 to 2060, computed once: a date cell is then an array read.
    static let isoTexts: (first: Int, texts: [CellValue]) = {
        let first = firstDay(of: 1880)
        let last = lastDay(of: 2060)
        return (first, (first...last).map { .text(isoText($0)) })
    }()

    public static func iso(_ day: Int) -> CellValue {
        let index = day - isoTexts.first
        return index >= 0 && index < isoTexts.texts.count ? isoTexts.texts[index] : .text(isoText(day))
    }

    public static func isoText(_ day: Int) -> String {
        let (year, month, dayOfMonth) = civil(day)
        return "\(year)-\(twoDigits(month))-\(twoDigits(dayOfMonth))"
    }

    /// The day number of an ISO date (`2019-03-01`); nil unless it is one.
    public static func day(iso text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
            (1...12).contains(month), dayOfMonth >= 1
        else { return nil }
        let number = day(year: year, month: month, day: dayOfMonth)
        // 2019-02-30 would land in March: a date is only one whose day number prints back the same.
        return civil(number) == (year, month, dayOfMonth) ? number : nil
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
