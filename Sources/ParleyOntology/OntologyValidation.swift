import ParleyGraph

extension Ontology {
    /// The four top classes the guidelines score.
    public static let requiredTopClasses: [NodeType] = [.actor, .organization, .proposal, .condition]

    /// The fourteen relations of GUIDELINES.md with their signatures, as
    /// (name, domain, range, symmetric). The ontology must declare exactly
    /// these: extractors and the scorer know them by name.
    public static let guidelineRelations: [(name: RelationName, domain: [NodeType], range: [NodeType], symmetric: Bool)] = {
        let agent: [NodeType] = [.actor, .organization]
        return [
            (RelationName("leads"), [.actor], [.organization], false),
            (RelationName("memberOf"), [.actor], [.organization], false),
            (RelationName("backs"), agent, [.organization], false),
            (RelationName("founded"), agent, [.organization], false),
            (RelationName("opposes"), agent, agent, true),
            (RelationName("negotiatesWith"), agent, agent, true),
            (RelationName("proposes"), agent, [.proposal], false),
            (RelationName("brokers"), agent, [.proposal], false),
            (RelationName("partyTo"), agent, [.proposal], false),
            (RelationName("rejects"), agent, [.proposal], false),
            (RelationName("accepts"), agent, [.proposal], false),
            (RelationName("considers"), agent, [.proposal], false),
            (RelationName("demands"), agent, [.condition], false),
            (RelationName("requires"), [.proposal], [.condition], false),
        ]
    }()

    /// Checks what the code relies on: the four top classes exist and are
    /// top classes; the relations are exactly the fourteen of the guidelines
    /// with their domain, range and symmetry; every lexicon entry names a
    /// class or relation that exists.
    public func validate() throws(OntologyError) {
        for required in Self.requiredTopClasses {
            guard let ontologyClass = ontologyClass(required) else { throw .missingClass(name: required.rawValue) }
            if ontologyClass.superClass != nil {
                throw .relationSignature(relation: required.rawValue, message: "\(required) must be a top class")
            }
        }
        let expected = Set(Self.guidelineRelations.map(\.name.rawValue))
        let actual = Set(relations.map(\.name.rawValue))
        if expected != actual || relations.count != actual.count {
            throw .relationMismatch(missing: expected.subtracting(actual).sorted(),
                                    unexpected: actual.subtracting(expected).sorted())
        }
        for signature in Self.guidelineRelations {
            guard let relation = relation(signature.name) else { continue }
            if Set(relation.domain) != Set(signature.domain) {
                throw .relationSignature(relation: relation.name.rawValue,
                                         message: "domain is \(relation.domain.map(\.rawValue)), expected \(signature.domain.map(\.rawValue))")
            }
            if Set(relation.range) != Set(signature.range) {
                throw .relationSignature(relation: relation.name.rawValue,
                                         message: "range is \(relation.range.map(\.rawValue)), expected \(signature.range.map(\.rawValue))")
            }
            if relation.symmetric != signature.symmetric {
                throw .relationSignature(relation: relation.name.rawValue,
                                         message: signature.symmetric ? "must be symmetric" : "must not be symmetric")
            }
        }
        try validateLexicon()
    }

    private func validateLexicon() throws(OntologyError) {
        func known(_ name: RelationName?, _ owner: String) throws(OntologyError) {
            if let name, relation(name) == nil {
                throw .unknownRelation(name: name.rawValue, referencedBy: owner, file: "", line: 0)
            }
        }
        for trigger in lexicon.triggers {
            try known(trigger.onProposal, trigger.lemma)
            try known(trigger.onCondition, trigger.lemma)
            try known(trigger.onAgent, trigger.lemma)
        }
        for title in lexicon.roleTitles { try known(title.relation, title.phrase) }
        let ids = Set(lexicon.entities.map(\.id))
        for entity in lexicon.entities {
            if ontologyClass(entity.type) == nil {
                throw .unknownClass(name: entity.type.rawValue, referencedBy: entity.id, file: "", line: 0)
            }
            if let parent = entity.partOf, !ids.contains(parent) {
                throw .unknownEntity(id: parent, referencedBy: entity.id, file: "", line: 0)
            }
        }
        for anaphor in lexicon.anaphors {
            for type in anaphor.refersTo where ontologyClass(type) == nil {
                throw .unknownClass(name: type.rawValue, referencedBy: anaphor.noun, file: "", line: 0)
            }
        }
    }
}
