import ArgumentParser
import Foundation
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// `parley extract` (the default command): articles in, graph files out.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read articles and write their knowledge graph (the default command).",
        discussion: """
        INPUT is a file, a folder (searched recursively for .txt, .md, .html, .htm, .xml, .rss, .atom, \
        .jsonl and .ndjson files, read in path order) or - for standard input (text, or JSON Lines when \
        it starts with {). Saved pages give their headline and article text; feeds one document per item \
        (named file#1, file#2…); JSON Lines one article per line with "id" and "text" (and optionally \
        "title", "url", "date"). Titles, links and dates go into every output format.

        Without --format, writes graph.graphml, graph.rdf and graph.dot. graph.nt, graph.ttl and the \
        Neo4j pair neo4j-nodes.csv / neo4j-relationships.csv are written on request.
        """
    )

    @Argument(help: ArgumentHelp("Article files, folders of articles, or - for standard input. Default: seeds/.",
                                 valueName: "input"),
              completion: .file(extensions: Array(ArticleReader.extensions).sorted()))
    var inputs: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Folder the graph files are written to.", valueName: "dir"),
            completion: .directory)
    var output: String = "output"

    @Option(name: [.short, .long], parsing: .singleValue,
            help: ArgumentHelp(FormatList.help + " Default: graphml,rdf,dot.", valueName: "formats"))
    var format: [String] = []

    @OptionGroup var ontology: OntologyOption

    @Option(help: "Worker threads for extraction. Default: one per core.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Also render the DOT file with Graphviz `dot` (svg, png or pdf); if Graphviz is "
                               + "missing, says how to install it.", valueName: "type"))
    var render: String?

    @Flag(name: .customLong("yed"), help: ArgumentHelp("Add yEd graphics (shapes, colours, labels) to the GraphML, so yEd shows "
          + "the graph styled; other tools ignore them, but the file no longer validates against the plain GraphML schema."))
    var yEd = false

    @Flag(help: "Print capitalised names and triggers that matched nothing, to grow the lexicon.")
    var reportUnmatched = false

    @Flag(help: "Print each sentence with the mentions and edges found in it.")
    var trace = false

    @Flag(name: [.short, .long], help: "Print nothing but warnings and errors: no progress, no summary.")
    var quiet = false

    @Flag(help: "Print the summary as JSON on standard output (for scripts).")
    var json = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try FormatList.parse(format, default: OutputFormat.defaults)
        if let r = render, !["svg", "png", "pdf"].contains(r) {
            throw ValidationError("--render takes svg, png or pdf, not '\(r)'")
        }
    }

    func run() throws {
        let started = Date()
        let loaded = ontology.load()
        let formats = try FormatList.parse(format, default: OutputFormat.defaults)
        let progress = Progress(enabled: !quiet && !json && Console.standardErrorIsTerminal)

        let reader = ArticleReader()
        let batch = reader.read(inputs.isEmpty ? ["seeds"] : inputs) { done, total in
            progress.update("reading", done: done, of: total, unit: "files")
        }
        let failures = batch.errors.map(\.description)
        let warnings = batch.warnings.map(\.description)
        progress.finish()
        for w in warnings { Console.warn(w) }
        for f in failures { Console.warn(f) }

        let pipeline = ExtractionPipeline(ontology: loaded)
        if trace {
            for d in batch.documents { print(pipeline.trace(d)) }
        }
        let total = batch.documents.count
        progress.begin()
        let (graph, extractions) = progress.isEnabled
            ? pipeline.run(batch.documents, threads: threads) { done in
                progress.update("extracting", done: done, of: total, unit: "documents")
            }
            : pipeline.run(batch.documents, threads: threads)
        progress.finish()

        let written = OutputFiles.write(graph, formats: formats, into: output, ontology: loaded, yEd: yEd)
        var summary = RunSummary(documents: total, failures: failures, warnings: warnings, graph: graph,
                                 written: written, seconds: 0)
        if let type = render {
            let dotPath = (output as NSString).appendingPathComponent(OutputFormat.dot.defaultFileName)
            if let rendered = Graphviz.render(dotPath, as: type), let size = Self.size(of: rendered) {
                summary.files.append(RunSummary.File(format: type, path: rendered, bytes: size))
            }
        }
        summary.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        if json {
            print(summary.json)
        } else if !quiet {
            print(summary.table, terminator: "")
        }
        if reportUnmatched {
            print(UnmatchedReport(extractions: extractions).text)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }
}
