import Search

extension Dashboard {
    /// The indicators of `documents`, with top lists of `top` entries.
    ///
    /// Each document is read once; each of its lists (authors, affiliations, databases) once. The documents'
    /// order does not change the answer: ties in top lists are broken by value.
    public init(documents: some Sequence<SearchDocument>, top: Int = Dashboard.defaultTop) {
        var accumulator = Accumulator()
        // An array is read in place: a `for` loop would copy each document, retaining its twenty-odd strings and lists.
        let read: Void? = documents.withContiguousStorageIfAvailable { buffer in
            for index in buffer.indices { accumulator.add(buffer[index]) }
        }
        if read == nil { for document in documents { accumulator.add(document) } }
        self = accumulator.dashboard(top: top)
    }
}

/// The running counts of `Dashboard(documents:top:)`.
private struct Accumulator {
    struct Database {
        var uses = 0
        var mentions = 0
        var curated = 0
        var years: [Int: Int] = [:]
        var coverage = CoverageCounts()
    }

    var total = 0
    var years: [Int: Int] = [:]
    var undated = 0
    var structures = Tally<String>()
    var journals = Tally<String>()
    var countries = Tally<String>()
    var researchers = ResearcherTable()
    var researcherDocuments: [Int] = []
    /// The last document (by its rank, `total`) each researcher was counted for.
    var researcherLastDocument: [Int] = []
    var open = 0
    var accessKnown = 0
    var accessStatus = Tally<String>()
    var international = 0
    var withCountry = 0
    var coverage = CoverageCounts()
    var coverageByYear: [Int: CoverageCounts] = [:]
    var uses = 0, mentionsOnly = 0, curated = 0
    var databases: [String: Database] = [:]
    // Reused for every document, so that its distinct values cost no allocation.
    var seen: [String] = []

    mutating func add(_ document: borrowing SearchDocument) {
        total += 1
        if let year = document.year { years[year, default: 0] += 1 } else { undated += 1 }
        if let journal = document.journal, !journal.isEmpty { journals.add(journal) }

        let marks = CoverageMarks(document)
        coverage.add(marks)
        if let year = document.year { coverageByYear[year, default: CoverageCounts()].add(marks) }

        for value in document.structures { structures.add(value) }

        seen.removeAll(keepingCapacity: true)
        for affiliation in document.affiliations { if let value = affiliation.country { seen.appendIfAbsent(value) } }
        for value in seen { countries.add(value) }
        if !seen.isEmpty { withCountry += 1 }
        if seen.count > 1 { international += 1 }

        for author in document.authors {
            let researcher = researchers.index(of: author)
            if researcher == researcherDocuments.count {
                researcherDocuments.append(0)
                researcherLastDocument.append(-1)
            }
            // Counted once per document, even when a byline repeats a name.
            guard researcherLastDocument[researcher] != total else { continue }
            researcherLastDocument[researcher] = total
            researcherDocuments[researcher] += 1
        }

        if let access = document.openAccess {
            accessKnown += 1
            if access.isOpenAccess { open += 1 }
            accessStatus.add(access.status ?? (access.isOpenAccess ? "unknown" : "closed"))
        }

        var usesAny = false
        var mentionsAny = false
        var curatedAny = false
        for verdict in document.databases {
            // Mutated in place through the dictionary: a copy taken out and written back would copy its years too.
            switch verdict.status {
            case .uses:
                usesAny = true
                databases[verdict.name, default: Database()].uses += 1
                if verdict.isCurated { databases[verdict.name, default: Database()].curated += 1 }
                databases[verdict.name, default: Database()].coverage.add(marks)
                if let year = document.year { databases[verdict.name, default: Database()].years[year, default: 0] += 1 }
            case .mentions:
                mentionsAny = true
                databases[verdict.name, default: Database()].mentions += 1
            }
            if verdict.isCurated { curatedAny = true }
        }
        if usesAny { uses += 1 } else if mentionsAny { mentionsOnly += 1 }
        if curatedAny { curated += 1 }
    }

    func dashboard(top: Int) -> Dashboard {
        let yearIndicators = YearIndicators(counts: years, undated: undated)
        let ranked = { (tally: Tally<String>) in tally.top(top).map { RankedCount(value: $0.key, publications: $0.count, of: total) } }
        var researcherTally = Tally<Int>()
        researcherTally.counts.reserveCapacity(researchers.count)
        for (index, count) in researcherDocuments.enumerated() { researcherTally.counts[index] = count }
        // Ties by key, not by the researchers' numbers, which follow the documents' order.
        let topResearchers = researcherTally.top(top, by: { researchers.keys[$0] < researchers.keys[$1] }).map { entry in
            ResearcherCount(
                key: researchers.keys[entry.key], name: researchers.names[entry.key], orcid: researchers.orcids[entry.key], publications: entry.count,
                of: total)
        }
        let share = { (count: Int) in Share(count: count, of: total) }
        let databaseList = databases.filter { $0.value.uses > 0 }
            .sorted { $0.value.uses != $1.value.uses ? $0.value.uses > $1.value.uses : $0.key < $1.key }
            .map { name, database in
                let counts = yearIndicators.counts.map { YearCount(year: $0.year, publications: database.years[$0.year] ?? 0) }
                var withGrowth = counts
                for index in counts.indices.dropFirst() where counts[index - 1].publications > 0 && counts[index - 1].year == counts[index].year - 1 {
                    let previous = Double(counts[index - 1].publications)
                    withGrowth[index].growth = (Double(counts[index].publications) - previous) / previous * 100
                }
                return DatabaseIndicators(
                    name: name, uses: share(database.uses), mentions: database.mentions, curated: database.curated, years: withGrowth,
                    coverage: database.coverage.coverage)
            }
        return Dashboard(
            total: total,
            years: yearIndicators,
            structures: ranked(structures),
            researchers: topResearchers,
            journals: ranked(journals),
            countries: ranked(countries),
            openAccess: OpenAccessIndicators(
                open: KnownShare(count: open, known: accessKnown, of: total),
                byStatus: accessStatus.top(accessStatus.counts.count).map { RankedCount(value: $0.key, publications: $0.count, of: total) }),
            internationalCollaboration: KnownShare(count: international, known: withCountry, of: total),
            coverage: coverage.coverage,
            coverageByYear: coverageByYear.keys.sorted().map { year in
                let counts = coverageByYear[year] ?? CoverageCounts()
                return YearCoverage(year: year, publications: counts.publications, coverage: counts.coverage)
            },
            classification: ClassificationIndicators(
                uses: share(uses), mentionsOnly: share(mentionsOnly), curated: share(curated),
                unclassified: share(total - uses - mentionsOnly)),
            databases: databaseList
        )
    }
}
