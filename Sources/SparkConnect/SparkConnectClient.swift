import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import GRPCProtobuf

/// A client of a Spark Connect server: SQL in, Arrow record batches out, over plaintext HTTP/2.
///
/// The two calls it makes (`ExecutePlan`, `AnalyzePlan`) go through GRPCCore with hand-written method
/// descriptors and GRPCProtobuf's coders, on the messages generated from our subset of the protocol: no
/// service stubs are generated. The connection lives as long as the client.
public final class SparkConnectClient: Sendable {
    public let host: String
    public let port: Int
    /// One Spark session per client: temporary views and settings last as long as it.
    public let sessionID: String
    let userContext: Spark_Connect_UserContext
    private let client: GRPCClient<HTTP2ClientTransport.Posix>
    private let connections: Task<Void, Never>

    static let service = ServiceDescriptor(fullyQualifiedService: "spark.connect.SparkConnectService")
    static let executePlan = MethodDescriptor(service: service, method: "ExecutePlan")
    static let analyzePlan = MethodDescriptor(service: service, method: "AnalyzePlan")
    static let clientType = "hublot"

    public init(host: String, port: Int = 15002, userID: String = "hublot") throws {
        self.host = host
        self.port = port
        sessionID = UUID().uuidString.lowercased()
        var context = Spark_Connect_UserContext()
        context.userID = userID
        context.userName = userID
        userContext = context
        let isAddress = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        var config = HTTP2ClientTransport.Posix.Config.defaults
        // Arrow batches of several megabytes: larger frames, fewer of them.
        config.http2.maxFrameSize = 1 << 20
        let transport = try HTTP2ClientTransport.Posix(
            target: isAddress ? .ipv4(address: host, port: port) : .dns(host: host, port: port), transportSecurity: .plaintext,
            config: config)
        let client = GRPCClient(transport: transport)
        self.client = client
        connections = Task { try? await client.runConnections() }
    }

    deinit {
        client.beginGracefulShutdown()
    }

    /// Stops the connection once calls in flight are done.
    public func close() {
        client.beginGracefulShutdown()
    }

    private var options: CallOptions {
        var options = CallOptions.defaults
        options.maxResponseMessageBytes = 256 << 20
        return options
    }

    /// The Spark version of the server (`4.0.1`).
    public func sparkVersion() async throws -> String {
        var request = Spark_Connect_AnalyzePlanRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.sparkVersion = .init()
        let response = try await call {
            try await client.unary(
                request: ClientRequest(message: request), descriptor: Self.analyzePlan,
                serializer: ProtobufSerializer<Spark_Connect_AnalyzePlanRequest>(),
                deserializer: ProtobufDeserializer<Spark_Connect_AnalyzePlanResponse>(), options: options
            ) { try $0.message }
        }
        return response.sparkVersion.version
    }

    /// Runs `sql` and hands each Arrow IPC stream of the answer to `body`, in order, on the caller's task.
    ///
    /// Statements (`CREATE`, `INSERT`, `DROP`) run too: Spark executes a command when its plan is built, and
    /// answers no rows. The responses are received on a task of their own (gRPC hands them to a `Sendable`
    /// closure) and queued for the caller as they arrive; a caller slower than the network holds them in memory.
    public func execute(sql: String, _ body: (ArrowRecordBatch) throws -> Void) async throws {
        var request = Spark_Connect_ExecutePlanRequest()
        request.sessionID = sessionID
        request.userContext = userContext
        request.clientType = Self.clientType
        request.operationID = UUID().uuidString.lowercased()
        var relation = Spark_Connect_Relation()
        relation.sql.query = sql
        request.plan.root = relation

        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let call = Task { [client, options] in
            do {
                try await client.serverStreaming(
                    request: ClientRequest(message: request), descriptor: Self.executePlan,
                    serializer: ProtobufSerializer<Spark_Connect_ExecutePlanRequest>(),
                    deserializer: ProtobufDeserializer<Spark_Connect_ExecutePlanResponse>(), options: options
                ) { response in
                    for try await message in response.messages {
                        if case .arrowBatch(let batch) = message.responseType { continuation.yield(batch.data) }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        defer { call.cancel() }
        try await Self.surfacingServerErrors {
            for try await data in stream {
                for batch in try ArrowStreamReader.decode([UInt8](data)).batches { try body(batch) }
            }
        }
    }

    private func call<T>(_ work: () async throws -> T) async throws -> T {
        try await Self.surfacingServerErrors(work)
    }

    /// gRPC errors as `SparkConnectError`, with the server's message (Spark's own, with its error class).
    static func surfacingServerErrors<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as RPCError {
            throw SparkConnectError(code: "\(error.code)", message: error.message)
        }
    }
}

public struct SparkConnectError: Error, Equatable, CustomStringConvertible {
    /// The gRPC status (`internal`, `unavailable`, `invalidArgument`).
    public var code: String
    /// Spark's message, e.g. `[TABLE_OR_VIEW_NOT_FOUND] The table or view ... cannot be found.`
    public var message: String

    public var description: String { message.isEmpty ? "Spark Connect: \(code)" : message }
}
