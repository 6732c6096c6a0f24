import Core
import Testing

@Suite struct TextDecodingTests {
    @Test func readsUTF8AndDropsTheByteOrderMark() {
        #expect(String.decodingText(Array("Sécu".utf8)) == ("Sécu", .utf8))
        #expect(String.decodingText([0xEF, 0xBB, 0xBF] + Array("Sécu".utf8)) == ("Sécu", .utf8WithBOM))
    }

    @Test func readsWindows1252WhenNotUTF8() {
        // "Dépôt – œuvre" as a French Windows export writes it.
        let bytes: [UInt8] = [0x44, 0xE9, 0x70, 0xF4, 0x74, 0x20, 0x96, 0x20, 0x9C, 0x75, 0x76, 0x72, 0x65]
        #expect(String.decodingText(bytes) == ("Dépôt – œuvre", .windows1252))
    }

    @Test func readsUTF16WithItsMark() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x45, 0x00, 0xE9, 0x00]
        #expect(String.decodingText(bytes) == ("Eé", .utf16))
    }
}
