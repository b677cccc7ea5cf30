import ParleyXML

/// Reads RDF/XML into triples (https://www.w3.org/TR/rdf-syntax-grammar/).
///
/// Supported, which is what OWL ontologies and our lexicon files use:
/// - an `rdf:RDF` root, or a single node element as root;
/// - node elements: `rdf:Description` and typed node elements, subjects by
///   `rdf:about` (resolved against `xml:base`, `#name` forms included),
///   `rdf:ID`, `rdf:nodeID` or none (a fresh blank node), `rdf:type` and
///   other property attributes;
/// - property elements with `rdf:resource`, `rdf:nodeID`, a nested node
///   element, literal text with `xml:lang` (inherited) or `rdf:datatype`,
///   `rdf:parseType="Resource"`, `rdf:parseType="Collection"`, empty
///   property elements with property attributes, and `rdf:li`;
/// - `xml:base` (inherited, relative values resolved) and the document name
///   as the default base;
/// - internal entities declared in the DTD's internal subset (`&parley;`),
///   substituted one level deep: a replacement text must not itself contain
///   `&` or `<`, and must be under 4 KiB, so substitution is linear in the
///   input; all substitutions of one document together are capped at 8 MiB
///   (`maxExpandedBytes`), so a small file cannot expand to gigabytes.
///   References to other entities are errors.
///
/// Not supported (an `OntologyError.invalidRDF` naming the line):
/// `rdf:parseType="Literal"` (XML literals), `rdf:ID` on property elements
/// (reification), `rdf:bagID`/`rdf:aboutEach`, and unqualified attributes.
/// Blank node identifiers are prefixed with the document name, so blank
/// nodes of two files never merge.
public struct RDFXMLReader: Sendable {
    /// Triples of the file at `path`.
    public static func read(contentsOf path: String) throws(OntologyError) -> [RDFTriple] {
        let tree: XMLTree
        do {
            tree = try XMLReader.parse(contentsOf: path)
        } catch {
            throw .xml(error)
        }
        return try triples(in: tree)
    }

    /// Triples of a parsed document. `base` defaults to the document name
    /// (as a `file://` IRI when it is an absolute path).
    public static func triples(in tree: XMLTree, base: String? = nil) throws(OntologyError) -> [RDFTriple] {
        var reader = RDFXMLReader(tree: tree)
        let documentBase = base ?? (tree.name.hasPrefix("/") ? "file://" + tree.name : tree.name)
        try reader.document(tree.root, base: documentBase)
        return reader.triples
    }

    private static let rdf = RDFNamespace.rdf
    private static let maxEntityLength = 4096
    /// Bytes all entity substitutions of one document may add. Entities
    /// abbreviate namespace IRIs: 8 MiB is some 200,000 references to a
    /// typical one, while the 4 KiB cap per reference alone would let a
    /// 10 MB file expand to 13 GB.
    static let maxExpandedBytes = 8 << 20
    private static let syntaxTerms: Set<String> = ["about", "ID", "nodeID", "resource", "datatype", "parseType",
                                                   "type", "RDF", "Description", "li", "bagID", "aboutEach",
                                                   "aboutEachPrefix"]

    private let file: String
    private let entities: [String: String]
    private var triples: [RDFTriple] = []
    private var blankCount = 0
    /// Bytes substituted for entity references so far.
    private var expandedBytes = 0

    private init(tree: XMLTree) {
        self.file = tree.name
        var entities: [String: String] = [:]
        for declaration in tree.internalEntities where entities[declaration.name] == nil {
            entities[declaration.name] = declaration.value
        }
        self.entities = entities
    }

    /// The scope an element inherits: base IRI and language.
    private struct Scope {
        var base: String
        var language: String?
    }

    private mutating func document(_ root: XMLElement, base: String) throws(OntologyError) {
        let scope = try scope(of: root, inherited: Scope(base: base, language: nil))
        if root.namespaceURI == Self.rdf && root.localName == "RDF" {
            try requireNoText(root)
            for child in root.elements {
                _ = try nodeElement(child, scope: scope)
            }
        } else {
            _ = try nodeElement(root, scope: Scope(base: base, language: nil))
        }
    }

