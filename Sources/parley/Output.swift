import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// Writes a graph in the formats asked for into one folder, each file
/// atomically; any failure is fatal (exit 2), since a half-written set of
/// outputs is not what was asked for.
enum OutputFiles {
    /// `yEd` adds yFiles graphics to the GraphML (`--yed`).
    static func write(_ graph: CorpusGraph, formats: [OutputFormat], into folder: String, ontology: Ontology,
                      yEd: Bool = false, except protected: String? = nil) -> [SerializationReport] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Console.fail("cannot create the output folder \(folder): \(error.localizedDescription)")
        }
        var written: [SerializationReport] = []
        for format in formats {
            let path = (folder as NSString).appendingPathComponent(format.defaultFileName)
            if let protected, Self.samePath(path, protected) {
                Console.fail("\(path) is the input; write to another folder with --output")
            }
            do {
                let serializer = format == .graphml && yEd
                    ? GraphMLSerializer(ontology: ontology, yEd: true) as any GraphSerializer
                    : format.serializer(ontology: ontology)
                let report = try serializer.write(graph, to: path)
                for w in report.warnings { Console.warn("\(path): \(w)") }
                written.append(report)
            } catch {
                Console.fail("cannot write \(path): \(error)")
            }
        }
        return written
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
