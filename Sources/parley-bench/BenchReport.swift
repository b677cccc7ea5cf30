import Foundation
import ParleyGraph
import ParleySerialization

/// The size and memory of one synthetic graph, kept after the graph is gone.
struct GraphFigures {
    var nodes: Int
    var edges: Int
    var nodeBytes: Int
    var edgeBytes: Int
    var bytesPerEdge: Double
    var edgeOnlyBytesPerEdge: Double
    var evidenceBytes: Double

    init(_ g: SyntheticGraph) {
        evidenceBytes = g.evidenceBytes
        nodes = g.graph.nodeCount
        edges = g.graph.edgeCount
        nodeBytes = g.nodeBytes
        edgeBytes = g.edgeBytes
        bytesPerEdge = g.bytesPerEdge
        edgeOnlyBytesPerEdge = g.edgeOnlyBytesPerEdge
    }

    var size: String { "\(Format.count(nodes)) nodes / \(Format.count(edges)) edges" }
}

/// Every figure of one run, and the tables printed at the end.
struct BenchReport {
    let options: BenchOptions
    var extraction: ExtractionBench.Result?
    var graph: GraphFigures?
    var serializers: [SerializerBench.Run] = []
    var peerGraph: GraphFigures?
    var parleyOnPeerGraph: [SerializerBench.Run] = []
    var peers: [PeerBench.Result] = []
    var totalSeconds = 0.0

    static func verdict(_ ok: Bool) -> String { ok ? "ok" : "BELOW TARGET" }

    func text() -> String {
        var parts = ["== Summary (targets from issue 4); MB = 10^6 bytes, MiB = 2^20 bytes"]
        if let x = extraction { parts.append(extractionTable(x)) }
        if let g = graph { parts.append(serializerTable(g)) }
        if let g = peerGraph { parts.append(peerTable(g)) }
        parts.append("Total run time \(String(format: "%.0f", totalSeconds)) s; load average at end \(Measure.loadAverage()). "
                     + (Measure.canResetPeak ? "" : "VmHWM could not be reset: peaks are since process start."))
        return parts.joined(separator: "\n\n")
    }

    func extractionTable(_ x: ExtractionBench.Result) -> String {
        let one = x.runs.first!
        let rows = x.runs.map { run -> [String] in
            let speedup = one.seconds / run.seconds
            let target: String, ok: Bool
            if run.threads == 1 {
                target = ">= 5 MB/s"; ok = Double(x.bytes) / 1e6 / run.seconds >= 5
            } else {
                target = ">= 1.7x of 1 thread"; ok = speedup >= 1.7
            }
            return ["\(run.threads)", Format.seconds(run.seconds), Format.rate(x.bytes, run.seconds),
                    String(format: "%.0f", Double(x.documents) / run.seconds), String(format: "%.2fx", speedup),
                    Format.rate(x.bytes, run.cpu), String(format: "%.2f", run.cpu / run.seconds),
                    Format.mib(run.peakOverCorpus), Format.mib(run.peak),
                    target, Self.verdict(ok)]
        }
        return """
            Extraction: \(Format.count(x.documents)) documents, \(Format.mb(x.bytes)) MB (\(Format.count(x.distinctTexts)) distinct \
            texts from \(x.seeds) seeds, corpus resident \(Format.mib(x.corpusResident)) MiB) -> \(Format.count(x.nodes)) nodes, \
            \(Format.count(x.edges)) edges
            \(Format.table(["threads", "seconds", "MB/s", "docs/s", "speedup", "MB/CPU-s", "cores used",
                            "peak over corpus MiB", "peak MiB", "target", ""], rows))
              "cores used" = CPU seconds / wall seconds: below the thread count when other work shares the machine.
              1 thread vs \(x.runs.last!.threads) threads: \(x.identical ? "identical" : "NOT IDENTICAL") (\(x.identicalNote))
            """
    }

