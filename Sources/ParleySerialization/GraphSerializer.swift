import ParleyGraph
import ParleyXML

/// A writer of one output format: configured at creation, given an output,
/// fed the whole graph, finished. Adding a format is one conforming type,
/// one `OutputFormat` case and one golden file.
///
/// Serializers stream: they never build the document in memory, and they
/// never write while iterating a `Set` or `Dictionary`, so the same graph
/// always gives the same bytes.
public protocol GraphSerializer: Sendable {
    static var format: OutputFormat { get }

    /// Streams `graph` into `output`, which the caller closes. The report's
    /// `path` is empty; bytes and replacements count this call only.
    func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport

    /// Writes `graph` to the file at `path` atomically: the previous file is
    /// replaced only when the new one is complete (see `AtomicFile`).
    func write(_ graph: CorpusGraph, to path: String) throws -> SerializationReport
}

extension GraphSerializer {
    public func write(_ graph: CorpusGraph, to path: String) throws -> SerializationReport {
        var report = try AtomicFile.write(to: path) { output in
            try write(graph, into: output)
        }
        report.path = path
        return report
    }
}

/// The output formats Parley writes, named as on the command line.
/// Each case links its specification.
public enum OutputFormat: String, CaseIterable, Hashable, Sendable {
    /// GraphML 1.1, http://graphml.graphdrawing.org/ (primer:
    /// http://graphml.graphdrawing.org/primer/graphml-primer.html).
    case graphml
    /// RDF 1.1 XML syntax, https://www.w3.org/TR/rdf-syntax-grammar/.
    case rdfxml = "rdf"
    /// The Graphviz DOT language, https://graphviz.org/doc/info/lang.html.
    case dot
    /// RDF 1.1 N-Triples, https://www.w3.org/TR/n-triples/.
    case ntriples = "nt"
    /// RDF 1.1 Turtle, https://www.w3.org/TR/turtle/.
    case turtle = "ttl"
    /// The node file of the `neo4j-admin database import` CSV pair,
    /// https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/.
    case neo4jNodes = "neo4j-nodes"
    /// The relationship file of the same pair.
    case neo4jRelationships = "neo4j-relationships"

    /// The name on the command line (`--format rdf`).
    public var cliName: String { rawValue }

    /// The file name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .graphml: return "graphml"
        case .rdfxml: return "rdf"
        case .dot: return "dot"
        case .ntriples: return "nt"
        case .turtle: return "ttl"
        case .neo4jNodes, .neo4jRelationships: return "csv"
        }
    }

    /// The media type. GraphML has none registered; `application/graphml+xml`
    /// is the one in common use.
    public var mediaType: String {
        switch self {
        case .graphml: return "application/graphml+xml"
        case .rdfxml: return "application/rdf+xml"
        case .dot: return "text/vnd.graphviz"
        case .ntriples: return "application/n-triples"
        case .turtle: return "text/turtle"
        case .neo4jNodes, .neo4jRelationships: return "text/csv"
        }
    }

    /// The specification the output follows.
    public var specificationURL: String {
        switch self {
        case .graphml: return "http://graphml.graphdrawing.org/"
        case .rdfxml: return "https://www.w3.org/TR/rdf-syntax-grammar/"
        case .dot: return "https://graphviz.org/doc/info/lang.html"
        case .ntriples: return "https://www.w3.org/TR/n-triples/"
        case .turtle: return "https://www.w3.org/TR/turtle/"
        case .neo4jNodes, .neo4jRelationships:
            return "https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/"
        }
    }

    /// The file written when only an output folder is given.
    public var defaultFileName: String {
        switch self {
        case .neo4jNodes: return "neo4j-nodes.csv"
        case .neo4jRelationships: return "neo4j-relationships.csv"
        default: return "graph." + fileExtension
        }
    }

    /// The format whose command-line name or file extension is `name`.
    public init?(name: String) {
        let lower = name.lowercased()
        switch lower {
        case "graphml": self = .graphml
        case "rdf", "rdfxml", "rdf/xml", "xml", "owl": self = .rdfxml
        case "dot", "gv", "graphviz": self = .dot
        case "nt", "ntriples", "n-triples": self = .ntriples
        case "ttl", "turtle": self = .turtle
        case "neo4j-nodes": self = .neo4jNodes
        case "neo4j-relationships": self = .neo4jRelationships
        default: return nil
        }
    }
}

