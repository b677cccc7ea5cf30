import ParleyGraph
import ParleyOntology

/// The ontology's answers on relations, as tables: `Ontology.allows` and
/// `Ontology.relation` search the classes and relations by name, comparing
/// strings, and the relation rules ask for every candidate edge.
struct RelationRules: Sendable {
    private struct Rule: Sendable {
        let domain: [NodeType]
        let range: [NodeType]
        let symmetric: Bool
    }

    /// Per relation name, the first relation of that name (as `Ontology.relation`).
    private let rules: [RelationName: Rule]
    /// Per class of the ontology, its top class (`Ontology.topClass`); any
    /// other type is its own top class.
    private let topClasses: [NodeType: NodeType]
    /// Whether the four top classes nodes nearly always have (actor,
    /// organization, proposal, condition) are their own top classes: then
    /// `topClass` knows them by comparison, without hashing the name.
    private let commonTypesAreTop: Bool

    init(_ ontology: Ontology) {
        var rules: [RelationName: Rule] = [:]
        for r in ontology.relations where rules[r.name] == nil {
            rules[r.name] = Rule(domain: r.domain, range: r.range, symmetric: r.symmetric)
        }
        self.rules = rules
        var topClasses: [NodeType: NodeType] = [:]
        for c in ontology.classes { topClasses[c.name] = ontology.topClass(of: c.name) }
        self.topClasses = topClasses
        self.commonTypesAreTop = RelationRules.commonTypes.allSatisfy { (topClasses[$0] ?? $0) == $0 }
    }

    private static let commonTypes: [NodeType] = [.actor, .organization, .proposal, .condition]

    /// `Ontology.topClass`, as the table says.
    private func topClass(_ type: NodeType) -> NodeType {
        if commonTypesAreTop, type == .actor || type == .organization || type == .proposal || type == .condition { return type }
        return topClasses[type] ?? type
    }

    /// `Ontology.allows(_:from:to:)`.
    func allows(_ relation: RelationName, from subject: NodeType, to object: NodeType) -> Bool {
        guard let r = rules[relation] else { return false }
        return r.domain.contains(topClass(subject)) && r.range.contains(topClass(object))
    }

    /// Whether the relation is symmetric (`Ontology.relation(_:)?.symmetric`).
    func isSymmetric(_ relation: RelationName) -> Bool { rules[relation]?.symmetric == true }
}
