import Foundation

/// The in-memory index of the documents: a posting list per term, facet values as integers per document, and
/// what sorting needs, in flat arrays so that a search is array passes over integers.
///
/// Documents live in slots numbered in the order they were added; a changed document takes a new slot and
/// its old one dies, so posting lists stay sorted by slot and are only ever appended to.
final class InvertedIndex {
    struct PostingList {
        var slots: [Int32] = []
        /// BM25F's saturated term frequency over the fields, on 0...255.
        var impacts: [UInt8] = []
        /// The fields the term occurs in (`SearchField.mask`).
        var fields: [UInt8] = []
        /// Where each posting's positions start in `positions`.
        var positionStarts: [Int32] = []
        /// `field << 24 | offset` of each occurrence.
        var positions: [UInt32] = []
        /// Postings of live documents: the document frequency.
        var live: Int32 = 0

        func positionRange(_ posting: Int) -> Range<Int> {
            Int(positionStarts[posting])..<(posting + 1 < positionStarts.count ? Int(positionStarts[posting + 1]) : positions.count)
        }
    }

    static let k1: Float = 1.2
    static let b: Float = 0.75

    let analyzer = SearchAnalyzer()
    var termIDs: [String: Int32] = [:]
    var terms: [String] = []
    var postings: [PostingList] = []
    /// Per term, the slot (plus one) of the document being added or (negated) removed, and the term's place
    /// among that document's terms: scratch for `add` and `remove`, so that they need no dictionary.
    var termStamps: [Int32] = []
    var termLocals: [Int32] = []
    /// Terms by (length, first byte) and (length, last byte): a word one edit away keeps one of its ends.
    var editBuckets: [Int: [Int32]] = [:]
    /// Terms by their first three bytes, for completion.
    var prefixBuckets: [Int: [Int32]] = [:]

    var documents: [SearchDocument?] = []
    /// Whether each slot holds a current document: read on every posting, so kept apart from the documents.
    var live: [Bool] = []
    var publicationIDs: [Int64] = []
    var slotOfPublication: [Int64: Int32] = [:]
    var years: [Int32] = []
    /// `yyyymmdd`, missing parts as 0: newest first is descending order.
    var dates: [Int32] = []
    var citations: [Int32] = []
    var facets: [FacetColumn] = Facet.allCases.map { _ in FacetColumn() }
    var liveCount = 0
    /// Sums of the field lengths indexed, and how many documents, for BM25's average lengths.
    var lengthSums: [Double] = SearchField.allCases.map { Double($0.typicalLength) * 100 }
    var lengthCount: Double = 100

    var scratch = Scratch()

    init() {}

    var slotCount: Int { documents.count }

    func isLive(_ slot: Int32) -> Bool { live[Int(slot)] }

    func documentFrequency(_ term: Int32) -> Int { Int(postings[Int(term)].live) }

    func inverseDocumentFrequency(_ term: Int32) -> Float {
        let frequency = Float(postings[Int(term)].live)
        return log(1 + (Float(liveCount) - frequency + 0.5) / (frequency + 0.5))
    }

