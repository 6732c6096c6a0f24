import Foundation
import Publications

/// Turns a response body into the records it holds: one of the Publications readers. Injected so that the
/// clients can be tried with any reader, and so that paging never depends on how records are read.
public typealias RecordParser = @Sendable (_ body: [UInt8], _ name: String) throws(PublicationProblem) -> [ReaderEvent]

/// One page of a harvest, as the source answered it.
public struct HarvestPage: Sendable {
    public var events: [ReaderEvent]
    /// How many works the source sent on this page, whether or not the reader accepted each.
    public var received: Int
    /// The number of works matching the query, as the source counts them.
    public var total: Int?
    /// What to send for the page after this one; `nil` when this was the last.
    public var next: [String: String]?

    public init(events: [ReaderEvent], received: Int, total: Int?, next: [String: String]?) {
        self.events = events
        self.received = received
        self.total = total
        self.next = next
    }
}

/// A client of one source's search API, walking the results of a query page by page.
///
/// The state passed in is the one of the last checkpoint (empty at the start): a client must be able to go
/// on from any state it has returned, even in a later process.
public protocol HarvestClient: Sendable {
    var source: PublicationSource { get }
    /// Fetches the page that `state` points at, of at most `size` works.
    func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage
}

/// The base URL, rate and identity shared by every client.
public struct ClientSettings: Sendable {
    public var baseURL: String
    /// An e-mail address the source may write to (`mailto`, `email`): the polite pools of OpenAlex and
    /// Crossref and NCBI's terms ask for one.
    public var contact: String?
    public var apiKey: String?
    public var pacer: RequestPacer

    public init(baseURL: String, contact: String? = nil, apiKey: String? = nil, pacer: RequestPacer) {
        self.baseURL = baseURL
        self.contact = contact
        self.apiKey = apiKey
        self.pacer = pacer
    }
}

/// Reading the paging fields of a JSON answer. The records themselves are left to the reader.
enum JSONPage {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw MalformedPage(reason: "not JSON (\(bytes.count) bytes): \(error.localizedDescription)")
        }
        guard let object = value as? [String: Any] else { throw MalformedPage(reason: "the JSON is not an object") }
        return object
    }

    /// The value at `path`, one key after another.
    static func value(_ object: [String: Any], _ path: String...) -> Any? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    static func string(_ value: Any?) -> String? {
        value as? String
    }
}

extension HarvestKey {
    /// `since` when set, else `nil`: the parameters that bound a query by date are left out altogether.
    var lowerBound: String? { since.isEmpty ? nil : since }
}
