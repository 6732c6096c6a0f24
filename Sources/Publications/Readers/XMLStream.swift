import CLibXML2
import Core
import Foundation

/// A forward-only cursor over an XML document, on libxml2's `xmlTextReader`: constant memory whatever the
/// document's size, and `.gz` files read as they are (libxml2 inflates them itself).
///
/// Readers walk it with `next()`, look at `kind`/`name`, and take an element's whole text with `text()`,
/// which consumes the element. Names are the local names; element names are interned by libxml2, so they are
/// turned into Swift strings once per distinct name, not once per node.
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
    private let reader: xmlTextReaderPtr
    private let errors: ErrorSink
    /// Kept alive while libxml2 reads from it.
    private let buffer: [UInt8]?
    /// The size of the document once inflated, when known: what `fractionRead` divides by.
    private let expectedSize: Int64?

    /// The cursor's state sits behind a pointer rather than in stored properties: a class's stored `var`s are
    /// checked for exclusive access at run time on every read and write, and the cursor moves ten million
    /// times through a PubMed update file.
    private let cursor: UnsafeMutablePointer<Cursor>

    private struct Cursor {
        var kind: NodeKind = .other
        var name: String = ""
        var depth: Int = 0
        var textBuffer: [UInt8] = []
        var names: [UnsafeRawPointer: String] = [:]
        var cachedKeys = [UnsafeRawPointer?](repeating: nil, count: XMLStream.cacheSize)
        var cachedNames = [String](repeating: "", count: XMLStream.cacheSize)
    }

    var kind: NodeKind { cursor.pointee.kind }
    var name: String { cursor.pointee.name }
    var depth: Int { cursor.pointee.depth }

    /// Opens `path`; a `.gz` file is inflated on the fly.
    init(path: String) throws(PublicationProblem) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "cannot read the file")
        }
        guard let reader = xmlReaderForFile(path, nil, Self.options) else {
            throw PublicationProblem(.unreadableFile, at: SourceLocation(file: path), "libxml2 cannot open the file")
        }
        self.file = path
        self.reader = reader
        self.buffer = nil
        self.expectedSize = Self.inflatedSize(ofFile: path)
        self.cursor = Self.newCursor()
        self.errors = ErrorSink()
        installErrorHandler()
    }

    /// Reads a document held in memory (an HTTP response body); `name` is what messages call it.
    init(bytes: [UInt8], name: String) throws(PublicationProblem) {
        let reader: xmlTextReaderPtr? = bytes.withUnsafeBufferPointer { pointer in
            pointer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                    xmlReaderForMemory($0, Int32(pointer.count), name, nil, Self.options)
                }
            }
        }
        guard let reader else {
            throw PublicationProblem(.malformedFile, at: SourceLocation(file: name), "empty document")
        }
        self.file = name
        self.reader = reader
        self.buffer = bytes
        self.expectedSize = Int64(bytes.count)
        self.cursor = Self.newCursor()
        self.errors = ErrorSink()
        installErrorHandler()
    }

    deinit {
        xmlFreeTextReader(reader)
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    private static func newCursor() -> UnsafeMutablePointer<Cursor> {
        let cursor = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
        cursor.initialize(to: Cursor())
        return cursor
    }

    /// No network (DTDs are never fetched: the enclave is air-gapped), no size limit on text nodes, and line
    /// numbers past 65,535 kept exact (a PubMed file has millions of lines).
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue
    )

    private func installErrorHandler() {
        let context = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
                guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, sink.message == nil else { return }
                let message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
                sink.message = message.trimmingCharacters(in: .whitespacesAndNewlines)
                sink.line = Int(error.pointee.line)
                sink.column = Int(error.pointee.int2)
            },
            context
        )
    }

    /// The line libxml2's parser is on: where the current node ends, near enough for a message.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The share of the document parsed so far, for progress bars.
    var fractionRead: Double? {
        guard let expectedSize, expectedSize > 0 else { return nil }
        return min(1, Double(xmlTextReaderByteConsumed(reader)) / Double(expectedSize))
    }

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

    /// The line where the current element starts, exact (the parser may already be further on).
    var elementLine: Int {
        guard let node = xmlTextReaderCurrentNode(reader) else { return line }
        // Past 65,535 libxml2 only knows an element's line from the text after it, not yet read here.
        let number = Int(xmlGetLineNo(node))
        return number > 0 && number < 65_535 ? number : line
    }

    /// Moves to the next node; false at the end of the document. A syntax error, a truncated file or a broken
    /// gzip stream throws, naming the line.
    func next() throws(PublicationProblem) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 1 {
            update()
            return true
        }
        if status == 0 { return false }
        throw failure()
    }

    private func update() {
        cursor.pointee.depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case 1:
            cursor.pointee.kind = .element
            cursor.pointee.name = internedName()
        case 15:
            cursor.pointee.kind = .endElement
            cursor.pointee.name = internedName()
        case 3, 4, 13, 14:
            cursor.pointee.kind = .text
        case 7:
            cursor.pointee.kind = .processingInstruction
            cursor.pointee.name = internedName()
        default:
            cursor.pointee.kind = .other
        }
    }

    private func internedName() -> String {
        guard let pointer = xmlTextReaderConstLocalName(reader) else { return "" }
        let key = UnsafeRawPointer(pointer)
        // A direct-mapped cache in front of the dictionary: a document has a few dozen names, met millions of
        // times, and hashing the pointer each time costs more than libxml2's own work for the node.
        let bits = UInt(bitPattern: key)
        let slot = Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 11)) & (Self.cacheSize - 1)
        if cursor.pointee.cachedKeys[slot] == key { return cursor.pointee.cachedNames[slot] }
        let value: String
        if let known = cursor.pointee.names[key] {
            value = known
        } else {
            value = String(cString: pointer)
            cursor.pointee.names[key] = value
        }
        cursor.pointee.cachedKeys[slot] = key
        cursor.pointee.cachedNames[slot] = value
        return value
    }

    fileprivate static let cacheSize = 512

    private func failure() -> PublicationProblem {
        let line = errors.line ?? self.line
        let message = errors.message ?? "the XML cannot be read past this point (truncated or corrupt file?)"
        return PublicationProblem(.malformedFile, at: SourceLocation(file: file, line: line, column: errors.column), message)
    }

    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    func attribute(_ attributeName: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, attributeName) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// The current text node's content.
    var value: String {
        guard let pointer = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: pointer)
    }

    /// All the text inside the current element, inline markup (`<i>`, `<sup>`) dropped but its text kept,
    /// whitespace collapsed; the cursor is left on the element's end, so the caller's loop goes on after it.
    /// `separating` names elements whose boundaries are word boundaries (paragraphs), so their texts do not
    /// run together; `omitting` names elements left out with all they hold (a label, a formula).
    func text(separating blocks: Set<String> = [], omitting omitted: Set<String> = []) throws(PublicationProblem) -> String {
        guard kind == .element, !isEmptyElement else { return "" }
        let startDepth = depth
        // Bytes go straight from libxml2's buffer into one reused array: no String per text node.
        cursor.pointee.textBuffer.removeAll(keepingCapacity: true)
        while try next() {
            switch kind {
            case .text:
                appendValue()
            case .element where omitted.contains(name):
                try skipElement()
            case .element where blocks.contains(name):
                cursor.pointee.textBuffer.append(0x20)
            case .endElement where depth == startDepth:
                return XMLText.collapsingWhitespace(cursor.pointee.textBuffer)
            default:
                break
            }
        }
        throw failure()
    }

    private func appendValue() {
        guard let pointer = xmlTextReaderConstValue(reader) else { return }
        cursor.pointee.textBuffer.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
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

    private final class ErrorSink {
        var message: String?
        var line: Int?
        var column: Int?
    }
}
