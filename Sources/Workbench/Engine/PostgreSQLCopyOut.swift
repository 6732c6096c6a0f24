import Core
import Crypto
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

/// A query's rows read with `COPY (query) TO STDOUT (FORMAT binary)`, on a connection of Hublot's own.
///
/// postgres-nio hands rows over one `DataRow` at a time, through its state machine and an async sequence:
/// about five times what the server takes to send them, and it has no COPY TO. This speaks just enough of
/// protocol 3.0 for one: the startup (TLS, cleartext, MD5 or SCRAM-SHA-256 password), a Parse and Describe
/// that give the columns' types without running the query, then the COPY. What it does not do (another
/// authentication, a statement COPY does not take, parameters, an error before the first row reaches the
/// caller) answers `false`, and the engine reads the rows through postgres-nio, which says what went wrong.
struct PostgreSQLCopyOut {
    let configuration: PostgresConnection.Configuration
    let engine: String

    /// Streams the rows of `sql` to `body`, `batchSize` at a time; `false` when nothing was read and the
    /// statement should go the ordinary way.
    func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws -> Bool {
        let statements = SQLScript.statements(sql)
        guard statements.count == 1, let query = statements.first, Self.isQuery(query), let host = configuration.host else { return false }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(configuration.options.connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: configuration.port ?? 5432) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        } catch {
            return false
        }
        return try await channel.executeThenClose { inbound, outbound in
            var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            do {
                guard try await start(&session, channel: channel.channel, host: host),
                    let columns = try await describe(query, in: &session), !columns.isEmpty
                else { return false }
                return try await copy(query, columns: columns, in: &session, batchSize: batchSize, body)
            } catch WireFailure.consumer(let error) {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                // Before the caller saw a row, postgres-nio can still read them all and name any failure.
                guard session.handed else { return false }
                let message = (error as? WireFailure).map(\.message) ?? "\(error)"
                throw EngineError.statementFailed(engine: engine, sql: query, message: message)
            }
        }
    }

    /// Whether COPY takes the statement: a query, by its first keyword.
    static func isQuery(_ statement: String) -> Bool {
        ["SELECT", "WITH", "VALUES", "TABLE"].contains(SQLScript.firstKeyword(statement))
    }

    // MARK: - Startup

    /// TLS if asked, the startup message and the authentication; `false` for what postgres-nio should try.
    func start(_ session: inout Session, channel: any Channel, host: String) async throws -> Bool {
        if configuration.tls.isAllowed, let context = configuration.tls.sslContext {
            var request = ByteBuffer()
            request.writeMultipleIntegers(Int32(8), Int32(80_877_103))
            try await session.outbound.write(request)
            switch try await session.byte() {
            case UInt8(ascii: "S"):
                let serverName = configuration.options.tlsServerName ?? (host.first?.isNumber == true || host.contains(":") ? nil : host)
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
                }.get()
            case UInt8(ascii: "N") where !configuration.tls.isEnforced: break
            default: return false
            }
        }
        var parameters = [("user", configuration.username), ("database", configuration.database ?? configuration.username)]
        parameters += configuration.options.additionalStartupParameters
        var startup = ByteBuffer()
        startup.writeInteger(Int32(0))
        startup.writeInteger(Int32(196_608))
        for (name, value) in parameters {
            startup.writeNullTerminatedString(name)
            startup.writeNullTerminatedString(value)
        }
        startup.writeInteger(UInt8(0))
        startup.setInteger(Int32(startup.readableBytes), at: 0)
        try await session.outbound.write(startup)

        var scram: SCRAM?
        while true {
            var (type, body) = try await session.message()
            switch type {
            case UInt8(ascii: "R"):
                guard let code = body.readInteger(as: Int32.self) else { return false }
                switch code {
                case 0: break
                case 3:
                    guard let password = configuration.password else { return false }
                    try await session.send("p") { $0.writeNullTerminatedString(password) }
                case 5:
                    guard let password = configuration.password, let salt = body.readBytes(length: 4) else { return false }
                    let answer = Self.md5Password(user: configuration.username, password: password, salt: salt)
                    try await session.send("p") { $0.writeNullTerminatedString(answer) }
                case 10:
                    var mechanisms: [String] = []
                    while let name = body.readNullTerminatedString(), !name.isEmpty { mechanisms.append(name) }
                    guard mechanisms.contains("SCRAM-SHA-256"), let password = configuration.password else { return false }
                    let started = SCRAM(password: password)
                    scram = started
                    let first = Array(started.clientFirst.utf8)
                    try await session.send("p") {
                        $0.writeNullTerminatedString("SCRAM-SHA-256")
                        $0.writeInteger(Int32(first.count))
                        $0.writeBytes(first)
                    }
                case 11:
                    guard let serverFirst = body.readString(length: body.readableBytes),
                        let final = scram?.clientFinal(serverFirst: serverFirst)
                    else { return false }
                    try await session.send("p") { $0.writeString(final) }
                case 12:
                    guard let serverFinal = body.readString(length: body.readableBytes), scram?.verifies(serverFinal: serverFinal) == true
                    else { return false }
                default:
                    return false
                }
            case UInt8(ascii: "Z"):
                return true
            case UInt8(ascii: "E"):
                return false
            default:
                continue  // parameter statuses, the backend key, notices
            }
        }
    }

    /// PostgreSQL's MD5 answer: `md5` and the hex MD5 of the hex MD5 of password and user, then the salt.
    static func md5Password(user: String, password: String, salt: [UInt8]) -> String {
        let inner = Insecure.MD5.hash(data: Array((password + user).utf8)).hexadecimal
        return "md5" + Insecure.MD5.hash(data: Array(inner.utf8) + salt).hexadecimal
    }

    // MARK: - The query

    /// The query's columns and their types, from a Parse and Describe of the unnamed statement (nothing
    /// runs); nil when the server refuses it or it has parameters.
    func describe(_ query: String, in session: inout Session) async throws -> [(name: String, type: PostgresDataType)]? {
        try await session.send("P") {
            $0.writeNullTerminatedString("")
            $0.writeNullTerminatedString(query)
            $0.writeInteger(Int16(0))
        }
        try await session.send("D") {
            $0.writeInteger(UInt8(ascii: "S"))
            $0.writeNullTerminatedString("")
        }
        try await session.send("S") { _ in }
        var columns: [(name: String, type: PostgresDataType)]?
        var usable = true
        while true {
            var (type, body) = try await session.message()
            switch type {
            case UInt8(ascii: "t"):
                if body.readInteger(as: Int16.self) != 0 { usable = false }
            case UInt8(ascii: "T"):
                guard let count = body.readInteger(as: Int16.self) else { throw WireFailure.malformed("a RowDescription cut short") }
                var described: [(name: String, type: PostgresDataType)] = []
                for _ in 0..<count {
                    guard let name = body.readNullTerminatedString(),
                        let (_, _, oid, _, _, _) = body.readMultipleIntegers(as: (UInt32, Int16, UInt32, Int16, Int32, Int16).self)
                    else { throw WireFailure.malformed("a RowDescription cut short") }
                    described.append((name, PostgresDataType(oid)))
                }
                columns = described
            case UInt8(ascii: "E"):
                usable = false
            case UInt8(ascii: "Z"):
                return usable ? columns : nil
            default:
                continue  // ParseComplete, NoData, notices
            }
        }
    }

    /// Runs the COPY and hands its rows over in batches; `false` when it failed before any row was handed.
    func copy(
        _ query: String, columns: [(name: String, type: PostgresDataType)], in session: inout Session, batchSize: Int,
        _ body: (RowBatch) throws -> Void
    ) async throws -> Bool {
        // The newline ends a trailing `--` comment of the query.
        try await session.send("Q") { $0.writeNullTerminatedString("COPY (\(query)\n) TO STDOUT (FORMAT binary)") }
        let names = columns.map(\.name)
        let types = columns.map(\.type)
        var copied = ByteBuffer()
        var sawHeader = false
        var values: [CellValue] = []
        values.reserveCapacity(min(batchSize, 100_000) * columns.count)
        var pending = 0
        var failure: String?
        while true {
            let (type, message) = try await session.message()
            switch type {
            case UInt8(ascii: "d"):
                copied.writeImmutableBuffer(message)
                if !sawHeader {
                    guard let header = try Self.header(&copied) else { continue }
                    sawHeader = header
                }
                while try Self.readTuple(&copied, types: types, names: names, into: &values) {
                    pending += 1
                    if pending >= batchSize {
                        try session.hand(RowBatch(columns: names, values: values), to: body)
                        values.removeAll(keepingCapacity: true)
                        pending = 0
                    }
                }
                if copied.readerIndex > 1 << 16 { copied.discardReadBytes() }
            case UInt8(ascii: "E"):
                failure = Self.errorText(message)
            case UInt8(ascii: "Z"):
                if let failure { throw WireFailure.server(failure) }
                if pending > 0 { try session.hand(RowBatch(columns: names, values: values), to: body) }
                try? await session.send("X") { _ in }
                return true
            default:
                continue  // CopyOutResponse, CopyDone, CommandComplete, notices
            }
        }
    }

    static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    /// Reads the binary COPY header: nil while it is incomplete.
    static func header(_ buffer: inout ByteBuffer) throws -> Bool? {
        guard buffer.readableBytes >= signature.count + 8 else { return nil }
        let start = buffer.readerIndex
        guard buffer.readBytes(length: signature.count) == signature, let (_, extensionLength) = buffer.readMultipleIntegers(as: (Int32, Int32).self)
        else { throw WireFailure.malformed("the COPY's binary header is not PostgreSQL's") }
        guard buffer.readableBytes >= Int(extensionLength) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        buffer.moveReaderIndex(forwardBy: Int(extensionLength))
        return true
    }

    /// Reads one tuple's cells onto `values`; `false`, reading nothing, while it is incomplete or at the trailer.
    static func readTuple(_ buffer: inout ByteBuffer, types: [PostgresDataType], names: [String], into values: inout [CellValue]) throws -> Bool {
        let start = buffer.readerIndex
        guard let count = buffer.readInteger(as: Int16.self) else { return false }
        if count == -1 { return false }
        guard Int(count) == types.count else { throw WireFailure.malformed("a COPY row of \(count) fields for \(types.count) columns") }
        let first = values.count
        for column in 0..<types.count {
            guard let length = buffer.readInteger(as: Int32.self) else { break }
            var bytes: ByteBuffer?
            if length >= 0 {
                guard let slice = buffer.readSlice(length: Int(length)) else { break }
                bytes = slice
            }
            do {
                values.append(try PostgreSQLValues.cell(bytes, type: types[column]))
            } catch {
                throw WireFailure.malformed("column \(names[column]): \(error.reason)")
            }
        }
        if values.count - first == types.count { return true }
        values.removeSubrange(first...)
        buffer.moveReaderIndex(to: start)
        return false
    }

    /// An ErrorResponse as the engine words postgres-nio's: severity, message, SQLSTATE, detail, hint.
    static func errorText(_ message: ByteBuffer) -> String {
        var body = message
        var fields: [UInt8: String] = [:]
        while let code = body.readInteger(as: UInt8.self), code != 0, let value = body.readNullTerminatedString() { fields[code] = value }
        var text = "\(fields[UInt8(ascii: "S")] ?? "ERROR"): \(fields[UInt8(ascii: "M")] ?? "unknown error")"
        if let state = fields[UInt8(ascii: "C")] { text += " (SQLSTATE \(state))" }
        if let detail = fields[UInt8(ascii: "D")] { text += "\n  detail: \(detail)" }
        if let hint = fields[UInt8(ascii: "H")] { text += "\n  hint: \(hint)" }
        if let context = fields[UInt8(ascii: "W")] { text += "\n  where: \(context)" }
        return text
    }

    enum WireFailure: Error {
        /// The server's ErrorResponse, worded.
        case server(String)
        /// An answer that does not follow the protocol, or a value Hublot does not read.
        case malformed(String)
        /// What the caller's body threw: it goes back to the caller as it is.
        case consumer(any Error)

        var message: String {
            switch self {
            case .server(let text), .malformed(let text): text
            case .consumer(let error): "\(error)"
            }
        }
    }

    // MARK: - Messages

    /// The connection's messages: a type byte, then a length that counts itself.
    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var received = ByteBuffer()
        /// Whether rows reached the caller: past that, a failure can no longer go the ordinary way.
        var handed = false

        mutating func hand(_ batch: RowBatch, to body: (RowBatch) throws -> Void) throws {
            handed = true
            do { try body(batch) } catch { throw WireFailure.consumer(error) }
        }

        mutating func fill() async throws {
            guard let chunk = try await inbound.next() else { throw WireFailure.malformed("the server closed the connection") }
            if received.readableBytes == 0 {
                received = chunk
            } else {
                received.writeImmutableBuffer(chunk)
            }
        }

        mutating func byte() async throws -> UInt8 {
            while received.readableBytes < 1 { try await fill() }
            return received.readInteger()!
        }

        mutating func message() async throws -> (type: UInt8, body: ByteBuffer) {
            while true {
                if let (type, length) = received.getMultipleIntegers(at: received.readerIndex, as: (UInt8, Int32).self) {
                    guard length >= 4 else { throw WireFailure.malformed("a message of length \(length)") }
                    if received.readableBytes >= 1 + Int(length) {
                        received.moveReaderIndex(forwardBy: 5)
                        return (type, received.readSlice(length: Int(length) - 4)!)
                    }
                }
                try await fill()
            }
        }

        func send(_ type: Character, _ write: (inout ByteBuffer) -> Void) async throws {
            var buffer = ByteBuffer()
            buffer.writeInteger(type.asciiValue!)
            buffer.writeInteger(Int32(0))
            write(&buffer)
            buffer.setInteger(Int32(buffer.readableBytes - 1), at: 1)
            try await outbound.write(buffer)
        }
    }
}

