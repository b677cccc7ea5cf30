import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// Phase 2: each serializer writing a graph to a file through its public
/// `write(_:to:)` (atomic file, as `parley` does), timed, with the memory
/// writing adds over the graph.
struct SerializerBench {
    struct Run {
        var format: OutputFormat
        var bytes: Int
        var seconds: Double
        var cpu: Double
        /// Peak resident memory during the write minus resident memory before.
        var extraPeak: Int
        var path: String
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    }

    let ontology: Ontology
    let work: String
    let keepFiles: Bool
    let repeats: Int

    static let targets: [OutputFormat: Double] = [.graphml: 200, .rdfxml: 150, .dot: 300]

    func serializer(_ format: OutputFormat) -> any GraphSerializer {
        switch format {
        case .graphml: return GraphMLSerializer(ontology: ontology)
        case .rdfxml: return RDFXMLSerializer(ontology: ontology)
        case .dot: return DOTSerializer(ontology: ontology)
        default: return format.serializer(ontology: ontology)
        }
    }

    /// Writes `graph` in every format; `tag` names the files. Files named in
    /// `keep` stay (the peers read them), the others are removed unless
    /// `--keep-files`.
    func run(_ graph: CorpusGraph, tag: String, formats: [OutputFormat] = OutputFormat.allCases,
             keep: Set<OutputFormat> = []) throws -> [Run] {
        var runs: [Run] = []
        for format in formats {
            let path = work + "/\(tag).\(format.fileExtension)"
            let writer = serializer(format)
            let m = try Measure.best(of: repeats) { try writer.write(graph, to: path) }
            let run = Run(format: format, bytes: m.value.bytesWritten, seconds: m.seconds, cpu: m.cpu,
                          extraPeak: m.peak - m.residentBefore, path: path)
            runs.append(run)
            say("  \(format.rawValue): \(Format.mb(run.bytes)) MB in \(Format.seconds(run.seconds)) s = "
                  + "\(Format.rate(run.bytes, run.seconds)) MB/s (CPU \(Format.rate(run.bytes, run.cpu)) MB/s), "
                  + "+\(Format.mib(run.extraPeak)) MiB peak")
            if !keepFiles && !keep.contains(format) { try? FileManager.default.removeItem(atPath: path) }
        }
        return runs
    }
}
