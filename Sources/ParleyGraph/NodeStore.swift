/// One node as a finalized graph keeps it: 48 bytes of numbers and
/// positions; its key, label and aliases are bytes in `NodeStore.text`.
///
/// Package API, for the serializers: other code reads `Node` values
/// through `CorpusGraph.nodes`.
package struct NodeRecord: Sendable, Hashable {
    /// Where the key starts in `NodeStore.text`; the label follows it,
    /// then the aliases.
    package var textStart: Int
    package var mentionCount: Int
    package var keyCount: UInt32
    package var labelCount: UInt32
    /// The first of the aliases' lengths in `NodeStore.aliasLengths`.
    var aliasStart: UInt32
    package var aliasCount: UInt32
    var documentStart: UInt32
    package var documentCount: UInt32
    /// Position in `NodeStore.types`.
    package var type: Int32
    /// Position in `NodeStore.attributeSets`.
    package var attributes: Int32
}

/// The nodes of a finalized graph, by column: fixed-size records, every
/// key, label and alias in one byte buffer, every document list in one
/// array, and types and attribute dictionaries each stored once. About 50
/// bytes per node besides its text, where a `Node` value costs 80 bytes
/// plus a string object per key, label and alias, an array per list, and
/// a dictionary per node with attributes.
package struct NodeStore: Sendable {
    package private(set) var records: [NodeRecord] = []
    package private(set) var text: [UInt8] = []
    package private(set) var aliasLengths: [UInt32] = []
    package private(set) var documentIDs: [DocumentID] = []
    package private(set) var types = InternTable<NodeType>()
    package private(set) var attributeSets = InternTable<[String: AttributeValue]>()

    package var count: Int { records.count }

    init() {}

    /// The nodes, in order.
    init(_ nodes: [Node]) {
        records.reserveCapacity(nodes.count)
        for node in nodes { append(node) }
    }

    mutating func append(_ node: Node) {
        let start = text.count
        var key = node.key.rawValue, label = node.label
        key.withUTF8 { text.append(contentsOf: $0) }
        label.withUTF8 { text.append(contentsOf: $0) }
        let aliasStart = aliasLengths.count
        for var alias in node.aliases {
            alias.withUTF8 { text.append(contentsOf: $0) }
            aliasLengths.append(UInt32(alias.utf8.count))
        }
        let documentStart = documentIDs.count
        documentIDs.append(contentsOf: node.documents)
        precondition(key.utf8.count <= UInt32.max && label.utf8.count <= UInt32.max
                     && aliasLengths.count <= UInt32.max && documentIDs.count <= UInt32.max,
                     "a graph beyond 4 billion aliases or document mentions")
        precondition(records.count < Int(Int32.max), "more than 2^31 nodes")
        records.append(NodeRecord(
            textStart: start, mentionCount: node.mentionCount, keyCount: UInt32(key.utf8.count),
            labelCount: UInt32(label.utf8.count), aliasStart: UInt32(aliasStart),
            aliasCount: UInt32(node.aliases.count), documentStart: UInt32(documentStart),
            documentCount: UInt32(node.documents.count), type: types.intern(node.type),
            attributes: attributeSets.intern(node.attributes)))
    }

    /// The node at `i`, rebuilt as a value.
    func node(_ i: Int) -> Node {
        withTable { t in
            Node(key: t.key(i), type: t.type(i), label: t.labelString(i),
                 aliases: t.aliases(i).map { String(decoding: $0, as: UTF8.self) },
                 documents: Array(t.documents(i)), mentionCount: t.mentionCount(i), attributes: t.attributes(i))
        }
    }

    /// Calls `body` with a table over the storage, for loops over millions
    /// of nodes without reference counting.
    package func withTable<R>(_ body: (NodeTable) throws -> R) rethrows -> R {
        try records.withUnsafeBufferPointer { records in
            try text.withUnsafeBufferPointer { text in
                try aliasLengths.withUnsafeBufferPointer { aliasLengths in
                    try documentIDs.withUnsafeBufferPointer { documentIDs in
                        try body(NodeTable(records: records, text: text, aliasLengths: aliasLengths,
                                           documentIDs: documentIDs, types: types.values,
                                           attributeSets: attributeSets.values))
                    }
                }
            }
        }
    }
}

/// A borrowed view of a `NodeStore`, valid inside `withTable`.
package struct NodeTable {
    package let records: UnsafeBufferPointer<NodeRecord>
    package let text: UnsafeBufferPointer<UInt8>
    let aliasLengths: UnsafeBufferPointer<UInt32>
    let documentIDs: UnsafeBufferPointer<DocumentID>
    package let types: [NodeType]
    package let attributeSets: [[String: AttributeValue]]

    package var count: Int { records.count }
    package var indices: Range<Int> { records.indices }

    /// The UTF-8 of node `i`'s key.
    @inline(__always)
    package func keyBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> { keyBytes(records[i]) }

    /// The UTF-8 of node `i`'s label.
    @inline(__always)
    package func labelBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> { labelBytes(records[i]) }

    @inline(__always)
    package func keyBytes(_ r: NodeRecord) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.baseAddress.map { $0 + r.textStart }, count: Int(r.keyCount))
    }

    @inline(__always)
    package func labelBytes(_ r: NodeRecord) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.baseAddress.map { $0 + r.textStart + Int(r.keyCount) }, count: Int(r.labelCount))
    }

    package func key(_ i: Int) -> NodeKey { NodeKey(rawValue: String(decoding: keyBytes(i), as: UTF8.self)) }
    package func labelString(_ i: Int) -> String { String(decoding: labelBytes(i), as: UTF8.self) }
    package func type(_ i: Int) -> NodeType { types[Int(records[i].type)] }
    package func attributes(_ i: Int) -> [String: AttributeValue] { attributeSets[Int(records[i].attributes)] }
    package func mentionCount(_ i: Int) -> Int { records[i].mentionCount }

    @inline(__always)
    package func documents(_ i: Int) -> UnsafeBufferPointer<DocumentID> {
        let r = records[i]
        return UnsafeBufferPointer(rebasing: documentIDs[Int(r.documentStart)..<Int(r.documentStart + r.documentCount)])
    }

    /// The UTF-8 of node `i`'s aliases, in order.
    package func aliases(_ i: Int) -> Aliases {
        let r = records[i]
        return Aliases(table: self, offset: r.textStart + Int(r.keyCount) + Int(r.labelCount),
                       alias: Int(r.aliasStart), end: Int(r.aliasStart + r.aliasCount))
    }

    package struct Aliases: Sequence, IteratorProtocol {
        let table: NodeTable
        /// Where the next alias starts in the text, and its position in
        /// `aliasLengths`.
        var offset: Int
        var alias: Int
        let end: Int

        package mutating func next() -> UnsafeBufferPointer<UInt8>? {
            guard alias < end else { return nil }
            let n = Int(table.aliasLengths[alias])
            defer {
                offset += n
                alias += 1
            }
            return UnsafeBufferPointer(rebasing: table.text[offset..<offset + n])
        }
    }
}
