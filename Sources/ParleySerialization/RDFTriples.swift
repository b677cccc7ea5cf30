import ParleyGraph
import ParleyOntology

/// A resource of a graph's RDF, by what it is, so each writer renders
/// every kind once (a node's IRI is escaped once, not once per triple).
enum RDFResource: Equatable {
    /// A fixed IRI: a class, a property, a datatype (`RDFTriples.vocabulary`).
    case vocabulary(Int)
    case node(Int)
    case document(Int)
    /// The evidence statement of edge `n` (`{base}statement/e{n}`).
    case statement(Int)
}

/// The object of a triple.
enum RDFObject {
    case resource(RDFResource)
    /// A plain literal (`xsd:string`).
    case string(String)
    /// `rdfs:label`s and `skos:altLabel`s, tagged `en` as in RDF/XML.
    case english(String)
    /// A literal with a datatype from the vocabulary.
    case typed(String, datatype: Int)
    case integer(Int)
    case boolean(Bool)
    /// A canonical `xsd:decimal`, already written out.
    case decimal([UInt8])
}

/// Receives triples in the order they are produced; predicates are
/// vocabulary indices.
protocol RDFTripleSink {
    mutating func triple(_ subject: RDFResource, _ predicate: Int, _ object: RDFObject)
}

/// The triples of a graph, produced in one streaming pass, for the
/// line-based syntaxes (N-Triples, Turtle): the same triples, in the same
/// order and with the same IRIs, lexical forms and datatypes, as
/// `RDFXMLSerializer` writes (see its documentation for the shape), so every
/// RDF output of one graph is the same RDF graph.
///
/// The one difference is in text: RDF/XML cannot carry control characters
/// and writes them as U+FFFD; N-Triples and Turtle escape them (`\u0001`),
/// so those literals keep what the article said. (All three write the
/// noncharacters U+FFFE and U+FFFF as U+FFFD.)
struct RDFTriples {
    let graph: CorpusGraph
    let ontology: Ontology
    let index: GraphIndex
    let nodeIRIs: [String]
    let documentIRIs: [String]
    /// `{base}statement/e`, to which the edge number is appended.
    let statementBase: String
    /// Every fixed IRI the triples use; `V` names the well-known ones.
    let vocabulary: [String]
    let v: V
    /// Per node: its class and, when more specific, its category class.
    let nodeClasses: [(type: Int, category: Int?)]
    /// Per `index.relations`: the predicate.
    let relationPredicates: [Int]
    /// Node attribute name → predicate.
    let attributePredicates: [String: Int]
    /// Sanitized relation and attribute names: (predicate, original name).
    let sanitizedNames: [(predicate: Int, name: String)]
    let relationTable: RDFPredicates
    let attributeTable: RDFPredicates

    /// Indices of the well-known IRIs in `vocabulary`.
    struct V {
        var type = 0, label = 0, altLabel = 0, mentionCount = 0, mentionedIn = 0, sourceDocument = 0
        var documentPath = 0, title = 0, url = 0, date = 0, subject = 0, predicate = 0, object = 0
        var wasDerivedFrom = 0, evidenceText = 0, confidence = 0, sentenceIndex = 0, startOffset = 0
        var endOffset = 0, modality = 0, negated = 0, trigger = 0, attribution = 0
        var statementClass = 0, evidenceStatementClass = 0, documentClass = 0
        var integer = 0, decimal = 0, boolean = 0, double = 0, xsdDate = 0, anyURI = 0
    }

