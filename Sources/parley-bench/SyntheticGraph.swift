import ParleyGraph

/// A typed graph of any size shaped like an extracted one: people,
/// organisations (states, armed groups, bodies, agencies, parties),
/// proposals and conditions; relations that respect the ontology's domains
/// and ranges; one fresh evidence sentence of about 100 characters per edge
/// holding `& < > "` and non-ASCII text, so every serializer has to escape;
/// about one edge in ten restating a relation (parallel edges).
///
/// Built like a real graph: nodes first, then edges added one by one, so
/// the resident memory measured before and after is what the graph costs.
struct SyntheticGraph {
    var graph: CorpusGraph
    /// Resident bytes the graph with its nodes only took, then what the
    /// edges added.
    var nodeBytes: Int
    var edgeBytes: Int
    var seconds: Double
    /// Mean UTF-8 length of the evidence sentences.
    var evidenceBytes: Double

    var bytesPerEdge: Double { Double(nodeBytes + edgeBytes) / Double(max(graph.edgeCount, 1)) }
    var edgeOnlyBytesPerEdge: Double { Double(edgeBytes) / Double(max(graph.edgeCount, 1)) }

    static let firstNames = ["Amal", "José", "Zoë", "Naim", "Amos", "Björn", "Leïla", "Ahmad", "Dmitrij", "Søren",
                             "Chidi", "Ngozi", "Yūki", "François", "Hana", "Maryam"]
    static let lastNames = ["Haddad", "Qassem", "Hochstein", "Müller", "Ødegaard", "Nasser", "Al-Thani", "Okonkwo",
                            "Çelik", "Dvořák", "O'Brien", "Ferreira", "Mikati", "Kovalenko"]
    static let places = ["Beirut", "Gaza", "Zürich", "Doha", "Kyiv", "Khartoum", "Sanaʽa", "Tel Aviv", "Goma",
                         "Nicosia", "Bogotá", "Mosul", "Tyre", "Kharkiv", "Darfur", "Rafah"]
    static let categories: [NodeType] = [NodeType("State"), NodeType("ArmedGroup"),
                                         NodeType("InternationalOrganization"), NodeType("Agency"),
                                         NodeType("PoliticalParty")]
    static let proposalKinds = ["ceasefire", "truce", "deal", "plan", "resolution", "framework"]
    static let conditionKinds = ["withdrawal", "disarmament", "prisoner exchange", "aid access", "elections"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// One relation, the node classes at its ends, and a trigger word.
    struct Rule {
        var relation: RelationName
        var source: [Int]  // pool numbers: 0 actors, 1 organisations, 2 proposals, 3 conditions
        var target: [Int]
        var trigger: String
    }

    static let rules: [Rule] = [
        Rule(relation: RelationName("leads"), source: [0], target: [1], trigger: "leader"),
        Rule(relation: RelationName("memberOf"), source: [0], target: [1], trigger: "envoy"),
        Rule(relation: RelationName("backs"), source: [0, 1], target: [1], trigger: "backed"),
        Rule(relation: RelationName("founded"), source: [0, 1], target: [1], trigger: "founded"),
        Rule(relation: RelationName("opposes"), source: [0, 1], target: [0, 1], trigger: "opposes"),
        Rule(relation: RelationName("negotiatesWith"), source: [0, 1], target: [0, 1], trigger: "negotiated with"),
        Rule(relation: RelationName("proposes"), source: [0, 1], target: [2], trigger: "proposed"),
        Rule(relation: RelationName("brokers"), source: [0, 1], target: [2], trigger: "brokered"),
        Rule(relation: RelationName("partyTo"), source: [0, 1], target: [2], trigger: "signed"),
        Rule(relation: RelationName("rejects"), source: [0, 1], target: [2], trigger: "rejected"),
        Rule(relation: RelationName("accepts"), source: [0, 1], target: [2], trigger: "accepted"),
        Rule(relation: RelationName("considers"), source: [0, 1], target: [2], trigger: "would consider"),
        Rule(relation: RelationName("demands"), source: [0, 1], target: [3], trigger: "demanded"),
        Rule(relation: RelationName("requires"), source: [2], target: [3], trigger: "requires"),
    ]

    static func make(nodes nodeCount: Int, edges edgeCount: Int, seed: UInt64) -> SyntheticGraph {
        var random = SplitMix64(seed: seed ^ 0x5EED)
        let t0 = Measure.now()
        let r0 = Measure.residentBytes()
        var graph = nodeGraph(count: nodeCount, random: &random)
        let r1 = Measure.residentBytes()
        addEdges(count: edgeCount, to: &graph, random: &random)
        graph.finalize()
        let r2 = Measure.residentBytes()
        let evidence = graph.edgeStore.records.reduce(0) { $0 + Int($1.evidenceCount) }
        return SyntheticGraph(graph: graph, nodeBytes: r1 - r0, edgeBytes: r2 - r1, seconds: Measure.now() - t0,
                              evidenceBytes: Double(evidence) / Double(max(graph.edgeCount, 1)))
    }

    static func documents(for nodeCount: Int) -> [DocumentInfo] {
        (0..<max(1, nodeCount / 100)).map { d in
            let name = String(d + 100_000) + "_report.txt"
            return DocumentInfo(name: name, path: "corpus/" + name, title: "Talks résumé & update no. \(d)",
                                url: "https://news.example/article?id=\(d)&lang=en",
                                date: "2024-\(1 + d % 12 < 10 ? "0" : "")\(1 + d % 12)-\(10 + d % 18)")
        }
    }

    static func nodeGraph(count: Int, random: inout SplitMix64) -> CorpusGraph {
        let docs = documents(for: count)
        var nodes: [Node] = []
        nodes.reserveCapacity(count)
        for i in 0..<count {
            let place = places[random.below(places.count)]
            var attributes: [String: AttributeValue] = [:]
            let type: NodeType, label: String, aliases: [String]
            switch i % 10 {
            case 0, 1, 2:
                type = .actor
                let last = lastNames[random.below(lastNames.count)]
                label = "\(firstNames[random.below(firstNames.count)]) \(last) \(i)"
                aliases = i % 3 == 0 ? ["\(last) \(i)"] : []
            case 3, 4, 5:
                type = .organization
                let category = categories[i % categories.count]
                attributes["category"] = .string(category.rawValue)
                label = ["\(place) Ministry of Defence \(i)", "\(place) “Unity” Front \(i)",
                         "Council for Peace & Justice \(i)", "\(place) Relief Agency \(i)",
                         "People's Party of \(place) \(i)"][i % 5]
                aliases = i % 3 == 0 ? ["PJC-\(i)"] : []
            case 6, 7:
                type = .proposal
                let kind = proposalKinds[random.below(proposalKinds.count)]
                attributes["kind"] = .string(kind)
                if i % 4 == 0 { attributes["duration"] = .string("\(30 + i % 60) days") }
                label = "\(place)–\(places[random.below(places.count)]) \(kind) \(i)"
                aliases = i % 3 == 0 ? ["the \(kind) of \(place) \(i)"] : []
            default:
                type = .condition
                let kind = conditionKinds[random.below(conditionKinds.count)]
                attributes["kind"] = .string(kind)
                label = "\(kind) in \(place) & its region \(i)"
                aliases = []
            }
            var documents = [DocumentID(random.below(docs.count))]
            if random.chance(0.5) { documents.append(DocumentID(random.below(docs.count))) }
            nodes.append(Node(key: NodeKey(family: type.rawValue.lowercased(), label: label), type: type,
                              label: label, aliases: aliases, documents: documents,
                              mentionCount: 1 + random.below(12), attributes: attributes))
        }
        return CorpusGraph(documents: docs, nodes: nodes, edges: [])
    }

    static func addEdges(count: Int, to graph: inout CorpusGraph, random: inout SplitMix64) {
        var pools: [[Int]] = [[], [], [], []]
        let nodes = Array(graph.nodes)  // read once: `graph.nodes[i]` rebuilds the node each time
        for (i, node) in nodes.enumerated() {
            switch node.type {
            case .actor: pools[0].append(i)
            case .organization: pools[1].append(i)
            case .proposal: pools[2].append(i)
            default: pools[3].append(i)
            }
        }
        let documentCount = graph.documents.count
        var previous: (rule: Int, s: Int, t: Int)? = nil
        var lastDocument = -1, sentence: Int32 = 0, offset: Int32 = 0
        for i in 0..<count {
            let document = Int(Double(i) * Double(documentCount) / Double(max(count, 1)))
            if document != lastDocument { lastDocument = document; sentence = 0; offset = 0 }
            let (k, s, t): (Int, Int, Int)
            if let p = previous, random.chance(0.1) {
                (k, s, t) = p
            } else {
                k = random.below(rules.count)
                let rule = rules[k]
                let sp = pools[rule.source[random.below(rule.source.count)]]
                let tp = pools[rule.target[random.below(rule.target.count)]]
                (s, t) = (sp[random.below(sp.count)], tp[random.below(tp.count)])
            }
            previous = (k, s, t)
            let rule = rules[k]
            let source = nodes[s], target = nodes[t]
            let evidence = "On \(weekdays[i % 7]), \(source.label) \(rule.trigger) “\(target.label)” & "
                + "<\(places[random.below(places.count)])> \"soon\" #\(i)."
            let length = Int32(evidence.unicodeScalars.count)
            let modality: Modality = random.chance(0.8) ? .asserted : (random.chance(0.7) ? .possible : .conditional)
            let provenance = Provenance(
                document: DocumentID(document), sentence: sentence, start: offset, end: offset + length,
                evidence: evidence, confidence: [0.9, 0.85, 0.8, 0.75, 0.6][random.below(5)], modality: modality,
                negated: random.chance(0.05), trigger: rule.trigger,
                attribution: random.chance(0.2) ? "according to officials in \(places[random.below(places.count)])" : nil)
            graph.add(Edge(relation: rule.relation, source: source.key, target: target.key, provenance: provenance))
            sentence += 1
            offset += length + 1
        }
    }
}
