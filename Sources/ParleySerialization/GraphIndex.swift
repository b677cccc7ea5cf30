import ParleyGraph
import ParleyOntology

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
        var position: [NodeKey: Int32] = [:]
        position.reserveCapacity(graph.nodes.count)
        for i in graph.nodes.indices { position[graph.nodes[i].key] = Int32(i) }
        var endpoints = [Int32]()
        endpoints.reserveCapacity(graph.edges.count * 2)
        var relationOfEdge = [Int32]()
        relationOfEdge.reserveCapacity(graph.edges.count)
        var relationPosition: [RelationName: Int32] = [:]
        var relations: [RelationName] = []
        var last: Int32 = -1
        let documentCount = graph.documents.count
        let edges = graph.edges
        for i in edges.indices {
            guard let s = position[edges[i].source] else {
                throw SerializationError.danglingEdge(edge: i, relation: edges[i].relation, missing: edges[i].source)
            }
            guard let t = position[edges[i].target] else {
                throw SerializationError.danglingEdge(edge: i, relation: edges[i].relation, missing: edges[i].target)
            }
            let d = Int(edges[i].provenance.document.rawValue)
            guard d >= 0 && d < documentCount else {
                throw SerializationError.unknownDocument(edge: i, node: nil, document: edges[i].provenance.document)
            }
            endpoints.append(s)
            endpoints.append(t)
            if last < 0 || relations[Int(last)] != edges[i].relation {
                if let r = relationPosition[edges[i].relation] {
                    last = r
                } else {
                    last = Int32(relations.count)
                    relationPosition[edges[i].relation] = last
                    relations.append(edges[i].relation)
                }
            }
            relationOfEdge.append(last)
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