    // MARK: Node elements

    private mutating func nodeElement(_ element: XMLElement, scope inherited: Scope) throws(OntologyError) -> RDFTerm {
        let scope = try scope(of: element, inherited: inherited)
        guard element.namespaceURI != nil else {
            throw invalid(element.line, "node element <\(element.qualifiedName)> has no namespace")
        }
        let subject = try subjectTerm(of: element, scope: scope)
        if !(isRDF(element, "Description")) {
            if isRDF(element) && Self.syntaxTerms.contains(element.localName) && element.localName != "type" {
                throw invalid(element.line, "rdf:\(element.localName) cannot be a node element")
            }
            emit(subject, Self.rdf + "type", .iri(element.expandedName), element.line)
        }
        try propertyAttributes(of: element, subject: subject, scope: scope,
                               skipping: ["about", "ID", "nodeID"])
        try requireNoText(element)
        var index = 0
        for child in element.elements {
            try propertyElement(child, subject: subject, scope: scope, listIndex: &index)
        }
        return subject
    }

    private mutating func subjectTerm(of element: XMLElement, scope: Scope) throws(OntologyError) -> RDFTerm {
        let about = try rdfAttribute(element, "about")
        let id = try rdfAttribute(element, "ID")
        let nodeID = try rdfAttribute(element, "nodeID")
        guard [about, id, nodeID].compactMap({ $0 }).count <= 1 else {
            throw invalid(element.line, "at most one of rdf:about, rdf:ID and rdf:nodeID is allowed")
        }
        if let about { return .iri(IRIResolver.resolve(about, against: scope.base)) }
        if let id { return .iri(IRIResolver.resolve("#" + id, against: scope.base)) }
        if let nodeID { return blank(named: nodeID) }
        return freshBlank()
    }

    /// Attributes other than syntax terms are properties with literal
    /// values; `rdf:type` has an IRI value.
    private mutating func propertyAttributes(of element: XMLElement, subject: RDFTerm, scope: Scope,
                                             skipping: Set<String>) throws(OntologyError) {
        for attribute in element.attributes {
            guard let namespace = attribute.namespaceURI else {
                throw invalid(element.line, "unqualified attribute \(attribute.localName) on <\(element.qualifiedName)>")
            }
            if namespace == XMLNamespace.xml { continue }
            if namespace == Self.rdf {
                if skipping.contains(attribute.localName) { continue }
                if attribute.localName == "type" {
                    let value = try expand(attribute.value, references: attribute.entityReferences, line: element.line)
                    emit(subject, Self.rdf + "type", .iri(IRIResolver.resolve(value, against: scope.base)), element.line)
                    continue
                }
                if Self.syntaxTerms.contains(attribute.localName) {
                    throw invalid(element.line, "rdf:\(attribute.localName) is not allowed on <\(element.qualifiedName)>")
                }
            }
            let value = try expand(attribute.value, references: attribute.entityReferences, line: element.line)
            emit(subject, namespace + attribute.localName, .literal(value, language: scope.language), element.line)
        }
    }

    // MARK: Property elements

