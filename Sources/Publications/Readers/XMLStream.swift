import CLibXML2
import CZlib
import Core
import Foundation

/// A forward-only cursor over an XML document, on libxml2's SAX2 push parser: constant memory whatever the
/// document's size, and `.gz` files read as they are (zlib inflates them).
///
/// Readers walk it with `next()`, look at `kind`/`name`, and take an element's whole text with `text()`,
/// which consumes the element. Names are the local names; element names are interned by libxml2, so they are
/// turned into Swift strings once per distinct name, not once per node.
///
/// It reports the nodes libxml2's `xmlTextReader` reports (an empty element `<X/>` has no end node, depths
/// count from the root at 0), but builds no tree: the reader builds and frees a node for every element and
/// text, which costs more than the parse itself. The parser is fed a piece of the input at a time, its events
/// kept until the cursor has passed them.
final class XMLStream {
    enum NodeKind {
        case element
        case endElement
        case text
        /// `<?properties open_access?>`: `name` is its target, `value` the rest.
        case processingInstruction
        case other
    }

    let file: String
    private let context: xmlParserCtxtPtr
    private var input: Input
    /// The size of the document once inflated, when known: what `fractionRead` divides by.
    private let expectedSize: Int64?
    /// How much is handed to the parser at a time: about a 64th of the document, so that progress moves
    /// smoothly on small ones, and at most 64 KiB, so that the events waiting for the cursor stay few.
    private let pieceSize: Int

    /// The events and the cursor's state sit behind a pointer rather than in stored properties: a class's
    /// stored `var`s are checked for exclusive access at run time on every read and write, and the cursor
    /// moves ten million times through a PubMed update file. libxml2's callbacks get the same pointer.
    private let state: UnsafeMutablePointer<State>

    /// One node as libxml2 reported it. Texts, instructions' data and attribute values are bytes in `State.bytes`.
    fileprivate struct Event {
        var kind: NodeKind
        var isEmpty = false
        var depth: Int
        var line: Int
        var name: UnsafePointer<xmlChar>?
        /// Text: its bytes; element: its attributes, a range of `State.attributes`.
        var start = 0
        var count = 0
    }

    fileprivate struct Attribute {
        var prefix: UnsafePointer<xmlChar>?
        var localName: UnsafePointer<xmlChar>?
        var start: Int
        var count: Int
    }

    fileprivate struct State {
        var events: [Event] = []
        var bytes: [UInt8] = []
        var attributes: [Attribute] = []
        /// The last event is a text that the next piece may continue: libxml2 hands long texts in parts.
        var textIsOpen = false
        /// The last event is an element written `<X/>`: its end is not a node of its own.
        var elementIsEmpty = false
        var depth = 0
        var context: xmlParserCtxtPtr?

        /// The event the cursor is on, an index in `events`.
        var position = -1
        var kind: NodeKind = .other
        var name: String = ""
        var cursorDepth: Int = 0
        var textBuffer: [UInt8] = []
        var names: [UnsafeRawPointer: String] = [:]
        var cachedKeys = [UnsafeRawPointer?](repeating: nil, count: XMLStream.cacheSize)
        var cachedNames = [String](repeating: "", count: XMLStream.cacheSize)

        var finished = false
        var failure: PublicationProblem?
        var errorMessage: String?
        var errorLine: Int?
        var errorColumn: Int?
    }

    private enum Input {
        case gzip(gzFile, path: String)
        case memory([UInt8], offset: Int)
    }

    var kind: NodeKind { state.pointee.kind }
    var name: String { state.pointee.name }
    var depth: Int { state.pointee.cursorDepth }