    /// Adds the document, replacing the one of the same publication.
    func add(_ document: SearchDocument) {
        remove(publication: document.id)
        let slot = Int32(documents.count)
        documents.append(document)
        live.append(true)
        publicationIDs.append(document.id)
        slotOfPublication[document.id] = slot
        years.append(Int32(document.year ?? 0))
        dates.append(document.date.map { Int32($0.year * 10000 + ($0.month ?? 0) * 100 + ($0.day ?? 0)) } ?? 0)
        citations.append(Int32(clamping: document.citations ?? -1))
        liveCount += 1
        for facet in Facet.allCases { facets[facet.index].append(Self.facetValues(facet, of: document)) }

        let fieldCount = SearchField.allCases.count
        let stamp = slot + 1
        // The document's distinct terms in order of appearance, their counts per field, and every occurrence.
        var distinct: [Int32] = []
        var counts: [Int32] = []
        var occurrenceTerms: [Int32] = []
        var occurrencePositions: [UInt32] = []
        var lengths = [Int](repeating: 0, count: fieldCount)
        forEachTerm(of: document) { field, term, position in
            let id = intern(term)
            if termStamps[Int(id)] != stamp {
                termStamps[Int(id)] = stamp
                termLocals[Int(id)] = Int32(distinct.count)
                distinct.append(id)
                counts += [Int32](repeating: 0, count: fieldCount)
            }
            let local = Int(termLocals[Int(id)])
            counts[local * fieldCount + field.rawValue] += 1
            occurrenceTerms.append(Int32(local))
            occurrencePositions.append(position)
            lengths[field.rawValue] += 1
        }
        // Occurrences grouped by term, in order within each.
        var starts = [Int](repeating: 0, count: distinct.count + 1)
        for local in occurrenceTerms { starts[Int(local) + 1] += 1 }
        for index in distinct.indices { starts[index + 1] += starts[index] }
        var grouped = [UInt32](repeating: 0, count: occurrencePositions.count)
        var next = starts
        for (local, position) in zip(occurrenceTerms, occurrencePositions) {
            grouped[next[Int(local)]] = position
            next[Int(local)] += 1
        }

        for (field, length) in lengths.enumerated() { lengthSums[field] += Double(length) }
        lengthCount += 1
        let normalisers = SearchField.allCases.map { field in
            1 - Self.b + Self.b * Float(lengths[field.rawValue]) / Float(lengthSums[field.rawValue] / lengthCount)
        }
        for (local, term) in distinct.enumerated() {
            var frequency: Float = 0
            var mask: UInt8 = 0
            for field in SearchField.allCases where counts[local * fieldCount + field.rawValue] > 0 {
                frequency += field.weight * Float(counts[local * fieldCount + field.rawValue]) / normalisers[field.rawValue]
                mask |= field.mask
            }
            let saturated = frequency / (Self.k1 + frequency)
            let index = Int(term)
            postings[index].slots.append(slot)
            postings[index].impacts.append(UInt8(max(1, min(255, (saturated * 255).rounded()))))
            postings[index].fields.append(mask)
            postings[index].positionStarts.append(Int32(postings[index].positions.count))
            postings[index].positions.append(contentsOf: grouped[starts[local]..<starts[local + 1]])
            postings[index].live += 1
        }
    }

    /// Removes the publication's document, if indexed.
    func remove(publication id: Int64) {
        guard let slot = slotOfPublication.removeValue(forKey: id), let document = documents[Int(slot)] else { return }
        // A stamp no addition uses: each distinct term of the document is counted out once.
        let stamp = -(slot + 1)
        forEachTerm(of: document) { _, term, _ in
            guard let id = termIDs[term], termStamps[Int(id)] != stamp else { return }
            termStamps[Int(id)] = stamp
            postings[Int(id)].live -= 1
        }
        documents[Int(slot)] = nil
        live[Int(slot)] = false
        liveCount -= 1
    }

    /// Calls `body` with each term of the document, its field and its position (`field << 24 | offset`).
    func forEachTerm(of document: SearchDocument, _ body: (SearchField, String, UInt32) -> Void) {
        for field in SearchField.allCases {
            var offset: UInt32 = 0
            for text in field.texts(of: document) {
                for term in analyzer.terms(text) {
                    body(field, term, UInt32(field.rawValue) << 24 | min(offset, 0xFF_FFFF))
                    offset += 1
                }
                // A gap, so that a phrase never spans two values of a field.
                offset += 2
            }
        }
    }

    private func intern(_ term: String) -> Int32 {
        if let id = termIDs[term] { return id }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term)
        postings.append(PostingList())
        termStamps.append(0)
        termLocals.append(0)
        let bytes = Array(term.utf8)
        if bytes.count >= 4 {
            editBuckets[Self.editKey(length: bytes.count, byte: bytes[0], isLast: false), default: []].append(id)
            editBuckets[Self.editKey(length: bytes.count, byte: bytes[bytes.count - 1], isLast: true), default: []].append(id)
        }
        if bytes.count >= 3 { prefixBuckets[Self.prefixKey(bytes), default: []].append(id) }
        return id
    }

    static func editKey(length: Int, byte: UInt8, isLast: Bool) -> Int { length << 9 | (isLast ? 256 : 0) | Int(byte) }

    static func prefixKey(_ bytes: some Collection<UInt8>) -> Int {
        bytes.prefix(3).reduce(0) { $0 << 8 | Int($1) }
    }
}

extension Facet {
    var index: Int { Facet.allCases.firstIndex(of: self)! }
}

/// One facet's values: each distinct value once, and the values of every slot as ranges of a flat array.
struct FacetColumn {
    var valueIDs: [String: Int32] = [:]
    var values: [String] = []
    var labels: [String] = []
    var starts: [Int32] = [0]
    var items: [Int32] = []

    mutating func append(_ documentValues: [(value: String, label: String)]) {
        for (value, label) in documentValues {
            if let id = valueIDs[value] {
                items.append(id)
            } else {
                let id = Int32(values.count)
                valueIDs[value] = id
                values.append(value)
                labels.append(label)
                items.append(id)
            }
        }
        starts.append(Int32(items.count))
    }

    func range(_ slot: Int32) -> Range<Int> { Int(starts[Int(slot)])..<Int(starts[Int(slot) + 1]) }
}
