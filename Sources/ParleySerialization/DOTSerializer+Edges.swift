import ParleyGraph

/// The edge lines of the DOT output: one per edge, or one per group of
/// parallel edges (same source, relation and target), found through the
/// graph's parallel-edge links rather than a table of the writer's own.
extension DOTSerializer {
    /// What drawing an edge needs, borrowed for the whole edge loop.
    struct EdgeContext {
        var nodes: UnsafeBufferPointer<Node>
        var records: UnsafeBufferPointer<EdgeRecord>
        var evidence: UnsafeBufferPointer<UInt8>
        var index: GraphIndex
        var looks: [RelationLook]
        var relationNames: ByteTable
        var documentNames: ByteTable
    }

    /// The line of edge `first` and, when merging, of its parallel edges.
    func writeEdge(_ first: Int, _ c: EdgeContext, into w: DOTWriter) {
        let head = c.records[first]
        // The group: its size, and the second and third edges for the tooltip.
        var count = 1
        var shown = (first, 0, 0)
        if mergeParallelEdges {
            var e = c.index.nextParallel(first)
            while e != 0 {
                if count == 1 { shown.1 = e } else if count == 2 { shown.2 = e }
                count += 1
                e = c.index.nextParallel(e)
            }
        }
        let relation = c.index.relation(of: head)
        let look = c.looks[relation]
        let source = Int(head.source), target = Int(head.target)
        w.raw("  \"")
        w.escaped(c.nodes[source].key.rawValue, counting: false)
        w.raw("\" -> \"")
        w.escaped(c.nodes[target].key.rawValue, counting: false)
        w.raw("\" [color=\"")
        w.raw(look.colour)
        w.raw("\"")
        if head.negated {
            w.raw(", style=\"dashed\"")
        } else if head.modality != .asserted {
            w.raw(", style=\"dotted\"")
        }
        if look.symmetric { w.raw(", dir=\"none\"") }
        if count > 1 {
            w.raw(", penwidth=\"")
            w.raw(count >= 8 ? "3.2" : count >= 4 ? "2.6" : "2")
            w.raw("\"")
        }
        if edgeLabels {
            w.raw(", label=\"")
            c.relationNames.write(relation, into: w)
            if count > 1 {
                w.raw(" ×")
                w.number(count)
            }
            w.raw("\"")
        }
        w.raw(", tooltip=\"")
        w.escaped(c.nodes[source].label, counting: false)
        w.raw(" ")
        c.relationNames.write(relation, into: w)
        w.raw(" ")
        w.escaped(c.nodes[target].label, counting: false)
        writeEvidence(shown.0, first: true, c, into: w)
        if count > 1 { writeEvidence(shown.1, first: false, c, into: w) }
        if count > 2 { writeEvidence(shown.2, first: false, c, into: w) }
        if count > 3 {
            w.raw("\\n… and ")
            w.number(count - 3)
            w.raw(" more")
        }
        w.raw("\"];\n")
    }

    /// One edge's evidence in the tooltip, after a blank line for the first.
    @inline(__always)
    private func writeEvidence(_ e: Int, first: Bool, _ c: EdgeContext, into w: DOTWriter) {
        let r = c.records[e]
        w.raw(first ? "\\n\\n" : "\\n")
        if r.negated { w.raw("[negated] ") }
        switch r.modality {
        case .asserted: break
        case .possible: w.raw("[possible] ")
        case .conditional: w.raw("[conditional] ")
        }
        w.escaped(UnsafeBufferPointer(rebasing: c.evidence[r.evidenceOffset..<r.evidenceOffset + Int(r.evidenceCount)]))
        w.raw(" (")
        c.documentNames.write(Int(r.document), into: w)
        w.raw(", sentence ")
        w.number(Int(r.sentence))
        w.raw(")")
    }
}
