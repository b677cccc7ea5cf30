import ArgumentParser
import Foundation
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// `parley convert`: a graph Parley wrote, in another format.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a GraphML or RDF/XML file written by Parley into other formats.",
        discussion: """
        Reads the graph back (nodes, edges and their full provenance, document titles, links and dates) \
        and writes it again, without extracting anything: parley convert output/graph.rdf --to ttl,neo4j. \
        The files are written next to the input unless --output says otherwise; the input itself is never \
        overwritten.
        """
    )

    @Argument(help: ArgumentHelp("A .graphml or .rdf file written by Parley.", valueName: "graph"),
              completion: .file(extensions: ["graphml", "rdf", "xml", "owl"]))
    var input: String

    @Option(name: [.short, .customLong("to")], parsing: .singleValue,
            help: ArgumentHelp(FormatList.help, valueName: "formats"))
    var to: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Folder to write to. Default: the input's folder.",
                                                      valueName: "dir"),
            completion: .directory)
    var output: String?

    @OptionGroup var ontology: OntologyOption

    @Flag(name: .customLong("yed"), help: ArgumentHelp("Add yEd graphics (shapes, colours, labels) to the GraphML, so yEd shows "
          + "the graph styled; other tools ignore them, but the file no longer validates against the plain GraphML schema."))
    var yEd = false

    @Flag(name: [.short, .long], help: "Print nothing but warnings and errors.")
    var quiet = false

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    func validate() throws {
        if try FormatList.parse(to, default: []).isEmpty {
            throw ValidationError("say which formats to write with --to (for example --to ttl,neo4j)")
        }
    }

    func run() throws {
        let started = Date()
        let loaded = ontology.load()
        let formats = try FormatList.parse(to, default: [])
        let graph = GraphFile.read(input, ontology: { loaded })
        let folder = output ?? ((input as NSString).deletingLastPathComponent.isEmpty
            ? "." : (input as NSString).deletingLastPathComponent)
        let written = OutputFiles.write(graph, formats: formats, into: folder, ontology: loaded, yEd: yEd, except: input)
        var summary = RunSummary(documents: graph.documents.count, failures: [], warnings: [], graph: graph,
                                 written: written, seconds: 0)
        summary.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        if json {
            print(summary.json)
        } else if !quiet {
            print(summary.table, terminator: "")
        }
    }
}

/// Reads a graph file Parley wrote, GraphML or RDF/XML, told apart by the
/// extension (`.graphml`) or else by the root element; exit 2 when it
/// cannot be read.
enum GraphFile {
    /// `ontology` is asked for only for RDF/XML.
    static func read(_ path: String, ontology: () -> Ontology) -> CorpusGraph {
        do {
            if (path as NSString).pathExtension.lowercased() == "graphml" || Self.startsLikeGraphML(path) {
                return try GraphMLReader().read(contentsOf: path)
            }
            return try RDFXMLGraphReader(ontology: ontology()).read(contentsOf: path)
        } catch {
            Console.fail("cannot read \(path): \(error)")
        }
    }

    /// Whether the first kilobytes hold a `<graphml` start tag.
    static func startsLikeGraphML(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 4096)
        return String(decoding: head, as: UTF8.self).contains("<graphml")
    }
}
