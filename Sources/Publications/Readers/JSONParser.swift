import Core

/// A JSON syntax error with the place it was found: byte offset, 1-based line and column (in characters).
struct JSONSyntaxError: Error, Hashable, Sendable {
    var offset: Int
    var line: Int
    var column: Int
    var reason: String
    /// The document held one complete value and then more: what a JSON Lines file looks like when read whole.
    var isTrailingContent: Bool = false
}

/// Parses JSON text into `JSONValue` in one pass over its bytes.
///
/// Written here rather than using Foundation's parsers because the readers need the line and column of every
/// syntax error (JSONDecoder on Linux gives none), must tell `true` from `1` (JSONSerialization hands both back
/// as NSNumber on Linux), and parse millions of OpenAlex snapshot lines, where one pass straight into `JSONValue`
/// avoids an intermediate `Any` tree.
enum JSONParser {
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var result: Result<JSONValue, JSONSyntaxError> = .failure(JSONSyntaxError(offset: 0, line: 1, column: 1, reason: "empty"))
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(bytes: buffer)
            do throws(JSONSyntaxError) {
                result = .success(try cursor.document())
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private static let maximumDepth = 512

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            // A byte-order mark is not JSON, but editors on Windows write one.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        }

        mutating func document() throws(JSONSyntaxError) -> JSONValue {
            skipWhitespace()
            guard position < bytes.count else { throw error("no JSON value: the text is empty") }
            let value = try self.value()
            skipWhitespace()
            if position < bytes.count {
                var problem = error("unexpected text after the JSON value")
                problem.isTrailingContent = true
                throw problem
            }
            return value
        }

        private mutating func value() throws(JSONSyntaxError) -> JSONValue {
            guard position < bytes.count else { throw error("unexpected end of the text: a value is missing") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character \(describe(bytes[position])): a value is expected")
            }
        }

        private mutating func object() throws(JSONSyntaxError) -> JSONValue {
            try enter()
            position += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if peek(UInt8(ascii: "}")) {
                position += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard peek(UInt8(ascii: "\"")) else { throw error("a member name in double quotes is expected") }
                let key = try string()
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw error("\":\" is expected after the member name \"\(key)\"") }
                position += 1
                skipWhitespace()
                members[key] = try value()
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of the text inside an object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { throw error("\",\" or \"}\" is expected in an object") }
                position += 1
                depth -= 1
                return .object(members)
            }
        }

        private mutating func array() throws(JSONSyntaxError) -> JSONValue {
            try enter()
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek(UInt8(ascii: "]")) {
                position += 1
                depth -= 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value())
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of the text inside a list") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "]") else { throw error("\",\" or \"]\" is expected in a list") }
                position += 1
                depth -= 1
                return .array(elements)
            }
        }

        private mutating func enter() throws(JSONSyntaxError) {
            depth += 1
            if depth > JSONParser.maximumDepth { throw error("values nested more than \(JSONParser.maximumDepth) deep") }
        }

        private mutating func string() throws(JSONSyntaxError) -> String {
            let opening = position
            position += 1
            let start = position
            // Most strings have no escape: they are decoded straight from the input.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("a control character must be escaped inside a string") }
                position += 1
            }
            guard position < bytes.count else {
                position = opening
                throw error("a string opened here is never closed")
            }
            var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try escape(into: &decoded)
                case 0..<0x20:
                    throw error("a control character must be escaped inside a string")
                default:
                    decoded.append(byte)
                    position += 1
                }
            }
            position = opening
            throw error("a string opened here is never closed")
        }

        private mutating func escape(into decoded: inout [UInt8]) throws(JSONSyntaxError) {
            position += 1
            guard position < bytes.count else { throw error("unexpected end of the text in an escape") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A UTF-16 surrogate pair: the low half must follow as another \u escape.
                    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        let mark = position
                        position += 2
                        let low = try hexQuad()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = mark
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                position -= 2
                throw error("unknown escape \\\(describe(byte, quoted: false)) in a string")
            }
        }

        private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hexadecimal digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("a \\u escape needs four hexadecimal digits")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        private mutating func number() throws(JSONSyntaxError) -> JSONValue {
            let start = position
            if peek(UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit is expected in a number") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                skipDigits()
            }
            if peek(UInt8(ascii: ".")) {
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit is expected after the decimal point") }
                skipDigits()
            }
            if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
                position += 1
                if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit is expected in the exponent") }
                skipDigits()
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let number = Double(text) else {
                position = start
                throw error("\(text) is not a number")
            }
            return .number(number)
        }

        private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard position + expected.count <= bytes.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
                throw error("unexpected character \(describe(bytes[position])): a value is expected")
            }
            position += expected.count
            return value
        }

        private mutating func skipDigits() {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        private func peek(_ byte: UInt8) -> Bool { position < bytes.count && bytes[position] == byte }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
                default: return
                }
            }
        }

        private func describe(_ byte: UInt8, quoted: Bool = true) -> String {
            let text = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
            return quoted && byte >= 0x20 && byte < 0x7F ? "\"\(text)\"" : text
        }

        /// Line and column are counted only here, on the error path, so that parsing pays nothing for them.
        private func error(_ reason: String) -> JSONSyntaxError {
            let offset = min(position, bytes.count)
            var line = 1
            var column = 1
            for byte in bytes[0..<offset] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return JSONSyntaxError(offset: offset, line: line, column: column, reason: reason)
        }
    }
}
