/// Whitespace collapsing on UTF-8 bytes, with the same result as `Normalize.text` (every Unicode `White_Space`
/// character is a separator) but without decoding a scalar at a time: XML readers call it on every title,
/// abstract and citation, and most of that text is ASCII.
enum XMLText {
    /// Inner whitespace runs become one space, ends trimmed; "" when nothing is left.
    static func collapsingWhitespace(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { collapsingWhitespace($0) }
    }

    static func collapsingWhitespace(_ input: UnsafeBufferPointer<UInt8>) -> String {
        if isCollapsedASCII(input) { return String(decoding: input, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: input.count) { output in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < input.count {
                let byte = input[index]
                // Printable ASCII, most of any text, is copied without looking further.
                if byte > 0x20, byte < 0x80 {
                    if pendingSpace {
                        output[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    output[written] = byte
                    written += 1
                    index += 1
                    continue
                }
                if byte == 0x20 || (byte < 0x20 && byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = written > 0
                    index += 1
                    continue
                }
                let width = whitespaceWidth(input, at: index)
                if width > 0 {
                    pendingSpace = written > 0
                    index += width
                    continue
                }
                if pendingSpace {
                    output[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                output[written] = byte
                written += 1
                index += 1
            }
            return written
        }
    }

    /// Most texts are already in normal form: ASCII, single spaces, nothing at the ends. Checked without
    /// branching on each byte, so that word lengths do not defeat the branch predictor.
    private static func isCollapsedASCII(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = input.first, let last = input.last, first != 0x20, last != 0x20 else { return input.isEmpty }
        var outside: UInt8 = 0
        var doubled: UInt8 = 0
        var previous: UInt8 = 0
        for byte in input {
            // Below 0x20 (tabs, newlines) or from 0x80 (non-ASCII, possibly a Unicode space).
            outside |= (byte &- 0x20) & 0x80 | byte & 0x80
            let isSpace: UInt8 = byte == 0x20 ? 1 : 0
            doubled |= isSpace & previous
            previous = isSpace
        }
        return outside == 0 && doubled == 0
    }

    /// The length in bytes of the whitespace character at `index`, or 0 when there is none.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || (0x09...0x0D).contains(lead) ? 1 : 0 }
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch lead {
        case 0xC2:
            // U+0085 next line, U+00A0 no-break space.
            return byte(1) == 0x85 || byte(1) == 0xA0 ? 2 : 0
        case 0xE1:
            // U+1680 ogham space mark.
            return byte(1) == 0x9A && byte(2) == 0x80 ? 3 : 0
        case 0xE2:
            // U+2000–U+200A spaces, U+2028/U+2029 separators, U+202F narrow no-break, U+205F math space.
            let second = byte(1)
            let third = byte(2)
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            // U+3000 ideographic space.
            return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}
