import ParleyGraph
import ParleyOntology
import ParleyXML

/// Writes the graph as RDF/XML (https://www.w3.org/TR/rdf-syntax-grammar/),
/// flat and streaming: one `rdf:Description rdf:about="…"` block per
/// subject, in graph order, with no grouping pass and no nesting.
///
/// - Documents: `{base}document/{slug}`, typed `parley:Document`, with
///   `parley:sourceDocument`, `parley:documentPath`, `dcterms:title`,
///   `schema:url` (`xsd:anyURI`) and `dcterms:date` (`xsd:date` when ISO).
/// - Nodes: `{base}{type}/{key}`, typed with the top class and, when the
///   `category` attribute names another class, that class too;
///   `rdfs:label` and `skos:altLabel` in English, `parley:mentionCount`,
///   `parley:mentionedIn`, and every other attribute as a typed literal.
/// - Edges: the asserted triple `<s> parley:{relation} <o>` (once for
///   parallel edges), then a
///   statement resource `{base}statement/e{n}` (`n` = GraphML edge id) typed
///   `rdf:Statement` and `parley:EvidenceStatement` with subject, predicate,
///   object, `prov:wasDerivedFrom` and the evidence, confidence
///   (`xsd:decimal`), offsets (`xsd:integer`), modality, negation…
///
/// Only absolute IRIs in `rdf:about` (no `rdf:ID`, no blank nodes), no
/// `xml:lang` on `rdf:RDF` or node elements, `rdf:datatype` always an
/// absolute IRI, canonical lexical forms, no indentation inside literals.
/// Text is filtered to XML 1.0 characters (others become U+FFFD, counted).
///
/// Not supported: RDF 1.2 triple terms and `rdf:annotation` (parsers
/// disagree on them), named graphs (use a TriG or N-Quads writer), and
/// relation or attribute names that are not NCNames unless
/// `invalidNames` is `.sanitize`. A non-finite confidence cannot be an
/// `xsd:decimal` and is left out (counted); non-finite node attributes are
/// written as `xsd:double` `NaN`, `INF`, `-INF`.
public struct RDFXMLSerializer: GraphSerializer {
    public static let format = OutputFormat.rdfxml

    public var ontology: Ontology
    public var invalidNames: InvalidNamePolicy

    public init(ontology: Ontology, invalidNames: InvalidNamePolicy = .reject) {
        self.ontology = ontology
        self.invalidNames = invalidNames
    }

    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let index = try GraphIndex(graph)
        let names = try RDFNames(graph, index: index, ontology: ontology, policy: invalidNames)
        let startBytes = output.bytesWritten
        let startReplacements = output.replacementCount
        let resources = RDFResources(graph, nodes: index.nodes, ontology: ontology, output: output)
        var literals = RDFLiteralCache()

