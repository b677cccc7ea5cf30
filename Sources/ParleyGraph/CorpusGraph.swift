/// The one typed graph over a whole corpus: one node per real-world thing,
/// one edge per piece of evidence.
///
/// Merging is deterministic: nodes are keyed by `NodeKey` (never by array
/// position), documents are merged in `DocumentID` order, and `finalize()`
/// sorts nodes by key and edges by where their evidence stands, so the same
/// input gives the same graph whatever order the work finished in.
///
/// A finalized graph keeps its nodes and edges compactly (`NodeStore`,
/// `EdgeStore`): edge ends as node positions, each string once, texts in
/// byte buffers, so a graph of millions of edges fits in memory; `nodes`
/// and `edges` read them back as `Node` and `Edge` values. Merging or
/// adding after `finalize()` unpacks the nodes again.
public struct CorpusGraph: Sendable {
    public private(set) var documents: [DocumentInfo] = []
    /// The nodes while the graph is being built (empty once settled).
    private var building: [Node] = []
    /// The nodes of a finalized graph, sorted by key.
    package private(set) var nodeStore = NodeStore()
    /// Whether the nodes live in `nodeStore`: true from `finalize()` until
    /// the next `merge` or `add`.
    private var settled = false
    package private(set) var edgeStore = EdgeStore()
    /// Node positions by key while the graph is being built.
    private var index: [NodeKey: Int] = [:]
    /// Nodes present at the last `finalize()`.
    private var settledNodes = 0
    /// Mentions per candidate type of nodes (by position in `building`)
    /// merged more than once, so a node's type is the majority guess over
    /// the corpus rather than the first document's guess.
    private var typeVotes: [Int: [NodeType: Int]] = [:]

    public init() {}

    /// A graph from parts already built (a reader, a benchmark): nodes are
    /// merged by key and the result is finalized. An edge may name a key
    /// that is no node; serializers report it.
    public init(documents: [DocumentInfo], nodes: some Sequence<Node>, edges: some Sequence<Edge>) {
        self.documents = documents
        building.reserveCapacity(nodes.underestimatedCount)
        index.reserveCapacity(nodes.underestimatedCount)
        for node in nodes { merge(node) }
        for edge in edges {
            edgeStore.append(edge, source: reference(edge.source), target: reference(edge.target))
        }
        finalize()
    }

    public var nodeCount: Int { settled ? nodeStore.count : building.count }
    public var edgeCount: Int { edgeStore.count }

    /// The nodes in order (by key once finalized), as `Node` values.
    public var nodes: NodeList { NodeList(storage: settled ? .store(nodeStore) : .values(building)) }

    /// The edges in order, as `Edge` values.
    public var edges: EdgeList { EdgeList(store: edgeStore, nodes: nodes) }

    /// The nodes in `nodes` order, compactly: the graph's own store once
    /// finalized, else one made now.
    package var packedNodes: NodeStore { settled ? nodeStore : NodeStore(building) }

    /// Registers a document and returns its id. Call in corpus order.
    @discardableResult
    public mutating func addDocument(_ info: DocumentInfo) -> DocumentID {
        documents.append(info)
        return DocumentID(documents.count - 1)
    }

    public func document(_ id: DocumentID) -> DocumentInfo { documents[Int(id.rawValue)] }

    public func node(_ key: NodeKey) -> Node? {
        guard let i = position(of: key) else { return nil }
        return settled ? nodeStore.node(i) : building[i]
    }

    /// The position of the node with key `key` in `nodes`.
    package func position(of key: NodeKey) -> Int? {
        guard settled else { return index[key] }
        return nodeStore.withTable { table in
            var low = 0, high = table.count
            while low < high {
                let mid = (low + high) / 2
                if table.key(mid) < key { low = mid + 1 } else { high = mid }
            }
            return low < table.count && table.key(low) == key ? low : nil
        }
    }

    /// Adds a node, or folds it into the node with the same key: aliases,
    /// documents and mention counts are united; the first label stays.
    public mutating func merge(_ node: Node) {
        _ = position(merging: node)
    }

    /// Merges `node` as `merge(_:)` does and returns its position among the
    /// nodes being built, what `merge(_:into:)` and `add(_:source:target:)`
    /// take until the next `finalize()`.
    package mutating func position(merging node: Node) -> Int32 {
        unsettle()
        if let i = index[node.key] {
            merge(node, into: Int32(i))
            return Int32(i)
        }
        index[node.key] = building.count
        building.append(node)
        return Int32(building.count - 1)
    }

    /// Folds `node` into the node at `position` (from `position(merging:)`),
    /// which has its key: `merge(_:)` without looking the key up.
    package mutating func merge(_ node: Node, into position: Int32) {
        unsettle()
        let i = Int(position)
        // Before anything is merged into it, a node added since the last
        // finalize has one vote, its own.
        let isNew = i >= settledNodes, type = building[i].type, count = max(building[i].mentionCount, 1)
        typeVotes[i, default: isNew ? [type: count] : [:]][node.type, default: 0] += max(node.mentionCount, 1)
        // Appended here, made sorted and unique once in `finalize`.
        building[i].aliases.append(contentsOf: node.aliases)
        if node.label != building[i].label { building[i].aliases.append(node.label) }
        building[i].documents.append(contentsOf: node.documents)
        building[i].mentionCount += node.mentionCount
        building[i].attributes.merge(node.attributes) { first, _ in first }
    }