    private mutating func propertyElement(_ element: XMLElement, subject: RDFTerm, scope inherited: Scope,
                                          listIndex: inout Int) throws(OntologyError) {
        let scope = try scope(of: element, inherited: inherited)
        guard let namespace = element.namespaceURI else {
            throw invalid(element.line, "property element <\(element.qualifiedName)> has no namespace")
        }
        var predicate = namespace + element.localName
        if isRDF(element, "li") {
            listIndex += 1
            predicate = Self.rdf + "_\(listIndex)"
        } else if isRDF(element) && Self.syntaxTerms.contains(element.localName) && element.localName != "type" {
            throw invalid(element.line, "rdf:\(element.localName) cannot be a property element")
        }
        if try rdfAttribute(element, "ID") != nil {
            throw invalid(element.line, "rdf:ID on a property element (reification) is not supported")
        }
        if let parseType = try rdfAttribute(element, "parseType") {
            try parseTypeProperty(element, parseType: parseType, subject: subject, predicate: predicate, scope: scope)
            return
        }
        let children = element.elements
        if !children.isEmpty {
            guard children.count == 1 else {
                throw invalid(element.line, "property element <\(element.qualifiedName)> has \(children.count) node elements; one is allowed")
            }
            try requireNoText(element)
            try requireOnly(element, allowed: [])
            let object = try nodeElement(children[0], scope: scope)
            emit(subject, predicate, object, element.line)
            return
        }
        if try resourceProperty(element, subject: subject, predicate: predicate, scope: scope) { return }
        try requireOnly(element, allowed: ["datatype"])
        let text = try literalText(element)
        if let datatype = try rdfAttribute(element, "datatype") {
            emit(subject, predicate, .literal(text, datatype: IRIResolver.resolve(datatype, against: scope.base)), element.line)
        } else {
            emit(subject, predicate, .literal(text, language: scope.language), element.line)
        }
    }

    /// An empty property element whose object is a resource: `rdf:resource`,
    /// `rdf:nodeID`, or a fresh blank node described by property attributes.
    /// False when the element is a literal property instead.
    private mutating func resourceProperty(_ element: XMLElement, subject: RDFTerm, predicate: String,
                                           scope: Scope) throws(OntologyError) -> Bool {
        let resource = try rdfAttribute(element, "resource")
        let nodeID = try rdfAttribute(element, "nodeID")
        let hasPropertyAttributes = element.attributes.contains {
            $0.namespaceURI != XMLNamespace.xml && $0.namespaceURI != Self.rdf
                || ($0.namespaceURI == Self.rdf && $0.localName == "type")
        }
        let hasDatatype = element.attribute("datatype", namespace: Self.rdf) != nil
        guard resource != nil || nodeID != nil || (hasPropertyAttributes && !hasDatatype) else { return false }
        guard resource == nil || nodeID == nil else {
            throw invalid(element.line, "rdf:resource and rdf:nodeID cannot be used together")
        }
        guard element.text.isXMLWhitespace else {
            throw invalid(element.line, "a property element with rdf:resource or rdf:nodeID must be empty")
        }
        let object: RDFTerm
        if let resource { object = .iri(IRIResolver.resolve(resource, against: scope.base)) }
        else if let nodeID { object = blank(named: nodeID) }
        else { object = freshBlank() }
        emit(subject, predicate, object, element.line)
        try propertyAttributes(of: element, subject: object, scope: scope, skipping: ["resource", "nodeID"])
        return true
    }

    private mutating func parseTypeProperty(_ element: XMLElement, parseType: String, subject: RDFTerm,
                                            predicate: String, scope: Scope) throws(OntologyError) {
        try requireOnly(element, allowed: ["parseType"])
        try requireNoText(element)
        switch parseType {
        case "Resource":
            let object = freshBlank()
            emit(subject, predicate, object, element.line)
            var index = 0
            for child in element.elements {
                try propertyElement(child, subject: object, scope: scope, listIndex: &index)
            }
        case "Collection":
            var items: [RDFTerm] = []
            for child in element.elements {
                items.append(try nodeElement(child, scope: scope))
            }
            guard !items.isEmpty else {
                emit(subject, predicate, .iri(Self.rdf + "nil"), element.line)
                return
            }
            let cells = items.map { _ in freshBlank() }
            emit(subject, predicate, cells[0], element.line)
            for (offset, item) in items.enumerated() {
                emit(cells[offset], Self.rdf + "first", item, element.line)
                let rest = offset + 1 < cells.count ? cells[offset + 1] : .iri(Self.rdf + "nil")
                emit(cells[offset], Self.rdf + "rest", rest, element.line)
            }
        default:
            throw invalid(element.line, "rdf:parseType=\"\(parseType)\" is not supported")
        }
    }

    // MARK: Helpers

