import ParleyExtraction
import ParleyGraph
import ParleySerialization

/// The few lines `parley` prints after a run.
struct Summary {
    let documents: Int
    let failed: Int
    let graph: CorpusGraph
    let written: [SerializationReport]

    var text: String {
        let census = graph.census()
        var lines = ["Read \(documents) document(s)" + (failed > 0 ? ", \(failed) failed" : "") + "."]
        lines.append("Nodes: \(graph.nodeCount) (" + census.nodes.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")")
        lines.append("Edges: \(graph.edgeCount) (" + census.edges.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")")
        for r in written {
            lines.append("Wrote \(r.path) (\(r.bytesWritten) bytes)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Names and triggers that matched nothing, most frequent first, so a user
/// can see what to add to the lexicon.
struct UnmatchedReport {
    let extractions: [DocumentExtraction]

    var text: String {
        func ranked(_ items: [String]) -> [String] {
            var counts: [String: Int] = [:]
            for i in items { counts[i, default: 0] += 1 }
            return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "  \($0.value)\t\($0.key)" }
        }
        let names = ranked(extractions.flatMap(\.unmatchedNames))
        let triggers = ranked(extractions.flatMap(\.unmatchedTriggers))
        return (["Names that matched no lexicon entry:"] + (names.isEmpty ? ["  none"] : names)
            + ["Triggers with no subject or object:"] + (triggers.isEmpty ? ["  none"] : triggers)).joined(separator: "\n")
    }
}
