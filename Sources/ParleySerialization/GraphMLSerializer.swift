import ParleyGraph
import ParleyOntology
import ParleyXML

/// Writes the graph as plain GraphML 1.1 (http://graphml.graphdrawing.org/),
/// valid against the GraphML schema and read alike by NetworkX, igraph,
/// Gephi, yEd and Cytoscape.
///
/// - Nodes get synthetic ids `n0…nN` (GraphML ids must be NMTOKENs); the
///   node key and IRI are `key` and `iri` columns, and each edge's RDF
///   statement IRI is its `statement` column (python-igraph 1.0 reads edge
///   ids wrongly, so the column is the portable way back to the evidence).
/// - Every edge is one `<edge>` with a unique id `e0…eN`, the same `n` as
///   the RDF/XML statement `…/statement/e{n}`. Parallel edges stay parallel:
///   **Gephi users choose "Don't merge" for parallel edges at import.**
/// - Keys have descriptive ids (`n_label`, `e_relation`, never `d0…dN`,
///   which Gephi maps onto built-in columns), an explicit `for` and an
///   `attr.type` each; no graph-level keys. Free node attributes get one key
///   each (`kind`, `duration`...), typed from their values.
/// - Each edge's document also gives `document_title`, `document_url`,
///   `document_date` and `document_path` columns (`DocumentMetadata`),
///   declared only when some document has a value.
/// - Lists (aliases, documents) are written twice: joined with " | " for
///   people, and as a JSON array (`aliases_json`, `documents_json`) that
///   loses nothing.
/// - Booleans are `true`/`false`, numbers the shortest round-trip decimal;
///   a non-finite number is left out and counted. Empty strings are left
///   out (readers would turn an empty `<data>` into "None").
/// - Text is filtered to XML 1.0 characters (others become U+FFFD, counted).
///
/// Plain GraphML is the default: yEd then shows no labels until its users
/// map the columns with *Edit → Properties Mapper*; `yEd: true` adds yFiles
/// graphics instead (see `GraphMLSerializer+yEd.swift`).
///
/// Not supported: nested graphs, hyperedges, ports, and list-typed keys
/// (Gephi's `liststring` is not GraphML).
public struct GraphMLSerializer: GraphSerializer {
    public static let format = OutputFormat.graphml

    public var ontology: Ontology
    /// Also write the confidence as an edge `weight` column, for tools that
    /// look for that name (Gephi, igraph layouts).
    public var confidenceAsWeight: Bool

    /// Also write yFiles graphics (shapes, colours, labels) that yEd
    /// draws. The yEd keys have no `attr.type`, so this flavour is not
    /// valid against the plain GraphML schema; other readers ignore them.
    public var yEd: Bool

    public init(ontology: Ontology, confidenceAsWeight: Bool = false, yEd: Bool = false) {
        self.ontology = ontology
        self.confidenceAsWeight = confidenceAsWeight
        self.yEd = yEd
    }

    /// The node keys every file declares, in the order written: (id, attr.name, attr.type).
    static let fixedNodeKeys: [(String, String, String)] = [
        ("n_key", "key", "string"), ("n_type", "type", "string"), ("n_label", "label", "string"),
        ("n_name", "name", "string"), ("n_category", "category", "string"),
        ("n_aliases", "aliases", "string"), ("n_aliases_json", "aliases_json", "string"),
        ("n_mentions", "mentions", "long"), ("n_documents", "documents", "string"),
        ("n_documents_json", "documents_json", "string"), ("n_iri", "iri", "string"),
    ]

    static let fixedEdgeKeys: [(String, String, String)] = [
        ("e_relation", "relation", "string"), ("e_label", "label", "string"),
        ("e_interaction", "interaction", "string"), ("e_evidence", "evidence", "string"),
        ("e_document", "document", "string"), ("e_sentence", "sentence", "int"),
        ("e_start", "start", "int"), ("e_end", "end", "int"), ("e_confidence", "confidence", "double"),
        ("e_modality", "modality", "string"), ("e_negated", "negated", "boolean"),
        ("e_trigger", "trigger", "string"), ("e_attribution", "attribution", "string"),
        ("e_statement", "statement", "string"),
    ]

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let index = try GraphIndex(graph)
        let startBytes = output.bytesWritten
        let startReplacements = output.replacementCount
        let reserved = Set(Self.fixedNodeKeys.map { $0.1 })
        let columns = AttributeColumn.columns(of: index.nodes.attributeSets.values, excluding: ["category"])
        let columnKeys = Self.attributeKeys(columns, reserved: reserved)

