import ParleyGraph

/// A class of the ontology (`Organization`, or a subclass such as `State`).
public struct OntologyClass: Hashable, Sendable {
    public var name: NodeType
    public var iri: String
    public var label: String
    public var comment: String
    /// The direct superclass inside the Parley namespace, nil for a top class.
    public var superClass: NodeType?
    /// Classes outside the namespace this one is aligned to (schema.org, FOAF,
    /// PROV-O), by full IRI, for documentation and RDF output.
    public var alignedTo: [String]

    public init(name: NodeType, iri: String, label: String, comment: String,
                superClass: NodeType?, alignedTo: [String] = []) {
        self.name = name
        self.iri = iri
        self.label = label
        self.comment = comment
        self.superClass = superClass
        self.alignedTo = alignedTo
    }
}

/// One of the ontology's object properties between nodes.
public struct OntologyRelation: Hashable, Sendable {
    public var name: RelationName
    public var iri: String
    public var label: String
    public var comment: String
    /// Allowed subject classes (top classes; a subclass is allowed too).
    public var domain: [NodeType]
    /// Allowed object classes.
    public var range: [NodeType]
    /// `owl:SymmetricProperty`: one edge per pair says it.
    public var symmetric: Bool

    public init(name: RelationName, iri: String, label: String, comment: String,
                domain: [NodeType], range: [NodeType], symmetric: Bool) {
        self.name = name
        self.iri = iri
        self.label = label
        self.comment = comment
        self.domain = domain
        self.range = range
        self.symmetric = symmetric
    }
}

/// The ontology in `ontology/`: classes, relations and the extraction
/// lexicon. It is read at run time (see `OntologyLoader`) and is the single
/// source of truth for extractors, serializers and documentation.
public struct Ontology: Sendable {
    /// `https://w3id.org/parley/ontology#`
    public var namespace: String
    /// `https://w3id.org/parley/id/`: node IRIs are minted under it.
    public var instanceBase: String
    /// Every class, sorted by name.
    public var classes: [OntologyClass]
    /// Every object property between nodes, in the ontology's order.
    public var relations: [OntologyRelation]
    public var lexicon: Lexicon

    public init(namespace: String, instanceBase: String, classes: [OntologyClass],
                relations: [OntologyRelation], lexicon: Lexicon) {
        self.namespace = namespace
        self.instanceBase = instanceBase
        self.classes = classes.sorted { $0.name < $1.name }
        self.relations = relations
        self.lexicon = lexicon
    }

    public func ontologyClass(_ type: NodeType) -> OntologyClass? {
        classes.first { $0.name == type }
    }

    public func relation(_ name: RelationName) -> OntologyRelation? {
        relations.first { $0.name == name }
    }

    /// The top class (no Parley superclass) a class belongs to.
    ///
    /// The extractors ask for every mention, so the walk reads the classes
    /// in place and keeps no set of visited classes: a chain longer than the
    /// number of classes has a cycle, and only then does the walk start
    /// again with the set (`topClassInCycle`), for the same answer.
    public func topClass(of type: NodeType) -> NodeType {
        var current = type
        var steps = 0
        while let i = classes.firstIndex(where: { $0.name == current }), let parent = classes[i].superClass {
            steps += 1
            if steps > classes.count { return topClassInCycle(of: type) }
            current = parent
        }
        return current
    }

    private func topClassInCycle(of type: NodeType) -> NodeType {
        var current = type
        var seen: Set<NodeType> = []
        while let parent = ontologyClass(current)?.superClass, seen.insert(current).inserted {
            current = parent
        }
        return current
    }

    /// Whether `relation` may link a `subject` node to an `object` node
    /// according to the relation's domain and range.
    public func allows(_ relation: RelationName, from subject: NodeType, to object: NodeType) -> Bool {
        guard let r = self.relation(relation) else { return false }
        return r.domain.contains(topClass(of: subject)) && r.range.contains(topClass(of: object))
    }
}
