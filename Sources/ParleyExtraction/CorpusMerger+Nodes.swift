import ParleyGraph

/// The nodes of the corpus graph as the merge numbers them (in order of
/// first sight), and the node each document-local key stands for once
/// renamed. Keys are hashed by their digest (`KeyDigest`), each once per
/// occurrence: the merge runs on one thread.
struct CorpusNodes {
    /// What a document-local key stands for.
    struct Local {
        let node: Int32
        /// Whether the key is not the node's own (a surname, a proposal of
        /// one document).
        let isRenamed: Bool
    }

    private let rename: [KeyDigest<NodeKey>: NodeKey]
    private let corpusLabels: [KeyDigest<NodeKey>: String]
    private var locals: [KeyDigest<NodeKey>: Local] = [:]
    private var numbers: [KeyDigest<NodeKey>: Int32] = [:]
    /// By node: its key.
    private(set) var keys: [NodeKey] = []
    /// By node: the label its renamed mentions take (a merged proposal's).
    private(set) var labels: [String?] = []
    /// By node: whether an edge touches it.
    var linked: [Bool] = []
    /// By node: its position in the graph being built, or -1.
    var positions: [Int32] = []

    /// `rename` maps document-local keys to corpus keys, and `labels` gives
    /// the label of some corpus keys.
    init(rename: [KeyDigest<NodeKey>: NodeKey], labels: [KeyDigest<NodeKey>: String]) {
        self.rename = rename
        self.corpusLabels = labels
    }

    /// The node the document-local key `key` stands for, numbered now if it
    /// is new.
    mutating func local(_ key: NodeKey) -> Local {
        let digest = KeyDigest(key)
        if let known = locals[digest] { return known }
        let renamed = rename[digest]
        let corpusKey = renamed.map { KeyDigest($0) } ?? digest
        let node: Int32
        if let known = numbers[corpusKey] {
            node = known
        } else {
            node = Int32(keys.count)
            numbers[corpusKey] = node
            keys.append(corpusKey.key)
            labels.append(corpusLabels[corpusKey])
            linked.append(false)
            positions.append(-1)
        }
        let local = Local(node: node, isRenamed: renamed != nil)
        locals[digest] = local
        return local
    }
}

/// An edge of one document with its ends renamed to corpus nodes, as a
/// member of the document's edge set: equal when the renamed edges are,
/// hashed on the ends, sentence and offset only.
struct RenamedEdge: Hashable {
    let source: Int32
    let target: Int32
    let edge: Edge

    static func == (a: RenamedEdge, b: RenamedEdge) -> Bool {
        a.source == b.source && a.target == b.target && a.edge.relation == b.edge.relation
            && a.edge.provenance == b.edge.provenance
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target)))
        hasher.combine(UInt64(UInt32(bitPattern: edge.provenance.sentence)) << 32
                       | UInt64(UInt32(bitPattern: edge.provenance.start)))
    }
}
