/// The one typed graph over a whole corpus: one node per real-world thing,
/// one edge per piece of evidence.
///
/// Merging is deterministic: nodes are keyed by `NodeKey` (never by array
/// position), documents are merged in `DocumentID` order, and `finalize()`
/// sorts nodes by key and edges by where their evidence stands, so the same
/// input gives the same graph whatever order the work finished in.
///
/// Edges are stored compactly (see `EdgeStore`): their ends as node
/// positions, their strings each once, their evidence in one buffer, so a
/// graph of millions of edges fits in memory; `edges` reads them back as
/// `Edge` values.
public struct CorpusGraph: Sendable {
    public private(set) var documents: [DocumentInfo] = []
    public private(set) var nodes: [Node] = []
    package private(set) var edgeStore = EdgeStore()
    /// Node positions by key while the graph is being built; emptied by
    /// `finalize()`, after which nodes are sorted by key and found by
    /// binary search.
    private var index: [NodeKey: Int] = [:]
    private var indexed = true
    /// Nodes present at the last `finalize()`.
    private var settledNodes = 0
    /// Mentions per candidate type of nodes merged more than once, so a
    /// node's type is the majority guess over the corpus rather than the
    /// first document's guess.
    private var typeVotes: [NodeKey: [NodeType: Int]] = [:]

    public init() {}

    /// A graph from parts already built (a reader, a benchmark): nodes are
    /// merged by key and the result is finalized. An edge may name a key
    /// that is no node; serializers report it.
    public init(documents: [DocumentInfo], nodes: [Node], edges: some Sequence<Edge>) {
        self.documents = documents
        self.nodes.reserveCapacity(nodes.count)
        self.index.reserveCapacity(nodes.count)
        for node in nodes { merge(node) }
        for edge in edges {
            edgeStore.append(edge, source: reference(edge.source), target: reference(edge.target))
        }
        finalize()
    }

    public var nodeCount: Int { nodes.count }
    public var edgeCount: Int { edgeStore.count }

    /// The edges in order, as `Edge` values.
    public var edges: EdgeList { EdgeList(store: edgeStore, nodes: nodes) }

    /// Registers a document and returns its id. Call in corpus order.
    @discardableResult
    public mutating func addDocument(_ info: DocumentInfo) -> DocumentID {
        documents.append(info)
        return DocumentID(documents.count - 1)
    }

    public func document(_ id: DocumentID) -> DocumentInfo { documents[Int(id.rawValue)] }

    public func node(_ key: NodeKey) -> Node? { position(of: key).map { nodes[$0] } }

    /// The position of the node with key `key` in `nodes`.
    package func position(of key: NodeKey) -> Int? {
        indexed ? index[key] : CorpusGraph.search(nodes, key)
    }

    /// Binary search in nodes sorted by key.
    static func search(_ nodes: [Node], _ key: NodeKey) -> Int? {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return low < nodes.count && nodes[low].key == key ? low : nil
    }

    /// Adds a node, or folds it into the node with the same key: aliases,
    /// documents and mention counts are united; the first label stays.
    public mutating func merge(_ node: Node) {
        buildIndex()
        guard let i = index[node.key] else {
            index[node.key] = nodes.count
            nodes.append(node)
            return
        }
        if typeVotes[node.key] == nil {
            // The first vote of a node added since the last finalize is its own.
            typeVotes[node.key] = i >= settledNodes ? [nodes[i].type: max(nodes[i].mentionCount, 1)] : [:]
        }
        typeVotes[node.key]![node.type, default: 0] += max(node.mentionCount, 1)
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
        buildIndex()
        guard let s = index[edge.source], let t = index[edge.target] else {
            preconditionFailure("edge \(edge.relation) \(edge.source) -> \(edge.target) names a node that is not in the graph")
        }
        edgeStore.append(edge, source: Int32(s), target: Int32(t))
    }

