/// A parsed XML document as plain Swift values: no libxml2 pointer survives
/// the parse, so a tree can be kept, compared and sent across tasks.
///
/// What is kept: elements (namespace URI, local name, prefix, attributes,
/// source line), text (character data and CDATA sections, merged as read) and
/// entity references, which are never expanded (see `XMLNode.entityReference`).
/// What is dropped: comments, processing instructions and the DTD, except
/// the declarations of internal general entities (`XMLTree.internalEntities`).
public struct XMLTree: Hashable, Sendable {
    /// The file name or the name given to `XMLReader.parse(_:name:)`; used in
    /// errors and as the document's base.
    public var name: String
    public var root: XMLElement
    /// Internal general entities declared in the internal DTD subset, in
    /// declaration order (`<!ENTITY parley "https://w3id.org/parley/ontology#">`).
    /// References to them are kept unexpanded in the tree; a consumer that
    /// wants them substituted does it itself, with its own limits.
    public var internalEntities: [XMLEntityDeclaration]

    public init(name: String, root: XMLElement, internalEntities: [XMLEntityDeclaration] = []) {
        self.name = name
        self.root = root
        self.internalEntities = internalEntities
    }

    /// The replacement text of an internal entity, by name.
    public func internalEntity(named name: String) -> String? {
        internalEntities.first { $0.name == name }?.value
    }
}

/// `<!ENTITY name "value">` from the internal subset. `value` is the literal
/// replacement text: references to other entities inside it are left as
/// written (`&other;`).
public struct XMLEntityDeclaration: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One element: its expanded name, its attributes and its children in
/// document order.
public struct XMLElement: Hashable, Sendable {
    /// Namespace URI, nil when the element is in no namespace.
    public var namespaceURI: String?
    public var localName: String
    /// The prefix as written (`rdf` in `rdf:RDF`), nil for none.
    public var prefix: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// 1-based line of the start tag in the source.
    public var line: Int

    public init(namespaceURI: String?, localName: String, prefix: String? = nil,
                attributes: [XMLAttribute] = [], children: [XMLNode] = [], line: Int = 0) {
        self.namespaceURI = namespaceURI
        self.localName = localName
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// `prefix:localName` as written, or the local name.
    public var qualifiedName: String {
        prefix.map { "\($0):\(localName)" } ?? localName
    }

    /// The namespace URI followed by the local name: the IRI of an RDF/XML
    /// element (`http://www.w3.org/1999/02/22-rdf-syntax-ns#RDF`).
    public var expandedName: String { (namespaceURI ?? "") + localName }

    /// The child elements, in order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    /// Concatenated character data of the direct children; entity references
    /// are written back as `&name;`.
    public var text: String {
        var out = ""
        for child in children {
            switch child {
            case .text(let s): out += s
            case .entityReference(let name): out += "&\(name);"
            case .element: break
            }
        }
        return out
    }

    /// The attribute with this namespace URI and local name.
    public func attribute(_ localName: String, namespace: String? = nil) -> XMLAttribute? {
        attributes.first { $0.localName == localName && $0.namespaceURI == namespace }
    }

    /// The value of an attribute, nil when absent.
    public func value(of localName: String, namespace: String? = nil) -> String? {
        attribute(localName, namespace: namespace)?.value
    }
}

/// A child of an element.
public enum XMLNode: Hashable, Sendable {
    case element(XMLElement)
    /// Character data, CDATA sections included; predefined and character
    /// references (`&amp;`, `&#233;`) already decoded.
    case text(String)
    /// A reference to a general entity (`&name;`) that the reader did not
    /// expand: no entity is ever expanded, which rules out XXE and
    /// exponential expansion ("billion laughs").
    case entityReference(String)
}

/// One attribute with its expanded name.
public struct XMLAttribute: Hashable, Sendable {
    public var namespaceURI: String?
    public var localName: String
    public var prefix: String?
    /// The normalised value. A general entity reference in it is kept as
    /// written (`&parley;Actor`) and its name listed in `entityReferences`.
    public var value: String
    /// Names of the unexpanded entity references in `value`, in order.
    public var entityReferences: [String]

    public init(namespaceURI: String?, localName: String, prefix: String? = nil,
                value: String, entityReferences: [String] = []) {
        self.namespaceURI = namespaceURI
        self.localName = localName
        self.prefix = prefix
        self.value = value
        self.entityReferences = entityReferences
    }
}

/// Well-known namespace URIs.
public enum XMLNamespace {
    /// The namespace of `xml:lang` and `xml:base`.
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}
