import Core

/// A date read from the forms delivered files use: `1987-04-12`, `19870412`, `12/04/1987`.
struct DateParts: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        let n = bytes.count
        if n >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        {
            (year, month, day) = (y, m, d)
        } else if n == 8, let y = number(0..<4), let m = number(4..<6), let d = number(6..<8) {
            (year, month, day) = (y, m, d)
        } else if n == 10, bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"), let d = number(0..<2), let m = number(3..<5),
            let y = number(6..<10)
        {
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    }

    init?(_ text: String) {
        guard let parts = Array(text.utf8).withUnsafeBufferPointer({ DateParts($0) }) else { return nil }
        self = parts
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for distances.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension KeyExpression {
    /// The key of one value; nil when the value gives none (a date that does not parse, a text too short).
    func key(of text: String) -> String? {
        switch function {
        case .value: return text
        case .substring(let start, let length):
            let characters = Array(text)
            guard characters.count >= start else { return nil }
            return String(characters[(start - 1)..<min(characters.count, start - 1 + length)])
        case .soundex: return Soundex.code(text)
        case .year: return DateParts(text).map { String($0.year) }
        case .monthYear: return DateParts(text).map { "\($0.year)-\($0.month)" }
        case .folded:
            let folded = text.folded.filter { !$0.isWhitespace }
            return folded.isEmpty ? nil : folded
        }
    }

    /// What the key computes, without its column: a rule's keys on two differently named columns
    /// (`substr(BEN_NIR_PSA, 1, 4) = substr(NIR_ANO_17, 1, 4)`) must give equal values equal codes.
    var functionTag: String {
        switch function {
        case .value: ""
        case .substring(let start, let length): "substr \(start) \(length)"
        case .soundex: "soundex"
        case .year: "year"
        case .monthYear: "month_year"
        case .folded: "folded"
        }
    }

    /// The key's code for each record of `records`, computed once per distinct value.
    func codes(in records: RecordSet, dictionary: inout ValueDictionary) -> [Int32] {
        let source = records.codes(column)
        if function == .value { return source }
        var derived: [Int32: Int32] = [:]
        return source.map { code in
            if code < 0 { return ValueDictionary.null }
            if let known = derived[code] { return known }
            let key = dictionary.value(code).flatMap(key(of:)).map { dictionary.code("\u{1}\(functionTag)\u{1}" + $0) } ?? ValueDictionary.null
            derived[code] = key
            return key
        }
    }
}

/// A Soundex-like code: the first letter of the folded text and three digits for its following consonant
/// sounds (vowels separate, h and w do not), padded with zeros. French and English names alike fold to ASCII first.
enum Soundex {
    static func code(_ text: String) -> String? {
        let letters = text.folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }.map { Character($0).uppercased() }
        guard let first = letters.first else { return nil }
        var code = first
        var last = digit(first)
        for letter in letters.dropFirst() {
            let current = digit(letter)
            if current != "0", current != last { code += current }
            if letter != "H" && letter != "W" { last = current }
            if code.count == 4 { break }
        }
        return code.padding(toLength: 4, withPad: "0", startingAt: 0)
    }

    static func digit(_ letter: String) -> String {
        switch letter {
        case "B", "F", "P", "V": "1"
        case "C", "G", "J", "K", "Q", "S", "X", "Z": "2"
        case "D", "T": "3"
        case "L": "4"
        case "M", "N": "5"
        case "R": "6"
        default: "0"
        }
    }
}
