import Search

/// What one publication has, read once and then added to each count it belongs to (the set, its year, each
/// database it uses).
struct CoverageMarks {
    var doi = false, pmid = false, abstract = false, fullText = false, authors = false, affiliations = false, structure = false
    var country = false, orcid = false, openAccess = false, citations = false, keywords = false, mesh = false
    var affiliationCount = 0, matchedAffiliations = 0, authorCount = 0, identifiedAuthors = 0

    init(_ document: borrowing SearchDocument) {
        doi = document.identifiers.doi != nil
        pmid = document.identifiers.pmid != nil
        abstract = !(document.abstract ?? "").isEmpty
        fullText = document.hasFullText
        authors = !document.authors.isEmpty
        affiliations = !document.affiliations.isEmpty
        openAccess = document.openAccess != nil
        citations = document.citations != nil
        keywords = !document.keywords.isEmpty
        mesh = !document.mesh.isEmpty
        for affiliation in document.affiliations {
            affiliationCount += 1
            if !affiliation.organisations.isEmpty { matchedAffiliations += 1 }
            if affiliation.structure != nil || !affiliation.organisations.isEmpty { structure = true }
            if affiliation.country != nil { country = true }
        }
        for author in document.authors {
            authorCount += 1
            if author.isIdentified { identifiedAuthors += 1 }
            if author.orcid != nil { orcid = true }
        }
    }
}

/// The running counts behind a `Coverage`.
struct CoverageCounts {
    var publications = 0
    var doi = 0, pmid = 0, abstract = 0, fullText = 0, authors = 0, affiliations = 0, structure = 0
    var country = 0, orcid = 0, openAccess = 0, citations = 0, keywords = 0, mesh = 0
    var affiliationCount = 0, matchedAffiliations = 0, authorCount = 0, identifiedAuthors = 0

    mutating func add(_ marks: CoverageMarks) {
        publications += 1
        if marks.doi { doi += 1 }
        if marks.pmid { pmid += 1 }
        if marks.abstract { abstract += 1 }
        if marks.fullText { fullText += 1 }
        if marks.authors { authors += 1 }
        if marks.affiliations { affiliations += 1 }
        if marks.structure { structure += 1 }
        if marks.country { country += 1 }
        if marks.orcid { orcid += 1 }
        if marks.openAccess { openAccess += 1 }
        if marks.citations { citations += 1 }
        if marks.keywords { keywords += 1 }
        if marks.mesh { mesh += 1 }
        affiliationCount += marks.affiliationCount
        matchedAffiliations += marks.matchedAffiliations
        authorCount += marks.authorCount
        identifiedAuthors += marks.identifiedAuthors
    }

    var coverage: Coverage {
        let share = { (count: Int) in Share(count: count, of: publications) }
        return Coverage(
            doi: share(doi), pmid: share(pmid), abstract: share(abstract), fullText: share(fullText), authors: share(authors),
            affiliations: share(affiliations), structure: share(structure), country: share(country), orcid: share(orcid),
            openAccess: share(openAccess), citations: share(citations), keywords: share(keywords), mesh: share(mesh),
            matchedAffiliations: Share(count: matchedAffiliations, of: affiliationCount),
            identifiedAuthors: Share(count: identifiedAuthors, of: authorCount), affiliationCount: affiliationCount, authorCount: authorCount)
    }
}
