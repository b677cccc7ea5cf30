import ParleyGraph
import ParleyOntology
import ParleyXML

/// Reads an RDF/XML file written by `RDFXMLSerializer` back into a
/// `CorpusGraph`, for `parley convert`: documents from the
/// `parley:Document` resources (in file order), nodes from the resources
/// with an `rdfs:label` under the ontology's instance base, and one edge per
/// `parley:EvidenceStatement` (in the order of their `e{n}` numbers), with
/// its full provenance. The direct triples (`?a parley:rejects ?p`) are
/// implied by the statements and not read.
///
/// A node's type is its class whose top class is itself (`Organization`),
/// its category the more specific one (`ArmedGroup`). RDF does not carry
/// node keys: a key is rebuilt from the IRI's last segment and a family,
/// by default Parley's (`entity` for actors and organizations, whose
/// identity never depends on their type; the lower-cased type otherwise),
/// which is what the extractor mints.
///
/// Not supported: RDF from other tools (no statements, no edges), keys of
/// other families unless `keyFamily` says them, and IRIs the writer had to
/// tell apart with a `-2` suffix (the suffix stays in the key).
public struct RDFXMLGraphReader: Sendable {
    public var ontology: Ontology
    /// The family part of a node key (`entity` in `entity/hezbollah`) for a
    /// node of a given top class.
    public var keyFamily: @Sendable (NodeType) -> String

    public init(ontology: Ontology, keyFamily: (@Sendable (NodeType) -> String)? = nil) {
        self.ontology = ontology
        self.keyFamily = keyFamily ?? { type in
            type == .actor || type == .organization ? "entity" : type.rawValue.lowercased()
        }
    }

    public func read(contentsOf path: String) throws(GraphReadError) -> CorpusGraph {
        let tree: XMLTree
        do { tree = try XMLReader.parse(contentsOf: path) } catch { throw .xml(error) }
        return try read(tree)
    }

    public func read(_ tree: XMLTree) throws(GraphReadError) -> CorpusGraph {
        let triples: [RDFTriple]
        do {
            triples = try RDFXMLReader.triples(in: tree)
        } catch {
            throw .notParleyOutput(file: tree.name, line: 0, what: "not RDF/XML (\(error))")
        }
        let index = RDFSubjects(triples)
        let names = sanitizedNames(index)
        let (documents, documentIDs) = self.documents(index)
        let (nodes, nodeKeys) = self.nodes(index, documentIDs: documentIDs, names: names)
        let edges = try self.edges(index, nodeKeys: nodeKeys, documentIDs: documentIDs, names: names, file: tree.name)
        return CorpusGraph(documents: documents, nodes: nodes, edges: edges)
    }

    private func documents(_ index: RDFSubjects) -> ([DocumentInfo], [String: DocumentID]) {
        let ns = ontology.namespace
        var documentIDs: [String: DocumentID] = [:]
        var documents: [DocumentInfo] = []
        for subject in index.subjects(ofType: ns + "Document") {
            let name = index.literal(subject, ns + "sourceDocument") ?? subject
            documentIDs[subject] = DocumentID(documents.count)
            documents.append(DocumentInfo(name: name, path: index.literal(subject, ns + "documentPath") ?? name,
                                          title: index.literal(subject, RDFNamespace.dcterms + "title"),
                                          url: index.literal(subject, RDFNamespace.schema + "url"),
                                          date: index.literal(subject, RDFNamespace.dcterms + "date")))
        }
        return (documents, documentIDs)
    }

    private func nodes(_ index: RDFSubjects, documentIDs: [String: DocumentID],
                       names: [String: String]) -> ([Node], [String: NodeKey]) {
        let ns = ontology.namespace
        let rdfType = RDFNamespace.rdf + "type"
        let known: Set<String> = [rdfType, RDFNamespace.rdfs + "label", RDFNamespace.skos + "altLabel",
                                  ns + "mentionCount", ns + "mentionedIn"]
        var nodes: [Node] = []
        var nodeKeys: [String: NodeKey] = [:]
        for subject in index.order where subject.hasPrefix(ontology.instanceBase) && documentIDs[subject] == nil {
            guard let label = index.literal(subject, RDFNamespace.rdfs + "label") else { continue }
            let classes = index.objects(subject, rdfType).compactMap(\.iri).filter { $0.hasPrefix(ns) }
                .map { NodeType(ParleyIRI.percentDecode(String($0.dropFirst(ns.count)))) }
            guard let type = classes.first(where: { ontology.topClass(of: $0) == $0 }) ?? classes.first else { continue }
            let key = NodeKey(rawValue: keyFamily(ontology.topClass(of: type)) + "/"
                              + ParleyIRI.percentDecode(String(subject.split(separator: "/").last ?? "")))
            nodeKeys[subject] = key
            let documents = index.objects(subject, ns + "mentionedIn").compactMap { $0.iri.flatMap { documentIDs[$0] } }
            var node = Node(key: key, type: type, label: label,
                            aliases: index.objects(subject, RDFNamespace.skos + "altLabel").compactMap(\.literal),
                            documents: documents.sorted(),
                            mentionCount: Int(index.literal(subject, ns + "mentionCount") ?? "") ?? 0)
            if let category = classes.first(where: { $0 != type }) {
                node.attributes["category"] = .string(category.rawValue)
            }
            for (predicate, object) in index.statements(subject) where !known.contains(predicate) {
                guard case .literal(let text, _, let datatype) = object,
                      let name = names[predicate] ?? (predicate.hasPrefix(ns) ? String(predicate.dropFirst(ns.count)) : nil)
                else { continue }
                node.attributes[name] = Self.value(text, datatype: datatype)
            }
            nodes.append(node)
        }
        return (nodes, nodeKeys)
    }

