import ArgumentParser
import Foundation
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// The `parley` command: parses, validates, calls the library, reports.
@main
struct Parley: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Turn news about ceasefire and peace negotiations into a typed knowledge graph.",
        discussion: """
        Reads articles (.txt and .md files, or folders of them), extracts actors, organizations, \
        proposals and conditions and the relations between them, and writes one graph over the \
        whole corpus as GraphML, RDF/XML and Graphviz DOT.

        With no INPUT, reads seeds/ and writes output/.

        Exit status: 0 when every document was read and every file written; 1 when some \
        documents could not be read (the graph of the others is still written); 2 when \
        nothing could be written (bad options, unreadable ontology, output folder not writable).
        """
    )

    @Argument(help: "Article files or folders of .txt/.md articles. Default: seeds/.")
    var inputs: [String] = []

    @Option(name: [.short, .long], help: "Folder the graph files are written to.")
    var output: String = "output"

    @Option(name: [.short, .long], parsing: .singleValue,
            help: "Formats to write, comma-separated: graphml, rdf, dot. Default: all three.")
    var format: [String] = []

    @Option(help: "Folder holding the ontology and lexicon. Default: ./ontology, or $PARLEY_ONTOLOGY.")
    var ontology: String?

    @Option(help: "Worker threads for extraction. Default: one per core.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Render the DOT file with Graphviz `dot` into this format too (svg or png).")
    var render: String?

    @Flag(help: "Print capitalised names and triggers that matched nothing, to grow the lexicon.")
    var reportUnmatched = false

    @Flag(help: "Print each sentence with the mentions and edges found in it.")
    var trace = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try formats()
        if let r = render, !["svg", "png", "pdf"].contains(r) {
            throw ValidationError("--render takes svg, png or pdf, not '\(r)'")
        }
    }

    func formats() throws -> [OutputFormat] {
        let names = format.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if names.isEmpty { return OutputFormat.allCases }
        var out: [OutputFormat] = []
        for name in names where !name.isEmpty {
            guard let f = OutputFormat(name: name) else {
                throw ValidationError("unknown format '\(name)'; choose from graphml, rdf, dot")
            }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }

    func run() throws {
        let loaded: Ontology
        let ontologyDirectory = ontology ?? OntologyLoader.defaultDirectory()
        do {
            loaded = try OntologyLoader.load(from: ontologyDirectory)
        } catch {
            Self.fail("cannot load the ontology from \(ontologyDirectory): \(error)")
        }

        let reader = DocumentReader()
        let (files, missing) = reader.collect(inputs.isEmpty ? ["seeds"] : inputs)
        var failures = missing.map(\.description)
        var documents: [SourceDocument] = []
        for path in files {
            do {
                let (document, warnings) = try reader.read(path: path)
                documents.append(document)
                for w in warnings { Self.warn(w.description) }
            } catch {
                failures.append(error.description)
            }
        }
        for f in failures { Self.warn(f) }

        let pipeline = ExtractionPipeline(ontology: loaded)
        if trace {
            for d in documents { print(pipeline.trace(d)) }
        }
        let (graph, extractions) = pipeline.run(documents, threads: threads)

        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            Self.fail("cannot create the output folder \(output): \(error.localizedDescription)")
        }
        var written: [SerializationReport] = []
        for f in try formats() {
            let path = (output as NSString).appendingPathComponent(f.defaultFileName)
            do {
                let report = try Self.serializer(f, loaded).write(graph, to: path)
                for w in report.warnings { Self.warn("\(path): \(w)") }
                written.append(report)
            } catch {
                Self.fail("cannot write \(path): \(error)")
            }
        }
        if let r = render {
            renderDOT(as: r)
        }
        if !quiet {
            print(Summary(documents: documents.count, failed: failures.count, graph: graph, written: written).text)
        }
        if reportUnmatched {
            print(UnmatchedReport(extractions: extractions).text)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    static func serializer(_ format: OutputFormat, _ ontology: Ontology) -> any GraphSerializer {
        switch format {
        case .graphml: return GraphMLSerializer(ontology: ontology)
        case .rdfxml: return RDFXMLSerializer(ontology: ontology)
        case .dot: return DOTSerializer(ontology: ontology)
        }
    }

    /// Runs Graphviz on the DOT file just written, or says how to get it.
    func renderDOT(as type: String) {
        let dotPath = (output as NSString).appendingPathComponent(OutputFormat.dot.defaultFileName)
        guard FileManager.default.fileExists(atPath: dotPath) else {
            Self.warn("--render needs the dot format; add dot to --format")
            return
        }
        let target = (output as NSString).appendingPathComponent("graph." + type)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dot", "-T" + type, dotPath, "-o", target]
        do {
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { Self.warn("dot could not render \(dotPath) (exit \(process.terminationStatus))") }
        } catch {
            Self.warn("Graphviz is not installed; install it (Debian: apt-get install graphviz) to use --render")
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("parley: " + message + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        warn(message)
        Foundation.exit(2)
    }
}