    /// Opens `path`; a `.gz` file is inflated on the fly.
    init(path: String) throws(PublicationProblem) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "cannot read the file")
        }
        guard let gzip = gzopen(path, "rb") else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "cannot open the file")
        }
        gzbuffer(gzip, 1 << 16)
        let expectedSize = Self.inflatedSize(ofFile: path)
        let state = Self.newState()
        guard let context = Self.newContext(state: state, name: path) else {
            gzclose(gzip)
            state.deinitialize(count: 1)
            state.deallocate()
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "libxml2 cannot open the file")
        }
        self.file = path
        self.input = .gzip(gzip, path: path)
        self.expectedSize = expectedSize
        self.pieceSize = Self.pieceSize(for: expectedSize)
        self.state = state
        self.context = context
    }

    /// Reads a document held in memory (an HTTP response body); `name` is what messages call it.
    init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        guard !bytes.isEmpty else {
            throw PublicationProblem(.malformedFile, at: SourceLocation(file: name), "empty document")
        }
        let state = Self.newState()
        guard let context = Self.newContext(state: state, name: name) else {
            state.deinitialize(count: 1)
            state.deallocate()
            throw PublicationProblem(.malformedFile, at: SourceLocation(file: name), "libxml2 cannot read the document")
        }
        self.file = name
        self.input = .memory(bytes, offset: 0)
        self.expectedSize = Int64(bytes.count)
        self.pieceSize = Self.pieceSize(for: Int64(bytes.count))
        self.state = state
        self.context = context
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
        if case .gzip(let gzip, _) = input { gzclose(gzip) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private static func pieceSize(for size: Int64?) -> Int {
        guard let size else { return 1 << 16 }
        return Int(min(1 << 16, max(2_048, size / 64)))
    }

    private static func newState() -> UnsafeMutablePointer<State> {
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State())
        return state
    }

    /// libxml2 initialises its globals on first use, which two readers opened at once on two threads must not race.
    private static let parserInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// No network (DTDs are never fetched: the enclave is air-gapped), no size limit on text nodes, and line
    /// numbers past 65,535 kept exact (a PubMed file has millions of lines).
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_BIG_LINES.rawValue)

    private static func newContext(state: UnsafeMutablePointer<State>, name: String) -> xmlParserCtxtPtr? {
        _ = parserInitialized
        var handler = xmlSAXHandler()
        // SAX2's own handlers keep the document's DTD and entities; the nodes are the cursor's.
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { context, localName, prefix, _, _, _, attributeCount, _, attributes in
            guard let context else { return }
            XMLStream.state(context).pointee.startElement(localName, attributeCount, attributes)
        }
        handler.endElementNs = { context, localName, _, _ in
            guard let context else { return }
            XMLStream.state(context).pointee.endElement(localName)
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes else { return }
            XMLStream.state(context).pointee.characters(bytes, Int(count))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.comment = { context, _ in
            guard let context else { return }
            XMLStream.state(context).pointee.otherNode()
        }
        handler.reference = { context, _ in
            guard let context else { return }
            XMLStream.state(context).pointee.otherNode()
        }
        handler.processingInstruction = { context, target, data in
            guard let context else { return }
            XMLStream.state(context).pointee.processingInstruction(target, data)
        }
        handler.warning = nil
        handler.error = nil
        handler.serror = { context, error in
            guard let context, let error else { return }
            XMLStream.state(context).pointee.record(error)
        }
        // No user data: SAX2's handlers take the parser's context, where `_private` leads to the state.
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, name) else { return nil }
        context.pointee._private = UnsafeMutableRawPointer(state)
        xmlCtxtUseOptions(context, options)
        state.pointee.context = context
        return context
    }

    private static func state(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<State> {
        context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private.assumingMemoryBound(to: State.self)
    }

    /// The line libxml2's parser is on: near the cursor, at most a piece of input ahead, near enough for a message.
    var line: Int { Int(context.pointee.input?.pointee.line ?? 0) }

    /// The share of the document parsed so far, for progress bars.
    var fractionRead: Double? {
        guard let expectedSize, expectedSize > 0 else { return nil }
        return min(1, Double(fed) / Double(expectedSize))
    }

    private var fed: Int64 = 0

    /// The size of a plain file, or of a gzip file's content as its trailer gives it (modulo 4 GiB: beyond,
    /// the bar is only wrong, never the reading).
    static func inflatedSize(ofFile path: String) -> Int64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let magic = try? handle.read(upToCount: 2), let end = try? handle.seekToEnd() else { return nil }
        guard magic == Data([0x1F, 0x8B]) else { return Int64(end) }
        guard end >= 18, (try? handle.seek(toOffset: end - 4)) != nil, let trailer = try? handle.read(upToCount: 4), trailer.count == 4
        else { return nil }
        let size = trailer.reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
        return size > 0 ? size : nil
    }

    /// The line where the current element starts.
    var elementLine: Int {
        let position = state.pointee.position
        guard position >= 0, position < state.pointee.events.count else { return line }
        let number = state.pointee.events[position].line
        return number > 0 ? number : line
    }

    /// Moves to the next node; false at the end of the document. A syntax error, a truncated file or a broken
    /// gzip stream throws, naming the line, once the nodes before it have been visited.
    func next() throws(PublicationProblem) -> Bool {
        if state.pointee.position + 1 >= available {
            try refill()
            if state.pointee.position + 1 >= available {
                if let failure = state.pointee.failure { throw failure }
                return false
            }
        }
        state.pointee.position += 1
        let event = state.pointee.events[state.pointee.position]
        state.pointee.kind = event.kind
        state.pointee.cursorDepth = event.depth
        if let name = event.name { state.pointee.name = internedName(name) }
        return true
    }

    /// Events the cursor may visit: all but a text the parser may still add to.
    private var available: Int {
        state.pointee.events.count - (state.pointee.textIsOpen && !state.pointee.finished ? 1 : 0)
    }

    /// Drops the events the cursor has passed, then parses pieces of the input until there is a new one to
    /// visit or the input ends.
    private func refill() throws(PublicationProblem) {
        if state.pointee.textIsOpen, let open = state.pointee.events.last {
            let bytes = Array(state.pointee.bytes[open.start..<open.start + open.count])
            state.pointee.bytes = bytes
            state.pointee.events.removeAll(keepingCapacity: true)
            state.pointee.events.append(Event(kind: .text, depth: open.depth, line: open.line, name: nil, start: 0, count: bytes.count))
        } else {
            state.pointee.events.removeAll(keepingCapacity: true)
            state.pointee.bytes.removeAll(keepingCapacity: true)
        }
        state.pointee.attributes.removeAll(keepingCapacity: true)
        state.pointee.position = -1
        while available == 0, !state.pointee.finished { parseNextPiece() }
    }

    private var piece: [UInt8] = []
    private var ahead: [UInt8] = []
    private var aheadIsRead = false

    /// Hands the parser the next piece of the input, reading one piece ahead: the last piece goes with the one
    /// before it and ends the document, so that the last record is seen when the whole input has been parsed.
    private func parseNextPiece() {
        if !aheadIsRead {
            aheadIsRead = true
            guard read(into: &ahead) else { return }
        }
        swap(&piece, &ahead)
        parse(piece, terminate: false)
        guard read(into: &ahead) else { return }
        if ahead.count < pieceSize {
            parse(ahead, terminate: true)
            state.pointee.textIsOpen = false
            state.pointee.finished = true
        }
    }

    private func parse(_ bytes: [UInt8], terminate: Bool) {
        guard !state.pointee.finished else { return }
        fed += Int64(bytes.count)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                xmlParseChunk(context, $0, Int32(buffer.count), terminate ? 1 : 0)
            }
        }
        if status != 0 || context.pointee.wellFormed == 0 {
            fail(with: failure())
        }
    }

    /// Reads the next piece of the input into `bytes`; false, with the stream failed, when zlib cannot.
    private func read(into bytes: inout [UInt8]) -> Bool {
        switch input {
        case .memory(let memory, let offset):
            let end = min(memory.count, offset + pieceSize)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: memory[offset..<end])
            input = .memory(memory, offset: end)
            return true
        case .gzip(let gzip, let path):
            if bytes.count != pieceSize { bytes = [UInt8](repeating: 0, count: pieceSize) }
            var count = bytes.withUnsafeMutableBytes { gzread(gzip, $0.baseAddress, UInt32(pieceSize)) }
            var code: Int32 = 0
            let message = gzerror(gzip, &code).map { String(cString: $0) } ?? "unknown error"
            // zlib reports a stream cut short only as an error state once the data runs out.
            if count < 0 || code != Z_OK {
                count = max(0, count)
                bytes.removeSubrange(Int(count)...)
                parse(bytes, terminate: false)
                let reason = code == Z_BUF_ERROR ? "the gzip stream is truncated (\(message))" : "the gzip stream is corrupt (\(message))"
                fail(with: PublicationProblem(.malformedFile, at: SourceLocation(file: path, line: line), reason))
                return false
            }
            if count < pieceSize { bytes.removeSubrange(Int(count)...) }
            return true
        }
    }

    /// The first problem stops the stream; the events parsed before it are still visited.
    private func fail(with problem: PublicationProblem) {
        if state.pointee.failure == nil { state.pointee.failure = problem }
        state.pointee.textIsOpen = false
        state.pointee.finished = true
    }

    private func internedName(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        // A direct-mapped cache in front of the dictionary: a document has a few dozen names, met millions of
        // times, and hashing the pointer each time costs more than libxml2's own work for the node.
        let bits = UInt(bitPattern: key)
        let slot = Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 11)) & (Self.cacheSize - 1)
        if state.pointee.cachedKeys[slot] == key { return state.pointee.cachedNames[slot] }
        let value: String
        if let known = state.pointee.names[key] {
            value = known
        } else {
            value = String(cString: pointer)
            state.pointee.names[key] = value
        }
        state.pointee.cachedKeys[slot] = key
        state.pointee.cachedNames[slot] = value
        return value
    }

    fileprivate static let cacheSize = 512

    private func failure() -> PublicationProblem {
        let line = state.pointee.errorLine ?? self.line
        let message = state.pointee.errorMessage ?? "the XML cannot be read past this point (truncated or corrupt file?)"
        return PublicationProblem(.malformedFile, at: SourceLocation(file: file, line: line, column: state.pointee.errorColumn), message)
    }

    private var currentEvent: Event? {
        let position = state.pointee.position
        guard position >= 0, position < state.pointee.events.count else { return nil }
        return state.pointee.events[position]
    }

    var isEmptyElement: Bool { kind == .element && currentEvent?.isEmpty == true }

    /// The value of the current element's attribute `attributeName` (`type`, or with its prefix: `xml:lang`).
    func attribute(_ attributeName: String) -> String? {
        guard kind == .element, let event = currentEvent, event.count > 0 else { return nil }
        var attributeName = attributeName
        // Compared as bytes, without splitting the name into new strings: readers ask for attributes of most
        // elements they keep.
        let index: Int? = attributeName.withUTF8 { wanted in
            let colon = wanted.firstIndex(of: 0x3A)
            let prefix = colon.map { UnsafeBufferPointer(rebasing: wanted[..<$0]) }
            let localName = colon.map { UnsafeBufferPointer(rebasing: wanted[($0 + 1)...]) } ?? wanted
            for index in event.start..<event.start + event.count {
                let attribute = state.pointee.attributes[index]
                guard Self.equal(attribute.localName, localName) else { continue }
                switch (attribute.prefix, prefix) {
                case (nil, nil): return index
                case (let actual?, let wanted?) where Self.equal(actual, wanted): return index
                default: continue
                }
            }
            return nil
        }
        return index.map { attributeValue(state.pointee.attributes[$0]) }
    }

    /// Whether the C string `name` is `bytes`.
    private static func equal(_ name: UnsafePointer<xmlChar>?, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let name else { return false }
        for (offset, byte) in bytes.enumerated() where name[offset] != byte { return false }
        return name[bytes.count] == 0
    }

    private func attributeValue(_ attribute: Attribute) -> String {
        state.pointee.bytes.withUnsafeBufferPointer { bytes in
            let value = UnsafeBufferPointer(rebasing: bytes[attribute.start..<attribute.start + attribute.count])
            // The parser leaves `&` as `&#38;` (and an entity of the DTD as a reference), for SAX2 to decode, as it does here.
            guard value.contains(0x26), let base = value.baseAddress,
                let decoded = xmlStringLenDecodeEntities(context, base, Int32(value.count), Int32(XML_SUBSTITUTE_REF), 0, 0, 0)
            else { return String(decoding: value, as: UTF8.self) }
            defer { free(decoded) }
            return String(cString: decoded)
        }
    }

    /// The current text node's content.
    var value: String {
        guard let event = currentEvent, event.kind == .text || event.kind == .processingInstruction else { return "" }
        return state.pointee.bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[event.start..<event.start + event.count]), as: UTF8.self)
        }
    }

    /// All the text inside the current element, inline markup (`<i>`, `<sup>`) dropped but its text kept,
    /// whitespace collapsed; the cursor is left on the element's end, so the caller's loop goes on after it.
    /// `separating` names elements whose boundaries are word boundaries (paragraphs), so their texts do not
    /// run together; `omitting` names elements left out with all they hold (a label, a formula).
    func text(separating blocks: Set<String> = [], omitting omitted: Set<String> = []) throws(PublicationProblem) -> String {
        guard kind == .element, !isEmptyElement else { return "" }
        let startDepth = depth
        if let text = leafText() { return text }
        // Bytes go straight from the events into one reused array: no String per text node.
        state.pointee.textBuffer.removeAll(keepingCapacity: true)
        while try next() {
            switch kind {
            case .text:
                appendValue()
            case .element where omitted.contains(name):
                try skipElement()
            case .element where blocks.contains(name):
                state.pointee.textBuffer.append(0x20)
            case .endElement where depth == startDepth:
                return XMLText.collapsingWhitespace(state.pointee.textBuffer)
            default:
                break
            }
        }
        throw failure()
    }

    /// The text of an element holding one text node and nothing else, most of those readers keep, taken where
    /// the parser left it; the cursor is left on the element's end.
    private func leafText() -> String? {
        let position = state.pointee.position
        guard position + 2 < available else { return nil }
        let text = state.pointee.events[position + 1]
        let end = state.pointee.events[position + 2]
        guard text.kind == .text, end.kind == .endElement, end.depth == state.pointee.cursorDepth else { return nil }
        state.pointee.position = position + 2
        state.pointee.kind = .endElement
        if let name = end.name { state.pointee.name = internedName(name) }
        return state.pointee.bytes.withUnsafeBufferPointer {
            XMLText.collapsingWhitespace(UnsafeBufferPointer(rebasing: $0[text.start..<text.start + text.count]))
        }
    }

    private func appendValue() {
        let event = state.pointee.events[state.pointee.position]
        state.pointee.textBuffer.append(contentsOf: state.pointee.bytes[event.start..<event.start + event.count])
    }

    /// Visits the children of the element the cursor was on when `parentDepth` was read: true on each child
    /// element, false once the parent ends. The caller consumes each child (`text()`, `skipElement()`, or its
    /// own `nextChild(of:)` loop); text and deeper nodes in between are passed over.
    func nextChild(of parent: Int?) throws(PublicationProblem) -> Bool {
        guard let parent else { return false }
        while try next() {
            if kind == .element, depth == parent + 1 { return true }
            if kind == .endElement, depth == parent { return false }
        }
        throw failure()
    }

    /// The current element's depth, for `nextChild(of:)`; nil for an empty element (`<X/>`), which has no
    /// children and no end node.
    var parentDepth: Int? { kind == .element && !isEmptyElement ? depth : nil }

    /// Skips the current element and everything in it; the cursor is left on its end.
    func skipElement() throws(PublicationProblem) {
        guard kind == .element, !isEmptyElement else { return }
        let startDepth = depth
        while try next() {
            if kind == .endElement, depth == startDepth { return }
        }
        throw failure()
    }
}

