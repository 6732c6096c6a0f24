import Core
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A project's pseudonymisation secret: 32 random bytes. One per project, so that two projects' pseudonyms
/// cannot be linked without the hub. It is kept in a file only its owner can read (mode 0600), and it never
/// shows in a description, a dump or a log: only its fingerprint does.
public struct PseudonymisationKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key's bytes: swift-crypto's `SymmetricKey` is not `Sendable`, an array of bytes is.
    private let bytes: [UInt8]

    /// A fresh key from the system's secure random generator.
    public static func generate() -> PseudonymisationKey {
        PseudonymisationKey(symmetricKey: SymmetricKey(size: .bits256))
    }

    init(symmetricKey: SymmetricKey) {
        bytes = symmetricKey.withUnsafeBytes { Array($0) }
    }

    var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }

    /// SHA-256 of the key, first 16 hex digits: names the key in the engine's ledger and in messages without
    /// revealing it (a one-way hash of 256 random bits).
    public var fingerprint: String {
        let digest = symmetricKey.withUnsafeBytes { SHA256.hash(data: Data($0)) }
        return String(digest.hexadecimal.prefix(16))
    }

    public var description: String { "PseudonymisationKey(fingerprint: \(fingerprint))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["fingerprint": fingerprint], displayStyle: .struct) }

    /// HMAC-SHA-256 of `value`'s UTF-8 bytes under the key.
    static func authenticate(_ value: String, with key: SymmetricKey) -> HMAC<SHA256>.MAC {
        HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
    }

    // MARK: - The key file

    /// Writes the key, as 64 hex digits and a newline, to a new file of mode 0600. Refuses an existing file:
    /// overwriting a project's key would make its pseudonyms unreproducible.
    public func write(to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw PseudonymisationError.keyFileExists(path) }
            throw PseudonymisationError.keyFileUnreadable(path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        // The umask can only remove permissions; fchmod makes the mode exactly 0600 whatever it is.
        guard fchmod(descriptor, 0o600) == 0 else {
            throw PseudonymisationError.keyFileUnreadable(path, reason: String(cString: strerror(errno)))
        }
        let text = symmetricKey.withUnsafeBytes { $0.hexadecimal } + "\n"
        let written = text.withCString { writeBytes(descriptor, $0, strlen($0)) }
        guard written == text.utf8.count else {
            throw PseudonymisationError.keyFileUnreadable(path, reason: "short write: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a key file `write` made. Refuses a file that its group or others may read: the key would have leaked.
    public static func read(from path: String) throws -> PseudonymisationKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw PseudonymisationError.keyFileUnreadable(path, reason: String(cString: strerror(errno)))
        }
        let mode = Int(status.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw PseudonymisationError.keyFileTooOpen(path, mode: mode) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PseudonymisationError.keyFileUnreadable(path, reason: error.localizedDescription)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 64, text.allSatisfy(\.isHexDigit) else {
            throw PseudonymisationError.keyFileMalformed(path, reason: "line 1: expected 64 hex digits (32 bytes), found \(text.count) characters")
        }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return PseudonymisationKey(symmetricKey: SymmetricKey(data: bytes))
    }
}

/// The system's write(2), out of reach of `PseudonymisationKey.write(to:)`'s name.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafePointer<CChar>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

public enum PseudonymisationError: Error, CustomStringConvertible, Equatable {
    case keyFileExists(String)
    case keyFileTooOpen(String, mode: Int)
    case keyFileUnreadable(String, reason: String)
    case keyFileMalformed(String, reason: String)
    /// Every table holding the column was already pseudonymised: hashing again would hash the pseudonyms.
    case alreadyPseudonymised(column: String, tables: [String], fingerprint: String, appliedAt: String)
    /// The column was pseudonymised with another key: the tables would no longer join.
    case differentKey(column: String, table: String, recorded: String, given: String)

    public var description: String {
        switch self {
        case .keyFileExists(let path):
            "key file \(path) already exists: Hublot never overwrites a key (the project's pseudonyms depend on it); choose another path"
        case .keyFileTooOpen(let path, let mode):
            "key file \(path) has mode \(String(mode, radix: 8)): its group or others can read it; run `chmod 600 \(path)` if it has not leaked, else make a new key"
        case .keyFileUnreadable(let path, let reason): "key file \(path): \(reason)"
        case .keyFileMalformed(let path, let reason): "key file \(path): \(reason)"
        case .alreadyPseudonymised(let column, let tables, let fingerprint, let appliedAt):
            "\(column) was already pseudonymised in \(tables.joined(separator: ", ")) on \(appliedAt) with key \(fingerprint): running again would hash the pseudonyms; nothing was changed"
        case .differentKey(let column, let table, let recorded, let given):
            "\(column) of \(table) was pseudonymised with key \(recorded), not with this key (\(given)): the tables would no longer join; nothing was changed"
        }
    }
}

/// The text that replaces an identifier.
///
/// Base32 (RFC 4648, `A`-`Z` and `2`-`7`) of the HMAC, cut to 20 characters: 100 bits, so that among a billion
/// distinct identifiers the chance of two sharing a pseudonym is about 4e-13; upper-case letters and digits
/// like the SNDS's own identifiers, safe in CSV and file names, and a third of hex's 64 characters.
public enum Pseudonym {
    public static let length = 20
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func of(_ value: String, key: PseudonymisationKey) -> String {
        of(value, key: key.symmetricKey)
    }

    /// The pseudonyms of a page of values, under one `SymmetricKey`.
    static func of(_ values: [String], key: PseudonymisationKey) -> [String] {
        let symmetricKey = key.symmetricKey
        return values.map { of($0, key: symmetricKey) }
    }

    static func of(_ value: String, key: SymmetricKey) -> String {
        let mac = PseudonymisationKey.authenticate(value, with: key).withUnsafeBytes { Array($0) }
        var characters: [Character] = []
        characters.reserveCapacity(length)
        var buffer = 0
        var bits = 0
        for byte in mac {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5, characters.count < length {
                bits -= 5
                characters.append(alphabet[(buffer >> bits) & 31])
            }
            if characters.count == length { break }
            buffer &= (1 << bits) - 1
        }
        return String(characters)
    }
}