    init(_ graph: CorpusGraph, ontology: Ontology, invalidNames: InvalidNamePolicy) throws {
        self.graph = graph
        self.ontology = ontology
        index = try GraphIndex(graph)
        nodeIRIs = ParleyIRI.nodeIRIs(graph, ontology: ontology)
        documentIRIs = ParleyIRI.documentIRIs(graph, ontology: ontology)
        statementBase = String(ParleyIRI.statementIRI(edge: 0, ontology: ontology).dropLast())
        var table = VocabularyTable()
        let (rdf, xsd, ns) = (RDFNamespace.rdf, RDFNamespace.xsd, ontology.namespace)
        var v = V()
        v.type = table.add(rdf + "type")
        v.label = table.add(RDFNamespace.rdfs + "label")
        v.altLabel = table.add(RDFNamespace.skos + "altLabel")
        for (path, name) in [(\V.mentionCount, "mentionCount"), (\V.mentionedIn, "mentionedIn"),
                             (\V.sourceDocument, "sourceDocument"), (\V.documentPath, "documentPath"),
                             (\V.evidenceText, "evidenceText"), (\V.confidence, "confidence"),
                             (\V.sentenceIndex, "sentenceIndex"), (\V.startOffset, "startOffset"),
                             (\V.endOffset, "endOffset"), (\V.modality, "modality"), (\V.negated, "negated"),
                             (\V.trigger, "trigger"), (\V.attribution, "attribution"),
                             (\V.evidenceStatementClass, "EvidenceStatement"), (\V.documentClass, "Document")]
            as [(WritableKeyPath<V, Int>, String)] {
            v[keyPath: path] = table.add(ns + name)
        }
        v.title = table.add(RDFNamespace.dcterms + "title")
        v.url = table.add(RDFNamespace.schema + "url")
        v.date = table.add(RDFNamespace.dcterms + "date")
        v.subject = table.add(rdf + "subject")
        v.predicate = table.add(rdf + "predicate")
        v.object = table.add(rdf + "object")
        v.statementClass = table.add(rdf + "Statement")
        v.wasDerivedFrom = table.add(RDFNamespace.prov + "wasDerivedFrom")
        for (path, name) in [(\V.integer, "integer"), (\V.decimal, "decimal"), (\V.boolean, "boolean"),
                             (\V.double, "double"), (\V.xsdDate, "date"), (\V.anyURI, "anyURI")]
            as [(WritableKeyPath<V, Int>, String)] {
            v[keyPath: path] = table.add(xsd + name)
        }
        nodeClasses = graph.nodes.map { node in
            let type = table.add(ns + ParleyIRI.percentEncode(node.type.rawValue))
            if case .string(let category)? = node.attributes["category"], !category.isEmpty,
               category != node.type.rawValue {
                return (type, table.add(ns + ParleyIRI.percentEncode(category)))
            }
            return (type, nil)
        }
        var relations = RDFPredicates(ontology: ontology, sanitizedSegment: "rel", prefix: RDFPredicates.relationPrefix)
        var relationPredicates: [Int] = []
        for (k, relation) in index.relations.enumerated() {
            guard let p = relations.index(of: relation.rawValue, policy: invalidNames) else {
                throw SerializationError.invalidRelationName(relation, edge: index.firstEdge(withRelation: k))
            }
            relationPredicates.append(table.add(relations[p].iri))
        }
        var attributes = RDFPredicates(ontology: ontology, sanitizedSegment: "attr", prefix: RDFPredicates.attributePrefix)
        var attributePredicates: [String: Int] = [:]
        for node in graph.nodes {
            for name in node.attributes.keys.sorted() where name != "category" && attributePredicates[name] == nil {
                guard let k = attributes.index(of: name, policy: invalidNames) else {
                    throw SerializationError.invalidAttributeName(name, node: node.key)
                }
                attributePredicates[name] = table.add(attributes[k].iri)
            }
        }
        sanitizedNames = (relations.predicates + attributes.predicates).compactMap { p in
            p.original.map { (table.add(p.iri), $0) }
        }
        self.relationPredicates = relationPredicates
        self.attributePredicates = attributePredicates
        relationTable = relations
        attributeTable = attributes
        vocabulary = table.iris
        self.v = v
    }

    /// Sends every triple to `sink`; returns the number of values left out
    /// (non-finite confidences, which `xsd:decimal` cannot carry).
    func emit<Sink: RDFTripleSink>(into sink: inout Sink) -> Int {
        for (i, document) in graph.documents.enumerated() {
            let s = RDFResource.document(i)
            sink.triple(s, v.type, .resource(.vocabulary(v.documentClass)))
            sink.triple(s, v.sourceDocument, .string(document.name))
            sink.triple(s, v.documentPath, .string(document.path))
            if let title = document.title { sink.triple(s, v.title, .string(title)) }
            if let url = document.url { sink.triple(s, v.url, .typed(url, datatype: v.anyURI)) }
            if let date = document.date {
                sink.triple(s, v.date, RDFLiteralCache.isISODate(date) ? .typed(date, datatype: v.xsdDate) : .string(date))
            }
        }
        for (i, node) in graph.nodes.enumerated() {
            emitNode(node, i, into: &sink)
        }
        var omitted = 0
        var decimals = RDFLiteralCache()
        for i in 0..<graph.edgeCount {
            let k = index.relation(i)
            let (s, o) = (index.source(i), index.target(i))
            if index.isFirstParallel(i) {
                sink.triple(.node(s), relationPredicates[k], .resource(.node(o)))
            }
            omitted += emitStatement(i, subject: s, object: o, predicate: relationPredicates[k],
                                     decimals: &decimals, into: &sink)
        }
        for (predicate, name) in sanitizedNames {
            sink.triple(.vocabulary(predicate), v.label, .string(name))
        }
        return omitted
    }

