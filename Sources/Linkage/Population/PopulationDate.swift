import Workbench

/// A calendar date of a test population, drawn and shifted by whole days and written as ISO text.
struct PopulationDate: Hashable, Sendable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A uniform day of `year`.
    static func random(in year: Int, _ random: inout SplitMix64) -> PopulationDate {
        let month = 1 + random.below(12)
        return PopulationDate(year: year, month: month, day: 1 + random.below(daysIn(month: month, year: year)))
    }

    /// The date `days` later (earlier when negative), a day at a time: shifts are a few days.
    func adding(days: Int) -> PopulationDate {
        var date = self
        for _ in 0..<abs(days) {
            if days > 0 {
                date.day += 1
                if date.day > Self.daysIn(month: date.month, year: date.year) {
                    date.day = 1
                    date.month += 1
                    if date.month > 12 { (date.month, date.year) = (1, date.year + 1) }
                }
            } else {
                date.day -= 1
                if date.day < 1 {
                    date.month -= 1
                    if date.month < 1 { (date.month, date.year) = (12, date.year - 1) }
                    date.day = Self.daysIn(month: date.month, year: date.year)
                }
            }
        }
        return date
    }

    /// Day and month exchanged, when that is still a date and a different one.
    var swapped: PopulationDate? {
        guard day <= 12, day != month else { return nil }
        return PopulationDate(year: year, month: day, day: month)
    }

    var iso: String { "\(year)-\(FrenchPlaces.padded(month, 2))-\(FrenchPlaces.padded(day, 2))" }

    static func < (lhs: PopulationDate, rhs: PopulationDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
