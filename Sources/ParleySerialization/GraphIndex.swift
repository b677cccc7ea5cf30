import ParleyGraph
import ParleyOntology
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What every serializer needs to know about a graph before writing it:
/// each edge's end positions and relation (checked, so a dangling edge is
/// an error before any byte is written), computed once without copying
/// edges.
struct GraphIndex {
    /// Source and target node positions of edge `i`, at `2i` and `2i + 1`.
    let endpoints: [Int32]
    /// The position in `relations` of edge `i`'s relation.
    let relationOfEdge: [Int32]
    /// The distinct relations, in order of first use.
    let relations: [RelationName]

    init(_ graph: CorpusGraph) throws {
        let position = NodeKeyTable(graph.nodes)
        var endpoints = [Int32](repeating: 0, count: graph.edges.count * 2)
        var relationOfEdge = [Int32](repeating: 0, count: graph.edges.count)
        var relations: [RelationName] = []
        var relationPosition: [RelationName: Int32] = [:]
        let documentCount = graph.documents.count
        try graph.edges.withUnsafeBufferPointer { edges in
            for i in edges.indices {
                guard let s = position.find(edges[i].source) else {
                    throw SerializationError.danglingEdge(edge: i, relation: edges[i].relation, missing: edges[i].source)
                }
                guard let t = position.find(edges[i].target) else {
                    throw SerializationError.danglingEdge(edge: i, relation: edges[i].relation, missing: edges[i].target)
                }
                let d = Int(edges[i].provenance.document.rawValue)
                guard d >= 0 && d < documentCount else {
                    throw SerializationError.unknownDocument(edge: i, node: nil, document: edges[i].provenance.document)
                }
                endpoints[2 * i] = s
                endpoints[2 * i + 1] = t
                // Few relations: a scan of short strings beats hashing.
                var r = -1
                if relations.count <= 16 {
                    for k in relations.indices where relations[k] == edges[i].relation {
                        r = k
                        break
                    }
                } else {
                    r = relationPosition[edges[i].relation].map(Int.init) ?? -1
                }
                if r < 0 {
                    r = relations.count
                    relationPosition[edges[i].relation] = Int32(r)
                    relations.append(edges[i].relation)
                }
                relationOfEdge[i] = Int32(r)
            }
        }
        for node in graph.nodes {
            for d in node.documents where Int(d.rawValue) < 0 || Int(d.rawValue) >= documentCount {
                throw SerializationError.unknownDocument(edge: nil, node: node.key, document: d)
            }
        }
        self.endpoints = endpoints
        self.relationOfEdge = relationOfEdge
        self.relations = relations
    }

    @inline(__always) func source(_ edge: Int) -> Int { Int(endpoints[2 &* edge]) }
    @inline(__always) func target(_ edge: Int) -> Int { Int(endpoints[2 &* edge &+ 1]) }
    @inline(__always) func relation(_ edge: Int) -> Int { Int(relationOfEdge[edge]) }
}

/// Node positions by key: an open-addressing table over the keys' UTF-8
/// bytes with a word-at-a-time hash, several times faster than a
/// `Dictionary<NodeKey, Int>` (SipHash) for the two lookups per edge.
struct NodeKeyTable {
    private var bytes: [UInt8] = []
    private var spans: [(start: Int32, count: Int32)] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private let mask: Int

    init(_ nodes: [Node]) {
        var size = 16
        while size < nodes.count * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        spans.reserveCapacity(nodes.count)
        hashes.reserveCapacity(nodes.count)
        for i in nodes.indices {
            let key = nodes[i].key.rawValue
            let h = NodeKeyTable.hash(key)
            let start = bytes.count
            bytes.append(contentsOf: key.utf8)
            spans.append((Int32(start), Int32(bytes.count - start)))
            hashes.append(h)
            guard find(key, hash: h) == nil else { continue }  // a repeated key: the first wins
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }

    /// The position of the node with key `key`, if any.
    @inline(__always)
    func find(_ key: NodeKey) -> Int32? {
        find(key.rawValue, hash: NodeKeyTable.hash(key.rawValue))
    }

    private func find(_ key: String, hash h: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let i = slots[slot]
            if i < 0 { return nil }
            if hashes[Int(i)] == h && equal(key, Int(i)) { return i }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ key: String, _ i: Int) -> Bool {
        let span = spans[i]
        return bytes.withUnsafeBufferPointer { all in
            let stored = UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.count)])
            return key.utf8.withContiguousStorageIfAvailable { probe in
                probe.count == stored.count && (probe.count == 0 || memcmp(probe.baseAddress!, stored.baseAddress!, probe.count) == 0)
            } ?? key.utf8.elementsEqual(stored)
        }
    }

    /// A multiplicative hash over eight bytes at a time.
    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        if let h = key.utf8.withContiguousStorageIfAvailable({ hash($0) }) { return h }
        return Array(key.utf8).withUnsafeBufferPointer { hash($0) }
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(p.count)
        var i = 0
        let n = p.count
        guard let base = p.baseAddress else { return h }
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h &* 0xD6E8_FEB8_6659_FD93
    }
}

/// The IRIs Parley mints, the same in every format, so a GraphML `iri`
/// column and an RDF/XML subject name the same thing.
public enum ParleyIRI {
    /// `{instanceBase}{type lower-cased}/{key after its "/"}`, percent-encoded,
    /// one per node in graph order. Two nodes that would get the same IRI
    /// (keys `entity/x` and `actor/x`, both Actors) are told apart by a
    /// `-2`, `-3`... suffix on the later one in key order.
    public static func nodeIRIs(_ graph: CorpusGraph, ontology: Ontology) -> [String] {
        let base = graph.nodes.map { node -> String in
            let key = node.key.rawValue
            let local = key.firstIndex(of: "/").map { String(key[key.index(after: $0)...]) } ?? key
            return ontology.instanceBase + percentEncode(node.type.rawValue.lowercased()) + "/"
                + percentEncode(local.isEmpty ? "unnamed" : local)
        }
        return unique(base)
    }

    /// `{instanceBase}document/{slug of the name}`, one per document.
    public static func documentIRIs(_ graph: CorpusGraph, ontology: Ontology) -> [String] {
        unique(graph.documents.map { ontology.instanceBase + "document/" + percentEncode(NodeKey.slug($0.name)) })
    }

    /// `{instanceBase}statement/e{n}`, `n` being the GraphML edge id.
    public static func statementIRI(edge: Int, ontology: Ontology) -> String {
        ontology.instanceBase + "statement/e" + String(edge)
    }

    /// Keeps unreserved ASCII (`A-Z a-z 0-9 - _ ~`) and percent-encodes every
    /// other UTF-8 byte, so the result is a valid IRI segment whatever the label.
    public static func percentEncode(_ text: String) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x7E: out.append(b)
            default:
                out.append(0x25)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Makes every string distinct, keeping the first of equal ones and
    /// suffixing later ones with the smallest free `-n`.
    static func unique(_ values: [String]) -> [String] {
        var taken = Set(values)
        guard taken.count < values.count else { return values }
        var seen = Set<String>()
        return values.map { value in
            if seen.insert(value).inserted { return value }
            var n = 2
            while taken.contains(value + "-" + String(n)) { n += 1 }
            let fresh = value + "-" + String(n)
            taken.insert(fresh)
            seen.insert(fresh)
            return fresh
        }
    }
}