/// What a serializer wrote, for the command line to summarise and warn about.
public struct SerializationReport: Hashable, Sendable {
    public var format: OutputFormat
    /// The file written; empty when writing into a caller's `XMLOutput`.
    public var path: String
    public var bytesWritten: Int
    public var nodes: Int
    public var edges: Int
    /// Characters the format cannot carry (C0 controls, U+FFFE, U+FFFF)
    /// that were written as U+FFFD.
    public var replacedCharacters: Int
    /// Values left out because the format cannot carry them (NaN or
    /// infinite numbers in numeric columns).
    public var omittedValues: Int
    /// Things a user should know (a graph too big for `dot`, replaced
    /// characters, omitted values), one sentence each.
    public var warnings: [String]

    public init(format: OutputFormat, path: String = "", bytesWritten: Int = 0, nodes: Int = 0, edges: Int = 0,
                replacedCharacters: Int = 0, omittedValues: Int = 0, warnings: [String] = []) {
        self.format = format
        self.path = path
        self.bytesWritten = bytesWritten
        self.nodes = nodes
        self.edges = edges
        self.replacedCharacters = replacedCharacters
        self.omittedValues = omittedValues
        self.warnings = warnings
    }

    /// Adds the standard warnings for replaced characters and omitted values.
    mutating func addCountWarnings() {
        if replacedCharacters > 0 {
            warnings.append("\(replacedCharacters) character(s) that \(format.rawValue) cannot carry "
                + "(control characters, U+FFFE, U+FFFF) were written as U+FFFD.")
        }
        if omittedValues > 0 {
            warnings.append("\(omittedValues) value(s) that are not finite numbers (NaN, infinity) were left out.")
        }
    }
}

/// Why a graph could not be serialized: the input, not the disk, is wrong.
/// Disk errors are `XMLOutputError` and `AtomicFileError`.
public enum SerializationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An edge names a node that is not in the graph.
    case danglingEdge(edge: Int, relation: RelationName, missing: NodeKey)
    /// An edge's or node's document id is not one of the graph's documents.
    case unknownDocument(edge: Int?, node: NodeKey?, document: DocumentID)
    /// A relation name that cannot be the local part of an RDF/XML property
    /// element (it must be an ASCII XML NCName: a letter or `_`, then
    /// letters, digits, `_`, `-` or `.`).
    case invalidRelationName(RelationName, edge: Int)
    /// A node attribute name that cannot be an RDF/XML property element.
    case invalidAttributeName(String, node: NodeKey)

    public var description: String {
        switch self {
        case let .danglingEdge(edge, relation, missing):
            return "edge e\(edge) (\(relation)) names node \(missing), which is not in the graph"
        case let .unknownDocument(edge, node, document):
            let owner = edge.map { "edge e\($0)" } ?? node.map { "node \($0)" } ?? "an item"
            return "\(owner) names document #\(document.rawValue), which is not in the graph"
        case let .invalidRelationName(name, edge):
            return "relation name \"\(name)\" (edge e\(edge)) is not an XML NCName, so RDF/XML cannot "
                + "write it as a property; rename it or write with invalidNames: .sanitize"
        case let .invalidAttributeName(name, node):
            return "attribute name \"\(name)\" (node \(node)) is not an XML NCName, so RDF/XML cannot "
                + "write it as a property; rename it or write with invalidNames: .sanitize"
        }
    }
}
