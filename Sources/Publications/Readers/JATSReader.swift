import Core

/// Reads JATS full text: a PubMed Central open-access `.nxml` (one `<article>`) or an efetch `db=pmc` response
/// (`<pmc-articleset>` of several). Each article gives a record keyed by its PMCID, else PMID, else DOI.
///
/// Only what the model holds is read; JATS is vast, so only elements directly under `article`, `front`,
/// `article-meta` and `back` that this reader does not know are reported, never inline markup.
public struct JATSReader: PublicationReader {
    private let parser: JATSParser

    public init(path: String) throws(PublicationProblem) {
        parser = JATSParser(stream: try XMLStream(path: path))
    }

    /// An efetch response body; `name` is what messages call it (the request URL).
    public init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        parser = JATSParser(stream: try XMLStream(bytes: bytes, name: name))
    }

    public mutating func next() throws(PublicationProblem) -> ReaderEvent? { try parser.next() }

    public var fractionRead: Double? { parser.fractionRead }
}

/// The reader's state. A class because the stream underneath is one.
final class JATSParser {
    private let stream: XMLStream
    private var problems: XMLRecordProblems
    private var pending = PendingEvents()
    private var articleCount = 0
    private var currentName: String?
    private var failure: PublicationProblem?
    private var isFinished = false

    init(stream: XMLStream) {
        self.stream = stream
        self.problems = XMLRecordProblems(file: stream.file)
    }

    var fractionRead: Double? { stream.fractionRead }

    func next() throws(PublicationProblem) -> ReaderEvent? {
        if let failure { throw failure }
        while true {
            if let event = pending.pop() { return event }
            if isFinished { return nil }
            do {
                try readUpToNextArticle()
            } catch {
                var problem = error
                if problem.record == nil {
                    problem.record = articleCount == 0 ? "before the first article" : "\(currentName ?? "article") (record \(articleCount))"
                }
                failure = problem
                throw problem
            }
        }
    }

    private func readUpToNextArticle() throws(PublicationProblem) {
        while try stream.next() {
            guard stream.kind == .element else { continue }
            switch stream.name {
            case "article":
                try readArticle()
                return
            case "pmc-articleset":
                continue
            default:
                guard stream.depth > 0 else {
                    throw PublicationProblem(
                        .malformedFile, at: SourceLocation(file: stream.file, line: stream.line), field: stream.name,
                        "not JATS: the document is a <\(stream.name)>, not an <article> nor a <pmc-articleset>")
                }
                problems.unknownElement(stream.name, line: stream.elementLine)
                try stream.skipElement()
                pending.append(contentsOf: problems.warnings(record: "between articles"))
                if !pending.isEmpty { return }
            }
        }
        isFinished = true
    }

    // MARK: - One article

    private func readArticle() throws(PublicationProblem) {
        articleCount += 1
        currentName = nil
        let line = stream.elementLine
        var article = JATSArticle()
        article.metadata.language = Normalize.language(stream.attribute("xml:lang"))
        if let type = stream.attribute("article-type").flatMap({ Normalize.text($0) }) {
            article.metadata.publicationTypes.append(type)
        }
        guard let parent = stream.parentDepth else {
            return finish(article, line: line)
        }
        // Not `nextChild(of:)`: the `<?properties open_access?>` instruction sits among the children.
        while try stream.next() {
            if stream.kind == .endElement, stream.depth == parent { break }
            if stream.kind == .processingInstruction, stream.depth == parent + 1, stream.name == "properties",
                stream.value.contains("open_access")
            {
                article.isOpenAccessByPMC = true
                continue
            }
            guard stream.kind == .element, stream.depth == parent + 1 else { continue }
            switch stream.name {
            case "front": try readFront(into: &article)
            case "body": try readBody(into: &article)
            case "back": try readBack(into: &article)
            default: try skipUnknown(known: JATSElements.underArticle)
            }
        }
        finish(article, line: line)
    }

