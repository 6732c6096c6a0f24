/// An author mention as curators and reruns name it: the publication's lasting name (`PublicationName`: a jsonl
/// key, `pmid:…`, `doi:…`) and the author's position in its byline, counted from 1, written `pmid:123#2`.
///
/// Hublot's publication numbers change with a new store or a re-harvest; the name does not, so corrections and
/// researcher ids keyed by it survive reruns.
public struct MentionKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var publication: String
    /// 1 for the first author of the merged byline.
    public var position: Int

    public init(publication: String, position: Int) {
        self.publication = publication
        self.position = position
    }

    /// Reads `NAME#POSITION`; the name may itself hold `#` (`#12#3` is author 3 of Hublot's publication 12).
    public init?(_ text: String) {
        guard let hash = text.lastIndex(of: "#"), let position = Int(text[text.index(after: hash)...]), position >= 1 else { return nil }
        let publication = String(text[..<hash])
        guard !publication.isEmpty else { return nil }
        self.init(publication: publication, position: position)
    }

    public var description: String { "\(publication)#\(position)" }

    public static func < (lhs: MentionKey, rhs: MentionKey) -> Bool {
        (lhs.publication, lhs.position) < (rhs.publication, rhs.position)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = MentionKey(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a mention NAME#POSITION: \(text)"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
