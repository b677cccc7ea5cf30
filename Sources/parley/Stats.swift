import ArgumentParser
import Foundation
import ParleyGraph
import ParleySerialization

/// `parley stats`: what a graph holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count a graph's nodes by type and edges by relation, and list its best-connected nodes.",
        discussion: "Reads a GraphML or RDF/XML file written by Parley (default: output/graph.graphml); "
            + "the ontology is needed for RDF/XML only."
    )

    @Argument(help: ArgumentHelp("A .graphml or .rdf file written by Parley.", valueName: "graph"),
              completion: .file(extensions: ["graphml", "rdf", "xml", "owl"]))
    var input: String = "output/graph.graphml"

    @Option(help: "How many nodes of highest degree to list.")
    var top: Int = 10

    @OptionGroup var ontology: OntologyOption

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        let graph = GraphFile.read(input, ontology: { ontology.load() })
        let stats = GraphStatistics(graph, top: top)
        print(json ? JSONOutput.encode(StatsReport(stats)) : Self.table(stats), terminator: json ? "\n" : "")
    }

    static func table(_ s: GraphStatistics) -> String {
        var out = "Documents: \(s.documents)   Nodes: \(s.nodes)   Edges: \(s.edges) "
            + "(\(s.distinctRelations) distinct subject-relation-object)\n\n"
        out += TextTable(["Node type", "Count"], s.nodesByType.map { [$0.0.rawValue, String($0.1)] },
                         rightAligned: [1]).text + "\n"
        out += TextTable(["Category", "Count"], s.nodesByCategory.map { [$0.0, String($0.1)] },
                         rightAligned: [1]).text + "\n"
        out += TextTable(["Relation", "Count"], s.edgesByRelation.map { [$0.0.rawValue, String($0.1)] },
                         rightAligned: [1]).text
        if !s.topNodes.isEmpty {
            out += "\n" + TextTable(["Node", "Type", "Degree", "Out", "In", "Neighbours"],
                                    s.topNodes.map { [$0.label, $0.type.rawValue, String($0.degree), String($0.outDegree),
                                                      String($0.inDegree), String($0.neighbours)] },
                                    rightAligned: [2, 3, 4, 5]).text
        }
        return out
    }
}

/// `GraphStatistics` as JSON.
struct StatsReport: Encodable {
    struct Node: Encodable {
        var key: String, label: String, type: String, degree: Int, outDegree: Int, inDegree: Int, neighbours: Int
    }

    var documents: Int
    var nodes: Int
    var edges: Int
    var distinctRelations: Int
    var nodesByType: [String: Int]
    var nodesByCategory: [String: Int]
    var edgesByRelation: [String: Int]
    var topNodes: [Node]

    init(_ s: GraphStatistics) {
        documents = s.documents
        nodes = s.nodes
        edges = s.edges
        distinctRelations = s.distinctRelations
        nodesByType = Dictionary(uniqueKeysWithValues: s.nodesByType.map { ($0.0.rawValue, $0.1) })
        nodesByCategory = Dictionary(uniqueKeysWithValues: s.nodesByCategory)
        edgesByRelation = Dictionary(uniqueKeysWithValues: s.edgesByRelation.map { ($0.0.rawValue, $0.1) })
        topNodes = s.topNodes.map {
            Node(key: $0.key.rawValue, label: $0.label, type: $0.type.rawValue, degree: $0.degree,
                 outDegree: $0.outDegree, inDegree: $0.inDegree, neighbours: $0.neighbours)
        }
    }
}
