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
        let kept = keptNodes(graph)
        let keptCount = kept.lazy.filter { $0 }.count
        var edges = [Int]()
        edges.reserveCapacity(graph.edges.count)
        for i in graph.edges.indices where kept[index.source(i)] && kept[index.target(i)] { edges.append(i) }
        let groups = mergeParallelEdges ? EdgeGroups(merging: edges, index: index) : EdgeGroups(single: edges)
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
        var present = [Bool](repeating: false, count: index.relations.count)
        for i in edges { present[index.relation(i)] = true }

        writeHeader(w, nodes: keptCount, edges: edges.count)
        var ids = ByteTable(count: graph.nodes.count)
        var labels = ByteTable(count: graph.nodes.count)
        var linked = [Bool](repeating: false, count: graph.nodes.count)
        for i in edges {
            linked[index.source(i)] = true
            linked[index.target(i)] = true
        }
        var unlinked: [Int] = []
        for i in graph.nodes.indices where kept[i] {
            let (bytes, replaced) = DOTWriter.escapedBytes(graph.nodes[i].key.rawValue)
            output.noteReplacements(replaced)
            ids.set(i, bytes)
            labels.set(i, DOTWriter.escapedBytes(graph.nodes[i].label).bytes)
            if linked[i] {
                writeNode(graph.nodes[i], id: bytes, graph: graph, into: w)
            } else {
                unlinked.append(i)
            }
        }
        writeUnlinked(unlinked, ids: ids, graph: graph, into: w)
        graph.edges.withUnsafeBufferPointer { edgeBuffer in
            do {
                let context = EdgeContext(edges: edgeBuffer, index: index, ids: ids, labels: labels, looks: looks,
                                          relationNames: relationNames, documentNames: documentNames)
                for g in 0..<groups.count { writeEdge(groups[g], context, into: w) }
            }
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

    func writeNode(_ node: Node, id: [UInt8], graph: CorpusGraph, into w: DOTWriter, indent: StaticString = "  ") {
        let look = DOTStyle.look(of: node.type)
        w.raw(indent)
        w.raw("\"")
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

    /// What drawing an edge needs, borrowed for the whole edge loop.
    struct EdgeContext {
        var edges: UnsafeBufferPointer<Edge>
        var index: GraphIndex
        var ids: ByteTable
        /// Node labels, escaped (replacements were counted with the nodes).
        var labels: ByteTable
        var looks: [RelationLook]
        var relationNames: ByteTable
        var documentNames: ByteTable
    }

    private func writeEdge(_ group: ArraySlice<Int32>, _ c: EdgeContext, into w: DOTWriter) {
        let first = Int(group[group.startIndex])
        let relation = c.index.relation(first)
        let look = c.looks[relation]
        w.raw("  \"")
        c.ids.write(c.index.source(first), into: w)
        w.raw("\" -> \"")
        c.ids.write(c.index.target(first), into: w)
        w.raw("\" [color=\"")
        w.raw(look.colour)
        w.raw("\"")
        if c.edges[first].provenance.negated {
            w.raw(", style=\"dashed\"")
        } else if c.edges[first].provenance.modality != .asserted {
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
            c.relationNames.write(relation, into: w)
            if group.count > 1 {
                w.raw(" ×")
                w.number(group.count)
            }
            w.raw("\"")
        }
        w.raw(", tooltip=\"")
        c.labels.write(c.index.source(first), into: w)
        w.raw(" ")
        c.relationNames.write(relation, into: w)
        w.raw(" ")
        c.labels.write(c.index.target(first), into: w)
        for e in group.prefix(3) {
            let e = Int(e)
            w.raw(e == first ? "\\n\\n" : "\\n")
            if c.edges[e].provenance.negated { w.raw("[negated] ") }
            switch c.edges[e].provenance.modality {
            case .asserted: break
            case .possible: w.raw("[possible] ")
            case .conditional: w.raw("[conditional] ")
            }
            w.escaped(c.edges[e].provenance.evidence)
            w.raw(" (")
            c.documentNames.write(Int(c.edges[e].provenance.document.rawValue), into: w)
            w.raw(", sentence ")
            w.number(Int(c.edges[e].provenance.sentence))
            w.raw(")")
        }
        if group.count > 3 {
            w.raw("\\n… and ")
            w.number(group.count - 3)
            w.raw(" more")
        }
        w.raw("\"];\n")
    }
}

/// Edges drawn as one line each: groups of edge positions, stored flat.
struct EdgeGroups {
    private var members: [Int32] = []
    private var starts: [Int32] = [0]

    var count: Int { starts.count - 1 }

    subscript(_ g: Int) -> ArraySlice<Int32> { members[Int(starts[g])..<Int(starts[g + 1])] }

    /// One group per edge.
    init(single edges: [Int]) {
        members = edges.map { Int32($0) }
        starts = Array(0...Int32(edges.count))
    }

    /// Parallel edges of one relation (same source, target and relation)
    /// together, groups in order of their first edge.
    init(merging edges: [Int], index: GraphIndex) {
        struct Key: Hashable { var source: Int32, target: Int32, relation: Int32 }
        var position: [Key: Int32] = [:]
        position.reserveCapacity(edges.count)
        var groupOf = [Int32]()
        groupOf.reserveCapacity(edges.count)
        var sizes = [Int32]()
        for i in edges {
            let key = Key(source: Int32(index.source(i)), target: Int32(index.target(i)),
                          relation: Int32(index.relation(i)))
            if let g = position[key] {
                groupOf.append(g)
                sizes[Int(g)] += 1
            } else {
                position[key] = Int32(sizes.count)
                groupOf.append(Int32(sizes.count))
                sizes.append(1)
            }
        }
        starts = [Int32](repeating: 0, count: sizes.count + 1)
        for g in sizes.indices { starts[g + 1] = starts[g] + sizes[g] }
        var fill = Array(starts.dropLast())
        members = [Int32](repeating: 0, count: edges.count)
        for (k, i) in edges.enumerated() {
            let g = Int(groupOf[k])
            members[Int(fill[g])] = Int32(i)
            fill[g] += 1
        }
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

    /// `"id"`.
    func writeQuoted(_ i: Int, into w: DOTWriter) {
        w.out.write(byte: 0x22)
        write(i, into: w)
        w.out.write(byte: 0x22)
    }

    @inline(__always)
    func write(_ i: Int, into w: DOTWriter) {
        let r = ranges[i]
        bytes.withUnsafeBytes { w.out.write(UnsafeRawBufferPointer(rebasing: $0[Int(r.start)..<Int(r.end)])) }
    }
}
