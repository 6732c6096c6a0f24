/// Every distinct text value of a job, one code each (0, 1, 2...), shared by both sides and all columns, so that
/// equal values have equal codes wherever they are: blocking hashes codes, comparisons cache per code pair.
/// NULL and the empty text have no code: they are `ValueDictionary.null`.
public struct ValueDictionary: Sendable {
    public static let null: Int32 = -1

    private var codes: [String: Int32] = [:]
    public private(set) var values: [String] = []
    /// The UTF-8 bytes of every value end to end; value `c` is `bytes[offsets[c]..<offsets[c + 1]]`.
    public private(set) var bytes: [UInt8] = []
    public private(set) var offsets: [Int32] = [0]
    /// Composite keys (a code and the next key's code) numbered in the same way, for blocking on several keys.
    private var pairs: [UInt64: Int32] = [:]

    public init() {}

    public var count: Int { values.count }

    public mutating func code(_ text: String) -> Int32 {
        if text.isEmpty { return Self.null }
        if let code = codes[text] { return code }
        let code = Int32(values.count)
        codes[text] = code
        values.append(text)
        bytes.append(contentsOf: text.utf8)
        offsets.append(Int32(bytes.count))
        return code
    }

    /// The code of `text` if the job has seen it.
    public func existingCode(_ text: String) -> Int32? { codes[text] }

    public func value(_ code: Int32) -> String? { code < 0 ? nil : values[Int(code)] }

    /// One code for the ordered pair of codes: composite block keys stay exact without building arrays per record.
    mutating func combined(_ first: Int32, _ second: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
        if let code = pairs[key] { return code }
        let code = Int32(pairs.count)
        pairs[key] = code
        return code
    }

    var combinedCount: Int { pairs.count }
}
