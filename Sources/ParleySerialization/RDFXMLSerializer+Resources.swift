import ParleyGraph
import ParleyOntology
import ParleyXML

// What RDF/XML writes alike for many subjects, prepared once per file:
// resource IRIs, the lines of node descriptions shared by nodes of one type
// or one attribute dictionary, and lexical forms.

/// The IRIs of one graph's resources, escaped once for `rdf:about` and
/// `rdf:resource` attribute values; node IRIs are written from the nodes'
/// keys each time (see `NodeIRIs`).
struct RDFResources {
    let nodeIRIs: NodeIRIs
    /// The instance base, escaped.
    let nodeBase: [UInt8]
    let documents: [[UInt8]]
    let documentNames: [[UInt8]]
    /// `{base}statement/e`, to which the edge number is appended.
    let statementBase: [UInt8]
    /// `    <rdf:type rdf:resource="{ns}EvidenceStatement"/>` and a newline.
    let evidenceStatementType: [UInt8]

    init(_ graph: CorpusGraph, nodes: NodeStore, ontology: Ontology, output: XMLOutput) {
        nodeIRIs = nodes.withTable { NodeIRIs($0) }
        let (base, replaced) = XMLOutput.escape(ontology.instanceBase, attribute: true)
        nodeBase = base
        // Counted once per node, as each node's IRI is escaped once.
        output.noteReplacements(replaced * graph.nodes.count)
        documents = ParleyIRI.documentIRIs(graph, ontology: ontology).map { output.escapedBytes($0, attribute: true) }
        documentNames = graph.documents.map { output.escapedBytes($0.name, attribute: false) }
        statementBase = output.escapedBytes(ontology.instanceBase + "statement/e", attribute: true)
        evidenceStatementType = Array("    <rdf:type rdf:resource=\"".utf8)
            + output.escapedBytes(ontology.namespace + "EvidenceStatement", attribute: true) + Array("\"/>\n".utf8)
    }

    /// Writes the IRI of node `i`, escaped for an attribute value.
    @inline(__always)
    func writeNode(_ i: Int, _ nodes: NodeTable, into out: XMLOutput) {
        out.write(nodeBase)
        nodeIRIs.write(i, nodes, into: out)
    }
}

/// The lines of node descriptions that depend only on the node's type or
/// its attribute dictionary, escaped once per distinct one (with the
/// characters replaced in them, counted each time they are written).
struct RDFNodeLines {
    struct Line {
        var bytes: [UInt8]
        var replacements: Int
    }

    struct Attributes {
        /// The `rdf:type` line of the `category` attribute, and its value.
        var category: (name: String, bytes: [UInt8], replacements: Int)?
        /// One property element per attribute but `category`, by name.
        var lines: [UInt8]
        var replacements: Int
    }

    /// Per type of the node store: its `rdf:type` line.
    let types: [Line]
    /// Per attribute dictionary of the node store.
    let attributes: [Attributes]

    init(_ nodes: NodeTable, ontology: Ontology, names: RDFNames) {
        func typeLine(_ name: String) -> Line {
            let (iri, replaced) = XMLOutput.escape(ontology.namespace + ParleyIRI.percentEncode(name), attribute: true)
            return Line(bytes: Array("    <rdf:type rdf:resource=\"".utf8) + iri + Array("\"/>\n".utf8),
                        replacements: replaced)
        }
        types = nodes.types.map { typeLine($0.rawValue) }
        attributes = nodes.attributeSets.map { attributes in
            var result = Attributes(category: nil, lines: [], replacements: 0)
            if case .string(let category)? = attributes["category"], !category.isEmpty {
                let line = typeLine(category)
                result.category = (category, line.bytes, line.replacements)
            }
            for name in attributes.keys.sorted() where name != "category" {
                let qname = names.attribute(name).qnameBytes
                var text = ""
                result.lines += Array("    <".utf8) + qname
                switch attributes[name]! {
                case .string(let s):
                    result.lines += Array(">".utf8)
                    text = s
                case .int(let i):
                    result.lines += Array(" rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">".utf8)
                    text = String(i)
                case .double(let d):
                    result.lines += Array(" rdf:datatype=\"http://www.w3.org/2001/XMLSchema#double\">".utf8)
                    text = LexicalForms.xsdDouble(d)
                case .bool(let b):
                    result.lines += Array(" rdf:datatype=\"http://www.w3.org/2001/XMLSchema#boolean\">".utf8)
                    text = b ? "true" : "false"
                }
                let (escaped, replaced) = XMLOutput.escape(text, attribute: false)
                result.lines += escaped + Array("</".utf8) + qname + Array(">\n".utf8)
                result.replacements += replaced
            }
            return result
        }
    }
}

/// Lexical forms computed once per distinct value.
struct RDFLiteralCache {
    private var decimals: [UInt64: [UInt8]] = [:]

    /// The canonical `xsd:decimal` of `value`; nil when not finite.
    mutating func decimal(_ value: Double) -> [UInt8]? {
        if let hit = decimals[value.bitPattern] { return hit }
        guard let text = LexicalForms.xsdDecimal(value) else { return nil }
        let bytes = Array(text.utf8)
        if decimals.count < 65_536 { decimals[value.bitPattern] = bytes }
        return bytes
    }

    /// `YYYY-MM-DD` with plausible month and day, the `xsd:date` form.
    static func isISODate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where !(0x30...0x39).contains(b[i]) { return false }
        let month = Int(b[5] - 0x30) * 10 + Int(b[6] - 0x30)
        let day = Int(b[8] - 0x30) * 10 + Int(b[9] - 0x30)
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