    private mutating func scope(of element: XMLElement, inherited: Scope) throws(OntologyError) -> Scope {
        var scope = inherited
        if let base = element.attribute("base", namespace: XMLNamespace.xml) {
            let value = try expand(base.value, references: base.entityReferences, line: element.line)
            scope.base = IRIResolver.resolve(value, against: inherited.base)
        }
        if let language = element.value(of: "lang", namespace: XMLNamespace.xml) {
            scope.language = language.isEmpty ? nil : language.lowercased()
        }
        return scope
    }

    private mutating func rdfAttribute(_ element: XMLElement, _ name: String) throws(OntologyError) -> String? {
        guard let attribute = element.attribute(name, namespace: Self.rdf) else { return nil }
        return try expand(attribute.value, references: attribute.entityReferences, line: element.line)
    }

    /// Property element attributes other than xml:* and the allowed rdf:* ones.
    private func requireOnly(_ element: XMLElement, allowed: Set<String>) throws(OntologyError) {
        for attribute in element.attributes where attribute.namespaceURI != XMLNamespace.xml {
            if attribute.namespaceURI == Self.rdf && allowed.contains(attribute.localName) { continue }
            throw invalid(element.line, "attribute \(attribute.prefix.map { "\($0):" } ?? "")\(attribute.localName) is not allowed on <\(element.qualifiedName)> here")
        }
    }

    private func requireNoText(_ element: XMLElement) throws(OntologyError) {
        for child in element.children {
            switch child {
            case .text(let text) where !text.isXMLWhitespace:
                throw invalid(element.line, "unexpected text in <\(element.qualifiedName)>")
            case .entityReference(let name):
                throw invalid(element.line, "unexpected entity reference &\(name); in <\(element.qualifiedName)>")
            default: continue
            }
        }
    }

    private mutating func literalText(_ element: XMLElement) throws(OntologyError) -> String {
        var text = ""
        for child in element.children {
            switch child {
            case .text(let part): text += part
            case .entityReference(let name): text += try entity(name, line: element.line)
            case .element: break
            }
        }
        return text
    }

    /// Replaces each `&name;` of the listed references in one pass over the
    /// value, so many distinct entities cost one scan, not one scan each.
    private mutating func expand(_ value: String, references: [String], line: Int) throws(OntologyError) -> String {
        guard !references.isEmpty else { return value }
        let names = Set(references)
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"),
               let end = bytes[(index + 1)..<min(bytes.count, index + 2 + Self.maxEntityNameLength)].firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if names.contains(name) {
                    out.append(contentsOf: try entity(name, line: line).utf8)
                    index = end + 1
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Longest entity name looked for after an `&`.
    static let maxEntityNameLength = 256

    private mutating func entity(_ name: String, line: Int) throws(OntologyError) -> String {
        guard let value = entities[name] else {
            throw invalid(line, "entity &\(name); is not an internal entity of this document")
        }
        guard value.utf8.count <= Self.maxEntityLength, !value.contains("&"), !value.contains("<") else {
            throw invalid(line, "entity &\(name); is too long or refers to other entities or markup")
        }
        expandedBytes += value.utf8.count
        guard expandedBytes <= Self.maxExpandedBytes else {
            throw invalid(line, "entity references expand to more than \(Self.maxExpandedBytes >> 20) MiB in this "
                          + "document (at &\(name);); write the IRIs out or split the file")
        }
        return value
    }

    private func isRDF(_ element: XMLElement, _ localName: String? = nil) -> Bool {
        element.namespaceURI == Self.rdf && (localName == nil || element.localName == localName)
    }

    private mutating func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, _ line: Int) {
        triples.append(RDFTriple(subject, predicate, object, line: line))
    }

    private mutating func freshBlank() -> RDFTerm {
        blankCount += 1
        return .blank("\(file)#genid\(blankCount)")
    }

    private func blank(named id: String) -> RDFTerm { .blank("\(file)#\(id)") }

    private func invalid(_ line: Int, _ message: String) -> OntologyError {
        .invalidRDF(file: file, line: line, message: message)
    }
}

extension String {
    /// Whether the string holds only XML white space (space, tab, CR, LF),
    /// checked on bytes: `Character.isWhitespace` is a Unicode lookup.
    var isXMLWhitespace: Bool {
        utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

}
