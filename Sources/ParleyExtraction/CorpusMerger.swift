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
        var rename = surnameKeys(extractions)
        let (proposals, labels) = proposalKeys(extractions)
        for (from, to) in proposals where rename[from] == nil { rename[from] = to }
        var nodes = CorpusNodes(rename: rename, labels: labels)
        // The corpus nodes at the ends of every edge, two per edge in
        // document and edge order: each end is looked up once.
        var ends: [Int32] = []
        ends.reserveCapacity(2 * extractions.reduce(0) { $0 + $1.edges.count })
        for x in extractions {
            for e in x.edges {
                let source = nodes.local(e.source).node, target = nodes.local(e.target).node
                nodes.linked[Int(source)] = true
                nodes.linked[Int(target)] = true
                ends.append(source)
                ends.append(target)
            }
        }
        graph.reserveCapacity(nodes: nodes.keys.count)
        for x in extractions {
            for var n in x.nodes {
                let local = nodes.local(n.key)
                let node = Int(local.node)
                // A state no edge touches was only a place in the text
                // ("rebels in Yemen"); the guidelines keep places out of
                // the graph.
                if !nodes.linked[node], n.attributes["category"] == .string("State") { continue }
                if local.isRenamed {
                    n.key = nodes.keys[node]
                    if let label = nodes.labels[node], label != n.label {
                        n.aliases.append(n.label)
                        n.label = label
                    }
                }
                if nodes.positions[node] >= 0 {
                    graph.merge(n, into: nodes.positions[node])
                } else {
                    nodes.positions[node] = graph.position(merging: n)
                }
            }
        }
        var end = 0
        for x in extractions {
            var seen = Set<RenamedEdge>(minimumCapacity: x.edges.count)
            for e in x.edges {
                let source = ends[end], target = ends[end + 1]
                end += 2
                guard source != target, seen.insert(RenamedEdge(source: source, target: target, edge: e)).inserted
                else { continue }
                let sourcePosition = nodes.positions[Int(source)], targetPosition = nodes.positions[Int(target)]
                precondition(sourcePosition >= 0 && targetPosition >= 0, "edge \(e.relation) "
                             + "\(nodes.keys[Int(source)]) -> \(nodes.keys[Int(target)]) names a node that is not in the graph")
                graph.add(e, source: sourcePosition, target: targetPosition)
            }
        }
        graph.finalize()
    }

    /// Single-word person names that are the surname of exactly one
    /// multi-word person of the corpus, by the digest of their key.
    func surnameKeys(_ extractions: [DocumentExtraction]) -> [KeyDigest<NodeKey>: NodeKey] {
        // Multi-word persons by surname, and whether only one ends with it.
        var full: [KeyDigest<String>: (key: NodeKey, isOnly: Bool)] = [:]
        var single: [KeyDigest<String>: NodeKey] = [:]
        for x in extractions {
            // By position, so that nodes of other types are not copied.
            for i in x.nodes.indices where x.nodes[i].type == .actor {
                let key = x.nodes[i].key, label = x.nodes[i].label
                guard let (last, isOnly) = label.lastWord else { continue }
                if isOnly {
                    single[KeyDigest(label)] = key
                    continue
                }
                let surname = KeyDigest(String(last))
                if let person = full[surname] {
                    if person.isOnly && person.key != key { full[surname]!.isOnly = false }
                } else {
                    full[surname] = (key, true)
                }
            }
        }
        var out: [KeyDigest<NodeKey>: NodeKey] = [:]
        for (name, key) in single {
            guard let person = full[name], person.isOnly else { continue }
            // Two spellings of one key ("Qassem", "QASSEM") may name two
            // people: the smaller key wins, whatever order the table gives.
            if let chosen = out[KeyDigest(key)], chosen.rawValue <= person.key.rawValue { continue }
            out[KeyDigest(key)] = person.key
        }
        return out
    }

    /// Document-local proposal keys to corpus keys, and the label of each
    /// corpus key.
    func proposalKeys(_ extractions: [DocumentExtraction])
        -> ([KeyDigest<NodeKey>: NodeKey], [KeyDigest<NodeKey>: String]) {
        struct Member { var key: NodeKey; var label: String; var size: Int }
        var groups: [[Member]] = []
        // Entities and families as small integers, a plan's entities as a
        // sorted list of them: plans are compared by merging two lists
        // rather than by hashing strings into sets.
        var entityIDs: [KeyDigest<String>: Int32] = [:]
        var familyIDs: [String: Int] = [:]
        // Whether a plan matches a group's member depends only on the
        // member's family (one per group) and entities: each group keeps its
        // distinct entity lists, so a popular group is not rescanned member
        // by member.
        var groupEntities: [[[Int32]]] = []
        // Groups by family and entity (`family << 32 | entity`), so a plan is
        // compared only with plans of its family that could match it: linear
        // in the corpus, not quadratic.
        var byAnchor: [Int: [Int]] = [:]
        for x in extractions {
            for i in x.nodes.indices where x.nodes[i].type == .proposal {
                let n = x.nodes[i]
                let signature = x.signatures[n.key] ?? []
                var entities: [Int32] = []
                for s in signature where s.hasPrefix("entity/") {
                    let entity = KeyDigest(s)
                    if let id = entityIDs[entity] {
                        entities.append(id)
                    } else {
                        entities.append(Int32(entityIDs.count))
                        entityIDs[entity] = entities.last!
                    }
                }
                entities.sort()
                let familyName = ProposalExtractor.family(n.attributes["kind"])
                let family = familyIDs[familyName] ?? familyIDs.count
                familyIDs[familyName] = family
                let m = Member(key: n.key, label: n.label, size: signature.count)
                var candidates = entities.flatMap { byAnchor[family << 32 | Int($0)] ?? [] }
                candidates.sort()
                let g = candidates.first { groupEntities[$0].contains { CorpusMerger.match(entities, $0) } }
                let index: Int
                if let g {
                    groups[g].append(m)
                    if !groupEntities[g].contains(entities) { groupEntities[g].append(entities) }
                    index = g
                } else {
                    groups.append([m])
                    groupEntities.append([entities])
                    index = groups.count - 1
                }
                for e in entities where byAnchor[family << 32 | Int(e)]?.last != index {
                    byAnchor[family << 32 | Int(e), default: []].append(index)
                }
            }
        }
        var out: [KeyDigest<NodeKey>: NodeKey] = [:]
        var labels: [KeyDigest<NodeKey>: String] = [:]
        var taken: Set<KeyDigest<NodeKey>> = []
        var nextSuffix: [KeyDigest<NodeKey>: Int] = [:]
        for group in groups {
            let best = group.max { a, b in a.size != b.size ? a.size < b.size : a.label.count < b.label.count }!
            // Generic labels ("ceasefire") recur across thousands of groups:
            // remember the next free suffix per base key instead of retrying.
            let base = KeyDigest(NodeKey(family: "proposal", label: best.label))
            var key = base
            var n = nextSuffix[base] ?? 2
            while taken.contains(key) {
                key = KeyDigest(NodeKey(rawValue: base.key.rawValue + "-\(n)"))
                n += 1
            }
            nextSuffix[base] = n
            taken.insert(key)
            labels[key] = best.label
            for m in group { out[KeyDigest(m.key)] = key.key }
        }
        return (out, labels)
    }

    /// Whether two plans of one family, naming the entities `a` and `b`
    /// (sorted lists), are the same plan: both name entities, and the same
    /// ones, or the entities of one include those of the other and they
    /// share at least two.
    static func match(_ a: [Int32], _ b: [Int32]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let nested = shared == a.count || shared == b.count
        return nested && (a.count == b.count || shared >= 2)
    }
}