        let documentKeys = DocumentMetadata.graphMLKeys(graph)
        writeHeader(output, columns: columns, columnKeys: columnKeys, documentKeys: documentKeys)
        var omitted = 0
        let documents = graph.documents.map { output.escapedBytes($0.name, attribute: false) }
        index.nodes.withTable { nodes in
            let context = NodeContext(
                iris: NodeIRIs(nodes), iriBase: XMLOutput.escape(ontology.instanceBase, attribute: false),
                documents: documents,
                documentItems: graph.documents.map { document in
                    var item: [UInt8] = []
                    var name = document.name
                    name.withUTF8 { JSONList.append($0, first: true, to: &item) }
                    return XMLOutput.escape(String(decoding: item, as: UTF8.self), attribute: false).bytes
                },
                attributeLines: nodes.attributeSets.map { attributeLines($0, columns: columns, columnKeys: columnKeys) })
            var scratch: [UInt8] = []
            for i in nodes.indices {
                omitted += writeNode(i, nodes, context, scratch: &scratch, into: output)
            }
        }
        let context = EdgeContext(
            index: index, texts: graph.edgeStore.texts.values, documents: documents,
            documentData: DocumentMetadata.graphMLData(graph, keys: documentKeys, output: output),
            statementBase: output.escapedBytes(String(ParleyIRI.statementIRI(edge: 0, ontology: ontology).dropLast()),
                                               attribute: false),
            relationData: index.relations.map { relation in
                let (escaped, replaced) = XMLOutput.escape(relation.rawValue, attribute: false)
                guard !escaped.isEmpty else { return ([], 0) }
                return (["relation", "label", "interaction"].flatMap { key in
                    Array("      <data key=\"e_\(key)\">".utf8) + escaped + Array("</data>\n".utf8)
                }, 3 * replaced)
            },
            edgeStyles: yEd ? Self.yEdEdgeStyles(index, ontology: ontology) : [])
        var decimals = ShortestDoubles()
        graph.edgeStore.withStorage { records, evidence in
            for i in records.indices {
                omitted += writeEdge(records[i], position: i, evidence: evidence, context, decimals: &decimals,
                                     into: output)
            }
        }
        output.write("  </graph>\n</graphml>\n")
        var report = SerializationReport(
            format: .graphml, bytesWritten: output.bytesWritten - startBytes, nodes: graph.nodes.count,
            edges: graph.edges.count, replacedCharacters: output.replacementCount - startReplacements,
            omittedValues: omitted)
        report.addCountWarnings()
        return report
    }

    /// `(key id, attr.name)` of each free attribute column: `n_{name}` with
    /// the name made an NMTOKEN, and `attr_{name}` for names the fixed keys
    /// already use.
    static func attributeKeys(_ columns: [AttributeColumn], reserved: Set<String>) -> [(id: String, name: String)] {
        var usedIDs = Set(fixedNodeKeys.map { $0.0 })
        return columns.map { column in
            let name = reserved.contains(column.name) ? "attr_" + column.name : column.name
            var token = ""
            for scalar in name.unicodeScalars {
                switch scalar.value {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F: token.unicodeScalars.append(scalar)
                default: token += "_"
                }
            }
            var id = "n_" + token
            var n = 2
            while usedIDs.contains(id) { id = "n_" + token + "_" + String(n); n += 1 }
            usedIDs.insert(id)
            return (id, name)
        }
    }

    private func writeHeader(_ out: XMLOutput, columns: [AttributeColumn], columnKeys: [(id: String, name: String)],
                             documentKeys: [(id: String, name: String)]) {
        out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
            http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd"
            """)
        out.write(yEd ? " xmlns:y=\"http://www.yworks.com/xml/graphml\">\n" : ">\n")
        func key(_ id: String, _ domain: String, _ name: String, _ type: String) {
            out.write("  <key id=\"")
            out.writeAttributeValue(id)
            out.write("\" for=\"")
            out.writeAttributeValue(domain)
            out.write("\" attr.name=\"")
            out.writeAttributeValue(name)
            out.write("\" attr.type=\"")
            out.writeAttributeValue(type)
            out.write("\"/>\n")
        }
        for (id, name, type) in Self.fixedNodeKeys { key(id, "node", name, type) }
        for (column, names) in zip(columns, columnKeys) { key(names.id, "node", names.name, column.kind.graphMLType) }
        for (id, name, type) in Self.fixedEdgeKeys { key(id, "edge", name, type) }
        for (id, name) in documentKeys { key(id, "edge", name, "string") }
        if confidenceAsWeight { key("e_weight", "edge", "weight", "double") }
        if yEd { Self.writeYEdKeys(out) }
        out.write("  <graph id=\"parley\" edgedefault=\"directed\">\n")
    }

    /// What writing a node needs, prepared once per file.
    struct NodeContext {
        var iris: NodeIRIs
        /// The instance base, escaped, and the characters replaced in it.
        var iriBase: (bytes: [UInt8], replacements: Int)
        /// Document names, escaped.
        var documents: [[UInt8]]
        /// Document names as JSON strings, escaped.
        var documentItems: [[UInt8]]
        /// Per attribute dictionary of the graph: its lines.
        var attributeLines: [AttributeLines]
    }

    /// The `category` and free attribute columns of one attribute
    /// dictionary, written alike for every node that has it.
    struct AttributeLines {
        /// The `category` column, if the dictionary has one.
        var category: String?
        var lines: [UInt8]
        var replacements: Int
        /// Values left out (not finite).
        var omitted: Int
    }

    private func attributeLines(_ attributes: [String: AttributeValue], columns: [AttributeColumn],
                                columnKeys: [(id: String, name: String)]) -> AttributeLines {
        var result = AttributeLines(category: nil, lines: [], replacements: 0, omitted: 0)
        if let value = attributes["category"] {
            result.category = AttributeColumn(name: "category", kind: .string).lexicalForm(value)
        }
        guard !attributes.isEmpty else { return result }
        for (column, names) in zip(columns, columnKeys) {
            guard let value = attributes[column.name] else { continue }
            guard let lexical = column.lexicalForm(value) else { result.omitted += 1; continue }
            guard !lexical.isEmpty else { continue }
            let id = XMLOutput.escape(names.id, attribute: true), text = XMLOutput.escape(lexical, attribute: false)
            result.lines += Array("      <data key=\"".utf8) + id.bytes + Array("\">".utf8) + text.bytes
                + Array("</data>\n".utf8)
            result.replacements += id.replacements + text.replacements
        }
        return result
    }

    /// Writes one node; returns the number of values left out.
    private func writeNode(_ i: Int, _ nodes: NodeTable, _ c: NodeContext, scratch: inout [UInt8],
                           into out: XMLOutput) -> Int {
        out.write("    <node id=\"n")
        out.write(decimal: i)
        out.write("\">\n")
        text(out, "      <data key=\"n_key\">", nodes.keyBytes(i))
        let type = nodes.type(i).rawValue
        text(out, "      <data key=\"n_type\">", type)
        text(out, "      <data key=\"n_label\">", nodes.labelBytes(i))
        text(out, "      <data key=\"n_name\">", nodes.labelBytes(i))
        let attributes = c.attributeLines[Int(nodes.records[i].attributes)]
        text(out, "      <data key=\"n_category\">", attributes.category ?? type)
        if nodes.records[i].aliasCount > 0 {
            // Joined with " | ", left out when that is empty (one empty alias).
            let joined = nodes.records[i].aliasCount > 1 || nodes.aliases(i).contains { !$0.isEmpty }
            if joined { out.write("      <data key=\"n_aliases\">") }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(0x5B)
            for (k, alias) in nodes.aliases(i).enumerated() {
                if k > 0 { out.write(" | ") }
                out.writeText(alias)
                JSONList.append(alias, first: k == 0, to: &scratch)
            }
            scratch.append(0x5D)
            out.write(joined ? "</data>\n      <data key=\"n_aliases_json\">" : "      <data key=\"n_aliases_json\">")
            scratch.withUnsafeBufferPointer { out.writeText($0) }
            out.write("</data>\n")
        }
        out.write("      <data key=\"n_mentions\">")
        out.write(decimal: nodes.mentionCount(i))
        out.write("</data>\n")
        let documents = nodes.documents(i)
        if !documents.isEmpty {
            out.write("      <data key=\"n_documents\">")
            for (k, d) in documents.enumerated() {
                if k > 0 { out.write(" | ") }
                out.write(c.documents[Int(d.rawValue)])
            }
            out.write("</data>\n      <data key=\"n_documents_json\">[")
            for (k, d) in documents.enumerated() {
                if k > 0 { out.write(", ") }
                out.write(c.documentItems[Int(d.rawValue)])
            }
            out.write("]</data>\n")
        }
        out.write("      <data key=\"n_iri\">")
        out.write(c.iriBase.bytes)
        if c.iriBase.replacements > 0 { out.noteReplacements(c.iriBase.replacements) }
        c.iris.write(i, nodes, into: out)
        out.write("</data>\n")
        out.write(attributes.lines)
        if attributes.replacements > 0 { out.noteReplacements(attributes.replacements) }
        if yEd { Self.writeYEdNode(label: nodes.labelString(i), type: nodes.type(i), into: out) }
        out.write("    </node>\n")
        return attributes.omitted
    }

    /// What writing an edge needs, prepared once per file.
    struct EdgeContext {
        var index: GraphIndex
        /// The graph's triggers and attributions.
        var texts: [String]
        var documents: [[UInt8]]
        var documentData: [[UInt8]]
        var statementBase: [UInt8]
        /// Per relation: its `e_relation`, `e_label` and `e_interaction`
        /// lines, and the characters replaced in them.
        var relationData: [(bytes: [UInt8], replacements: Int)]
        var edgeStyles: [YEdEdgeStyle]
    }

    /// Writes one edge; returns the number of values left out.
    private func writeEdge(_ edge: EdgeRecord, position: Int, evidence: UnsafeBufferPointer<UInt8>, _ c: EdgeContext,
                           decimals: inout ShortestDoubles, into out: XMLOutput) -> Int {
        out.write("    <edge id=\"e")
        out.write(decimal: position)
        out.write("\" source=\"n")
        out.write(decimal: Int(edge.source))
        out.write("\" target=\"n")
        out.write(decimal: Int(edge.target))
        out.write("\">\n")
        let relation = c.index.relation(of: edge)
        out.write(c.relationData[relation].bytes)
        if c.relationData[relation].replacements > 0 { out.noteReplacements(c.relationData[relation].replacements) }
        if edge.evidenceCount > 0 {
            out.write("      <data key=\"e_evidence\">")
            out.writeText(UnsafeBufferPointer(rebasing: evidence[edge.evidenceOffset..<edge.evidenceOffset + Int(edge.evidenceCount)]))
            out.write("</data>\n")
        }
        out.write("      <data key=\"e_document\">")
        out.write(c.documents[Int(edge.document)])
        out.write("</data>\n")
        out.write(c.documentData[Int(edge.document)])
        out.write("      <data key=\"e_sentence\">")
        out.write(decimal: Int(edge.sentence))
        out.write("</data>\n      <data key=\"e_start\">")
        out.write(decimal: Int(edge.start))
        out.write("</data>\n      <data key=\"e_end\">")
        out.write(decimal: Int(edge.end))
        out.write("</data>\n")
        var omitted = 0
        let confidence = edge.confidence
        if confidence.isFinite {
            let lexical = decimals.form(confidence)
            out.write("      <data key=\"e_confidence\">")
            out.write(lexical)
            out.write("</data>\n")
            if confidenceAsWeight {
                out.write("      <data key=\"e_weight\">")
                out.write(lexical)
                out.write("</data>\n")
            }
        } else {
            omitted += confidenceAsWeight ? 2 : 1
        }
        switch edge.modality {
        case .asserted: out.write("      <data key=\"e_modality\">asserted</data>\n")
        case .possible: out.write("      <data key=\"e_modality\">possible</data>\n")
        case .conditional: out.write("      <data key=\"e_modality\">conditional</data>\n")
        }
        out.write(edge.negated ? "      <data key=\"e_negated\">true</data>\n" : "      <data key=\"e_negated\">false</data>\n")
        text(out, "      <data key=\"e_trigger\">", c.texts[Int(edge.trigger)])
        if edge.attribution >= 0 {
            text(out, "      <data key=\"e_attribution\">", c.texts[Int(edge.attribution)])
        }
        out.write("      <data key=\"e_statement\">")
        out.write(c.statementBase)
        out.write(decimal: position)
        out.write("</data>\n")
        if yEd {
            Self.writeYEdEdge(edge, relation: c.index.relations[relation], style: c.edgeStyles[relation], into: out)
        }
        out.write("    </edge>\n")
        return omitted
    }

    /// `<data …>text</data>` and a newline; nothing for empty text.
    @inline(__always)
    private func text(_ out: XMLOutput, _ open: StaticString, _ utf8: UnsafeBufferPointer<UInt8>) {
        guard !utf8.isEmpty else { return }
        out.write(open)
        out.writeText(utf8)
        out.write("</data>\n")
    }

    /// `<data …>text</data>` and a newline; nothing for an empty string.
    @inline(__always)
    private func text(_ out: XMLOutput, _ open: StaticString, _ value: String) {
        guard !value.isEmpty else { return }
        out.write(open)
        out.writeText(value)
        out.write("</data>\n")
    }

}
