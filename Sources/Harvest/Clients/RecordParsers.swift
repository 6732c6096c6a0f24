import Publications

/// The readers of the Publications module, as the clients' default parsers.
public enum RecordParsers {
    public static let pubMed: RecordParser = { body, name throws(PublicationProblem) in
        try events(of: PubMedReader(bytes: body, name: name))
    }
    public static let openAlex: RecordParser = { body, name throws(PublicationProblem) in
        try events(of: OpenAlexReader(bytes: body, name: name))
    }
    public static let hal: RecordParser = { body, name throws(PublicationProblem) in
        try events(of: HALReader(bytes: body, name: name))
    }
    public static let crossref: RecordParser = { body, name throws(PublicationProblem) in
        try events(of: CrossrefReader(bytes: body, name: name))
    }
    public static let europePMC: RecordParser = { body, name throws(PublicationProblem) in
        try events(of: EuropePMCReader(bytes: body, name: name))
    }

    /// Every event a reader hands out, in order.
    public static func events<Reader: PublicationReader>(of reader: Reader) throws(PublicationProblem) -> [ReaderEvent] {
        var reader = reader
        var events: [ReaderEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }
}