    /// Makes room for `count` more nodes.
    package mutating func reserveCapacity(nodes count: Int) {
        building.reserveCapacity(building.count + count)
        index.reserveCapacity(index.count + count)
    }

    /// Adds one piece of evidence. Both ends must already be nodes.
    public mutating func add(_ edge: Edge) {
        unsettle()
        guard let s = index[edge.source], let t = index[edge.target] else {
            preconditionFailure("edge \(edge.relation) \(edge.source) -> \(edge.target) names a node that is not in the graph")
        }
        add(edge, source: Int32(s), target: Int32(t))
    }

    /// Adds `edge` between the nodes at positions `source` and `target`
    /// (from `position(merging:)`), whatever keys the edge names: a merge
    /// that renames the ends need not rebuild the edge.
    package mutating func add(_ edge: Edge, source: Int32, target: Int32) {
        unsettle()
        edgeStore.append(edge, source: source, target: target)
    }

    /// Settles types by majority vote, sorts nodes by key and edges by
    /// document, sentence, offset, relation and ends, links parallel edges,
    /// and packs the nodes. Nothing to do on a graph already finalized.
    public mutating func finalize() {
        guard !settled else { return }
        for i in building.indices {
            let label = building[i].label
            if !CorpusGraph.isSortedUnique(building[i].aliases, without: label) {
                building[i].aliases = CorpusGraph.sortedUnique(building[i].aliases.filter { $0 != label })
            }
            if !CorpusGraph.isSortedUnique(building[i].documents) {
                building[i].documents = CorpusGraph.sortedUnique(building[i].documents)
            }
            if let votes = typeVotes[i], votes.count > 1 {
                building[i].type = votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            }
        }
        typeVotes = [:]
        sortNodes()
        let nodes = building, missing = edgeStore.missingKeys
        edgeStore.sortByEvidence { a, b in
            if a >= 0 && b >= 0 { return a < b }
            let x = a >= 0 ? nodes[Int(a)].key : missing[-1 - a]
            let y = b >= 0 ? nodes[Int(b)].key : missing[-1 - b]
            return x < y
        }
        nodeStore = NodeStore(building)
        building = []
        index = [:]
        settled = true
        settledNodes = nodeStore.count
    }

    /// Sorts the nodes being built by key and renumbers the edges' ends.
    private mutating func sortNodes() {
        let nodes = building
        var sorted = true
        for i in nodes.indices.dropFirst() where !(nodes[i - 1].key < nodes[i].key) {
            sorted = false
            break
        }
        var position = [Int32]()
        if !sorted {
            let keys = nodes.map(\.key)
            let order = nodes.indices.sorted { keys[$0] < keys[$1] }
            position = [Int32](repeating: 0, count: nodes.count)
            for (new, old) in order.enumerated() { position[old] = Int32(new) }
            building = order.map { nodes[$0] }
        }
        guard !sorted || edgeStore.missingKeys.values.count > 0 else { return }
        if sorted { position = (0..<Int32(nodes.count)).map { $0 } }
        let sortedNodes = building
        edgeStore.renumberNodes(position) { key in CorpusGraph.search(sortedNodes, key).map(Int32.init) }
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

    /// The reference `EdgeStore` keeps for an edge end.
    private mutating func reference(_ key: NodeKey) -> Int32 {
        if let p = position(of: key) { return Int32(p) }
        return edgeStore.missing(key)
    }

    /// Unpacks the nodes of a finalized graph for changes.
    private mutating func unsettle() {
        guard settled else { return }
        building = Array(nodes)
        nodeStore = NodeStore()
        settled = false
        index = Dictionary(uniqueKeysWithValues: building.enumerated().map { ($1.key, $0) })
    }

    /// `values` sorted, each once: of equal values (canonically equivalent
    /// strings) the first stays, the sort being stable.
    static func sortedUnique<T: Comparable>(_ values: [T]) -> [T] {
        var out: [T] = []
        out.reserveCapacity(values.count)
        for value in values.sorted() where out.last != value { out.append(value) }
        return out
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
        if settled {
            var perType = [Int](repeating: 0, count: nodeStore.types.values.count)
            for r in nodeStore.records { perType[Int(r.type)] += 1 }
            for (k, n) in perType.enumerated() where n > 0 { byType[nodeStore.types.values[k], default: 0] += n }
        } else {
            for n in building { byType[n.type, default: 0] += 1 }
        }
        var perRelation = [Int](repeating: 0, count: edgeStore.relations.values.count)
        for r in edgeStore.records { perRelation[Int(r.relation)] += 1 }
        var byRelation: [RelationName: Int] = [:]
        for (k, n) in perRelation.enumerated() where n > 0 { byRelation[edgeStore.relations.values[k], default: 0] += n }
        return (byType.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                byRelation.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
