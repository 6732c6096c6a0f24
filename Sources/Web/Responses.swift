import Hummingbird

/// A server-rendered HTML page.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

/// An SVG drawing, served alone so it can be linked or embedded.
struct SVGImage: ResponseGenerator {
    var svg: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: svg)))
    }
}

/// Any encodable value as a JSON response, through the context's encoder.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
