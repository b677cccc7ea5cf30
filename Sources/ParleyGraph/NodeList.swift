/// The nodes of a graph as `Node` values, in the graph's order (by key
/// once finalized).
///
/// A view: a finalized graph keeps its nodes compactly (`NodeStore`) and
/// builds each element when it is read, so keep an element rather than
/// reading `graph.nodes[i]` field by field in a hot loop, and use
/// `Array(graph.nodes)` for a list to edit and build a new graph from.
public struct NodeList: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    enum Storage: Sendable {
        /// A graph being built.
        case values([Node])
        case store(NodeStore)
    }

    let storage: Storage

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .values(let nodes): return nodes.count
        case .store(let store): return store.count
        }
    }

    public subscript(position: Int) -> Node {
        switch storage {
        case .values(let nodes): return nodes[position]
        case .store(let store): return store.node(position)
        }
    }

    /// The key of the node at `position`.
    func key(_ position: Int) -> NodeKey {
        switch storage {
        case .values(let nodes): return nodes[position].key
        case .store(let store): return store.withTable { $0.key(position) }
        }
    }

    public static func == (a: NodeList, b: NodeList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public var description: String { Array(self).description }
}
