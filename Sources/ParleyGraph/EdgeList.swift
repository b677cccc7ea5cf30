/// The edges of a graph as `Edge` values, in the graph's order.
///
/// A view over the graph's compact storage: each element is built when it
/// is read (its evidence string included), so keep an element rather than
/// reading `graph.edges[i]` field by field in a hot loop, and use
/// `Array(graph.edges)` for a list to edit and build a new graph from.
public struct EdgeList: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    let store: EdgeStore
    let nodes: NodeList

    init(store: EdgeStore, nodes: NodeList) {
        self.store = store
        self.nodes = nodes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { store.count }

    public subscript(position: Int) -> Edge {
        store.edge(position) { ref in
            ref >= 0 ? nodes.key(Int(ref)) : store.missingKeys[-1 - ref]
        }
    }

    public static func == (a: EdgeList, b: EdgeList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public var description: String { Array(self).description }
}
