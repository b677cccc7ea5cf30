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

/// `--render svg|png|pdf`: Graphviz `dot` on the DOT file just written.
enum Graphviz {
    static let installHint = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; Fedora: sudo dnf "
        + "install graphviz; macOS: brew install graphviz; others: https://graphviz.org/download/)"

    /// Renders; returns the file written, or nil after saying why not.
    static func render(_ dotPath: String, as type: String) -> String? {
        guard FileManager.default.fileExists(atPath: dotPath) else {
            Console.warn("--render needs the DOT file; add dot to --format")
            return nil
        }
        guard let dot = which("dot") else {
            Console.warn("Graphviz is not installed, so nothing was rendered; " + installHint
                         + ", then run: dot -T\(type) \(dotPath) -o \(renderedPath(dotPath, type))")
            return nil
        }
        let target = renderedPath(dotPath, type)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-T" + type, dotPath, "-o", target]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            Console.warn("cannot run \(dot): \(error.localizedDescription); " + installHint)
            return nil
        }
        guard process.terminationStatus == 0 else {
            Console.warn("dot could not render \(dotPath) (exit status \(process.terminationStatus)); for large "
                         + "graphs try: sfdp -T\(type) \(dotPath) -o \(target)")
            return nil
        }
        return target
    }

    static func renderedPath(_ dotPath: String, _ type: String) -> String {
        ((dotPath as NSString).deletingPathExtension as NSString).appendingPathExtension(type) ?? dotPath + "." + type
    }

    /// A program on the PATH.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
