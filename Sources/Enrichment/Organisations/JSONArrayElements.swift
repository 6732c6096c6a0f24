import Foundation

/// The elements of a JSON array read from a file one at a time, as bytes, without holding the file: the full ROR
/// dump is a single array of over 100,000 records, and memory must not grow with it.
///
/// Only the array's structure is followed here (nesting, strings and their escapes); each element is parsed by
/// the caller. Lines are counted so that errors can name them.
struct JSONArrayElements {
    struct Element {
        var bytes: [UInt8]
        /// 1-based line of the element's first byte.
        var line: Int
        /// 1-based position in the array.
        var index: Int
    }

    let path: String
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var position = 0
    private var line = 1
    private var index = 0
    private var opened = false
    private var finished = false

    init(path: String) throws(OrganisationImportError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OrganisationImportError(file: path, reason: "cannot open the file")
        }
        self.handle = handle
    }

    mutating func next() throws(OrganisationImportError) -> Element? {
        guard !finished else { return nil }
        if !opened {
            skipByteOrderMark()
            guard let first = nextSignificantByte() else { throw problem("the file is empty: a JSON array was expected") }
            guard first == UInt8(ascii: "[") else { throw problem("a JSON array of organisations was expected") }
            opened = true
        }
        guard var byte = nextSignificantByte() else { throw problem("the array is not closed: the file ends early") }
        if byte == UInt8(ascii: ",") {
            guard index > 0, let afterComma = nextSignificantByte() else { throw problem("a stray comma") }
            byte = afterComma
        }
        if byte == UInt8(ascii: "]") {
            finished = true
            handle.closeFile()
            return nil
        }
        guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else {
            throw problem("record \(index + 1) is not an object")
        }
        index += 1
        let startLine = line
        return Element(bytes: try container(startingWith: byte), line: startLine, index: index)
    }

    /// The bytes of one object or array, its opening byte already read.
    private mutating func container(startingWith opening: UInt8) throws(OrganisationImportError) -> [UInt8] {
        let startLine = line
        var bytes: [UInt8] = [opening]
        var depth = 1
        var inString = false
        var escaped = false
        while depth > 0 {
            guard let byte = nextByte() else {
                throw OrganisationImportError(file: path, line: startLine, record: index, reason: "the file ends inside this record")
            }
            bytes.append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        line = startLine + bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count
        return bytes
    }

    private mutating func nextSignificantByte() -> UInt8? {
        while let byte = nextByte() {
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
            default: return byte
            }
        }
        return nil
    }

    private mutating func nextByte() -> UInt8? {
        if position == chunk.count {
            let data = handle.readData(ofLength: 1 << 20)
            guard !data.isEmpty else { return nil }
            chunk = [UInt8](data)
            position = 0
        }
        defer { position += 1 }
        return chunk[position]
    }

    private mutating func skipByteOrderMark() {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard let first = nextByte() else { return }
        if first == mark[0], chunk.count >= position + 2, Array(chunk[position..<position + 2]) == Array(mark[1...]) {
            position += 2
        } else {
            position -= 1
        }
    }

    private func problem(_ reason: String) -> OrganisationImportError {
        OrganisationImportError(file: path, line: line, reason: reason)
    }
}
