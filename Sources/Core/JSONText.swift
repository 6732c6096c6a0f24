/// JSON text of a list of strings, written directly: the catalog import stores one per nomenclature row,
/// hundreds of thousands of times, where a `JSONEncoder` per row would dominate the import time.
public func jsonArrayText(_ strings: [String]) -> String {
    var text = "["
    for (index, string) in strings.enumerated() {
        if index > 0 { text += "," }
        appendJSONString(string, to: &text)
    }
    return text + "]"
}

private func appendJSONString(_ string: String, to text: inout String) {
    text += "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": text += "\\\""
        case "\\": text += "\\\\"
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        case let control where control.value < 0x20:
            let hex = String(control.value, radix: 16)
            text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: text.unicodeScalars.append(scalar)
        }
    }
    text += "\""
}
