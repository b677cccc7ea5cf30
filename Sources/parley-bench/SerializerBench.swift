import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization
import ParleyXML

/// Phase 2: each serializer writing a graph, timed twice: through its public
/// `write(_:to:)` (atomic: temporary file, fsync, rename, as `parley` does),
/// and streamed with `write(_:into:)` into a plain file (`XMLOutput(path:)`:
/// no fsync, no rename, like the peers' writers); with the memory writing
/// adds over the graph.
struct SerializerBench {
    struct Run {
        var format: OutputFormat
        var bytes: Int
        var seconds: Double
        var cpu: Double
        /// Peak resident memory during the write minus resident memory before.
        var extraPeak: Int
        /// Peak resident memory of the whole process during the write.
        var peak: Int
        var path: String
        /// The same graph streamed into a plain file: no fsync, no rename.
        var streamSeconds: Double
        var streamCPU: Double
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
        var streamMegabytesPerSecond: Double { Double(bytes) / 1e6 / streamSeconds }
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
            let streamPath = work + "/\(tag)-stream.\(format.fileExtension)"
            let null = try Measure.best(of: repeats) { () throws -> Int in
                let output = try XMLOutput(path: streamPath)
                let report = try writer.write(graph, into: output)
                try output.close()
                return report.bytesWritten
            }
            try? FileManager.default.removeItem(atPath: streamPath)
            let run = Run(format: format, bytes: m.value.bytesWritten, seconds: m.seconds, cpu: m.cpu,
                          extraPeak: max(m.peak - m.residentBefore, null.peak - null.residentBefore),
                          peak: max(m.peak, null.peak), path: path, streamSeconds: null.seconds, streamCPU: null.cpu)
            runs.append(run)
            say("  \(format.rawValue): \(Format.mb(run.bytes)) MB; to a file \(Format.seconds(run.seconds)) s = "
                  + "\(Format.rate(run.bytes, run.seconds)) MB/s (CPU \(Format.rate(run.bytes, run.cpu)) MB/s); "
                  + "streamed \(Format.seconds(run.streamSeconds)) s = \(Format.rate(run.bytes, run.streamSeconds)) MB/s "
                  + "(CPU \(Format.rate(run.bytes, run.streamCPU)) MB/s); +\(Format.mib(run.extraPeak)) MiB peak")
            if !keepFiles && !keep.contains(format) { try? FileManager.default.removeItem(atPath: path) }
        }
        return runs
    }
}
