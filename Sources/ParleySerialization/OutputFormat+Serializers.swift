import ParleyOntology

extension OutputFormat {
    /// What `parley` writes when no `--format` is given: the three files
    /// README promises in `output/`. The other formats are opt-in.
    public static let defaults: [OutputFormat] = [.graphml, .rdfxml, .dot]

    /// The formats a command-line name stands for: one format by its name
    /// or extension (`rdf`, `ttl`), `neo4j` for the CSV pair, `all` for
    /// every format. Nil for an unknown name.
    public static func named(_ name: String) -> [OutputFormat]? {
        switch name.lowercased() {
        case "neo4j", "csv": return [.neo4jNodes, .neo4jRelationships]
        case "all": return allCases
        default: return OutputFormat(name: name).map { [$0] }
        }
    }

    /// The names `named(_:)` accepts, for help and error messages.
    public static let commandLineNames = ["graphml", "rdf", "dot", "nt", "ttl", "neo4j", "all"]

    /// The serializer of this format with its default settings.
    public func serializer(ontology: Ontology) -> any GraphSerializer {
        switch self {
        case .graphml: return GraphMLSerializer(ontology: ontology)
        case .rdfxml: return RDFXMLSerializer(ontology: ontology)
        case .dot: return DOTSerializer(ontology: ontology)
        case .ntriples: return NTriplesSerializer(ontology: ontology)
        case .turtle: return TurtleSerializer(ontology: ontology)
        case .neo4jNodes: return Neo4jNodesCSVSerializer(ontology: ontology)
        case .neo4jRelationships: return Neo4jRelationshipsCSVSerializer(ontology: ontology)
        }
    }
}
