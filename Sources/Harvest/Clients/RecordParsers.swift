import Core
import Publications

/// The readers of the Publications module, as the clients' default parsers.
public enum RecordParsers {
    public static let pubMed: RecordParser = { body, name throws(PublicationProblem) in
        throw notYet("PubMed", name)
    }
    public static let openAlex: RecordParser = { body, name throws(PublicationProblem) in
        throw notYet("OpenAlex", name)
    }
    public static let hal: RecordParser = { body, name throws(PublicationProblem) in
        throw notYet("HAL", name)
    }
    public static let crossref: RecordParser = { body, name throws(PublicationProblem) in
        throw notYet("Crossref", name)
    }
    public static let europePMC: RecordParser = { body, name throws(PublicationProblem) in
        throw notYet("Europe PMC", name)
    }

    private static func notYet(_ source: String, _ name: String) -> PublicationProblem {
        PublicationProblem(.invalidValue, at: SourceLocation(file: name), "no \(source) reader yet")
    }

    /// Every event a reader hands out, in order.
    public static func events<Reader: PublicationReader>(of reader: Reader) throws(PublicationProblem) -> [ReaderEvent] {
        var reader = reader
        var events: [ReaderEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }
}
