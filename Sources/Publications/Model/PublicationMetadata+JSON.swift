import Core

// The stored form of a record's metadata, written by hand: through `Codable`, encoding took longer than
// parsing the XML. Keys and omissions are exactly those of the `Codable` conformances, which read it back;
// `MetadataJSONTests` checks the round trip on every reader's records.

extension PublicationMetadata: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("identifiers", identifiers)
            json.field("title", title)
            json.field("abstract", abstract)
            json.field("language", language)
            json.field("date", date)
            json.field("journal", journal)
            json.field("publicationTypes", publicationTypes)
            json.field("keywords", keywords)
            json.field("meshHeadings", meshHeadings)
            json.field("authors", authors)
            json.field("grants", grants)
            json.field("references", references)
            json.field("fullText", fullText)
            json.field("openAccess", openAccess)
            json.field("citationCount", citationCount)
        }
    }
}

extension PublicationIdentifiers: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("doi", doi)
            json.field("pmid", pmid)
            json.field("pmcid", pmcid)
            json.field("halId", halID)
            json.field("openalexId", openAlexID)
            if !other.isEmpty { json.field("other", other) }
        }
    }
}

extension Abstract: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in json.field("sections", sections) }
    }
}

extension AbstractSection: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("label", label)
            json.field("category", category)
            json.field("text", text)
        }
    }
}

extension PublicationDate: JSONWritable {
    public func write(to json: inout JSONOutput) { json.string(description) }
}

extension Journal: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("title", title)
            json.field("isoAbbreviation", isoAbbreviation)
            json.field("issns", issns)
            json.field("volume", volume)
            json.field("issue", issue)
            json.field("pages", pages)
            json.field("publisher", publisher)
        }
    }
}

extension ISSN: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("value", value)
            json.field("kind", kind.rawValue)
        }
    }
}

extension MeshHeading: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("descriptor", descriptor)
            json.field("descriptorId", descriptorID)
            json.field("majorTopic", isMajorTopic)
            json.field("qualifiers", qualifiers)
        }
    }
}

extension MeshQualifier: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("name", name)
            json.field("qualifierId", qualifierID)
            json.field("majorTopic", isMajorTopic)
        }
    }
}

extension Author: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("family", family)
            json.field("given", given)
            json.field("initials", initials)
            json.field("collective", collective)
            json.field("orcid", orcid)
            json.field("affiliations", affiliations)
        }
    }
}

extension Grant: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("id", identifier)
            json.field("funder", funder)
            json.field("country", country)
            json.field("funderId", funderID)
        }
    }
}

extension Reference: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("citation", citation)
            json.field("identifiers", identifiers)
        }
    }
}

extension TextSection: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("title", title)
            json.field("kind", kind.rawValue)
            json.field("text", text)
        }
    }
}

extension OpenAccess: JSONWritable {
    public func write(to json: inout JSONOutput) {
        json.object { json in
            json.field("isOpenAccess", isOpenAccess)
            json.field("status", status)
            json.field("url", url)
        }
    }
}
