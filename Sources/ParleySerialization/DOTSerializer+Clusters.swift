import ParleyGraph

/// The two clusters of the DOT output: nodes without relations, and the
/// legend. Both are laid out as grids with invisible edges (a chain per
/// row, left to right under `rankdir=LR`), so they stay compact instead of
/// stacking into one tall column.
extension DOTSerializer {
    /// More unlinked nodes than this are drawn as ordinary nodes.
    static let unlinkedClusterLimit = 300

    /// A prefix no node key starts with, for ids the writer invents.
    static func syntheticPrefix(_ base: String, avoiding nodes: NodeTable) -> String {
        var prefix = base
        while nodes.indices.contains(where: { i in
            // Bytes first: `hasPrefix` compares characters, so confirm with it.
            nodes.keyBytes(i).starts(with: prefix.utf8) && nodes.key(i).rawValue.hasPrefix(prefix)
        }) {
            prefix = "_" + prefix
        }
        return prefix
    }

    /// Nodes that no drawn edge touches, in a cluster, `columns` per row.
    func writeUnlinked(_ unlinked: [Int], _ nodes: NodeTable, into w: DOTWriter) {
        guard !unlinked.isEmpty else { return }
        guard unlinked.count <= Self.unlinkedClusterLimit else {
            for i in unlinked { writeNode(i, nodes, into: w) }
            return
        }
        openCluster("cluster_unlinked", label: "No relation found", style: "rounded,dashed", color: "#BBBBBB", into: w)
        for i in unlinked { writeNode(i, nodes, into: w, indent: "    ") }
        let rows = Self.gridRows(unlinked.count)
        for row in 0..<rows {
            let chain = stride(from: row, to: unlinked.count, by: rows).map { unlinked[$0] }
            guard chain.count > 1 else { continue }
            w.raw("    ")
            for (k, i) in chain.enumerated() {
                if k > 0 { w.raw(" -> ") }
                w.raw("\"")
                w.escaped(nodes.keyBytes(i), counting: false)
                w.raw("\"")
            }
            w.raw(" [style=\"invis\"];\n")
        }
        w.raw("  }\n")
    }

    /// `subgraph "name" { graph [label=…, style=…, color=…, fontsize="10"];`
    /// (the caller closes it).
    func openCluster(_ name: StaticString, label: String, style: String, color: String, into w: DOTWriter) {
        w.raw("  subgraph \"")
        w.raw(name)
        w.raw("\" {\n    graph [")
        w.attribute("label", label, first: true)
        w.attribute("style", style)
        w.attribute("color", color)
        w.attribute("fontsize", "10")
        w.raw("];\n")
    }

    /// Rows of a roughly square grid for `count` items (at least 1).
    static func gridRows(_ count: Int) -> Int {
        var rows = 1
        while rows * rows < count { rows += 1 }
        return rows
    }

    /// The four top classes as sample nodes, each relation present as its
    /// name in its colour after an arrow, and the two line styles.
    func writeLegend(_ w: DOTWriter, nodes: NodeTable, relations: [(RelationName, RelationLook)]) {
        let prefix = Self.syntheticPrefix("legend:", avoiding: nodes)
        openCluster("cluster_legend", label: "Legend", style: "rounded", color: "#999999", into: w)
        var entries: [String] = []
        for type in DOTStyle.legendTypes {
            let look = DOTStyle.look(of: type)
            let id = prefix + "type:" + type.rawValue
            entries.append(id)
            w.raw("    ")
            w.quoted(id)
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
            let id = prefix + "relation:" + relation.rawValue
            entries.append(id)
            w.raw("    ")
            w.quoted(id)
            w.raw(" [")
            w.attribute("label", (look.symmetric ? "— " : "→ ") + relation.rawValue, first: true)
            w.raw(", shape=\"plaintext\", style=\"\", fontcolor=\"")
            w.raw(look.colour)
            w.raw("\"];\n")
        }
        for (name, text) in [("style:negated", "dashed: negated"), ("style:possible", "dotted: possible or conditional")] {
            let id = prefix + name
            entries.append(id)
            w.raw("    ")
            w.quoted(id)
            w.raw(" [")
            w.attribute("label", text, first: true)
            w.raw(", shape=\"plaintext\", style=\"\", fontcolor=\"#555555\"];\n")
        }
        // Columns of four under the type column, chained row by row.
        let rows = 4
        for row in 0..<rows {
            let chain = stride(from: row, to: entries.count, by: rows).map { entries[$0] }
            guard chain.count > 1 else { continue }
            w.raw("    ")
            for (k, id) in chain.enumerated() {
                if k > 0 { w.raw(" -> ") }
                w.quoted(id)
            }
            w.raw(" [style=\"invis\"];\n")
        }
        w.raw("  }\n")
    }
}