    private func finish(_ article: JATSArticle, line: Int) {
        let metadata = article.assembled
        let identifiers = metadata.identifiers
        let key = identifiers.pmcid ?? identifiers.pmid ?? identifiers.doi ?? "\(stream.file)#\(articleCount)"
        let name = identifiers.pmcid ?? identifiers.pmid.map { "PMID \($0)" } ?? identifiers.doi.map { "DOI \($0)" }
        pending.append(contentsOf: problems.warnings(record: name ?? "record \(articleCount)"))
        guard metadata.isIdentifiable else {
            let problem = PublicationProblem(
                .unidentifiableRecord, at: SourceLocation(file: stream.file, line: line), record: "record \(articleCount)",
                field: "article-id", "an article without identifier nor title cannot be stored")
            pending.append(.rejected(problem))
            return
        }
        let origin = RecordOrigin(file: stream.file, position: articleCount, line: line)
        pending.append(.record(SourceRecord(source: .jats, key: key, origin: origin, metadata: metadata)))
    }

    private func readFront(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "journal-meta": try readJournalMeta(into: &article)
            case "article-meta": try readArticleMeta(into: &article)
            default: try skipUnknown(known: JATSElements.underFront)
            }
        }
    }

    private func readJournalMeta(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "journal-id":
                let type = stream.attribute("journal-id-type")
                guard let value = try optionalText() else { continue }
                if let type { article.journalIDs[type] = article.journalIDs[type] ?? value }
            case "journal-title-group":
                let group = stream.parentDepth
                while try stream.nextChild(of: group) {
                    if stream.name == "journal-title", article.journal.title == nil {
                        article.journal.title = try optionalText()
                    } else {
                        try stream.skipElement()
                    }
                }
            case "journal-title":
                let title = try optionalText()
                article.journal.title = article.journal.title ?? title
            case "issn":
                let type = stream.attribute("pub-type") ?? stream.attribute("publication-format")
                let kind: ISSN.Kind =
                    switch type {
                    case "ppub", "print": .print
                    case "epub", "electronic": .electronic
                    default: .unspecified
                    }
                let line = stream.elementLine
                let raw = try stream.text()
                if let value = XMLIdentifiers.issn(raw) {
                    article.journal.issns.append(ISSN(value, kind: kind))
                } else if !raw.isEmpty {
                    problems.invalidValue(raw, field: "issn", line: line, "is not an ISSN")
                }
            case "publisher":
                let publisher = stream.parentDepth
                while try stream.nextChild(of: publisher) {
                    if stream.name == "publisher-name" {
                        article.journal.publisher = try optionalText()
                    } else {
                        try stream.skipElement()
                    }
                }
            default: try stream.skipElement()
            }
        }
    }

    private func readArticleMeta(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "article-id": try readArticleID(into: &article.metadata.identifiers)
            case "title-group":
                let group = stream.parentDepth
                while try stream.nextChild(of: group) {
                    if stream.name == "article-title" {
                        article.metadata.title = try optionalText()
                    } else {
                        try stream.skipElement()
                    }
                }
            case "contrib-group": try readContributors(into: &article)
            case "aff": try readAffiliation(into: &article)
            case "pub-date": try readPublicationDate(into: &article)
            case "volume": article.journal.volume = try optionalText()
            case "issue": article.journal.issue = try optionalText()
            case "fpage": article.firstPage = try optionalText()
            case "lpage": article.lastPage = try optionalText()
            case "elocation-id": article.elocation = try optionalText()
            case "permissions": try readPermissions(into: &article)
            case "abstract":
                let type = stream.attribute("abstract-type")
                guard JATSElements.isMainAbstract(type: type), article.metadata.abstract == nil else {
                    try stream.skipElement()
                    continue
                }
                article.metadata.abstract = try readAbstract()
            case "kwd-group":
                let group = stream.parentDepth
                while try stream.nextChild(of: group) {
                    if stream.name == "kwd", let keyword = try optionalText() {
                        article.metadata.keywords.append(keyword)
                    } else {
                        try stream.skipElement()
                    }
                }
            case "funding-group": try readFunding(into: &article.metadata.grants)
            default: try skipUnknown(known: JATSElements.underArticleMeta)
            }
        }
    }

    private func readArticleID(into identifiers: inout PublicationIdentifiers) throws(PublicationProblem) {
        let type = stream.attribute("pub-id-type")?.lowercased() ?? "unspecified"
        guard let value = try optionalText() else { return }
        switch type {
        case "pmid": identifiers.pmid = identifiers.pmid ?? XMLIdentifiers.pmid(value)
        case "pmc", "pmcid": identifiers.pmcid = identifiers.pmcid ?? XMLIdentifiers.pmcid(value)
        case "doi": identifiers.doi = identifiers.doi ?? XMLIdentifiers.doi(value)
        default: identifiers.other[type] = identifiers.other[type] ?? value
        }
        currentName = identifiers.pmcid ?? identifiers.pmid.map { "PMID \($0)" } ?? currentName
    }

    // MARK: - Contributors and affiliations

    private func readContributors(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "contrib":
                let type = stream.attribute("contrib-type")
                guard type == nil || type == "author" else {
                    try stream.skipElement()
                    continue
                }
                if let contributor = try readContributor(into: &article) { article.contributors.append(contributor) }
            case "aff": try readAffiliation(into: &article)
            default: try stream.skipElement()
            }
        }
    }

    private func readContributor(into article: inout JATSArticle) throws(PublicationProblem) -> JATSContributor? {
        var contributor = JATSContributor()
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "name": try readName(into: &contributor.author)
            case "name-alternatives":
                let alternatives = stream.parentDepth
                while try stream.nextChild(of: alternatives) {
                    if stream.name == "name", contributor.author.family == nil {
                        try readName(into: &contributor.author)
                    } else {
                        try stream.skipElement()
                    }
                }
            case "string-name":
                if contributor.author.family == nil, let text = try optionalText() {
                    let parts = Normalize.personName(text)
                    contributor.author.family = parts.family
                    contributor.author.given = parts.given
                }
            case "collab": contributor.author.collective = try optionalText()
            case "contrib-id":
                let type = stream.attribute("contrib-id-type")?.lowercased()
                let line = stream.elementLine
                let raw = try stream.text()
                guard type == "orcid" || raw.contains("orcid.org") else { continue }
                if let orcid = Normalize.orcid(raw) {
                    contributor.author.orcid = orcid
                } else {
                    problems.invalidValue(raw, field: "contrib-id[orcid]", line: line, "is not a valid ORCID")
                }
            case "xref":
                let type = stream.attribute("ref-type")
                let targets = stream.attribute("rid")
                try stream.skipElement()
                if type == "aff", let targets {
                    contributor.affiliationIDs += targets.split(separator: " ").map(String.init)
                }
            case "aff":
                if let text = try affiliationText() { contributor.ownAffiliations.append(text) }
            default: try stream.skipElement()
            }
        }
        let author = contributor.author
        return author.family == nil && author.given == nil && author.collective == nil ? nil : contributor
    }

    private func readName(into author: inout Author) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "surname": author.family = try optionalText()
            case "given-names":
                let initials = stream.attribute("initials")
                author.given = try optionalText()
                author.initials = initials ?? Normalize.initials(ofGivenName: author.given)
            case "suffix":
                if let suffix = try optionalText() { author.family = author.family.map { "\($0) \(suffix)" } ?? suffix }
            default: try stream.skipElement()
            }
        }
    }

    private func readAffiliation(into article: inout JATSArticle) throws(PublicationProblem) {
        let identifier = stream.attribute("id")
        guard let text = try affiliationText() else { return }
        article.affiliations.append((identifier, text))
    }

    /// An affiliation as printed, without its label (`1`, `a`) and the identifiers of its institution.
    private func affiliationText() throws(PublicationProblem) -> String? {
        let text = try stream.text(separating: JATSElements.affiliationParts, omitting: JATSElements.affiliationNoise)
        return text.isEmpty ? nil : JATSText.trimmingPunctuation(text)
    }

    // MARK: - Dates, permissions, funding

    private func readPublicationDate(into article: inout JATSArticle) throws(PublicationProblem) {
        let type = stream.attribute("pub-type") ?? stream.attribute("date-type")
        let format = stream.attribute("publication-format")
        var year: Int?
        var month: Int?
        var day: Int?
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            let line = stream.elementLine
            let field = stream.name
            switch field {
            case "year", "month", "day":
                let raw = try stream.text()
                let value = field == "month" ? Normalize.month(raw) : Int(raw)
                if value == nil, !raw.isEmpty {
                    problems.invalidValue(raw, field: "pub-date/\(field)", line: line, "is not a \(field)")
                }
                switch field {
                case "year": year = value
                case "month": month = value
                default: day = value
                }
            default: try stream.skipElement()
            }
        }
        guard let date = Normalize.date(year: year, month: month, day: day) else { return }
        article.dates.append(JATSDate(type: type, format: format, date: date))
    }

    private func readPermissions(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "license" else {
                try stream.skipElement()
                continue
            }
            article.hasLicense = true
            article.licenseURL = article.licenseURL ?? stream.attribute("xlink:href")
            let license = stream.parentDepth
            while try stream.nextChild(of: license) {
                if stream.name == "license_ref", let url = try optionalText() {
                    article.licenseURL = article.licenseURL ?? url
                } else {
                    try stream.skipElement()
                }
            }
        }
    }

    private func readFunding(into grants: inout [Grant]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            guard stream.name == "award-group" else {
                try stream.skipElement()
                continue
            }
            var funders: [(name: String, identifier: String?)] = []
            var awards: [String] = []
            let group = stream.parentDepth
            while try stream.nextChild(of: group) {
                switch stream.name {
                case "funding-source": if let funder = try readFundingSource() { funders.append(funder) }
                case "award-id": if let award = try optionalText() { awards.append(award) }
                default: try stream.skipElement()
                }
            }
            grants += JATSGrants.grants(funders: funders, awards: awards)
        }
    }

    /// The funder's name, and its Funder Registry DOI when `institution-id` gives one.
    private func readFundingSource() throws(PublicationProblem) -> (name: String, identifier: String?)? {
        var text = ""
        var identifier: String?
        guard let parent = stream.parentDepth else { return nil }
        while try stream.next() {
            if stream.kind == .endElement, stream.depth == parent { break }
            if stream.kind == .text { text += stream.value }
            if stream.kind == .element, stream.name == "institution-id" {
                identifier = JATSGrants.funderID(try stream.text())
            }
        }
        guard let name = Normalize.text(text) else { return nil }
        return (name, identifier)
    }

    // MARK: - Abstract and full text

    private func readAbstract() throws(PublicationProblem) -> Abstract? {
        var sections: [AbstractSection] = []
        var paragraphs: [String] = []
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "sec":
                let section = try readSection()
                let label = section.title.map(JATSText.trimmingPunctuation)
                if !section.text.isEmpty { sections.append(AbstractSection(label: label, text: section.text)) }
            case "p":
                let text = try stream.text(separating: JATSElements.blocks, omitting: JATSElements.noise)
                if !text.isEmpty { paragraphs.append(text) }
            default: try stream.skipElement()
            }
        }
        if !paragraphs.isEmpty { sections.insert(AbstractSection(text: paragraphs.joined(separator: " ")), at: 0) }
        return sections.isEmpty ? nil : Abstract(sections: sections)
    }

    /// A section's own title, and everything else in it (subsections' titles and paragraphs, in order) as
    /// one text.
    private func readSection() throws(PublicationProblem) -> (title: String?, text: String) {
        var title: String?
        var parts: [String] = []
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            if stream.name == "title", title == nil, parts.isEmpty {
                title = try optionalText()
                continue
            }
            if JATSElements.noise.contains(stream.name) {
                try stream.skipElement()
                continue
            }
            let text = try stream.text(separating: JATSElements.blocks, omitting: JATSElements.noise)
            if !text.isEmpty { parts.append(text) }
        }
        return (title, parts.joined(separator: "\n"))
    }

    private func readBody(into article: inout JATSArticle) throws(PublicationProblem) {
        var leading: [String] = []
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            let type = stream.attribute("sec-type")
            switch stream.name {
            case "sec":
                let section = try readSection()
                let kind = JATSSections.kind(sectionType: type, title: section.title)
                article.metadata.fullText.append(TextSection(title: section.title, kind: kind, text: section.text))
            case _ where JATSElements.noise.contains(stream.name):
                try stream.skipElement()
            default:
                let text = try stream.text(separating: JATSElements.blocks, omitting: JATSElements.noise)
                if !text.isEmpty { leading.append(text) }
            }
        }
        if !leading.isEmpty {
            article.metadata.fullText.insert(TextSection(kind: .other, text: leading.joined(separator: "\n")), at: 0)
        }
    }

    private func readBack(into article: inout JATSArticle) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            let type = stream.attribute("sec-type")
            switch stream.name {
            case "ack":
                let section = try readSection()
                if !section.text.isEmpty {
                    article.metadata.fullText.append(
                        TextSection(title: section.title ?? "Acknowledgements", kind: .acknowledgements, text: section.text))
                }
            case "sec", "notes":
                let section = try readSection()
                let kind = JATSSections.kind(sectionType: type, title: section.title)
                if !section.text.isEmpty {
                    article.metadata.fullText.append(TextSection(title: section.title, kind: kind, text: section.text))
                }
            case "ref-list": try readReferences(into: &article.metadata.references)
            default: try skipUnknown(known: JATSElements.underBack)
            }
        }
    }

    // MARK: - References

    private func readReferences(into references: inout [Reference]) throws(PublicationProblem) {
        let parent = stream.parentDepth
        while try stream.nextChild(of: parent) {
            switch stream.name {
            case "ref":
                var citations: [Reference] = []
                let ref = stream.parentDepth
                while try stream.nextChild(of: ref) {
                    if JATSElements.citations.contains(stream.name) {
                        citations.append(try readCitation())
                    } else {
                        try stream.skipElement()
                    }
                }
                references += citations.filter { $0.citation != nil || !$0.identifiers.isEmpty }
            case "ref-list": try readReferences(into: &references)
            default: try stream.skipElement()
            }
        }
    }

    /// A citation's text as printed, and the identifiers its `pub-id`s give.
    private func readCitation() throws(PublicationProblem) -> Reference {
        var reference = Reference()
        var text = ""
        guard let parent = stream.parentDepth else { return reference }
        while try stream.next() {
            switch stream.kind {
            case .endElement where stream.depth == parent:
                reference.citation = Normalize.text(text)
                return reference
            case .text:
                text += stream.value
            case .element where stream.name == "pub-id":
                let type = stream.attribute("pub-id-type")?.lowercased()
                let value = try stream.text()
                text += " \(value)"
                switch type {
                case "doi": reference.identifiers.doi = XMLIdentifiers.doi(value)
                case "pmid": reference.identifiers.pmid = XMLIdentifiers.pmid(value)
                case "pmcid", "pmc": reference.identifiers.pmcid = XMLIdentifiers.pmcid(value)
                default: break
                }
            case .element:
                // Citations often hold their parts without punctuation (`<surname>`, `<given-names>`): without a
                // space they would run together.
                text += " "
            default:
                break
            }
        }
        return reference
    }

    // MARK: - Helpers

    private func optionalText() throws(PublicationProblem) -> String? {
        let text = try stream.text()
        return text.isEmpty ? nil : text
    }

    private func skipUnknown(known: Set<String>) throws(PublicationProblem) {
        if !known.contains(stream.name) { problems.unknownElement(stream.name, line: stream.elementLine) }
        try stream.skipElement()
    }
}
