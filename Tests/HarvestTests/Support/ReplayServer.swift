import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// One request as the replay server received it.
struct ReplayRequest: Sendable {
    var path: String
    /// The query decoded, as the source would read it.
    var query: [String: String]
    var headers: [String: String]

    func int(_ name: String) -> Int? { query[name].flatMap(Int.init) }
}

/// What the server answers, before any fault.
struct ReplayResponse: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: [UInt8]

    init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(status: Int = 200, contentType: String, text: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    static func json(_ object: Any) -> ReplayResponse {
        let data = try! JSONSerialization.data(withJSONObject: object)
        return ReplayResponse(headers: [("Content-Type", "application/json")], body: Array(data))
    }
}

/// What goes wrong with one answer.
enum Fault: Sendable {
    /// Answer this status instead, with a `Retry-After` when given.
    case status(Int, retryAfter: String? = nil)
    /// Announce the whole body's length, send half of it, and hang up.
    case shortBody
    /// Send half the body as if it were all of it: the framing is right, the JSON or XML is cut.
    case cutContent
    /// Hang up without answering.
    case hangUp
    /// Answer only after this long, to run into the client's timeout.
    case stall(Duration)
}

/// A local HTTP/1.1 server on 127.0.0.1 that answers from real recorded bodies and breaks the answers it
/// is told to. Raw sockets rather than an HTTP framework, so that it can lie about lengths and hang up
/// mid-body. One request per connection.
final class ReplayServer: Sendable {
    typealias Handler = @Sendable (ReplayRequest) -> ReplayResponse

    let port: Int
    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let accepting: Task<Void, Never>
    private let state: Mutex<State>

    private struct State {
        var requests: [ReplayRequest] = []
        var faults: [(matches: @Sendable (ReplayRequest) -> Bool, fault: Fault)] = []
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received, in order.
    var requests: [ReplayRequest] { state.withLock { $0.requests } }

    private init(
        channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>,
        port: Int,
        accepting: Task<Void, Never>
    ) {
        self.serverChannel = channel
        self.port = port
        self.state = Mutex(State())
        self.accepting = accepting
    }

    /// Breaks the next answer to a request that `matches`.
    func inject(_ fault: Fault, when matches: @escaping @Sendable (ReplayRequest) -> Bool = { _ in true }) {
        state.withLock { $0.faults.append((matches, fault)) }
    }

    func clearLog() { state.withLock { $0.requests.removeAll() } }

    static func start(_ handler: @escaping Handler) async throws -> ReplayServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let port = channel.channel.localAddress!.port!
        let box = ServerBox()
        let accepting = Task<Void, Never> {
            _ = try? await channel.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask {
                            try? await box.server?.serve(connection, handler: handler)
                        }
                    }
                }
            }
        }
        let server = ReplayServer(channel: channel, port: port, accepting: accepting)
        box.server = server
        return server
    }

    func stop() async {
        try? await serverChannel.channel.close()
        await accepting.value
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, handler: Handler) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var received = ByteBuffer()
            var head: String?
            for try await chunk in inbound {
                received.writeImmutableBuffer(chunk)
                let text = String(buffer: received)
                if let end = text.range(of: "\r\n\r\n") {
                    head = String(text[..<end.lowerBound])
                    break
                }
            }
            guard let head, let request = Self.request(from: head) else { return }
            let fault = state.withLock { state -> Fault? in
                state.requests.append(request)
                guard let index = state.faults.firstIndex(where: { $0.matches(request) }) else { return nil }
                return state.faults.remove(at: index).fault
            }
            var response = handler(request)
            var announced = response.body.count
            switch fault {
            case nil:
                break
            case .status(let status, let retryAfter):
                response = ReplayResponse(status: status, contentType: "text/plain", text: "injected \(status)")
                if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
                announced = response.body.count
            case .shortBody:
                response.body = Array(response.body.prefix(response.body.count / 2))
            case .cutContent:
                response.body = Array(response.body.prefix(response.body.count / 2))
                announced = response.body.count
            case .hangUp:
                return
            case .stall(let duration):
                try await Task.sleep(for: duration)
            }
            var text = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
            for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
            text += "Content-Length: \(announced)\r\nConnection: close\r\n\r\n"
            var out = ByteBuffer(string: text)
            out.writeBytes(response.body)
            try await outbound.write(out)
        }
    }

    private static func request(from head: String) -> ReplayRequest? {
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let components = URLComponents(string: String(parts[1])) else { return nil }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return ReplayRequest(path: components.path, query: query, headers: headers)
    }
}

/// Lets the accepting task reach the server built after it starts.
private final class ServerBox: Sendable {
    private let lock = Mutex<ReplayServer?>(nil)
    var server: ReplayServer? {
        get { lock.withLock { $0 } }
        set { lock.withLock { $0 = newValue } }
    }
}