    func serializerTable(_ g: GraphFigures) -> String {
        let rows = serializers.map { run -> [String] in
            let target = SerializerBench.targets[run.format] ?? 0
            return [name(run.format), Format.mb(run.bytes), Format.seconds(run.seconds), Format.rate(run.bytes, run.seconds),
                    Format.seconds(run.streamSeconds), Format.rate(run.bytes, run.streamSeconds),
                    Format.rate(run.bytes, run.streamCPU), Format.mib(run.extraPeak),
                    String(format: ">= %.0f MB/s", target),
                    "atomic " + Self.verdict(run.megabytesPerSecond >= target).lowercased()
                        + ", streamed " + Self.verdict(run.streamMegabytesPerSecond >= target).lowercased()]
        }
        let perEdge = String(format: "%.0f", g.bytesPerEdge)
        return """
            Serializers: synthetic graph of \(g.size); in memory \(Format.mib(g.nodeBytes + g.edgeBytes)) MiB = \
            \(perEdge) bytes per edge, nodes included (\(String(format: "%.0f", g.edgeOnlyBytesPerEdge)) for the edges \
            alone); target <= 300: \(Self.verdict(g.bytesPerEdge <= 300)). Evidence \(String(format: "%.0f", g.evidenceBytes)) \
            bytes on average; MemoryLayout stride: Edge \(MemoryLayout<Edge>.stride), Provenance \
            \(MemoryLayout<Provenance>.stride), Node \(MemoryLayout<Node>.stride) bytes.
            \(Format.table(["format", "MB", "atomic s", "atomic MB/s", "streamed s", "streamed MB/s", "MB/CPU-s",
                            "write adds MiB", "target", ""], rows))
              "atomic" = write(_:to:) as parley does it: temporary file, fsync, rename (waits for the disk);
              "streamed" = write(_:into:) an XMLOutput(path:) plain file, no fsync, as the peers write; MB/CPU-s for it.
              "write adds" = peak resident memory while writing minus resident memory before (target: a few MB).
            """
    }

    func peerTable(_ g: GraphFigures) -> String {
        var rows: [[String]] = []
        for format in [OutputFormat.graphml, .rdfxml] {
            guard let parley = parleyOnPeerGraph.first(where: { $0.format == format }) else { continue }
            rows.append(["Parley \(name(format)) (streamed)", Format.mb(parley.bytes), Format.seconds(parley.streamSeconds),
                         Format.rate(parley.bytes, parley.streamSeconds), Format.mib(parley.extraPeak),
                         Format.mib(parley.peak), "1.0x", "1.0x"])
            rows.append(["Parley \(name(format)) (atomic, fsync)", Format.mb(parley.bytes), Format.seconds(parley.seconds),
                         Format.rate(parley.bytes, parley.seconds), "", "", "", ""])
            for peer in peers where peer.format == format.rawValue || (peer.error != nil && isFormat(peer.peer, format)) {
                if let error = peer.error {
                    rows.append([peer.label, "failed: \(error)", "", "", "", "", "", ""])
                    continue
                }
                let speedup = peer.seconds / parley.streamSeconds
                let rateRatio = parley.streamMegabytesPerSecond / (Double(peer.bytes) / 1e6 / peer.seconds)
                rows.append([peer.label, Format.mb(peer.bytes), Format.seconds(peer.seconds),
                             Format.rate(peer.bytes, peer.seconds), peer.extraPeak.map(Format.mib) ?? "?",
                             Format.mib(peer.peak), String(format: "%.1fx", speedup), String(format: "%.1fx", rateRatio)])
            }
        }
        if let dot = parleyOnPeerGraph.first(where: { $0.format == .dot }) {
            rows.append(["Parley DOT (streamed; no peer run)", Format.mb(dot.bytes), Format.seconds(dot.streamSeconds),
                         Format.rate(dot.bytes, dot.streamSeconds), Format.mib(dot.extraPeak), Format.mib(dot.peak), "", ""])
        }
        return """
            Peers: every figure on the same graph of \(g.size) (in memory in Parley: \
            \(String(format: "%.0f", g.bytesPerEdge)) bytes per edge); writing step only, to a file
            \(Format.table(["writer", "MB", "seconds", "MB/s", "write adds MiB", "process peak MiB",
                            "Parley faster (time)", "Parley/peer (MB/s)"], rows))
              "Parley faster (time)" = peer seconds / Parley streamed seconds, the same graph, both writing a plain file
              without fsync; "Parley/peer (MB/s)" compares throughput (the files differ in size: indentation, prefixes,
              igraph writes every column on every element). "process peak" = the whole process while writing, the graph
              in memory included.
            \(peers.filter { $0.error == nil && $0.format == "graphml" }
                .map { "  columns of \($0.label) vs Parley's GraphML: \($0.columns)" }.joined(separator: "\n"))
            """
    }

    func name(_ format: OutputFormat) -> String {
        switch format {
        case .graphml: return "GraphML"
        case .rdfxml: return "RDF/XML"
        case .dot: return "DOT"
        case .ntriples: return "N-Triples"
        case .turtle: return "Turtle"
        case .neo4jNodes: return "Neo4j nodes CSV"
        case .neo4jRelationships: return "Neo4j relationships CSV"
        }
    }

    func isFormat(_ peer: String, _ format: OutputFormat) -> Bool {
        let rdf = peer == "rdflib" || peer == "pyoxigraph"
        return format == .rdfxml ? rdf : !rdf
    }
}