    /// Settles types by majority vote, sorts nodes by key and edges by
    /// document, sentence, offset, relation and ends, and links parallel
    /// edges.
    public mutating func finalize() {
        for i in nodes.indices {
            let label = nodes[i].label
            if !CorpusGraph.isSortedUnique(nodes[i].aliases, without: label) {
                nodes[i].aliases = CorpusGraph.sortedUnique(nodes[i].aliases.filter { $0 != label })
            }
            if !CorpusGraph.isSortedUnique(nodes[i].documents) {
                nodes[i].documents = CorpusGraph.sortedUnique(nodes[i].documents)
            }
            if let votes = typeVotes[nodes[i].key], votes.count > 1 {
                nodes[i].type = votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            }
        }
        typeVotes = [:]
        sortNodes()
        shareEqualValues()
        index = [:]
        indexed = false
        settledNodes = nodes.count
        let nodes = self.nodes, missing = edgeStore.missingKeys
        edgeStore.sortByEvidence { a, b in
            if a >= 0 && b >= 0 { return a < b }
            let x = a >= 0 ? nodes[Int(a)].key : missing[-1 - a]
            let y = b >= 0 ? nodes[Int(b)].key : missing[-1 - b]
            return x < y
        }
    }

    /// Sorts nodes by key and renumbers the edges' ends.
    private mutating func sortNodes() {
        let nodes = self.nodes
        var sorted = true
        for i in nodes.indices.dropFirst() where !(nodes[i - 1].key < nodes[i].key) {
            sorted = false
            break
        }
        var position = [Int32]()
        if !sorted {
            let order = nodes.indices.sorted { nodes[$0].key < nodes[$1].key }
            position = [Int32](repeating: 0, count: nodes.count)
            for (new, old) in order.enumerated() { position[old] = Int32(new) }
            self.nodes = order.map { nodes[$0] }
        }
        guard !sorted || edgeStore.missingKeys.values.count > 0 else { return }
        if sorted { position = (0..<Int32(nodes.count)).map { $0 } }
        let sortedNodes = self.nodes
        edgeStore.renumberNodes(position) { key in CorpusGraph.search(sortedNodes, key).map(Int32.init) }
    }

    /// Makes equal attribute dictionaries and document lists share one
    /// storage: most nodes carry one of a few (`["category": "State"]`).
    private mutating func shareEqualValues() {
        var attributes = Set<[String: AttributeValue]>()
        var documentLists = Set<[DocumentID]>()
        for i in nodes.indices {
            if !nodes[i].attributes.isEmpty && nodes[i].attributes.count <= 4 {
                nodes[i].attributes = attributes.insert(nodes[i].attributes).memberAfterInsert
            }
            if !nodes[i].documents.isEmpty && nodes[i].documents.count <= 4 {
                nodes[i].documents = documentLists.insert(nodes[i].documents).memberAfterInsert
            }
        }
    }

    /// The reference `EdgeStore` keeps for an edge end.
    private mutating func reference(_ key: NodeKey) -> Int32 {
        if let p = position(of: key) { return Int32(p) }
        return edgeStore.missing(key)
    }

    /// Rebuilds the key index after `finalize()` emptied it.
    private mutating func buildIndex() {
        guard !indexed else { return }
        index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.key, $0) })
        indexed = true
    }

    static func sortedUnique<T: Comparable & Hashable>(_ values: [T]) -> [T] {
        Array(Set(values)).sorted()
    }

    /// Whether `values` is strictly increasing (and holds no `excluded`).
    static func isSortedUnique<T: Comparable>(_ values: [T], without excluded: T? = nil) -> Bool {
        for i in values.indices {
            if values[i] == excluded || (i > 0 && !(values[i - 1] < values[i])) { return false }
        }
        return true
    }

    /// Nodes per type and edges per relation, sorted by name: the summary the
    /// command line prints.
    public func census() -> (nodes: [(NodeType, Int)], edges: [(RelationName, Int)]) {
        var byType: [NodeType: Int] = [:]
        for n in nodes { byType[n.type, default: 0] += 1 }
        var perRelation = [Int](repeating: 0, count: edgeStore.relations.values.count)
        for r in edgeStore.records { perRelation[Int(r.relation)] += 1 }
        var byRelation: [RelationName: Int] = [:]
        for (k, n) in perRelation.enumerated() where n > 0 { byRelation[edgeStore.relations.values[k], default: 0] += n }
        return (byType.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                byRelation.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
