import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A safe XML reader over libxml2: bytes in, an `XMLTree` of Swift values out.
///
/// Safety, whatever the input says:
/// - no network (`XML_PARSE_NONET`), no external DTD (`XML_PARSE_DTDLOAD` and
///   `XML_PARSE_DTDATTR` are off), no entity substitution (`XML_PARSE_NOENT`
///   is off), so an external entity (XXE) is never fetched or read;
/// - internal entities are not expanded into the tree (they are kept as
///   `XMLNode.entityReference`), libxml2's amplification limits stay on
///   (`XML_PARSE_HUGE` is off), so a "billion laughs" document is either kept
///   unexpanded or rejected with `XMLError.malformed`;
/// - errors come from the parser context's structured error handler, set for
///   each parse, and never go to standard error.
///
/// Ownership: libxml2's document is freed before `parse` returns; strings are
/// copied out of it as they are read, nothing allocated by libxml2 escapes.
public enum XMLReader {
    /// The parser options: see the type's documentation.
    static let options: Int32 = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Parses the file at `path`.
    public static func parse(contentsOf path: String) throws(XMLError) -> XMLTree {
        let bytes = try XMLFile.contents(of: path)
        return try parse(bytes, name: path)
    }

    /// Parses bytes; `name` is used in errors and as the document's URL.
    public static func parse(_ bytes: [UInt8], name: String) throws(XMLError) -> XMLTree {
        let result: Result<XMLTree, XMLError> = bytes.withUnsafeBytes { raw in
            Result { () throws(XMLError) -> XMLTree in
                try parse(bytes: raw, name: name)
            }
        }
        return try result.get()
    }

    /// Parses a string (encoded as UTF-8).
    public static func parse(_ string: String, name: String) throws(XMLError) -> XMLTree {
        try parse(Array(string.utf8), name: name)
    }

    private static func parse(bytes raw: UnsafeRawBufferPointer, name: String) throws(XMLError) -> XMLTree {
        _ = libxml2Initialized
        guard raw.count > 0, let base = raw.baseAddress else { throw .empty(file: name) }
        guard raw.count <= Int(Int32.max) else {
            throw .unreadable(file: name, reason: "larger than 2 GiB")
        }
        guard let context = xmlNewParserCtxt() else {
            throw .unreadable(file: name, reason: "libxml2 could not allocate a parser context")
        }
        defer { xmlFreeParserCtxt(context) }
        let collector = XMLErrorCollector(file: name)
        let document: xmlDocPtr? = withExtendedLifetime(collector) {
            let unmanaged = Unmanaged.passUnretained(collector).toOpaque()
            context.pointee._private = unmanaged
            context.pointee.sax.pointee.serror = contextErrorHandler
            // Errors raised without a context (I/O, encoding set-up) go to
            // the thread's structured handler: point it at the same collector
            // for this parse only.
            let previousHandler = __xmlStructuredError()?.pointee
            let previousContext = __xmlStructuredErrorContext()?.pointee
            xmlSetStructuredErrorFunc(unmanaged, globalErrorHandler)
            defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
            return xmlCtxtReadMemory(context, base.assumingMemoryBound(to: CChar.self),
                                     Int32(raw.count), name, nil, options)
        }
        defer { if let document { xmlFreeDoc(document) } }
        if let error = collector.first { throw error }
        guard let document else {
            throw .malformed(file: name, line: 0, column: 0, message: "the document could not be parsed")
        }
        guard context.pointee.wellFormed != 0, context.pointee.nsWellFormed != 0 else {
            throw .malformed(file: name, line: 0, column: 0, message: "the document is not well-formed")
        }
        guard let rootNode = xmlDocGetRootElement(document) else { throw .empty(file: name) }
        return XMLTree(name: name, root: XMLTreeBuilder.element(rootNode),
                       internalEntities: XMLTreeBuilder.internalEntities(document))
    }
}

/// `xmlInitParser()` once per process, before the first parse.
private let libxml2Initialized: Void = { xmlInitParser() }()

/// Collects libxml2's structured errors of one parse. Only touched by the
/// thread running that parse.
private final class XMLErrorCollector: @unchecked Sendable {
    let file: String
    var first: XMLError?

    init(file: String) { self.file = file }

    func record(_ error: UnsafePointer<xmlError>) {
        // Warnings (undeclared entity in a document with an external subset,
        // and the like) do not make the input unusable.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, first == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        first = .malformed(file: file, line: Int(error.pointee.line), column: Int(error.pointee.int2),
                           message: trimmed(message)
                               + " (libxml2 error \(error.pointee.code))")
    }
}

/// The parser context's handler: libxml2 passes the context as user data.
private let contextErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let box = context.pointee._private else { return }
    Unmanaged<XMLErrorCollector>.fromOpaque(box).takeUnretainedValue().record(error)
}

/// The thread's handler during a parse: user data is the collector.
private let globalErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<XMLErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// libxml2 messages end with a newline.
private func trimmed(_ message: String) -> String {
    var result = Substring(message)
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return String(result)
}

/// Reads a whole file with the C library, so that the module needs no
/// Foundation (whose ICU headers clash with libxml2's).
enum XMLFile {
    static func contents(of path: String) throws(XMLError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: lastError()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(file: path, reason: lastError()) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(file: path, reason: "is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: path, reason: lastError())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
