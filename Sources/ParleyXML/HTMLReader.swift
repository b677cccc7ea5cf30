import CLibXML2

/// A forgiving HTML reader over libxml2's HTML parser: a saved web page (or
/// an HTML fragment from a feed) in, an `XMLTree` of Swift values out.
///
/// Real pages are rarely valid, so the parser recovers from anything
/// (`HTML_PARSE_RECOVER`) and never reports (`NOERROR`, `NOWARNING`, and a
/// silent structured handler for the parse). It never touches the network
/// (`HTML_PARSE_NONET`). The caller decodes the bytes first (see
/// `DocumentReader.decode`), so the input is UTF-8 and the page's own
/// `<meta charset>` is ignored (`HTML_PARSE_IGNORE_ENC`): a page saved as
/// UTF-8 that still claims ISO-8859-1 reads right.
///
/// Elements have no namespace and lower-case local names; comments and the
/// doctype are dropped; `<script>` and `<style>` keep their text (callers
/// drop those elements). The tree is built without recursion, so a page of
/// thousands of unclosed `<div>`s cannot exhaust the stack.
///
/// Not supported: character encodings other than UTF-8 on input (decode
/// first), scripting, and HTML5's tree-building quirks beyond what libxml2
/// 2.9 implements (misnested formatting elements are closed, not adopted).
public enum HTMLReader {
    static let options = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses a page; `name` is used in errors. Throws only when libxml2
    /// cannot allocate or the input holds no element at all.
    public static func parse(_ text: String, name: String) throws(XMLError) -> XMLTree {
        var bytes = Array(text.utf8)
        // NUL would end the C parser's input early.
        bytes.removeAll { $0 == 0 }
        guard !bytes.isEmpty else { throw .empty(file: name) }
        guard bytes.count <= Int(Int32.max) else { throw .unreadable(file: name, reason: "larger than 2 GiB") }
        _ = htmlParserInitialized
        guard let context = htmlNewParserCtxt() else {
            throw .unreadable(file: name, reason: "libxml2 could not allocate an HTML parser context")
        }
        defer { htmlFreeParserCtxt(context) }
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(nil, silentErrorHandler)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                htmlCtxtReadMemory(context, base, Int32(buffer.count), name, "UTF-8", options)
            }
        }
        xmlSetStructuredErrorFunc(previousContext, previousHandler)
        guard let document else { throw .empty(file: name) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .empty(file: name) }
        return XMLTree(name: name, root: HTMLTreeBuilder.element(root))
    }
}

/// `xmlInitParser()` once per process (it also sets up the HTML parser).
private let htmlParserInitialized: Void = { xmlInitParser() }()

/// Swallows libxml2's messages during an HTML parse: broken markup is the
/// normal case and is recovered from.
private let silentErrorHandler: xmlStructuredErrorFunc = { _, _ in }

/// Copies an HTML tree into `XMLElement` values: the same walk as XML's,
/// with HTML's element shells.
enum HTMLTreeBuilder {
    static func element(_ root: xmlNodePtr) -> XMLElement {
        XMLTreeBuilder.element(root, shell: shell)
    }

    /// The element without its children.
    private static func shell(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            var part = attribute.pointee.children
            while let current = part {
                value += XMLTreeBuilder.string(current.pointee.content) ?? ""
                part = current.pointee.next
            }
            attributes.append(XMLAttribute(namespaceURI: nil,
                                           localName: (XMLTreeBuilder.string(attribute.pointee.name) ?? "").lowercased(),
                                           value: value))
            property = attribute.pointee.next
        }
        return XMLElement(namespaceURI: nil, localName: (XMLTreeBuilder.string(node.pointee.name) ?? "").lowercased(),
                          attributes: attributes, children: [], line: Int(xmlGetLineNo(node)))
    }
}
