import ParleyGraph
import ParleyOntology

/// What every serializer needs to know about a graph before writing it,
/// checked so a dangling edge or an unknown document is an error before
/// any byte is written: the distinct relations in order of first use, and
/// each edge's ends and next parallel edge, read from the graph's own
/// storage (no per-edge table is built).
struct GraphIndex {
    let store: EdgeStore
    /// The nodes, compactly (the graph's own store once it is finalized).
    let nodes: NodeStore
    /// The distinct relations, in order of first use.
    let relations: [RelationName]
    /// Per relation of the graph's store: its position in `relations`.
    private let relationRank: [Int32]
    /// Parallel-edge links for a graph changed since it was finalized.
    private let links: [Int32]?
    private let firsts: [Bool]?

    init(_ graph: CorpusGraph) throws {
        let store = graph.edgeStore
        self.store = store
        let documentCount = graph.documents.count
        var rank = [Int32](repeating: -1, count: store.relations.values.count)
        var relations: [RelationName] = []
        try store.records.withUnsafeBufferPointer { records in
            for i in records.indices {
                let r = records[i]
                if r.source < 0 || r.target < 0 {
                    throw SerializationError.danglingEdge(edge: i, relation: store.relations[r.relation],
                                                          missing: store.missingKeys[-1 - min(r.source, r.target)])
                }
                guard r.document >= 0 && Int(r.document) < documentCount else {
                    throw SerializationError.unknownDocument(edge: i, node: nil, document: DocumentID(rawValue: r.document))
                }
                if rank[Int(r.relation)] < 0 {
                    rank[Int(r.relation)] = Int32(relations.count)
                    relations.append(store.relations[r.relation])
                }
            }
        }
        nodes = graph.packedNodes
        try nodes.withTable { t in
            for i in t.indices {
                for d in t.documents(i) where Int(d.rawValue) < 0 || Int(d.rawValue) >= documentCount {
                    throw SerializationError.unknownDocument(edge: nil, node: t.key(i), document: d)
                }
            }
        }
        self.relations = relations
        relationRank = rank
        if store.parallelLinksValid {
            links = nil
            firsts = nil
        } else {
            let next = EdgeStore.parallelLinks(store.records)
            var first = [Bool](repeating: true, count: next.count)
            for n in next where n != 0 { first[Int(n)] = false }
            links = next
            firsts = first
        }
    }

    @inline(__always) func source(_ edge: Int) -> Int { Int(store.records[edge].source) }
    @inline(__always) func target(_ edge: Int) -> Int { Int(store.records[edge].target) }
    /// The position in `relations` of edge `edge`'s relation.
    @inline(__always) func relation(_ edge: Int) -> Int { Int(relationRank[Int(store.records[edge].relation)]) }
    /// The position in `relations` of a record's relation.
    @inline(__always) func relation(of record: EdgeRecord) -> Int { Int(relationRank[Int(record.relation)]) }

    /// The next edge with the same source, relation and target, or 0.
    @inline(__always) func nextParallel(_ edge: Int) -> Int {
        Int(links?[edge] ?? store.records[edge].nextParallel)
    }

    /// Whether no earlier edge has the same source, relation and target.
    @inline(__always) func isFirstParallel(_ edge: Int) -> Bool {
        firsts?[edge] ?? store.records[edge].isFirstParallel
    }

    /// The first edge with relation `k` (a position in `relations`).
    func firstEdge(withRelation k: Int) -> Int {
        store.records.firstIndex { relationRank[Int($0.relation)] == k } ?? 0
    }
}

/// A multiplicative hash over eight bytes at a time, for tables of the
/// serializers' own (not `Hasher`: SipHash is several times slower).
enum ByteHash {
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
        graph.packedNodes.withTable { t in
            let iris = NodeIRIs(t)
            return t.indices.map { ontology.instanceBase + iris.string($0, t) }
        }
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