/// SCRAM-SHA-256 as PostgreSQL asks for it (RFC 5802 and 7677, no channel binding). PostgreSQL takes the
/// user's name from the startup, so the messages carry none by default.
struct SCRAM {
    let user: String
    let password: String
    let nonce: String
    var authMessage = ""
    var saltedPassword: [UInt8] = []

    init(user: String = "", password: String, nonce: String = Data((0..<18).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()) {
        self.user = user
        self.password = password
        self.nonce = nonce
    }

    var clientFirstBare: String { "n=\(user),r=\(nonce)" }
    var clientFirst: String { "n,," + clientFirstBare }

    /// The client's final message, proving the password; nil when the server's first message is not one.
    mutating func clientFinal(serverFirst: String) -> String? {
        var fields: [Character: String] = [:]
        for part in serverFirst.split(separator: ",") where part.count >= 2 && part.dropFirst().first == "=" {
            fields[part.first!] = String(part.dropFirst(2))
        }
        guard let serverNonce = fields["r"], serverNonce.hasPrefix(nonce), let saltText = fields["s"], let salt = Data(base64Encoded: saltText),
            let iterations = fields["i"].flatMap(Int.init), iterations > 0
        else { return nil }
        saltedPassword = Self.pbkdf2(password: Array(password.utf8), salt: Array(salt), iterations: iterations)
        let withoutProof = "c=biws,r=\(serverNonce)"
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof
        let clientKey = Self.hmac(saltedPassword, "Client Key")
        let signature = Self.hmac(Array(SHA256.hash(data: clientKey)), authMessage)
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        return withoutProof + ",p=" + Data(proof).base64EncodedString()
    }

    /// Whether the server's final message proves it knows the password too.
    func verifies(serverFinal: String) -> Bool {
        guard serverFinal.hasPrefix("v="), let signature = Data(base64Encoded: String(serverFinal.dropFirst(2))) else { return false }
        return Array(signature) == Self.hmac(Self.hmac(saltedPassword, "Server Key"), authMessage)
    }

    static func hmac(_ key: [UInt8], _ text: String) -> [UInt8] { hmac(key, Array(text.utf8)) }

    static func hmac(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// PBKDF2-HMAC-SHA-256 of one block, SCRAM's `Hi`.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}
