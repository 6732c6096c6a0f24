import Core
import Crypto
import Foundation

/// SHA-256 in hexadecimal, of a file read in chunks: a full ROR dump is hundreds of megabytes.
enum FileDigest {
    static func sha256(file path: String) throws(OrganisationImportError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OrganisationImportError(file: path, reason: "cannot read the file") }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        } catch {
            throw OrganisationImportError(file: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return hasher.finalize().hexadecimal
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).hexadecimal }
}