// MARK: - libxml2's callbacks

extension XMLStream.State {
    fileprivate mutating func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ attributeCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        textIsOpen = false
        // As `xmlTextReader` tells `<X/>` from `<X></X>`: the parser stops before the `/>` to report the element.
        var isEmpty = false
        if let cursor = context?.pointee.input?.pointee.cur, cursor[0] == 0x2F, cursor[1] == 0x3E { isEmpty = true }
        let line = Int(context?.pointee.input?.pointee.line ?? 0)
        let first = self.attributes.count
        if let attributes, attributeCount > 0 {
            for index in 0..<Int(attributeCount) {
                // localname, prefix, URI, value start, value end.
                guard let start = attributes[5 * index + 3], let end = attributes[5 * index + 4] else { continue }
                let offset = bytes.count
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
                self.attributes.append(
                    XMLStream.Attribute(prefix: attributes[5 * index + 1], localName: attributes[5 * index], start: offset, count: end - start))
            }
        }
        events.append(
            XMLStream.Event(
                kind: .element, isEmpty: isEmpty, depth: depth, line: line, name: localName, start: first, count: self.attributes.count - first))
        depth += 1
        elementIsEmpty = isEmpty
    }

    fileprivate mutating func endElement(_ localName: UnsafePointer<xmlChar>?) {
        textIsOpen = false
        depth -= 1
        if elementIsEmpty {
            elementIsEmpty = false
            return
        }
        events.append(XMLStream.Event(kind: .endElement, depth: depth, line: 0, name: localName))
    }

    fileprivate mutating func characters(_ text: UnsafePointer<xmlChar>, _ count: Int) {
        elementIsEmpty = false
        if textIsOpen {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
            events[events.count - 1].count += count
            return
        }
        textIsOpen = true
        let offset = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        events.append(XMLStream.Event(kind: .text, depth: depth, line: 0, name: nil, start: offset, count: count))
    }

    /// A comment or an entity reference: a node readers pass over, between two texts.
    fileprivate mutating func otherNode() {
        textIsOpen = false
        elementIsEmpty = false
        events.append(XMLStream.Event(kind: .other, depth: depth, line: 0, name: nil))
    }

    fileprivate mutating func processingInstruction(_ target: UnsafePointer<xmlChar>?, _ data: UnsafePointer<xmlChar>?) {
        textIsOpen = false
        elementIsEmpty = false
        let offset = bytes.count
        if let data { bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(xmlStrlen(data)))) }
        events.append(
            XMLStream.Event(kind: .processingInstruction, depth: depth, line: 0, name: target, start: offset, count: bytes.count - offset))
    }

    fileprivate mutating func record(_ error: xmlErrorPtr) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, errorMessage == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
        errorMessage = message.trimmingCharacters(in: .whitespacesAndNewlines)
        errorLine = Int(error.pointee.line)
        errorColumn = Int(error.pointee.int2)
    }
}
