/// Just enough of the FlatBuffers format to read Arrow's IPC metadata: tables located through their vtables,
/// scalars, strings, vectors and unions. Every read is bounds-checked, since the bytes come from the network.
struct FlatBufferTable {
    let bytes: [UInt8]
    /// Where the table starts in `bytes`.
    let position: Int
    private let vtable: Int
    private let vtableSize: Int

    /// The root table of a buffer that starts at `start` in `bytes`.
    init(root bytes: [UInt8], at start: Int) throws(ArrowError) {
        let offset = try Self.uint32(bytes, start)
        try self.init(bytes, at: start + Int(offset))
    }

    init(_ bytes: [UInt8], at position: Int) throws(ArrowError) {
        self.bytes = bytes
        self.position = position
        let back = Int(Int32(bitPattern: try Self.uint32(bytes, position)))
        vtable = position - back
        vtableSize = Int(try Self.uint16(bytes, vtable))
        guard vtableSize >= 4 else { throw .malformed("a flatbuffer vtable of \(vtableSize) bytes at \(vtable)") }
    }

    /// The absolute position of field `index`, nil when absent (its default applies).
    func field(_ index: Int) throws(ArrowError) -> Int? {
        let entry = 4 + 2 * index
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try Self.uint16(bytes, vtable + entry))
        return offset == 0 ? nil : position + offset
    }

    func int64(_ index: Int, default value: Int64 = 0) throws(ArrowError) -> Int64 {
        guard let at = try field(index) else { return value }
        return Int64(bitPattern: try Self.uint64(bytes, at))
    }

    func int32(_ index: Int, default value: Int32 = 0) throws(ArrowError) -> Int32 {
        guard let at = try field(index) else { return value }
        return Int32(bitPattern: try Self.uint32(bytes, at))
    }

    func int16(_ index: Int, default value: Int16 = 0) throws(ArrowError) -> Int16 {
        guard let at = try field(index) else { return value }
        return Int16(bitPattern: try Self.uint16(bytes, at))
    }

    func uint8(_ index: Int, default value: UInt8 = 0) throws(ArrowError) -> UInt8 {
        guard let at = try field(index) else { return value }
        guard at < bytes.count else { throw .malformed("a byte past the end at \(at)") }
        return bytes[at]
    }

    func bool(_ index: Int, default value: Bool = false) throws(ArrowError) -> Bool {
        try uint8(index, default: value ? 1 : 0) != 0
    }

    /// The position an offset field points to.
    private func target(_ index: Int) throws(ArrowError) -> Int? {
        guard let at = try field(index) else { return nil }
        return at + Int(try Self.uint32(bytes, at))
    }

    func table(_ index: Int) throws(ArrowError) -> FlatBufferTable? {
        guard let at = try target(index) else { return nil }
        return try FlatBufferTable(bytes, at: at)
    }

    func string(_ index: Int) throws(ArrowError) -> String? {
        guard let at = try target(index) else { return nil }
        let count = Int(try Self.uint32(bytes, at))
        guard at + 4 + count <= bytes.count else { throw .malformed("a string of \(count) bytes past the end at \(at)") }
        return String(decoding: bytes[(at + 4)..<(at + 4 + count)], as: UTF8.self)
    }

    /// The element count and the position of the first element of a vector field.
    func vector(_ index: Int) throws(ArrowError) -> (count: Int, start: Int)? {
        guard let at = try target(index) else { return nil }
        return (Int(try Self.uint32(bytes, at)), at + 4)
    }

    func tables(_ index: Int) throws(ArrowError) -> [FlatBufferTable] {
        guard let (count, start) = try vector(index) else { return [] }
        var tables: [FlatBufferTable] = []
        for element in 0..<count {
            let slot = start + 4 * element
            tables.append(try FlatBufferTable(bytes, at: slot + Int(try Self.uint32(bytes, slot))))
        }
        return tables
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) throws(ArrowError) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { throw .malformed("2 bytes past the end at \(at)") }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) throws(ArrowError) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { throw .malformed("4 bytes past the end at \(at)") }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    static func uint64(_ bytes: [UInt8], _ at: Int) throws(ArrowError) -> UInt64 {
        guard at >= 0, at + 8 <= bytes.count else { throw .malformed("8 bytes past the end at \(at)") }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }
}
