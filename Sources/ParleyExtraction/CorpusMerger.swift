import ParleyGraph
import ParleyOntology

/// Merges the graphs of single documents into the corpus graph: one node per
/// real thing.
///
/// Named entities merge by key (the slug of the canonical label, never the
/// guessed type). A lone surname ("Qassem") merges into the one person of
/// the corpus whose name ends with it. A proposal merges with a proposal of
/// another document when both are of one family (a truce, a ceasefire, a
/// pact) and they share at least two parties or name the same ones; its
/// final key is made from the label of its most specific mention.
struct CorpusMerger {
    let ontology: Ontology

    func merge(_ extractions: [DocumentExtraction], into graph: inout CorpusGraph) {
        // Keys hashed by their digest (`KeyDigest`): every edge is looked up
        // here twice, and this runs on one thread.
        var rename: [KeyDigest<NodeKey>: NodeKey] = [:]
        for (from, to) in surnameKeys(extractions) { rename[KeyDigest(from)] = to }
        let (proposals, labels) = proposalKeys(extractions)
        for (from, to) in proposals where rename[KeyDigest(from)] == nil { rename[KeyDigest(from)] = to }
        func renamed(_ key: NodeKey) -> NodeKey { rename[KeyDigest(key)] ?? key }
        // A state no edge touches was only a place in the text ("rebels in
        // Yemen"); the guidelines keep places out of the graph.
        var linked = Set<KeyDigest<NodeKey>>(minimumCapacity: 2 * extractions.reduce(0) { $0 + $1.edges.count })
        for x in extractions {
            for e in x.edges {
                linked.insert(KeyDigest(renamed(e.source)))
                linked.insert(KeyDigest(renamed(e.target)))
            }
        }
        for x in extractions {
            for var n in x.nodes {
                if n.attributes["category"] == .string("State"), !linked.contains(KeyDigest(renamed(n.key))) { continue }
                if let k = rename[KeyDigest(n.key)] {
                    n.key = k
                    if let label = labels[k], label != n.label {
                        n.aliases.append(n.label)
                        n.label = label
                    }
                }
                graph.merge(n)
            }
        }
        for x in extractions {
            var seen = Set<EdgeIdentity>(minimumCapacity: x.edges.count)
            for var e in x.edges {
                e.source = renamed(e.source)
                e.target = renamed(e.target)
                guard e.source != e.target, seen.insert(EdgeIdentity(edge: e)).inserted else { continue }
                graph.add(e)
            }
        }
        graph.finalize()
    }

    /// Single-word person names that are the surname of exactly one
    /// multi-word person of the corpus.
    func surnameKeys(_ extractions: [DocumentExtraction]) -> [NodeKey: NodeKey] {
        var full: [String: Set<NodeKey>] = [:]
        var single: [String: NodeKey] = [:]
        for x in extractions {
            for n in x.nodes where n.type == .actor {
                guard let (last, isOnly) = n.label.lastWord else { continue }
                if isOnly { single[n.label] = n.key } else { full[String(last), default: []].insert(n.key) }
            }
        }
        var out: [NodeKey: NodeKey] = [:]
        for (name, key) in single {
            if let targets = full[name], targets.count == 1 { out[key] = targets.first! }
        }
        return out
    }

    /// Document-local proposal keys to corpus keys.
    func proposalKeys(_ extractions: [DocumentExtraction]) -> ([NodeKey: NodeKey], [NodeKey: String]) {
        struct Member { var key: NodeKey; var label: String; var family: String; var entities: Set<String>; var size: Int }
        var groups: [[Member]] = []
        // Whether a plan matches a group's member depends only on the
        // member's family (one per group) and entities: each group keeps its
        // distinct entity sets, so a popular group is not rescanned member by
        // member.
        var groupEntities: [Set<Set<String>>] = []
        // Groups by (family, entity), so a plan is compared only with plans
        // that could match it: linear in the corpus, not quadratic.
        struct Anchor: Hashable { let family: String; let entity: String }
        var byAnchor: [Anchor: [Int]] = [:]
        /// Whether `m` matches a member of the family `family` with `entities`.
        func matches(_ m: Member, family: String, entities: Set<String>) -> Bool {
            family == m.family && !m.entities.isEmpty && !entities.isEmpty
                && (entities == m.entities
                    || (entities.isSubset(of: m.entities) || m.entities.isSubset(of: entities))
                        && entities.intersection(m.entities).count >= 2)
        }
        for x in extractions {
            for n in x.nodes where n.type == .proposal {
                let sig = x.signatures[n.key] ?? []
                let m = Member(key: n.key, label: n.label, family: ProposalExtractor.family(n.attributes["kind"]),
                               entities: sig.filter { $0.hasPrefix("entity/") }, size: sig.count)
                let candidates = Set(m.entities.flatMap { byAnchor[Anchor(family: m.family, entity: $0)] ?? [] }).sorted()
                let g = candidates.first { group in
                    let family = groups[group][0].family
                    return groupEntities[group].contains { matches(m, family: family, entities: $0) }
                }
                let index: Int
                if let g {
                    groups[g].append(m)
                    groupEntities[g].insert(m.entities)
                    index = g
                } else {
                    groups.append([m])
                    groupEntities.append([m.entities])
                    index = groups.count - 1
                }
                for e in m.entities where byAnchor[Anchor(family: m.family, entity: e)]?.last != index {
                    byAnchor[Anchor(family: m.family, entity: e), default: []].append(index)
                }
            }
        }
        var out: [NodeKey: NodeKey] = [:]
        var labels: [NodeKey: String] = [:]
        var taken: Set<NodeKey> = []
        var nextSuffix: [NodeKey: Int] = [:]
        for group in groups {
            let best = group.max { a, b in a.size != b.size ? a.size < b.size : a.label.count < b.label.count }!
            // Generic labels ("ceasefire") recur across thousands of groups:
            // remember the next free suffix per base key instead of retrying.
            let base = NodeKey(family: "proposal", label: best.label)
            var key = base
            var n = nextSuffix[base] ?? 2
            while taken.contains(key) {
                key = NodeKey(rawValue: base.rawValue + "-\(n)")
                n += 1
            }
            nextSuffix[base] = n
            taken.insert(key)
            labels[key] = best.label
            for m in group { out[m.key] = key }
        }
        return (out, labels)
    }
}
