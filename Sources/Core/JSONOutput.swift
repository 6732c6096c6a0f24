/// A value that writes itself as JSON, member by member, without `Encodable`'s containers.
public protocol JSONWritable {
    func write(to json: inout JSONOutput)
}

/// Compact JSON written straight into bytes, members in the order they are written.
///
/// For the hot paths where `JSONEncoder` costs more than the work around it: encoding a PubMed file's records
/// through `Codable` took longer than parsing their XML. The same value always gives the same bytes (dictionary
/// keys are sorted), so the output can be fingerprinted. What it writes must read back with `JSONDecoder`
/// into the same value: each writer has a round-trip test.
public struct JSONOutput {
    @usableFromInline var output: [UInt8] = []
    public var bytes: [UInt8] { output }
    /// No member written yet at the current level, so the next one needs no comma.
    @usableFromInline var isFirst = true
    /// A key was just written: its value follows without comma.
    @usableFromInline var isAfterKey = false

    public init(capacity: Int = 4_096) { output.reserveCapacity(capacity) }

    public static func bytes(of value: some JSONWritable) -> [UInt8] {
        var json = JSONOutput()
        value.write(to: &json)
        return json.bytes
    }

    @inlinable mutating func beginValue() {
        if isAfterKey {
            isAfterKey = false
        } else if !isFirst {
            output.append(UInt8(ascii: ","))
        }
        isFirst = false
    }

    @inlinable public mutating func key(_ name: StaticString) {
        if !isFirst { output.append(UInt8(ascii: ",")) }
        isFirst = false
        output.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        isAfterKey = true
    }

    @inlinable public mutating func object(_ body: (inout JSONOutput) -> Void) {
        beginValue()
        output.append(UInt8(ascii: "{"))
        isFirst = true
        body(&self)
        output.append(UInt8(ascii: "}"))
        isFirst = false
    }

    @inlinable public mutating func array<Elements: Sequence>(_ elements: Elements) where Elements.Element: JSONWritable {
        beginValue()
        output.append(UInt8(ascii: "["))
        isFirst = true
        for element in elements { element.write(to: &self) }
        output.append(UInt8(ascii: "]"))
        isFirst = false
    }

    public mutating func string(_ value: String) {
        beginValue()
        appendJSONString(value, to: &output)
    }

    public mutating func literal(_ text: String) {
        beginValue()
        output.append(contentsOf: text.utf8)
    }

    /// A member left out when nil, as `encodeIfPresent` does.
    @inlinable public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    @inlinable public mutating func field<Element: JSONWritable>(_ name: StaticString, _ values: [Element]) {
        key(name)
        array(values)
    }

    /// An object of string values, keys sorted: a dictionary's order changes from run to run.
    public mutating func field(_ name: StaticString, _ dictionary: [String: String]) {
        key(name)
        object { json in
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                json.beginValue()
                appendJSONString(key, to: &json.output)
                json.output.append(UInt8(ascii: ":"))
                json.isAfterKey = true
                json.string(value)
            }
        }
    }
}

extension String: JSONWritable {
    public func write(to json: inout JSONOutput) { json.string(self) }
}

extension Int: JSONWritable {
    public func write(to json: inout JSONOutput) { json.literal(String(self)) }
}

extension Bool: JSONWritable {
    public func write(to json: inout JSONOutput) { json.literal(self ? "true" : "false") }
}
