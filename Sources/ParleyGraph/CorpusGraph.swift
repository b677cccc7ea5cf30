/// The one typed graph over a whole corpus: one node per real-world thing,
/// one edge per piece of evidence.
///
/// Merging is deterministic: nodes are keyed by `NodeKey` (never by array
/// position), documents are merged in `DocumentID` order, and `finalize()`
/// sorts nodes by key and edges by where their evidence stands, so the same
/// input gives the same graph whatever order the work finished in.
public struct CorpusGraph: Sendable {
    public private(set) var documents: [DocumentInfo] = []
    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    private var index: [NodeKey: Int] = [:]
    /// Mentions per candidate type, so a node's type is the majority guess
    /// over the corpus rather than the first document's guess.
    private var typeVotes: [NodeKey: [NodeType: Int]] = [:]

    public init() {}

    /// A graph from parts already built (a reader, a benchmark): nodes are
    /// merged by key and the result is finalized.
    public init(documents: [DocumentInfo], nodes: [Node], edges: [Edge]) {
        self.documents = documents
        self.nodes.reserveCapacity(nodes.count)
        self.index.reserveCapacity(nodes.count)
        for node in nodes { merge(node) }
        self.edges = edges
        finalize()
    }

    public var nodeCount: Int { nodes.count }
    public var edgeCount: Int { edges.count }

    /// Registers a document and returns its id. Call in corpus order.
    @discardableResult
    public mutating func addDocument(_ info: DocumentInfo) -> DocumentID {
        documents.append(info)
        return DocumentID(documents.count - 1)
    }

    public func document(_ id: DocumentID) -> DocumentInfo { documents[Int(id.rawValue)] }

    public func node(_ key: NodeKey) -> Node? { index[key].map { nodes[$0] } }

    /// Adds a node, or folds it into the node with the same key: aliases,
    /// documents and mention counts are united; the first label stays.
    public mutating func merge(_ node: Node) {
        typeVotes[node.key, default: [:]][node.type, default: 0] += max(node.mentionCount, 1)
        guard let i = index[node.key] else {
            index[node.key] = nodes.count
            nodes.append(node)
            return
        }
        // Appended here, made sorted and unique once in `finalize`.
        nodes[i].aliases.append(contentsOf: node.aliases)
        if node.label != nodes[i].label { nodes[i].aliases.append(node.label) }
        nodes[i].documents.append(contentsOf: node.documents)
        nodes[i].mentionCount += node.mentionCount
        for (name, value) in node.attributes where nodes[i].attributes[name] == nil {
            nodes[i].attributes[name] = value
        }
    }

    /// Adds one piece of evidence. Both ends must already be nodes.
    public mutating func add(_ edge: Edge) {
        precondition(index[edge.source] != nil && index[edge.target] != nil,
                     "edge \(edge.relation) \(edge.source) -> \(edge.target) names a node that is not in the graph")
        edges.append(edge)
    }

    /// Settles types by majority vote, sorts nodes by key and edges by
    /// document, sentence, offset, relation and ends.
    public mutating func finalize() {
        for i in nodes.indices {
            let label = nodes[i].label
            nodes[i].aliases = CorpusGraph.sortedUnique(nodes[i].aliases.filter { $0 != label })
            nodes[i].documents = CorpusGraph.sortedUnique(nodes[i].documents)
            if let votes = typeVotes[nodes[i].key], votes.count > 1 {
                nodes[i].type = votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            }
        }
        typeVotes = [:]
        nodes.sort { $0.key < $1.key }
        index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.key, $0) })
        edges.sort(by: CorpusGraph.evidenceOrder)
    }

    static func evidenceOrder(_ a: Edge, _ b: Edge) -> Bool {
        let p = a.provenance, q = b.provenance
        if p.document != q.document { return p.document < q.document }
        if p.sentence != q.sentence { return p.sentence < q.sentence }
        if p.start != q.start { return p.start < q.start }
        if a.relation != b.relation { return a.relation < b.relation }
        if a.source != b.source { return a.source < b.source }
        if a.target != b.target { return a.target < b.target }
        return p.trigger < q.trigger
    }

    static func sortedUnique<T: Comparable & Hashable>(_ values: [T]) -> [T] {
        Array(Set(values)).sorted()
    }

    /// Nodes per type and edges per relation, sorted by name: the summary the
    /// command line prints.
    public func census() -> (nodes: [(NodeType, Int)], edges: [(RelationName, Int)]) {
        var byType: [NodeType: Int] = [:]
        for n in nodes { byType[n.type, default: 0] += 1 }
        var byRelation: [RelationName: Int] = [:]
        for e in edges { byRelation[e.relation, default: 0] += 1 }
        return (byType.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                byRelation.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
