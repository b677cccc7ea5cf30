import ParleyGraph
import ParleyOntology

/// Edges that the document's own edges directly imply, each with the
/// sentence of the edge it follows from as evidence and a lower confidence.
///
/// Every rule starts from edges a trigger gave, never from co-occurrence,
/// and says what a careful reader concludes from them:
/// - an office in a state agency is an office in the state ("CIA Director X"
///   holds an office in the United States);
/// - a go-between (envoy, mediator) who puts a plan forward brokers it, and
///   so does the government the go-between was introduced with;
/// - a side whose own action is a term of a plan ("Israeli withdrawal",
///   "the Lebanese state deploying its army") is bound by it, and so is a
///   side that demands a term the plan is said to contain.
public struct RelationInference: ExtractionStage {
    let words: WordSets
    let rules: RelationRules
    /// Node key of each lexicon entity's parent (`parley:partOf`), by the
    /// node key of the entity: an agency's state.
    let parentKey: [NodeKey: NodeKey]

    public init(index: LexiconIndex, ontology: Ontology) {
        self.words = WordSets(index.lexicon)
        self.rules = RelationRules(ontology)
        let entities = index.lexicon.entities
        let byID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var parents: [NodeKey: NodeKey] = [:]
        for e in entities {
            guard let id = e.partOf, let parent = byID[id] else { continue }
            parents[NodeKey(family: "entity", label: e.label)] = NodeKey(family: "entity", label: parent.label)
        }
        self.parentKey = parents
    }

    /// The rules walk the edges by index: a loop over `a.edges` would hold
    /// the array, and the first edge it infers would copy all of them.
    public func run(_ a: inout DocumentAnalysis) {
        officesInAgencies(&a)
        boundParties(&a)
        signatoriesAreParties(&a)
        goBetweensBroker(&a)
        governmentsOfGoBetweensBroker(&a)
    }

    static let leads = RelationName("leads")
    static let memberOf = RelationName("memberOf")
    static let proposes = RelationName("proposes")
    static let brokers = RelationName("brokers")
    static let partyTo = RelationName("partyTo")
    static let requires = RelationName("requires")
    static let demands = RelationName("demands")

    /// Adds `relation` from `source` to `target` with the evidence of `basis`.
    func infer(_ relation: RelationName, from source: Int, to target: Int, because basis: Edge,
               confidenceLoss: Double, _ a: inout DocumentAnalysis) {
        guard rules.allows(relation, from: a.nodes[source].type, to: a.nodes[target].type) else { return }
        let p = basis.provenance
        a.addEdge(relation, from: source, to: target, sentence: Int(p.sentence),
                  confidence: max(0.1, p.confidence - confidenceLoss), trigger: p.trigger,
                  modality: p.modality, negated: p.negated, attribution: p.attribution)
    }

    /// "CIA Director Bill Burns": the director of an agency of the United
    /// States holds an office in the United States, when the document names
    /// that state.
    func officesInAgencies(_ a: inout DocumentAnalysis) {
        for i in a.edges.indices where a.edges[i].relation == Self.leads || a.edges[i].relation == Self.memberOf {
            let e = a.edges[i]
            guard let parent = parentKey[e.target], let person = a.nodeIndex(of: e.source),
                  let state = a.nodeIndex(of: parent), a.nodes[person].type == .actor else { continue }
            infer(Self.memberOf, from: person, to: state, because: e, confidenceLoss: 0.1, &a)
        }
    }

    /// A plan binds the sides whose own action is one of its terms, and the
    /// sides that demand a term the same sentence says it contains.
    func boundParties(_ a: inout DocumentAnalysis) {
        for i in a.edges.indices where a.edges[i].relation == Self.requires {
            let e = a.edges[i]
            guard let plan = a.nodeIndex(of: e.source), let term = a.nodeIndex(of: e.target),
                  // A resolution is imposed by a body, not agreed between sides.
                  a.nodes[plan].category.rawValue.lowercased() != "resolution" else { continue }
            if let side = a.sideBound(byTerm: term) {
                infer(Self.partyTo, from: side, to: plan, because: e, confidenceLoss: 0.15, &a)
            }
            for d in a.edges(inSentence: Int(e.provenance.sentence)) where d.relation == Self.demands && d.target == e.target {
                guard let side = a.nodeIndex(of: d.source), a.nodes[side].type == .organization else { continue }
                infer(Self.partyTo, from: side, to: plan, because: d, confidenceLoss: 0.15, &a)
            }
        }
    }

    static let mutualNouns: Set<Substring> = ["exchange", "swap", "release"]

