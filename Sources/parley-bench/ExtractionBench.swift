import Foundation
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// Phase 1: extraction over a corpus of varied seed copies, on one thread
/// and on all cores, and the check that both give the same graph.
struct ExtractionBench {
    struct Run {
        var threads: Int
        var seconds: Double
        var cpu: Double
        var peakOverCorpus: Int
        var peak: Int
    }

    struct Result {
        var documents: Int
        var bytes: Int
        var distinctTexts: Int
        var seeds: Int
        var buildSeconds: Double
        var corpusResident: Int
        var runs: [Run]
        var nodes: Int
        var edges: Int
        var identical: Bool
        var identicalNote: String
    }

    let options: BenchOptions
    let ontology: Ontology
    let work: String

    func run() throws -> Result {
        let reader = DocumentReader()
        let (files, errors) = reader.collect(["seeds"])
        guard errors.isEmpty, !files.isEmpty else {
            throw BenchError.failed("cannot read seeds/ (run from the package root): \(errors)")
        }
        var seeds: [(name: String, text: String)] = []
        for path in files {
            do {
                let (document, _) = try reader.read(path: path)
                seeds.append((document.info.name, document.text))
            } catch {
                throw BenchError.failed("cannot read \(path): \(error)")
            }
        }
        let before = Measure.residentBytes()
        let t0 = Measure.now()
        let variants = CorpusVariants(seeds: seeds, lexicon: ontology.lexicon)
        let (documents, bytes, distinct) = variants.documents(megabytes: options.corpusMB, seed: options.seed)
        let buildSeconds = Measure.now() - t0
        let corpusResident = Measure.residentBytes() - before
        say("  corpus: \(Format.count(documents.count)) documents, \(Format.mb(bytes)) MB, "
              + "\(Format.count(distinct)) distinct texts, from \(seeds.count) seeds (built in \(Format.seconds(buildSeconds)) s)")

        let pipeline = ExtractionPipeline(ontology: ontology)
        _ = pipeline.run(Array(documents.prefix(seeds.count)), threads: 1)  // warm up the lexicon tables

        var runs: [Run] = []
        var graphs: [CorpusGraph] = []
        for threads in [1, options.threads] where runs.isEmpty || threads != 1 {
            let m = Measure.best(of: options.repeats) { pipeline.run(documents, threads: threads).graph }
            runs.append(Run(threads: threads, seconds: m.seconds, cpu: m.cpu,
                            peakOverCorpus: m.peak - m.residentBefore, peak: m.peak))
            graphs.append(m.value)
            say("  \(threads) thread(s): \(Format.seconds(m.seconds)) s, \(Format.rate(bytes, m.seconds)) MB/s, "
                  + "\(String(format: "%.0f", Double(documents.count) / m.seconds)) documents/s")
        }
        let (identical, note) = try compare(graphs)
        return Result(documents: documents.count, bytes: bytes, distinctTexts: distinct, seeds: seeds.count,
                      buildSeconds: buildSeconds, corpusResident: corpusResident, runs: runs,
                      nodes: graphs[0].nodeCount, edges: graphs[0].edgeCount, identical: identical,
                      identicalNote: note)
    }

    /// Same nodes, edges and documents, and the same GraphML bytes.
    func compare(_ graphs: [CorpusGraph]) throws -> (Bool, String) {
        guard graphs.count > 1 else {
            if options.keepFiles { _ = try GraphMLSerializer(ontology: ontology).write(graphs[0], to: work + "/extraction-1.graphml") }
            return (true, "only one run")
        }
        let a = graphs[0], b = graphs[graphs.count - 1]
        let sameModel = a.documents == b.documents && a.nodes == b.nodes && a.edges == b.edges
        let serializer = GraphMLSerializer(ontology: ontology)
        let pathA = work + "/extraction-1.graphml", pathB = work + "/extraction-n.graphml"
        let report = try serializer.write(a, to: pathA)
        _ = try serializer.write(b, to: pathB)
        let sameBytes = FileManager.default.contentsEqual(atPath: pathA, andPath: pathB)
        if !options.keepFiles {
            try? FileManager.default.removeItem(atPath: pathA)
            try? FileManager.default.removeItem(atPath: pathB)
        }
        let note = "graph values \(sameModel ? "equal" : "DIFFER"), GraphML (\(Format.mb(report.bytesWritten)) MB) "
            + (sameBytes ? "byte-identical" : "DIFFERS")
        return (sameModel && sameBytes, note)
    }
}
