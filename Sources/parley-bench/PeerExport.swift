import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// Writes a graph in a neutral form the peer script loads quickly: one JSON
/// array per line for nodes and for edges (the values Parley's GraphML
/// carries, before formatting), and a small `graph.json` with the counts.
/// The RDF peers load Parley's own RDF/XML of the same graph instead, so
/// they serialize exactly the triples Parley wrote.
enum PeerExport {
    static func write(_ graph: CorpusGraph, ontology: Ontology, into folder: String) throws {
        let iris = ParleyIRI.nodeIRIs(graph, ontology: ontology)
        var out = LineWriter(path: folder + "/nodes.jsonl")
        for (i, node) in graph.nodes.enumerated() {
            var category = node.type.rawValue
            if case .string(let c)? = node.attributes["category"] { category = c }
            out.raw("[")
            out.string(node.key.rawValue); out.raw(",")
            out.string(node.type.rawValue); out.raw(",")
            out.string(node.label); out.raw(",")
            out.string(category); out.raw(",")
            out.list(node.aliases); out.raw(",")
            out.raw(String(node.mentionCount)); out.raw(",")
            out.list(node.documents.map { graph.documents[Int($0.rawValue)].name }); out.raw(",")
            out.string(iris[i]); out.raw(",{")
            var first = true
            for name in node.attributes.keys.sorted() where name != "category" {
                if !first { out.raw(",") }
                first = false
                out.string(name)
                out.raw(":")
                switch node.attributes[name]! {
                case .string(let s): out.string(s)
                case .int(let n): out.raw(String(n))
                case .double(let d): out.raw(d.isFinite ? d.description : "null")
                case .bool(let b): out.raw(b ? "true" : "false")
                }
            }
            out.raw("}]\n")
        }
        try out.close()

        var position: [NodeKey: Int] = [:]
        for (i, node) in graph.nodes.enumerated() { position[node.key] = i }
        out = LineWriter(path: folder + "/edges.jsonl")
        for edge in graph.edges {
            let p = edge.provenance
            out.raw("[\(position[edge.source]!),\(position[edge.target]!),")
            out.string(edge.relation.rawValue); out.raw(",")
            out.string(p.evidence); out.raw(",")
            out.string(graph.documents[Int(p.document.rawValue)].name); out.raw(",")
            out.string(graph.documents[Int(p.document.rawValue)].path); out.raw(",")
            let info = graph.documents[Int(p.document.rawValue)]
            for value in [info.title, info.url, info.date] {
                if let value { out.string(value) } else { out.raw("null") }
                out.raw(",")
            }
            out.raw("\(p.sentence),\(p.start),\(p.end),\(p.confidence.description),")
            out.string(p.modality.rawValue)
            out.raw(p.negated ? ",true," : ",false,")
            out.string(p.trigger); out.raw(",")
            if let a = p.attribution { out.string(a) } else { out.raw("null") }
            out.raw("]\n")
        }
        try out.close()

        out = LineWriter(path: folder + "/graph.json")
        out.raw("{\"nodes\": \(graph.nodeCount), \"edges\": \(graph.edgeCount), \"statement_base\": ")
        out.string(ParleyIRI.statementIRI(edge: 0, ontology: ontology).dropLast().description)
        out.raw("}\n")
        try out.close()
    }
}

/// A buffered UTF-8 file writer with JSON string escaping.
struct LineWriter {
    let path: String
    var buffer: [UInt8] = []
    var handle: FileHandle?

    init(path: String) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func raw(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func string(_ s: String) {
        buffer.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: buffer.append(0x5C); buffer.append(0x22)
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: buffer.append(b)
            }
        }
        buffer.append(0x22)
    }

    mutating func list(_ items: [String]) {
        buffer.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            string(item)
        }
        buffer.append(0x5D)
    }

    mutating func flush() {
        handle?.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        guard handle != nil else { throw BenchError.failed("cannot write \(path)") }
        flush()
        try handle?.close()
        handle = nil
    }
}
