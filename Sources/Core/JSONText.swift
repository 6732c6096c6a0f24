/// JSON text of a list of strings, written directly: the catalog import stores one per nomenclature row,
/// hundreds of thousands of times, where a `JSONEncoder` per row would dominate the import time.
public func jsonArrayText(_ strings: [String]) -> String {
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    bytes.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
    for (index, string) in strings.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        appendJSONString(string, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
    return String(decoding: bytes, as: UTF8.self)
}

func appendJSONString(_ string: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    // Most strings need no escape: copied whole, they cost a fraction of a byte-by-byte copy.
    let copied = string.utf8.withContiguousStorageIfAvailable { utf8 in
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
        bytes.append(contentsOf: utf8)
        return true
    }
    if copied == true {
        bytes.append(UInt8(ascii: "\""))
        return
    }
    for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: bytes.append(byte)
        }
    }
    bytes.append(UInt8(ascii: "\""))
}
