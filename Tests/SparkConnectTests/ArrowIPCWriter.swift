/// A small writer of Arrow IPC streams for the tests: FlatBuffers laid out front to back (every offset
/// points forward, as the format allows), buffers padded to 8 bytes. It knows only what the tests build.
indirect enum FlatNode {
    case table([FlatSlot?])
    case string(String)
    case tables([FlatNode])
    /// A vector of structs, given as their bytes.
    case structs(count: Int, bytes: [UInt8])
}

enum FlatSlot {
    case byte(UInt8)
    case short(Int16)
    case int(Int32)
    case long(Int64)
    case node(FlatNode)

    var size: Int {
        switch self {
        case .byte: 1
        case .short: 2
        case .int, .node: 4
        case .long: 8
        }
    }
}

struct FlatBufferWriter {
    private(set) var bytes: [UInt8] = []

    /// A buffer whose root is `node`.
    static func buffer(_ node: FlatNode) -> [UInt8] {
        var writer = FlatBufferWriter()
        writer.bytes = [0, 0, 0, 0]
        let root = writer.write(node)
        writer.patch(0, UInt32(root))
        while writer.bytes.count % 8 != 0 { writer.bytes.append(0) }
        return writer.bytes
    }

    private mutating func write(_ node: FlatNode) -> Int {
        while bytes.count % 4 != 0 { bytes.append(0) }
        switch node {
        case .string(let text):
            let at = bytes.count
            append(UInt32(text.utf8.count))
            bytes += Array(text.utf8) + [0]
            return at
        case .structs(let count, let raw):
            let at = bytes.count
            append(UInt32(count))
            bytes += raw
            return at
        case .tables(let children):
            let at = bytes.count
            append(UInt32(children.count))
            let slots = bytes.count
            bytes += [UInt8](repeating: 0, count: 4 * children.count)
            for (index, child) in children.enumerated() {
                let slot = slots + 4 * index
                patch(slot, UInt32(write(child) - slot))
            }
            return at
        case .table(let slots):
            var offsets: [UInt16] = []
            var size = 4
            for slot in slots {
                offsets.append(slot == nil ? 0 : UInt16(size))
                size += slot?.size ?? 0
            }
            let vtable = bytes.count
            append(UInt16(4 + 2 * slots.count))
            append(UInt16(size))
            for offset in offsets { append(offset) }
            while bytes.count % 4 != 0 { bytes.append(0) }
            let table = bytes.count
            append(UInt32(table - vtable))
            var children: [(at: Int, node: FlatNode)] = []
            for slot in slots {
                switch slot {
                case nil: break
                case .byte(let value): bytes.append(value)
                case .short(let value): append(UInt16(bitPattern: value))
                case .int(let value): append(UInt32(bitPattern: value))
                case .long(let value): append(UInt64(bitPattern: value))
                case .node(let child):
                    children.append((bytes.count, child))
                    append(UInt32(0))
                }
            }
            for (at, child) in children { patch(at, UInt32(write(child) - at)) }
            return table
        }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private mutating func patch(_ at: Int, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<4 { bytes[at + index] = raw[index] }
        }
    }
}

/// A column to write: its field (type ID and type table of Arrow's `Schema.fbs`) and its buffers.
struct TestColumn {
    var name: String
    var typeID: UInt8
    var type: FlatNode
    var count: Int
    var nullCount: Int
    /// Validity bitmap first (empty when no value is NULL), then the type's own; none for the Null type.
    var buffers: [[UInt8]]

