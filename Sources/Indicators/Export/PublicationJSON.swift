import Core
import Publications
import Search

/// A result set as a JSON array of `SearchDocument`s, with the API's snake_case keys (what
/// `JSONEncoder.hublot` gives, and `JSONDecoder` with `.convertFromSnakeCase` reads back), one document at a time.
///
/// Written through `JSONOutput` rather than `JSONEncoder`, which took 100 µs a document: 11 s for a 100k export.
public enum PublicationJSON {
    public static func write(_ documents: some Sequence<SearchDocument>, to output: (String) -> Void) {
        output("[")
        var first = true
        for document in documents {
            var json = JSONOutput(capacity: 2_048)
            ExportedDocument(document: document).write(to: &json)
            output((first ? "\n" : ",\n") + String(decoding: json.bytes, as: UTF8.self))
            first = false
        }
        output(first ? "]\n" : "\n]\n")
    }
}

/// The writers of a document's parts, wrapped: conforming Search's types to Core's protocol here would be a
/// retroactive conformance, which another module could declare too.
private struct ExportedDocument: JSONWritable {
    var document: SearchDocument

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.key("id")
            json.literal(String(document.id))
            json.field("name", document.name)
            json.field("title", document.title)
            json.field("abstract", document.abstract)
            json.field("date", document.date.map(\.description))
            json.field("journal", document.journal)
            json.field("issn", document.issn)
            json.field("volume", document.volume)
            json.field("issue", document.issue)
            json.field("pages", document.pages)
            json.field("publisher", document.publisher)
            json.field("language", document.language)
            json.field("publication_types", document.publicationTypes)
            json.field("keywords", document.keywords)
            json.field("mesh", document.mesh)
            json.field("authors", document.authors.map(ExportedAuthor.init))
            json.field("affiliations", document.affiliations.map(ExportedAffiliation.init))
            json.field("identifiers", ExportedIdentifiers(identifiers: document.identifiers))
            json.field("open_access", document.openAccess.map(ExportedOpenAccess.init))
            json.field("citations", document.citations)
            json.field("databases", document.databases.map(ExportedDatabase.init))
            json.field("has_full_text", document.hasFullText)
            json.field("sources", document.sources)
        }
    }
}

private struct ExportedAuthor: JSONWritable {
    var author: DocumentAuthor

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("name", author.name)
            json.field("family", author.family)
            json.field("given", author.given)
            json.field("orcid", author.orcid)
            json.field("affiliations", author.affiliations)
        }
    }
}

private struct ExportedAffiliation: JSONWritable {
    var affiliation: DocumentAffiliation

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("text", affiliation.text)
            json.field("structure", affiliation.structure)
            json.field("country", affiliation.country)
        }
    }
}

private struct ExportedIdentifiers: JSONWritable {
    var identifiers: PublicationIdentifiers

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("doi", identifiers.doi)
            json.field("pmid", identifiers.pmid)
            json.field("pmcid", identifiers.pmcid)
            json.field("hal_id", identifiers.halID)
            json.field("openalex_id", identifiers.openAlexID)
            if !identifiers.other.isEmpty { json.field("other", identifiers.other) }
        }
    }
}

private struct ExportedOpenAccess: JSONWritable {
    var openAccess: OpenAccess

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("is_open_access", openAccess.isOpenAccess)
            json.field("status", openAccess.status)
            json.field("url", openAccess.url)
        }
    }
}

private struct ExportedDatabase: JSONWritable {
    var database: DocumentDatabase

    func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("name", database.name)
            json.field("status", database.status.rawValue)
            json.field("is_curated", database.isCurated)
            json.key("confidence")
            // Swift's shortest decimal form is valid JSON; a confidence that is not a number cannot be written as one.
            json.literal(database.confidence.isFinite ? "\(database.confidence)" : "0")
        }
    }
}
