import ParleyGraph
import ParleyOntology
import ParleyXML

/// Writes the graph in the Graphviz DOT language
/// (https://graphviz.org/doc/info/lang.html) for drawing: `digraph "parley"`
/// with shapes and fills per node type, a colour per relation, evidence in
/// tooltips (SVG) and a legend cluster.
///
/// - Every id and attribute value is double-quoted and escaped (see
///   `DOTWriter`); output is UTF-8, never HTML-like `<…>` labels.
/// - Node ids are node keys; symmetric relations are drawn without arrows;
///   negated edges are dashed, possible or conditional ones dotted.
/// - Parallel edges of one relation are drawn as one line (thicker, with
///   the evidence of each in the tooltip) unless `mergeParallelEdges` is off.
/// - Edge labels are off by default (they make `dot` much slower).
/// - Above 100 nodes the file sets `nslimit`, `nslimit1`, `mclimit` and
///   `splines=line`, which keep `dot` fast; above 300 the report warns and
///   suggests `sfdp`. `maxNodes` keeps only the most mentioned nodes.
///
/// Not supported: node positions, HTML-like labels, ports, and subgraphs
/// other than the legend.
public struct DOTSerializer: GraphSerializer {
    public static let format = OutputFormat.dot

    public var ontology: Ontology
    /// Write the relation name as each edge's label.
    public var edgeLabels: Bool
    /// Draw parallel edges with the same relation as one line.
    public var mergeParallelEdges: Bool
    /// Keep only this many nodes (most mentioned first, then by key) and
    /// the edges between them.
    public var maxNodes: Int?
    /// Draw the legend cluster.
    public var legend: Bool

    /// Node counts above which the layout is tuned, and a warning is given.
    public static let tuningThreshold = 100
    public static let warningThreshold = 300

    public init(ontology: Ontology, edgeLabels: Bool = false, mergeParallelEdges: Bool = true,
                maxNodes: Int? = nil, legend: Bool = true) {
        self.ontology = ontology
        self.edgeLabels = edgeLabels
        self.mergeParallelEdges = mergeParallelEdges
        self.maxNodes = maxNodes
        self.legend = legend
    }

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let index = try GraphIndex(graph)
        let startBytes = output.bytesWritten
        let startReplacements = output.replacementCount
        let w = DOTWriter(out: output)
        let kept = keptNodes(graph)
        let keptCount = kept.lazy.filter { $0 }.count
        var edges = [Int]()
        edges.reserveCapacity(graph.edges.count)
        for i in graph.edges.indices where kept[index.source(i)] && kept[index.target(i)] { edges.append(i) }
        let groups = mergeParallelEdges ? Self.group(edges, index: index) : edges.map { [$0] }
        let colourOf = DOTStyle.relationColours(for: index.relations, ontology: ontology)
        let looks = index.relations.map { relation in
            RelationLook(colour: colourOf[relation] ?? "#000000",
                         symmetric: ontology.relation(relation)?.symmetric == true)
        }
        var present = [Bool](repeating: false, count: index.relations.count)
        for i in edges { present[index.relation(i)] = true }

        writeHeader(w, nodes: keptCount, edges: edges.count)
        var ids = [[UInt8]](repeating: [], count: graph.nodes.count)
        for i in graph.nodes.indices where kept[i] {
            let (bytes, replaced) = DOTWriter.escapedBytes(graph.nodes[i].key.rawValue)
            output.noteReplacements(replaced)
            ids[i] = bytes
            writeNode(graph.nodes[i], id: bytes, graph: graph, into: w)
        }
        for group in groups {
            writeEdge(group, ids: ids, graph: graph, index: index, looks: looks, into: w)
        }
        if legend {
            let shown = index.relations.indices.filter { present[$0] }.sorted { index.relations[$0] < index.relations[$1] }
            writeLegend(w, graph: graph, relations: shown.map { (index.relations[$0], looks[$0]) })
        }
        w.raw("}\n")