    static func bitmap(_ flags: [Bool]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (flags.count + 7) / 8)
        for (index, flag) in flags.enumerated() where flag { bytes[index / 8] |= 1 << UInt8(index % 8) }
        return bytes
    }

    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    static func fixed<T: FixedWidthInteger>(_ name: String, typeID: UInt8, type: FlatNode, _ values: [T?]) -> TestColumn {
        let validity = values.map { $0 != nil }
        let nulls = validity.filter { !$0 }.count
        return TestColumn(
            name: name, typeID: typeID, type: type, count: values.count, nullCount: nulls,
            buffers: [nulls == 0 ? [] : bitmap(validity), littleEndian(values.map { $0 ?? 0 })])
    }

    static func integers<T: FixedWidthInteger>(_ name: String, _ values: [T?]) -> TestColumn {
        fixed(name, typeID: 2, type: .table([.int(Int32(T.bitWidth)), .byte(T.isSigned ? 1 : 0)]), values)
    }

    static func doubles(_ name: String, _ values: [Double?]) -> TestColumn {
        fixed(name, typeID: 3, type: .table([.short(2)]), values.map { $0?.bitPattern })
    }

    static func floats(_ name: String, _ values: [Float?]) -> TestColumn {
        fixed(name, typeID: 3, type: .table([.short(1)]), values.map { $0?.bitPattern })
    }

    static func booleans(_ name: String, _ values: [Bool?]) -> TestColumn {
        let validity = values.map { $0 != nil }
        let nulls = validity.filter { !$0 }.count
        return TestColumn(
            name: name, typeID: 6, type: .table([]), count: values.count, nullCount: nulls,
            buffers: [nulls == 0 ? [] : bitmap(validity), bitmap(values.map { $0 ?? false })])
    }

    static func texts(_ name: String, _ values: [String?], large: Bool = false) -> TestColumn {
        let validity = values.map { $0 != nil }
        let nulls = validity.filter { !$0 }.count
        var data: [UInt8] = []
        var offsets: [Int64] = [0]
        for value in values {
            data += Array((value ?? "").utf8)
            offsets.append(Int64(data.count))
        }
        let offsetBytes = large ? littleEndian(offsets) : littleEndian(offsets.map { Int32($0) })
        return TestColumn(
            name: name, typeID: large ? 20 : 5, type: .table([]), count: values.count, nullCount: nulls,
            buffers: [nulls == 0 ? [] : bitmap(validity), offsetBytes, data])
    }

    static func days(_ name: String, _ values: [Int32?]) -> TestColumn {
        fixed(name, typeID: 8, type: .table([.short(0)]), values)
    }

    static func dateMilliseconds(_ name: String, _ values: [Int64?]) -> TestColumn {
        fixed(name, typeID: 8, type: .table([.short(1)]), values)
    }

    static func timestamps(_ name: String, unit: Int16, timeZone: String?, _ values: [Int64?]) -> TestColumn {
        fixed(name, typeID: 10, type: .table([.short(unit), timeZone.map { .node(.string($0)) }]), values)
    }

    /// Decimal128 values given as 64-bit integers (sign-extended) or as their two 64-bit words.
    static func decimals(_ name: String, precision: Int32, scale: Int32, _ values: [(high: UInt64, low: UInt64)?]) -> TestColumn {
        let validity = values.map { $0 != nil }
        let nulls = validity.filter { !$0 }.count
        let words = values.flatMap { value -> [UInt64] in [value?.low ?? 0, value?.high ?? 0] }
        return TestColumn(
            name: name, typeID: 7, type: .table([.int(precision), .int(scale), .int(128)]), count: values.count, nullCount: nulls,
            buffers: [nulls == 0 ? [] : bitmap(validity), littleEndian(words)])
    }

    static func nulls(_ name: String, count: Int) -> TestColumn {
        TestColumn(name: name, typeID: 1, type: .table([]), count: count, nullCount: count, buffers: [])
    }
}

enum ArrowIPCWriter {
    /// A whole stream: schema, one record batch per element of `batches`, end marker.
    static func stream(_ batches: [[TestColumn]], continuation: Bool = true) -> [UInt8] {
        guard let first = batches.first else { return [] }
        let fields: [FlatNode] = first.map { column in
            .table([.node(.string(column.name)), .byte(1), .byte(column.typeID), .node(column.type)])
        }
        var bytes = message(header: 1, .table([.short(0), .node(.tables(fields))]), body: [], continuation: continuation)
        for columns in batches {
            var body: [UInt8] = []
            var buffers: [(offset: Int64, length: Int64)] = []
            for buffer in columns.flatMap(\.buffers) {
                buffers.append((Int64(body.count), Int64(buffer.count)))
                body += buffer
                while body.count % 8 != 0 { body.append(0) }
            }
            let nodes = TestColumn.littleEndian(columns.flatMap { [Int64($0.count), Int64($0.nullCount)] })
            let header = FlatNode.table([
                .long(Int64(columns.first?.count ?? 0)),
                .node(.structs(count: columns.count, bytes: nodes)),
                .node(.structs(count: buffers.count, bytes: TestColumn.littleEndian(buffers.flatMap { [$0.offset, $0.length] }))),
            ])
            bytes += message(header: 3, header, body: body, continuation: continuation)
        }
        return bytes + (continuation ? [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0] : [0, 0, 0, 0])
    }

    /// One framed message: `Message` table (version V5, header type, header, body length), then the body.
    static func message(header type: UInt8, _ header: FlatNode, body: [UInt8], continuation: Bool) -> [UInt8] {
        let metadata = FlatBufferWriter.buffer(.table([.short(4), .byte(type), .node(header), .long(Int64(body.count))]))
        let framing = (continuation ? [0xFF, 0xFF, 0xFF, 0xFF] : []) + TestColumn.littleEndian([UInt32(metadata.count)])
        return framing + metadata + body
    }
}
