import ParleyGraph

/// The edge lines of the DOT output: one per edge, or one per group of
/// parallel edges (same source, relation and target), found through the
/// graph's parallel-edge links rather than a table of the writer's own.
///
/// Lines are written in batches: the ends of a batch's edges are looked up
/// first, so the reads of nodes scattered over memory overlap instead of
/// waiting for each other, then the lines are written.
extension DOTSerializer {
    /// Edges looked up ahead of writing.
    static let batchSize = 64

    /// What drawing an edge needs, borrowed for the whole edge loop.
    struct EdgeContext {
        var nodes: NodeTable
        var records: UnsafeBufferPointer<EdgeRecord>
        var evidence: UnsafeBufferPointer<UInt8>
        var index: GraphIndex
        var looks: [RelationLook]
        var relationNames: ByteTable
        var documentNames: ByteTable
    }

    /// The key and label of both ends of one line, and which of the four
    /// need no escaping (bits 0–3).
    struct LineEnds {
        var sourceKey: UnsafeBufferPointer<UInt8>
        var sourceLabel: UnsafeBufferPointer<UInt8>
        var targetKey: UnsafeBufferPointer<UInt8>
        var targetLabel: UnsafeBufferPointer<UInt8>
        var plain: UInt8
    }

    /// Every line, in order of its first edge.
    func writeEdges(_ c: EdgeContext, kept: [Bool]?, into w: DOTWriter) {
        let n = Self.batchSize
        let batch = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        let ends = UnsafeMutableBufferPointer<LineEnds>.allocate(capacity: n)
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 4 * n)
        defer {
            batch.deallocate()
            ends.deallocate()
            words.deallocate()
        }
        var i = 0
        while i < c.records.count {
            var count = 0
            while count < n && i < c.records.count {
                let r = c.records[i]
                if (kept.map { $0[Int(r.source)] && $0[Int(r.target)] } ?? true)
                    && (!mergeParallelEdges || c.index.isFirstParallel(i)) {
                    batch[count] = i
                    count += 1
                }
                i += 1
            }
            // The ends' keys and labels, and their first words: a loop small
            // enough for the reads of many edges to overlap.
            for k in 0..<count {
                let r = c.records[batch[k]]
                let s = c.nodes.records[Int(r.source)], t = c.nodes.records[Int(r.target)]
                let line = LineEnds(sourceKey: c.nodes.keyBytes(s), sourceLabel: c.nodes.labelBytes(s),
                                    targetKey: c.nodes.keyBytes(t), targetLabel: c.nodes.labelBytes(t), plain: 0)
                ends[k] = line
                words[4 * k] = DOTWriter.firstWord(line.sourceKey)
                words[4 * k + 1] = DOTWriter.firstWord(line.sourceLabel)
                words[4 * k + 2] = DOTWriter.firstWord(line.targetKey)
                words[4 * k + 3] = DOTWriter.firstWord(line.targetLabel)
            }
            for k in 0..<count {
                var plain: UInt8 = 0
                if DOTWriter.isPlain(ends[k].sourceKey, first: words[4 * k]) { plain |= 1 }
                if DOTWriter.isPlain(ends[k].sourceLabel, first: words[4 * k + 1]) { plain |= 2 }
                if DOTWriter.isPlain(ends[k].targetKey, first: words[4 * k + 2]) { plain |= 4 }
                if DOTWriter.isPlain(ends[k].targetLabel, first: words[4 * k + 3]) { plain |= 8 }
                ends[k].plain = plain
            }
            for k in 0..<count { writeEdge(batch[k], ends[k], c, into: w) }
        }
    }

    /// The line of edge `first` and, when merging, of its parallel edges.
    func writeEdge(_ first: Int, _ ends: LineEnds, _ c: EdgeContext, into w: DOTWriter) {
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
        w.raw("  \"")
        w.text(ends.sourceKey, plain: ends.plain & 1 != 0)
        w.raw("\" -> \"")
        w.text(ends.targetKey, plain: ends.plain & 4 != 0)
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
        w.text(ends.sourceLabel, plain: ends.plain & 2 != 0)
        w.raw(" ")
        c.relationNames.write(relation, into: w)
        w.raw(" ")
        w.text(ends.targetLabel, plain: ends.plain & 8 != 0)
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