        writeHeader(output, names: names)
        for (i, document) in graph.documents.enumerated() {
            writeDocument(document, iri: resources.documents[i], into: output)
        }
        var omitted = 0
        index.nodes.withTable { nodes in
            let nodeLines = RDFNodeLines(nodes, ontology: ontology, names: names)
            for i in nodes.indices {
                writeNode(i, nodes, lines: nodeLines, resources: resources, into: output)
            }
            graph.edgeStore.withStorage { records, evidence in
                for i in records.indices {
                    let edge = records[i]
                    let predicate = names.relations[index.relation(of: edge)]
                    let s = Int(edge.source), o = Int(edge.target)
                    // Parallel edges assert the same triple: write it once, so every
                    // parser (rapper counts statements, rdflib a set) gives one count.
                    if index.isFirstParallel(i) {
                        output.write("  <rdf:Description rdf:about=\"")
                        resources.writeNode(s, nodes, into: output)
                        output.write(predicate.openAsResource)
                        resources.writeNode(o, nodes, into: output)
                        output.write("\"/></rdf:Description>\n")
                    }
                    omitted += writeStatement(edge, position: i, evidence: evidence, nodes: nodes,
                                              predicate: predicate, texts: graph.edgeStore.texts.values,
                                              resources: resources, literals: &literals, into: output)
                }
            }
        }
        writeSanitizedNames(names, into: output)
        output.write("</rdf:RDF>\n")
        var report = SerializationReport(
            format: .rdfxml, bytesWritten: output.bytesWritten - startBytes, nodes: graph.nodes.count,
            edges: graph.edges.count, replacedCharacters: output.replacementCount - startReplacements,
            omittedValues: omitted)
        report.addCountWarnings()
        return report
    }

    private func writeHeader(_ out: XMLOutput, names: RDFNames) {
        var prefixes: [(String, String)] = [
            ("dcterms", "http://purl.org/dc/terms/"), ("parley", ontology.namespace),
            ("prov", "http://www.w3.org/ns/prov#"), ("rdf", Self.rdf),
            ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("schema", "https://schema.org/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"), ("xsd", Self.xsd),
        ]
        if names.relationTable.usesSanitizedNamespace {
            prefixes.append((RDFPredicates.relationPrefix, names.relationTable.sanitizedNamespace))
        }
        if names.attributeTable.usesSanitizedNamespace {
            prefixes.append((RDFPredicates.attributePrefix, names.attributeTable.sanitizedNamespace))
        }
        prefixes.sort { $0.0 < $1.0 }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF")
        for (prefix, iri) in prefixes {
            out.write("\n    xmlns:")
            out.writeAttributeValue(prefix)
            out.write("=\"")
            out.writeAttributeValue(iri)
            out.write("\"")
        }
        out.write(">\n")
    }

    private func writeDocument(_ document: DocumentInfo, iri: [UInt8], into out: XMLOutput) {
        out.write("  <rdf:Description rdf:about=\"")
        out.write(iri)
        out.write("\">\n    <rdf:type rdf:resource=\"")
        out.writeAttributeValue(ontology.namespace + "Document")
        out.write("\"/>\n")
        literal(out, "    <parley:sourceDocument>", document.name, "</parley:sourceDocument>\n")
        literal(out, "    <parley:documentPath>", document.path, "</parley:documentPath>\n")
        if let title = document.title {
            literal(out, "    <dcterms:title>", title, "</dcterms:title>\n")
        }
        if let url = document.url {
            literal(out, "    <schema:url rdf:datatype=\"http://www.w3.org/2001/XMLSchema#anyURI\">", url,
                    "</schema:url>\n")
        }
        if let date = document.date {
            if RDFLiteralCache.isISODate(date) {
                literal(out, "    <dcterms:date rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">", date,
                        "</dcterms:date>\n")
            } else {
                literal(out, "    <dcterms:date>", date, "</dcterms:date>\n")
            }
        }
        out.write("  </rdf:Description>\n")
    }

    private func writeNode(_ i: Int, _ nodes: NodeTable, lines: RDFNodeLines, resources: RDFResources,
                           into out: XMLOutput) {
        out.write("  <rdf:Description rdf:about=\"")
        resources.writeNode(i, nodes, into: out)
        out.write("\">\n")
        let type = lines.types[Int(nodes.records[i].type)]
        out.write(type.bytes)
        if type.replacements > 0 { out.noteReplacements(type.replacements) }
        let attributes = lines.attributes[Int(nodes.records[i].attributes)]
        if let category = attributes.category, category.name != nodes.type(i).rawValue {
            out.write(category.bytes)
            if category.replacements > 0 { out.noteReplacements(category.replacements) }
        }
        out.write("    <rdfs:label xml:lang=\"en\">")
        out.writeText(nodes.labelBytes(i))
        out.write("</rdfs:label>\n")
        for alias in nodes.aliases(i) {
            out.write("    <skos:altLabel xml:lang=\"en\">")
            out.writeText(alias)
            out.write("</skos:altLabel>\n")
        }
        out.write("    <parley:mentionCount rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">")
        out.write(decimal: nodes.mentionCount(i))
        out.write("</parley:mentionCount>\n")
        for document in nodes.documents(i) {
            out.write("    <parley:mentionedIn rdf:resource=\"")
            out.write(resources.documents[Int(document.rawValue)])
            out.write("\"/>\n")
        }
        out.write(attributes.lines)
        if attributes.replacements > 0 { out.noteReplacements(attributes.replacements) }
        out.write("  </rdf:Description>\n")
    }

    /// The statement resource of edge `position`; returns values left out.
    private func writeStatement(_ edge: EdgeRecord, position: Int, evidence: UnsafeBufferPointer<UInt8>,
                                nodes: NodeTable, predicate: RDFNames.Relation, texts: [String],
                                resources: RDFResources, literals: inout RDFLiteralCache, into out: XMLOutput) -> Int {
        out.write("  <rdf:Description rdf:about=\"")
        out.write(resources.statementBase)
        out.write(decimal: position)
        out.write("\">\n    <rdf:type rdf:resource=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement\"/>\n")
        out.write(resources.evidenceStatementType)
        out.write("    <rdf:subject rdf:resource=\"")
        resources.writeNode(Int(edge.source), nodes, into: out)
        out.write("\"/>\n    <rdf:predicate rdf:resource=\"")
        out.write(predicate.iriBytes)
        out.write("\"/>\n    <rdf:object rdf:resource=\"")
        resources.writeNode(Int(edge.target), nodes, into: out)
        out.write("\"/>\n    <prov:wasDerivedFrom rdf:resource=\"")
        out.write(resources.documents[Int(edge.document)])
        out.write("\"/>\n    <parley:evidenceText>")
        out.writeText(UnsafeBufferPointer(rebasing: evidence[edge.evidenceOffset..<edge.evidenceOffset + Int(edge.evidenceCount)]))
        out.write("</parley:evidenceText>\n")
        var omitted = 0
        if let decimal = literals.decimal(edge.confidence) {
            out.write("    <parley:confidence rdf:datatype=\"http://www.w3.org/2001/XMLSchema#decimal\">")
            out.write(decimal)
            out.write("</parley:confidence>\n")
        } else {
            omitted += 1
        }
        out.write("    <parley:sentenceIndex rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">")
        out.write(decimal: Int(edge.sentence))
        out.write("</parley:sentenceIndex>\n    <parley:startOffset rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">")
        out.write(decimal: Int(edge.start))
        out.write("</parley:startOffset>\n    <parley:endOffset rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">")
        out.write(decimal: Int(edge.end))
        out.write("</parley:endOffset>\n")
        switch edge.modality {
        case .asserted: out.write("    <parley:modality>asserted</parley:modality>\n")
        case .possible: out.write("    <parley:modality>possible</parley:modality>\n")
        case .conditional: out.write("    <parley:modality>conditional</parley:modality>\n")
        }
        out.write(edge.negated
            ? "    <parley:negated rdf:datatype=\"http://www.w3.org/2001/XMLSchema#boolean\">true</parley:negated>\n"
            : "    <parley:negated rdf:datatype=\"http://www.w3.org/2001/XMLSchema#boolean\">false</parley:negated>\n")
        let trigger = texts[Int(edge.trigger)]
        if !trigger.isEmpty {
            literal(out, "    <parley:trigger>", trigger, "</parley:trigger>\n")
        }
        if edge.attribution >= 0 {
            let attribution = texts[Int(edge.attribution)]
            if !attribution.isEmpty {
                literal(out, "    <parley:attribution>", attribution, "</parley:attribution>\n")
            }
        }
        out.write("    <parley:sourceDocument>")
        out.write(resources.documentNames[Int(edge.document)])
        out.write("</parley:sourceDocument>\n  </rdf:Description>\n")
        return omitted
    }

    /// The name ↔ IRI map of sanitized relation and attribute names, as
    /// `rdfs:label`s of the minted properties.
    private func writeSanitizedNames(_ names: RDFNames, into out: XMLOutput) {
        for table in [names.relationTable, names.attributeTable] {
            for predicate in table.predicates {
                guard let original = predicate.original else { continue }
                out.write("  <rdf:Description rdf:about=\"")
                out.write(predicate.iriBytes)
                out.write("\">\n")
                literal(out, "    <rdfs:label>", original, "</rdfs:label>\n")
                out.write("  </rdf:Description>\n")
            }
        }
    }

    @inline(__always)
    private func literal(_ out: XMLOutput, _ open: StaticString, _ text: String, _ close: StaticString) {
        out.write(open)
        out.writeText(text)
        out.write(close)
    }
}

/// Relation and attribute property names of one graph, checked before any
/// byte is written.
struct RDFNames {
    struct Relation {
        /// `"><parley:rejects rdf:resource="`, between subject and object.
        var openAsResource: [UInt8]
        var iriBytes: [UInt8]
    }

    struct Attribute {
        var qnameBytes: [UInt8]
    }

    var relationTable: RDFPredicates
    var attributeTable: RDFPredicates
    /// One per `GraphIndex.relations`, in the same order.
    var relations: [Relation] = []
    private var attributes: [String: Attribute] = [:]

    init(_ graph: CorpusGraph, index: GraphIndex, ontology: Ontology, policy: InvalidNamePolicy) throws {
        relationTable = RDFPredicates(ontology: ontology, sanitizedSegment: "rel", prefix: RDFPredicates.relationPrefix)
        attributeTable = RDFPredicates(ontology: ontology, sanitizedSegment: "attr",
                                       prefix: RDFPredicates.attributePrefix)
        for (k, relation) in index.relations.enumerated() {
            guard let p = relationTable.index(of: relation.rawValue, policy: policy) else {
                throw SerializationError.invalidRelationName(relation, edge: index.firstEdge(withRelation: k))
            }
            let predicate = relationTable[p]
            relations.append(Relation(openAsResource: Array("\"><\(predicate.qname) rdf:resource=\"".utf8),
                                      iriBytes: predicate.iriBytes))
        }
        var checked = [Bool](repeating: false, count: index.nodes.attributeSets.values.count)
        try index.nodes.withTable { t in
            for i in t.indices where !checked[Int(t.records[i].attributes)] {
                checked[Int(t.records[i].attributes)] = true
                for name in t.attributes(i).keys where name != "category" && attributes[name] == nil {
                    guard let k = attributeTable.index(of: name, policy: policy) else {
                        throw SerializationError.invalidAttributeName(name, node: t.key(i))
                    }
                    attributes[name] = Attribute(qnameBytes: Array(attributeTable[k].qname.utf8))
                }
            }
        }
    }

    func attribute(_ name: String) -> Attribute { attributes[name]! }
}