    /// "Armenia and Azerbaijan signed the treaty", "Israel and Hamas reached
    /// a deal": two sides that conclude a plan together are its parties.
    func signatoriesAreParties(_ a: inout DocumentAnalysis) {
        let accepts = RelationName("accepts")
        var bySentenceAndPlan: [Int32: [NodeKey: [Edge]]] = [:]
        for e in a.edges where e.relation == accepts && Self.concludes(e.provenance.trigger) {
            bySentenceAndPlan[e.provenance.sentence, default: [:]][e.target, default: []].append(e)
        }
        for sentence in bySentenceAndPlan.keys.sorted() {
            for (_, edges) in bySentenceAndPlan[sentence]!.sorted(by: { $0.key < $1.key }) {
                let sides = edges.filter { a.nodeIndex(of: $0.source).map { a.nodes[$0].type == .organization } ?? false }
                guard Set(sides.map(\.source)).count >= 2 else { continue }
                for e in sides {
                    guard let side = a.nodeIndex(of: e.source), let plan = a.nodeIndex(of: e.target) else { continue }
                    infer(Self.partyTo, from: side, to: plan, because: e, confidenceLoss: 0.1, &a)
                }
            }
        }
    }

    /// Triggers of concluding a plan together, not of welcoming one.
    static func concludes(_ trigger: String) -> Bool {
        let t = trigger.lowercased()
        return ["reach", "sign", "agree", "struck", "strik", "seal", "clinch", "conclud"].contains { t.hasPrefix($0) }
    }

    /// Which of the `candidates` (by node index) the document introduces
    /// with a go-between's title: "special envoy X", "US envoy X" (their
    /// role edge's trigger is the title).
    func goBetweens(among candidates: [Bool], _ a: DocumentAnalysis) -> Set<Int> {
        var found = Set<Int>()
        for sentenceMentions in a.mentions {
            for m in sentenceMentions where candidates[m.node] && a.nodes[m.node].type == .actor
                && words.hasGoBetweenTitle(m, in: a.sentences[m.sentence].tokens) {
                found.insert(m.node)
            }
        }
        for e in a.edges where e.relation == Self.memberOf {
            guard let person = a.nodeIndex(of: e.source), candidates[person],
                  let last = e.provenance.trigger.split(separator: " ").last,
                  words.mediatorTitles.contains(last.lowercased()) else { continue }
            found.insert(person)
        }
        return found
    }

    /// "ideas presented by Hochstein", a US envoy: a go-between who puts a
    /// plan forward brokers it.
    func goBetweensBroker(_ a: inout DocumentAnalysis) {
        // Only who puts a plan forward can broker it, so the go-betweens are
        // looked for among them alone; most documents propose nothing.
        var proposals: [Int] = []
        var proposers = [Bool](repeating: false, count: a.nodes.count)
        for i in a.edges.indices where a.edges[i].relation == Self.proposes {
            proposals.append(i)
            if let person = a.nodeIndex(of: a.edges[i].source) { proposers[person] = true }
        }
        guard !proposals.isEmpty else { return }
        let envoys = goBetweens(among: proposers, a)
        guard !envoys.isEmpty else { return }
        for i in proposals {
            let e = a.edges[i]
            guard let person = a.nodeIndex(of: e.source), envoys.contains(person),
                  let plan = a.nodeIndex(of: e.target) else { continue }
            infer(Self.brokers, from: person, to: plan, because: e, confidenceLoss: 0.15, &a)
        }
    }

    /// A go-between brokers for the government they serve: when the same
    /// sentence introduces them with it ("Biden's adviser McGurk ... to visit
    /// Israel for discussions on a truce") or that government proposes the
    /// plan too, it brokers the plan, unless it is a side of it.
    func governmentsOfGoBetweensBroker(_ a: inout DocumentAnalysis) {
        for i in a.edges.indices where a.edges[i].relation == Self.brokers {
            let e = a.edges[i]
            guard let person = a.nodeIndex(of: e.source), a.nodes[person].type == .actor,
                  let plan = a.nodeIndex(of: e.target) else { continue }
            for office in a.offices(of: e.source) {
                guard let government = a.nodeIndex(of: office.target) else { continue }
                let sameSentence = office.provenance.sentence == e.provenance.sentence
                let proposesToo = a.edges(from: office.target, Self.proposes).contains { $0.target == e.target }
                let isSide = a.edges(from: office.target, Self.partyTo).contains { $0.target == e.target }
                guard sameSentence || proposesToo, !isSide else { continue }
                infer(Self.brokers, from: government, to: plan, because: e, confidenceLoss: 0.15, &a)
            }
        }
    }
}

extension DocumentAnalysis {
    /// The organisation whose own action a term is ("Israeli withdrawal"
    /// binds Israel); none for a mutual term ("the exchange of hostages for
    /// prisoners" has two sides, not one agent).
    func sideBound(byTerm term: Int) -> Int? {
        let signature = nodes[term].signature
        guard !signature.contains(where: { $0.hasPrefix("noun:") && RelationInference.mutualNouns.contains($0.dropFirst(5)) }) else { return nil }
        for entry in signature.sorted() where entry.hasPrefix("agent:") {
            if let side = nodeIndex(of: NodeKey(rawValue: String(entry.dropFirst(6)))), nodes[side].type == .organization { return side }
        }
        return nil
    }
}
