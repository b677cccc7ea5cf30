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
        let table = graph.packedNodes
        table.withTable { t in
            for i in t.indices {
                var category = t.type(i).rawValue
                if case .string(let c)? = t.attributes(i)["category"], !c.isEmpty { category = c }
                categories[category, default: 0] += 1
            }
        }
        nodesByCategory = categories.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var out = [Int](repeating: 0, count: graph.nodeCount), into = out, neighbours = out
        var pairs = Set<UInt64>()
        var triples = Set<[Int32]>()
        let store = graph.edgeStore
        for r in store.records {
            if r.source >= 0 { out[Int(r.source)] += 1 }
            if r.target >= 0 { into[Int(r.target)] += 1 }
            if r.source != r.target {
                let (a, b) = r.source < r.target ? (r.source, r.target) : (r.target, r.source)
                pairs.insert(UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)))
            }
            if !store.parallelLinksValid { triples.insert([r.source, r.relation, r.target]) }
        }
        for pair in pairs {
            let a = Int32(bitPattern: UInt32(truncatingIfNeeded: pair >> 32))
            let b = Int32(bitPattern: UInt32(truncatingIfNeeded: pair))
            if a >= 0 { neighbours[Int(a)] += 1 }
            if b >= 0 { neighbours[Int(b)] += 1 }
        }
        distinctRelations = store.parallelLinksValid ? store.records.lazy.filter(\.isFirstParallel).count : triples.count
        let ranked = table.withTable { t in
            t.indices.map { i in
                Ranked(key: t.key(i), label: t.labelString(i), type: t.type(i), degree: out[i] + into[i],
                       outDegree: out[i], inDegree: into[i], neighbours: neighbours[i])
            }
        }
        topNodes = Array(ranked.sorted {
            if $0.degree != $1.degree { return $0.degree > $1.degree }
            if $0.label != $1.label { return $0.label < $1.label }
            return $0.key < $1.key
        }.prefix(max(0, top)))
    }
}
