import CLibXML2

/// Copies a libxml2 tree into `XMLElement` values. Pointers are only read
/// here, inside `XMLReader.parse`, while the document is alive.
enum XMLTreeBuilder {
    /// An element being copied and the next of its libxml2 children to visit.
    private struct Frame {
        var element: XMLElement
        var next: xmlNodePtr?
    }

    /// Copies `root` and everything under it. An explicit stack instead of
    /// recursion: the deepest document libxml2 accepts must fit the 512 KiB
    /// stack of a secondary thread (macOS), with frames made several times
    /// larger by AddressSanitizer.
    /// `shell` makes an element without its children (HTML lower-cases
    /// names and drops namespaces; XML keeps both).
    static func element(_ root: xmlNodePtr, shell: (xmlNodePtr) -> XMLElement = XMLTreeBuilder.shell) -> XMLElement {
        var stack = [Frame(element: shell(root), next: root.pointee.children)]
        while true {
            guard let current = stack[stack.count - 1].next else {
                let done = stack.removeLast().element
                if stack.isEmpty { return done }
                stack[stack.count - 1].element.children.append(.element(done))
                continue
            }
            stack[stack.count - 1].next = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                stack.append(Frame(element: shell(current), next: current.pointee.children))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                appendText(string(current.pointee.content) ?? "", to: &stack[stack.count - 1].element)
            case XML_ENTITY_REF_NODE:
                stack[stack.count - 1].element.children.append(.entityReference(string(current.pointee.name) ?? ""))
            default:
                break // comments, processing instructions, XInclude markers
            }
        }
    }

    /// The element without its children.
    static func shell(_ node: xmlNodePtr) -> XMLElement {
        XMLElement(
            namespaceURI: node.pointee.ns.flatMap { string($0.pointee.href) },
            localName: string(node.pointee.name) ?? "",
            prefix: node.pointee.ns.flatMap { string($0.pointee.prefix) },
            attributes: attributes(node),
            children: [],
            line: Int(xmlGetLineNo(node)))
    }

    /// Adjacent text and CDATA nodes become one `.text` child.
    private static func appendText(_ text: String, to element: inout XMLElement) {
        if case .text(let previous)? = element.children.last {
            element.children[element.children.count - 1] = .text(previous + text)
        } else {
            element.children.append(.text(text))
        }
    }

    private static func attributes(_ node: xmlNodePtr) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            var references: [String] = []
            var part = attribute.pointee.children
            while let current = part {
                if current.pointee.type == XML_ENTITY_REF_NODE {
                    let name = string(current.pointee.name) ?? ""
                    references.append(name)
                    value += "&\(name);"
                } else {
                    value += string(current.pointee.content) ?? ""
                }
                part = current.pointee.next
            }
            result.append(XMLAttribute(
                namespaceURI: attribute.pointee.ns.flatMap { string($0.pointee.href) },
                localName: string(attribute.pointee.name) ?? "",
                prefix: attribute.pointee.ns.flatMap { string($0.pointee.prefix) },
                value: value,
                entityReferences: references))
            property = attribute.pointee.next
        }
        return result
    }

    /// Internal general entities declared in the internal subset.
    static func internalEntities(_ document: xmlDocPtr) -> [XMLEntityDeclaration] {
        guard let subset = document.pointee.intSubset else { return [] }
        var result: [XMLEntityDeclaration] = []
        var child = subset.pointee.children
        while let current = child {
            if current.pointee.type == XML_ENTITY_DECL {
                let entity = UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlEntity.self)
                if entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY,
                   let name = string(entity.pointee.name) {
                    // `orig` is the literal as written; `content` the same
                    // with character references decoded.
                    let value = string(entity.pointee.content) ?? string(entity.pointee.orig) ?? ""
                    result.append(XMLEntityDeclaration(name: name, value: value))
                }
            }
            child = current.pointee.next
        }
        return result
    }

    /// Copies a string owned by the document (not freed: libxml2 frees it
    /// with the document).
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Copies a string that libxml2 allocated for the caller and frees it.
    static func take(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { parley_xmlFree(pointer) }
        return String(cString: pointer)
    }
}
