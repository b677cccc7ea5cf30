import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// `parley-bench`: extraction speed on a corpus of varied seed copies (one
/// thread and all cores), serializer speed and memory on a large synthetic
/// graph, and the peers (NetworkX, igraph, rdflib, Oxigraph) writing the
/// same graph in the same run. Prints figures; times nothing in tests.
@main
struct ParleyBench {
    static func main() {
        let options: BenchOptions
        do {
            options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch BenchError.help {
            print(BenchOptions.usage)
            return
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
        do {
            try run(options)
        } catch {
            FileHandle.standardError.write(Data("parley-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: BenchOptions) throws {
        let work = options.work ?? NSTemporaryDirectory() + "parley-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if !options.keepFiles && options.work == nil { try? FileManager.default.removeItem(atPath: work) } }
        let started = Measure.now()
        say("Parley benchmark, \(Date())")
        say("machine: \(Measure.machine()); load average at start \(Measure.loadAverage())")
        say("files written to \(work); each Parley figure is the fastest of \(options.repeats) run(s)")
        let ontology = try OntologyLoader.load(from: options.ontology ?? OntologyLoader.defaultDirectory())
        var report = BenchReport(options: options)

        if !options.skip.contains("extraction") {
            say("\n== 1. Extraction")
            report.extraction = try ExtractionBench(options: options, ontology: ontology, work: work).run()
        }
        let serializers = SerializerBench(ontology: ontology, work: work, keepFiles: options.keepFiles,
                                      repeats: options.repeats)
        if !options.skip.contains("serializers") {
            say("\n== 2. Serializers: synthetic graph of \(Format.count(options.nodes)) nodes, \(Format.count(options.edges)) edges")
            let synthetic = SyntheticGraph.make(nodes: options.nodes, edges: options.edges, seed: options.seed)
            report.graph = GraphFigures(synthetic)
            say("  built in \(Format.seconds(synthetic.seconds)) s: nodes \(Format.mib(synthetic.nodeBytes)) MiB, "
                  + "edges \(Format.mib(synthetic.edgeBytes)) MiB resident, "
                  + String(format: "%.0f bytes per edge (%.0f for the edges alone)", synthetic.bytesPerEdge,
                           synthetic.edgeOnlyBytesPerEdge))
            let formats = try options.formats.map { name -> OutputFormat in
                guard let f = OutputFormat(name: name) else { throw BenchError.usage("unknown format \(name)") }
                return f
            }
            report.serializers = try serializers.run(synthetic.graph, tag: "synthetic", formats: formats)
        }
        if !options.skip.contains("peers") {
            say("\n== 3. Peers: synthetic graph of \(Format.count(options.peerNodes)) nodes, "
                  + "\(Format.count(options.peerEdges)) edges (same generator and seed), written by Parley and by each peer")
            let peerGraph = SyntheticGraph.make(nodes: options.peerNodes, edges: options.peerEdges, seed: options.seed)
            report.peerGraph = GraphFigures(peerGraph)
            report.parleyOnPeerGraph = try serializers.run(peerGraph.graph, tag: "peer", formats: [.graphml, .rdfxml, .dot],
                                                        keep: [.graphml, .rdfxml])
            try PeerExport.write(peerGraph.graph, ontology: ontology, into: work)
            report.peers = PeerBench(options: options, work: work).run()
        }
        report.totalSeconds = Measure.now() - started
        say("\n" + report.text())
    }
}