        var report = SerializationReport(
            format: .dot, bytesWritten: output.bytesWritten - startBytes, nodes: keptCount, edges: edges.count,
            replacedCharacters: output.replacementCount - startReplacements)
        if keptCount < graph.nodes.count {
            report.warnings.append("DOT output keeps the \(keptCount) most mentioned of \(graph.nodes.count) nodes "
                + "and \(edges.count) of \(graph.edges.count) edges.")
        }
        if keptCount > Self.warningThreshold {
            report.warnings.append("The graph has \(keptCount) nodes and \(edges.count) edges: `dot` may not finish; "
                + "draw it with `sfdp -Tsvg` (or `neato`), or limit the nodes drawn.")
        }
        report.addCountWarnings()
        return report
    }

    /// Which nodes are drawn: all, or the `maxNodes` most mentioned.
    private func keptNodes(_ graph: CorpusGraph) -> [Bool] {
        guard let limit = maxNodes, limit < graph.nodes.count else {
            return [Bool](repeating: true, count: graph.nodes.count)
        }
        var kept = [Bool](repeating: false, count: graph.nodes.count)
        let ranked = graph.nodes.indices.sorted { a, b in
            let x = graph.nodes[a], y = graph.nodes[b]
            return x.mentionCount != y.mentionCount ? x.mentionCount > y.mentionCount : x.key < y.key
        }
        for i in ranked.prefix(max(limit, 0)) { kept[i] = true }
        return kept
    }

    /// Edges grouped by (source, target, relation), groups in order of
    /// their first edge.
    static func group(_ edges: [Int], index: GraphIndex) -> [[Int]] {
        struct Key: Hashable { var source: Int32, target: Int32, relation: Int32 }
        var position: [Key: Int] = [:]
        var groups: [[Int]] = []
        for i in edges {
            let key = Key(source: Int32(index.source(i)), target: Int32(index.target(i)),
                          relation: Int32(index.relation(i)))
            if let g = position[key] {
                groups[g].append(i)
            } else {
                position[key] = groups.count
                groups.append([i])
            }
        }
        return groups
    }

    /// How a relation's edges are drawn.
    struct RelationLook {
        var colour: StaticString
        var symmetric: Bool
    }

    private func writeHeader(_ w: DOTWriter, nodes: Int, edges: Int) {
        w.raw("// Parley knowledge graph: ")
        w.number(nodes)
        w.raw(" nodes, ")
        w.number(edges)
        w.raw(" edges.\n// Draw: dot -Tsvg graph.dot -o graph.svg (hover nodes and edges for evidence).\n")
        w.raw("// For big graphs (hundreds of nodes) use sfdp: sfdp -Tsvg graph.dot -o graph.svg\n")
        w.raw("digraph \"parley\" {\n  graph [")
        w.attribute("rankdir", "LR", first: true)
        w.attribute("overlap", "false")
        w.attribute("fontname", "Helvetica")
        w.attribute("fontsize", "11")
        w.attribute("charset", "UTF-8")
        w.attribute("outputorder", "edgesfirst")
        w.attribute("nodesep", "0.3")
        w.attribute("ranksep", "0.9")
        w.attribute("tooltip", "Parley knowledge graph")
        if nodes > Self.tuningThreshold {
            w.attribute("nslimit", "1")
            w.attribute("nslimit1", "1")
            w.attribute("mclimit", "0.1")
            w.attribute("splines", "line")
        }
        w.raw("];\n  node [")
        w.attribute("fontname", "Helvetica", first: true)
        w.attribute("fontsize", "10")
        w.attribute("style", "filled")
        w.attribute("penwidth", "1.2")
        w.raw("];\n  edge [")
        w.attribute("fontname", "Helvetica", first: true)
        w.attribute("fontsize", "8")
        w.attribute("arrowsize", "0.7")
        w.attribute("penwidth", "1.2")
        w.raw("];\n")
    }

    private func writeNode(_ node: Node, id: [UInt8], graph: CorpusGraph, into w: DOTWriter) {
        let look = DOTStyle.look(of: node.type)
        w.raw("  \"")
        w.raw(id)
        w.raw("\" [label=\"")
        DOTStyle.writeWrapped(node.label, into: w)
        w.raw("\", shape=\"")
        w.raw(look.shape)
        w.raw("\", fillcolor=\"")
        w.raw(look.fill)
        w.raw("\", color=\"")
        w.raw(look.border)
        w.raw("\", tooltip=\"")
        w.escaped(node.type.rawValue)
        if case .string(let category)? = node.attributes["category"], category != node.type.rawValue {
            w.raw(" (")
            w.escaped(category)
            w.raw(")")
        }
        w.raw(": ")
        w.escaped(node.label)
        if !node.aliases.isEmpty {
            w.raw("\\nalso: ")
            for (k, alias) in node.aliases.enumerated() {
                if k > 0 { w.raw(", ") }
                w.escaped(alias)
            }
        }
        w.raw("\\nmentions: ")
        w.number(node.mentionCount)
        w.raw(" in ")
        w.number(node.documents.count)
        w.raw(" document(s)\"];\n")
    }

    private func writeEdge(_ group: [Int], ids: [[UInt8]], graph: CorpusGraph, index: GraphIndex,
                           looks: [RelationLook], into w: DOTWriter) {
        let first = group[0]
        let look = looks[index.relation(first)]
        let negated = graph.edges[first].provenance.negated
        let modality = graph.edges[first].provenance.modality
        w.raw("  \"")
        w.raw(ids[index.source(first)])
        w.raw("\" -> \"")
        w.raw(ids[index.target(first)])
        w.raw("\" [color=\"")
        w.raw(look.colour)
        w.raw("\"")
        if negated {
            w.raw(", style=\"dashed\"")
        } else if modality != .asserted {
            w.raw(", style=\"dotted\"")
        }
        if look.symmetric { w.raw(", dir=\"none\"") }
        if group.count > 1 {
            w.raw(", penwidth=\"")
            w.raw(group.count >= 8 ? "3.2" : group.count >= 4 ? "2.6" : "2")
            w.raw("\"")
        }
        if edgeLabels {
            w.raw(", label=\"")
            w.escaped(graph.edges[first].relation.rawValue)
            if group.count > 1 {
                w.raw(" ×")
                w.number(group.count)
            }
            w.raw("\"")
        }
        w.raw(", tooltip=\"")
        w.escaped(graph.nodes[index.source(first)].label)
        w.raw(" ")
        w.escaped(graph.edges[first].relation.rawValue)
        w.raw(" ")
        w.escaped(graph.nodes[index.target(first)].label)
        for k in 0..<min(group.count, 3) {
            let e = group[k]
            w.raw(k == 0 ? "\\n\\n" : "\\n")
            if graph.edges[e].provenance.negated { w.raw("[negated] ") }
            if graph.edges[e].provenance.modality != .asserted {
                w.raw("[")
                w.escaped(graph.edges[e].provenance.modality.rawValue)
                w.raw("] ")
            }
            w.escaped(graph.edges[e].provenance.evidence)
            w.raw(" (")
            w.escaped(graph.documents[Int(graph.edges[e].provenance.document.rawValue)].name)
            w.raw(", sentence ")
            w.number(Int(graph.edges[e].provenance.sentence))
            w.raw(")")
        }
        if group.count > 3 {
            w.raw("\\n… and ")
            w.number(group.count - 3)
            w.raw(" more")
        }
        w.raw("\"];\n")
    }

    /// A cluster with one sample node per top class and one sample edge per
    /// relation present.
    private func writeLegend(_ w: DOTWriter, graph: CorpusGraph, relations: [(RelationName, RelationLook)]) {
        var prefix = "legend:"
        while graph.nodes.contains(where: { $0.key.rawValue.hasPrefix(prefix) }) { prefix = "_" + prefix }
        w.raw("  subgraph \"cluster_legend\" {\n    graph [")
        w.attribute("label", "Legend", first: true)
        w.attribute("style", "rounded")
        w.attribute("color", "#999999")
        w.attribute("fontsize", "10")
        w.raw("];\n")
        for type in DOTStyle.legendTypes {
            let look = DOTStyle.look(of: type)
            w.raw("    ")
            w.quoted(prefix + "type:" + type.rawValue)
            w.raw(" [")
            w.attribute("label", type.rawValue, first: true)
            w.raw(", shape=\"")
            w.raw(look.shape)
            w.raw("\", fillcolor=\"")
            w.raw(look.fill)
            w.raw("\", color=\"")
            w.raw(look.border)
            w.raw("\"];\n")
        }
        for (relation, look) in relations {
            let from = prefix + "relation:" + relation.rawValue + ":from"
            let to = prefix + "relation:" + relation.rawValue
            w.raw("    ")
            w.quoted(from)
            w.raw(" [label=\"\", shape=\"point\", width=\"0.06\", color=\"")
            w.raw(look.colour)
            w.raw("\", fillcolor=\"")
            w.raw(look.colour)
            w.raw("\"];\n    ")
            w.quoted(to)
            w.raw(" [")
            w.attribute("label", relation.rawValue, first: true)
            w.raw(", shape=\"plaintext\", style=\"\", fontcolor=\"")
            w.raw(look.colour)
            w.raw("\"];\n    ")
            w.quoted(from)
            w.raw(" -> ")
            w.quoted(to)
            w.raw(" [color=\"")
            w.raw(look.colour)
            w.raw("\"")
            if look.symmetric { w.raw(", dir=\"none\"") }
            w.raw("];\n")
        }
        w.raw("  }\n")
    }
}
