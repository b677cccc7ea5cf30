/// Counts that describe a graph at a glance, for `parley stats` and the
/// summary after a run: nodes per type and category, edges per relation,
/// and the nodes with the most evidence.
public struct GraphStatistics: Sendable {
    /// A node and how many edges (pieces of evidence) touch it.
    public struct Ranked: Sendable, Hashable {
        public var key: NodeKey
        public var label: String
        public var type: NodeType
        /// Edges out plus edges in; a self-loop counts twice.
        public var degree: Int
        public var outDegree: Int
        public var inDegree: Int
        /// Distinct other nodes it is linked to.
        public var neighbours: Int
    }

    public var documents: Int
    public var nodes: Int
    public var edges: Int
    /// Distinct (source, relation, target) triples: edges without parallels.
    public var distinctRelations: Int
    public var nodesByType: [(NodeType, Int)]
    /// By the `category` attribute when a node has one, else its type.
    public var nodesByCategory: [(String, Int)]
    public var edgesByRelation: [(RelationName, Int)]
    /// Highest degree first; ties by label, then key.
    public var topNodes: [Ranked]

    /// Statistics of `graph`, with the `top` nodes of highest degree.
    public init(_ graph: CorpusGraph, top: Int = 10) {
        documents = graph.documents.count
        nodes = graph.nodeCount
        edges = graph.edgeCount
        let census = graph.census()
        nodesByType = census.nodes
        edgesByRelation = census.edges
        var categories: [String: Int] = [:]
        for node in graph.nodes {
            var category = node.type.rawValue
            if case .string(let c)? = node.attributes["category"], !c.isEmpty { category = c }
            categories[category, default: 0] += 1
        }
        nodesByCategory = categories.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var out: [NodeKey: Int] = [:], into: [NodeKey: Int] = [:]
        var neighbours: [NodeKey: Set<NodeKey>] = [:]
        var triples = Set<[String]>()
        for edge in graph.edges {
            out[edge.source, default: 0] += 1
            into[edge.target, default: 0] += 1
            if edge.source != edge.target {
                neighbours[edge.source, default: []].insert(edge.target)
                neighbours[edge.target, default: []].insert(edge.source)
            }
            triples.insert([edge.source.rawValue, edge.relation.rawValue, edge.target.rawValue])
        }
        distinctRelations = triples.count
        let ranked = graph.nodes.map { node in
            Ranked(key: node.key, label: node.label, type: node.type,
                   degree: (out[node.key] ?? 0) + (into[node.key] ?? 0), outDegree: out[node.key] ?? 0,
                   inDegree: into[node.key] ?? 0, neighbours: neighbours[node.key]?.count ?? 0)
        }
        topNodes = Array(ranked.sorted {
            if $0.degree != $1.degree { return $0.degree > $1.degree }
            if $0.label != $1.label { return $0.label < $1.label }
            return $0.key < $1.key
        }.prefix(max(0, top)))
    }
}