    private func emitNode<Sink: RDFTripleSink>(_ node: Node, _ i: Int, into sink: inout Sink) {
        let s = RDFResource.node(i)
        sink.triple(s, v.type, .resource(.vocabulary(nodeClasses[i].type)))
        if let category = nodeClasses[i].category { sink.triple(s, v.type, .resource(.vocabulary(category))) }
        sink.triple(s, v.label, .english(node.label))
        for alias in node.aliases { sink.triple(s, v.altLabel, .english(alias)) }
        sink.triple(s, v.mentionCount, .integer(node.mentionCount))
        for document in node.documents { sink.triple(s, v.mentionedIn, .resource(.document(Int(document.rawValue)))) }
        guard !node.attributes.isEmpty else { return }
        for name in node.attributes.keys.sorted() where name != "category" {
            let p = attributePredicates[name]!
            switch node.attributes[name]! {
            case .string(let text): sink.triple(s, p, .string(text))
            case .int(let n): sink.triple(s, p, .integer(n))
            case .double(let d): sink.triple(s, p, .typed(LexicalForms.xsdDouble(d), datatype: v.double))
            case .bool(let b): sink.triple(s, p, .boolean(b))
            }
        }
    }

    private func emitStatement<Sink: RDFTripleSink>(_ i: Int, subject: Int, object: Int, predicate: Int,
                                                    decimals: inout RDFLiteralCache, into sink: inout Sink) -> Int {
        let p = graph.edges[i].provenance
        let st = RDFResource.statement(i)
        sink.triple(st, v.type, .resource(.vocabulary(v.statementClass)))
        sink.triple(st, v.type, .resource(.vocabulary(v.evidenceStatementClass)))
        sink.triple(st, v.subject, .resource(.node(subject)))
        sink.triple(st, v.predicate, .resource(.vocabulary(predicate)))
        sink.triple(st, v.object, .resource(.node(object)))
        sink.triple(st, v.wasDerivedFrom, .resource(.document(Int(p.document.rawValue))))
        sink.triple(st, v.evidenceText, .string(p.evidence))
        var omitted = 0
        if let decimal = decimals.decimal(p.confidence) {
            sink.triple(st, v.confidence, .decimal(decimal))
        } else {
            omitted += 1
        }
        sink.triple(st, v.sentenceIndex, .integer(Int(p.sentence)))
        sink.triple(st, v.startOffset, .integer(Int(p.start)))
        sink.triple(st, v.endOffset, .integer(Int(p.end)))
        sink.triple(st, v.modality, .string(p.modality.rawValue))
        sink.triple(st, v.negated, .boolean(p.negated))
        if !p.trigger.isEmpty { sink.triple(st, v.trigger, .string(p.trigger)) }
        if let attribution = p.attribution, !attribution.isEmpty { sink.triple(st, v.attribution, .string(attribution)) }
        sink.triple(st, v.sourceDocument, .string(graph.documents[Int(p.document.rawValue)].name))
        return omitted
    }

    /// The full IRI of a resource.
    func iri(_ resource: RDFResource) -> String {
        switch resource {
        case .vocabulary(let k): return vocabulary[k]
        case .node(let i): return nodeIRIs[i]
        case .document(let i): return documentIRIs[i]
        case .statement(let n): return statementBase + String(n)
        }
    }

    /// The namespaces the triples use, with their usual prefixes, sorted by
    /// prefix: what Turtle declares.
    var namespaces: [(prefix: String, iri: String)] {
        var result: [(String, String)] = [
            ("dcterms", RDFNamespace.dcterms), ("parley", ontology.namespace), ("prov", RDFNamespace.prov),
            ("rdf", RDFNamespace.rdf), ("rdfs", RDFNamespace.rdfs), ("schema", RDFNamespace.schema),
            ("skos", RDFNamespace.skos), ("xsd", RDFNamespace.xsd),
        ]
        if relationTable.usesSanitizedNamespace {
            result.append((RDFPredicates.relationPrefix, relationTable.sanitizedNamespace))
        }
        if attributeTable.usesSanitizedNamespace {
            result.append((RDFPredicates.attributePrefix, attributeTable.sanitizedNamespace))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}

/// Fixed IRIs, each once, by first use.
struct VocabularyTable {
    private(set) var iris: [String] = []
    private var positions: [String: Int] = [:]

    mutating func add(_ iri: String) -> Int {
        if let k = positions[iri] { return k }
        positions[iri] = iris.count
        iris.append(iri)
        return iris.count - 1
    }
}
