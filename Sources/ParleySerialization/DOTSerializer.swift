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
/// - Nodes without any relation are gathered in a grid cluster ("No
///   relation found") instead of one tall column; the legend is a compact
///   grid too (see `DOTSerializer+Clusters.swift`).
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
        let kept = index.nodes.withTable { keptNodes($0) }
        let keptCount = kept.map { $0.lazy.filter { $0 }.count } ?? graph.nodes.count
        // Edges drawn, nodes they touch, relations they show.
        var linked = [Bool](repeating: false, count: graph.nodes.count)
        var present = [Bool](repeating: false, count: index.relations.count)
        var drawn = 0
        graph.edgeStore.withStorage { records, _ in
            for r in records where kept.map({ $0[Int(r.source)] && $0[Int(r.target)] }) ?? true {
                drawn += 1
                linked[Int(r.source)] = true
                linked[Int(r.target)] = true
                present[index.relation(of: r)] = true
            }
        }
        let colourOf = DOTStyle.relationColours(for: index.relations, ontology: ontology)
        let looks = index.relations.map { relation in
            RelationLook(colour: colourOf[relation] ?? "#000000",
                         symmetric: ontology.relation(relation)?.symmetric == true)
        }
        var relationNames = ByteTable(count: index.relations.count)
        for (k, relation) in index.relations.enumerated() {
            relationNames.set(k, DOTWriter.escapedBytes(relation.rawValue).bytes)
        }
        var documentNames = ByteTable(count: graph.documents.count)
        for (k, document) in graph.documents.enumerated() {
            let (bytes, replaced) = DOTWriter.escapedBytes(DocumentMetadata.dotTooltip(document))
            output.noteReplacements(replaced)
            documentNames.set(k, bytes)
        }

        writeHeader(w, nodes: keptCount, edges: drawn)
        var unlinked: [Int] = []
        index.nodes.withTable { nodes in
            for i in nodes.indices where kept?[i] ?? true {
                if linked[i] {
                    writeNode(i, nodes, into: w)
                } else {
                    unlinked.append(i)
                }
            }
            writeUnlinked(unlinked, nodes, into: w)
            graph.edgeStore.withStorage { records, evidence in
                let context = EdgeContext(nodes: nodes, records: records, evidence: evidence, index: index,
                                          looks: looks, relationNames: relationNames, documentNames: documentNames)
                writeEdges(context, kept: kept, into: w)
            }
        }
        if legend {
            let shown = index.relations.indices.filter { present[$0] }.sorted { index.relations[$0] < index.relations[$1] }
            index.nodes.withTable { writeLegend(w, nodes: $0, relations: shown.map { (index.relations[$0], looks[$0]) }) }
        }
        w.raw("}\n")

        var report = SerializationReport(
            format: .dot, bytesWritten: output.bytesWritten - startBytes, nodes: keptCount, edges: drawn,
            replacedCharacters: output.replacementCount - startReplacements)
        if keptCount < graph.nodes.count {
            report.warnings.append("DOT output keeps the \(keptCount) most mentioned of \(graph.nodes.count) nodes "
                + "and \(drawn) of \(graph.edgeCount) edges.")
        }
        if keptCount > Self.warningThreshold {
            report.warnings.append("The graph has \(keptCount) nodes and \(drawn) edges: `dot` may not finish; "
                + "draw it with `sfdp -Tsvg` (or `neato`), or limit the nodes drawn.")
        }
        report.addCountWarnings()
        return report
    }

    /// Which nodes are drawn: nil for all, or the `maxNodes` most mentioned.
    private func keptNodes(_ nodes: NodeTable) -> [Bool]? {
        guard let limit = maxNodes, limit < nodes.count else { return nil }
        var kept = [Bool](repeating: false, count: nodes.count)
        let keys = nodes.indices.map { nodes.key($0) }
        let ranked = nodes.indices.sorted { a, b in
            let x = nodes.mentionCount(a), y = nodes.mentionCount(b)
            return x != y ? x > y : keys[a] < keys[b]
        }
        for i in ranked.prefix(max(limit, 0)) { kept[i] = true }
        return kept
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

    /// `"id" [label=…, shape=…, tooltip=…];` for `nodes[i]`; counts the
    /// replacements in its id, label and tooltip.
    func writeNode(_ i: Int, _ nodes: NodeTable, into w: DOTWriter, indent: StaticString = "  ") {
        let type = nodes.type(i)
        let look = DOTStyle.look(of: type)
        w.raw(indent)
        w.raw("\"")
        w.escaped(nodes.keyBytes(i))
        w.raw("\" [label=\"")
        DOTStyle.writeWrapped(nodes.labelBytes(i), into: w)
        w.raw("\", shape=\"")
        w.raw(look.shape)
        w.raw("\", fillcolor=\"")
        w.raw(look.fill)
        w.raw("\", color=\"")
        w.raw(look.border)
        w.raw("\", tooltip=\"")
        w.escaped(type.rawValue)
        if case .string(let category)? = nodes.attributeSets[Int(nodes.records[i].attributes)]["category"],
           category != type.rawValue {
            w.raw(" (")
            w.escaped(category)
            w.raw(")")
        }
        w.raw(": ")
        w.escaped(nodes.labelBytes(i))
        if nodes.records[i].aliasCount > 0 {
            w.raw("\\nalso: ")
            for (k, alias) in nodes.aliases(i).enumerated() {
                if k > 0 { w.raw(", ") }
                w.escaped(alias)
            }
        }
        w.raw("\\nmentions: ")
        w.number(nodes.mentionCount(i))
        w.raw(" in ")
        w.number(Int(nodes.records[i].documentCount))
        w.raw(" document(s)\"];\n")
    }
}

/// Escaped byte strings (node ids, names) by position, in one buffer, so
/// writing one is a copy without reference counting.
struct ByteTable {
    private var bytes: [UInt8] = []
    private var ranges: [(start: Int32, end: Int32)]

    init(count: Int) { ranges = Array(repeating: (0, 0), count: count) }

    mutating func set(_ i: Int, _ value: [UInt8]) {
        ranges[i] = (Int32(bytes.count), Int32(bytes.count + value.count))
        bytes += value
    }

    @inline(__always)
    func write(_ i: Int, into w: DOTWriter) {
        let r = ranges[i]
        bytes.withUnsafeBytes { w.out.write(UnsafeRawBufferPointer(rebasing: $0[Int(r.start)..<Int(r.end)])) }
    }
}