    private func edges(_ index: RDFSubjects, nodeKeys: [String: NodeKey], documentIDs: [String: DocumentID],
                       names: [String: String], file: String) throws(GraphReadError) -> [Edge] {
        let ns = ontology.namespace
        var numbered: [(Int, Edge)] = []
        for subject in index.subjects(ofType: ns + "EvidenceStatement") {
            func resource(_ predicate: String) -> String? { index.objects(subject, predicate).first?.iri }
            guard let s = resource(RDFNamespace.rdf + "subject").flatMap({ nodeKeys[$0] }),
                  let o = resource(RDFNamespace.rdf + "object").flatMap({ nodeKeys[$0] }),
                  let p = resource(RDFNamespace.rdf + "predicate"),
                  let d = resource(RDFNamespace.prov + "wasDerivedFrom").flatMap({ documentIDs[$0] })
            else {
                throw .notParleyOutput(file: file, line: 0, what: "statement \(subject) lacks a subject, "
                                       + "predicate, object or document that the file describes")
            }
            let relation = names[p] ?? (p.hasPrefix(ns) ? String(p.dropFirst(ns.count)) : p)
            func literal(_ property: String) -> String? { index.literal(subject, ns + property) }
            func int(_ property: String) -> Int32 { Int32(literal(property) ?? "") ?? 0 }
            let provenance = Provenance(
                document: d, sentence: int("sentenceIndex"), start: int("startOffset"), end: int("endOffset"),
                evidence: literal("evidenceText") ?? "", confidence: Double(literal("confidence") ?? "") ?? .nan,
                modality: Modality(rawValue: literal("modality") ?? "") ?? .asserted,
                negated: literal("negated") == "true", trigger: literal("trigger") ?? "",
                attribution: literal("attribution"))
            let number = Int((subject.split(separator: "/").last ?? "").dropFirst()) ?? numbered.count
            numbered.append((number, Edge(relation: RelationName(relation), source: s, target: o, provenance: provenance)))
        }
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Sanitized relation and attribute IRIs → their original names (the
    /// `rdfs:label` the writer gives each).
    private func sanitizedNames(_ index: RDFSubjects) -> [String: String] {
        var base = ontology.namespace
        while base.hasSuffix("#") || base.hasSuffix("/") { base.removeLast() }
        var names: [String: String] = [:]
        for subject in index.order where subject.hasPrefix(base + "/rel/") || subject.hasPrefix(base + "/attr/") {
            if let label = index.literal(subject, RDFNamespace.rdfs + "label") { names[subject] = label }
        }
        return names
    }

    static func value(_ text: String, datatype: String?) -> AttributeValue {
        switch datatype ?? "" {
        case RDFNamespace.xsd + "integer", RDFNamespace.xsd + "long", RDFNamespace.xsd + "int":
            return Int(text).map(AttributeValue.int) ?? .string(text)
        case RDFNamespace.xsd + "double", RDFNamespace.xsd + "decimal":
            switch text {
            case "NaN": return .double(.nan)
            case "INF": return .double(.infinity)
            case "-INF": return .double(-.infinity)
            default: return Double(text).map(AttributeValue.double) ?? .string(text)
            }
        case RDFNamespace.xsd + "boolean":
            return .bool(text == "true" || text == "1")
        default:
            return .string(text)
        }
    }
}

/// Triples by IRI subject, in file order.
struct RDFSubjects {
    private(set) var order: [String] = []
    private var bySubject: [String: [(String, RDFTerm)]] = [:]
    private var typed: [String: [String]] = [:]

    init(_ triples: [RDFTriple]) {
        for triple in triples {
            guard case .iri(let s) = triple.subject else { continue }
            if bySubject[s] == nil { order.append(s) }
            bySubject[s, default: []].append((triple.predicate, triple.object))
            if triple.predicate == RDFNamespace.rdf + "type", case .iri(let type) = triple.object {
                typed[type, default: []].append(s)
            }
        }
    }

    func statements(_ subject: String) -> [(String, RDFTerm)] { bySubject[subject] ?? [] }

    func objects(_ subject: String, _ predicate: String) -> [RDFTerm] {
        statements(subject).filter { $0.0 == predicate }.map(\.1)
    }

    func literal(_ subject: String, _ predicate: String) -> String? {
        objects(subject, predicate).first?.literal
    }

    func subjects(ofType type: String) -> [String] {
        var seen = Set<String>()
        return (typed[type] ?? []).filter { seen.insert($0).inserted }
    }
}

extension ParleyIRI {
    /// Undoes `percentEncode`: `%XX` sequences back to bytes, read as UTF-8.
    public static func percentDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            if source[i] == 0x25, i + 2 < source.count,
               let value = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
