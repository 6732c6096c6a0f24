import Foundation
import Testing

@testable import SparkConnect

@Suite struct ArrowStreamReaderTests {
    /// A 64-bit integer as the two words of a sign-extended decimal128.
    static func words(_ value: Int64) -> (high: UInt64, low: UInt64) {
        (value < 0 ? UInt64.max : 0, UInt64(bitPattern: value))
    }

    @Test func integersFloatsAndBooleansWithTheirNulls() throws {
        let stream = ArrowIPCWriter.stream([
            [
                .integers("tiny", [Int8(-128), nil, 127]),
                .integers("small", [Int16(-300), 301, nil]),
                .integers("int", [Int32.min, 0, Int32.max]),
                .integers("big", [Int64.min, nil, Int64.max]),
                .integers("unsigned", [UInt16(65_535), 1, 0]),
                .doubles("double", [1.5, nil, -0.25]),
                .floats("float", [0.5, 2, nil]),
                .booleans("flag", [true, false, nil]),
            ]
        ])
        let (fields, batches) = try ArrowStreamReader.decode(stream)
        #expect(fields.map(\.name) == ["tiny", "small", "int", "big", "unsigned", "double", "float", "flag"])
        #expect(fields[3].type == .integer(bitWidth: 64, signed: true))
        #expect(fields[4].type == .integer(bitWidth: 16, signed: false))
        #expect(fields[6].type == .floatingPoint(bitWidth: 32))
        let batch = try #require(batches.first)
        #expect(batch.count == 3)
        let rows = (0..<3).map { row in (0..<8).map { batch[row, $0] } }
        #expect(
            rows[0] == [
                .integer(-128), .integer(-300), .integer(Int64(Int32.min)), .integer(.min), .integer(65_535), .real(1.5), .real(0.5), .boolean(true),
            ])
        #expect(rows[1] == [.null, .integer(301), .integer(0), .null, .integer(1), .null, .real(2), .boolean(false)])
        #expect(rows[2] == [.integer(127), .null, .integer(Int64(Int32.max)), .integer(.max), .integer(0), .real(-0.25), .null, .null])
    }

    @Test func textsKeepTheirQuotesAccentsAndEmptiness() throws {
        let values: [String?] = ["l'hôpital", "", nil, "\"Zoë\" ; 東京", "ligne\nsuivante"]
        for large in [false, true] {
            let (fields, batches) = try ArrowStreamReader.decode(ArrowIPCWriter.stream([[.texts("name", values, large: large)]]))
            #expect(fields[0].type == (large ? .largeUTF8 : .utf8))
            let batch = try #require(batches.first)
            #expect((0..<batch.count).map { batch[$0, 0] } == values.map { $0.map(ArrowValue.text) ?? .null })
        }
    }

    @Test func datesAndTimestampsReadAsISOTextInTheirUnitsAndZones() throws {
        let stream = ArrowIPCWriter.stream([
            [
                .days("day", [18_690, -1, -25_509, nil]),
                .dateMilliseconds("day64", [18_690 * 86_400_000, -1, 0, nil]),
                .timestamps("utc", unit: 2, timeZone: "UTC", [1_614_853_800_000_000, 1_614_853_800_250_000, -1, nil]),
                .timestamps("paris", unit: 2, timeZone: "Europe/Paris", [1_614_853_800_000_000, 0, 1_625_135_400_000_000, nil]),
                .timestamps("wall", unit: 0, timeZone: nil, [1_614_853_800, 0, 86_399, nil]),
                .timestamps("nanos", unit: 3, timeZone: nil, [1_614_853_800_000_000_001, 0, 5_000_000, nil]),
            ]
        ])
        let batch = try #require(try ArrowStreamReader.decode(stream).batches.first)
        func column(_ index: Int) -> [ArrowValue] { (0..<batch.count).map { batch[$0, index] } }
        #expect(column(0) == [.date("2021-03-04"), .date("1969-12-31"), .date("1900-02-28"), .null])
        #expect(column(1) == [.date("2021-03-04"), .date("1969-12-31"), .date("1970-01-01"), .null])
        #expect(
            column(2) == [
                .timestamp("2021-03-04 10:30:00"), .timestamp("2021-03-04 10:30:00.25"), .timestamp("1969-12-31 23:59:59.999999"), .null,
            ])
        // Winter (UTC+1) and summer (UTC+2) in Paris.
        #expect(column(3) == [.timestamp("2021-03-04 11:30:00"), .timestamp("1970-01-01 01:00:00"), .timestamp("2021-07-01 12:30:00"), .null])
        #expect(column(4) == [.timestamp("2021-03-04 10:30:00"), .timestamp("1970-01-01 00:00:00"), .timestamp("1970-01-01 23:59:59"), .null])
        #expect(
            column(5) == [
                .timestamp("2021-03-04 10:30:00.000000001"), .timestamp("1970-01-01 00:00:00"), .timestamp("1970-01-01 00:00:00.005"), .null,
            ])
    }

    @Test func decimalsAreExactTextAtTheirScale() throws {
        // 10^20 is 0x5_6BC7_5E2D_6310_0000: beyond 64 bits.
        let huge = (high: UInt64(5), low: UInt64(0x6BC7_5E2D_6310_0000))
        let stream = ArrowIPCWriter.stream([
            [
                .decimals("amount", precision: 10, scale: 2, [Self.words(1250), Self.words(-5), Self.words(0), nil, Self.words(-123_456_789)]),
                .decimals("whole", precision: 38, scale: 0, [Self.words(-1), huge, (high: UInt64.max, low: UInt64(0)), Self.words(Int64.max), nil]),
            ]
        ])
        let batch = try #require(ArrowStreamReader.decode(stream).batches.first)
        #expect(batch.fields[0].type == .decimal(precision: 10, scale: 2, bitWidth: 128))
        let amounts: [ArrowValue] = (0..<5).map { batch[$0, 0] }
        #expect(amounts == [.decimal("12.50"), .decimal("-0.05"), .decimal("0.00"), .null, .decimal("-1234567.89")])
        // The high word all ones and the low one zero: -(2^64).
        let wholes: [ArrowValue] = (0..<5).map { batch[$0, 1] }
        #expect(
            wholes == [.decimal("-1"), .decimal("100000000000000000000"), .decimal("-18446744073709551616"), .decimal("9223372036854775807"), .null])
    }

    @Test func aNullColumnHasNoBuffersAndEveryValueIsNull() throws {
        let stream = ArrowIPCWriter.stream([[.nulls("nothing", count: 2), .integers("after", [Int32(7), 8])]])
        let batch = try #require(try ArrowStreamReader.decode(stream).batches.first)
        #expect(batch.fields[0].type == .null)
        #expect((0..<2).map { [batch[$0, 0], batch[$0, 1]] } == [[.null, .integer(7)], [.null, .integer(8)]])
    }

    @Test func severalBatchesAndTheFramingWithoutContinuationMarker() throws {
        for continuation in [true, false] {
            let stream = ArrowIPCWriter.stream(
                [[.integers("id", [Int64(1), 2])], [.integers("id", [Int64(3)])], [.integers("id", [Int64]())]], continuation: continuation)
            let batches = try ArrowStreamReader.decode(stream).batches
            #expect(batches.map(\.count) == [2, 1, 0])
            #expect(batches.flatMap { batch in (0..<batch.count).map { batch[$0, 0] } } == [.integer(1), .integer(2), .integer(3)])
        }
    }

    @Test func aCutStreamIsMalformedNotACrash() throws {
        let stream = ArrowIPCWriter.stream([[.texts("name", ["a", "b"]), .integers("n", [Int64(1), 2])]])
        for length in stride(from: 12, to: stream.count - 8, by: 7) {
            #expect(throws: ArrowError.self) { try ArrowStreamReader.decode(Array(stream.prefix(length))) }
        }
    }

    @Test func aNestedColumnIsRefusedWithItsNameAndTheWayOut() throws {
        var list = TestColumn.integers("codes", [Int32(1)])
        list.typeID = 12
        list.type = .table([])
        let error = #expect(throws: ArrowError.self) { try ArrowStreamReader.decode(ArrowIPCWriter.stream([[list]])) }
        #expect(error == .unsupportedType(field: "codes", typeID: 12))
        #expect(error?.description.contains("to_json") == true)
    }
}
