import Foundation
import ParleyExtraction
import ParleyGraph
import ParleySerialization

/// What a run did, printed as a table at the end (or as JSON with `--json`).
struct RunSummary: Encodable {
    struct Count: Encodable { var name: String; var count: Int }
    struct File: Encodable { var format: String; var path: String; var bytes: Int }

    var documentsRead: Int
    var documentsFailed: Int
    var failures: [String]
    var warnings: [String]
    var nodes: Int
    var edges: Int
    var nodesByType: [Count]
    var edgesByRelation: [Count]
    var files: [File]
    var seconds: Double
    var exitStatus: Int32

    init(documents: Int, failures: [String], warnings: [String], graph: CorpusGraph,
         written: [SerializationReport], seconds: Double) {
        documentsRead = documents
        documentsFailed = failures.count
        self.failures = failures
        self.warnings = warnings
        nodes = graph.nodeCount
        edges = graph.edgeCount
        let census = graph.census()
        nodesByType = census.nodes.map { Count(name: $0.0.rawValue, count: $0.1) }
        edgesByRelation = census.edges.map { Count(name: $0.0.rawValue, count: $0.1) }
        files = written.map { File(format: $0.format.cliName, path: $0.path, bytes: $0.bytesWritten) }
        self.seconds = (seconds * 1000).rounded() / 1000
        exitStatus = failures.isEmpty ? 0 : 1
    }

    var table: String {
        var out = "Documents: \(documentsRead) read"
            + (documentsFailed > 0 ? ", \(documentsFailed) failed" : "") + String(format: " in %.2f s\n\n", seconds)
        out += TextTable(["Node type", "Count"],
                         nodesByType.map { [$0.name, String($0.count)] } + [["total", String(nodes)]],
                         rightAligned: [1]).text + "\n"
        out += TextTable(["Relation", "Count"],
                         edgesByRelation.map { [$0.name, String($0.count)] } + [["total", String(edges)]],
                         rightAligned: [1]).text + "\n"
        out += TextTable(["Format", "File", "Bytes"], files.map { [$0.format, $0.path, String($0.bytes)] },
                         rightAligned: [2]).text
        return out
    }

    var json: String { JSONOutput.encode(self) }
}

/// Columns padded to their widest cell.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    var rightAligned: Set<Int>

    init(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : (c == row.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// JSON for scripts: sorted keys, no escaped slashes.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
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
