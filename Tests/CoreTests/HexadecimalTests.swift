import Core
import Testing

@Suite struct HexadecimalTests {
    @Test func twoLowerCaseDigitsPerByte() {
        #expect([UInt8]().hexadecimal == "")
        #expect([0x00, 0x0f, 0xa0, 0xff].hexadecimal == "000fa0ff")
        #expect(Array("Hublot".utf8).hexadecimal == "4875626c6f74")
    }
}
