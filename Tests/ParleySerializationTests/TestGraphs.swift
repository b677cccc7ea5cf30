// Graphs and an ontology built by hand for the serializer tests. Shared with
// ParleyInteropTests through a symbolic link (test targets cannot depend on
// each other), so keep it free of XCTest.
import Foundation
import ParleyGraph
import ParleyOntology

enum TestGraphs {
    /// A small ontology with the four top classes, a few subclasses and the
    /// relations the fixtures use (`negotiatesWith` symmetric).
    static let ontology: Ontology = {
        let ns = "https://w3id.org/parley/ontology#"
        func cls(_ name: String, _ parent: NodeType?) -> OntologyClass {
            OntologyClass(name: NodeType(name), iri: ns + name, label: name, comment: "", superClass: parent)
        }
        func rel(_ name: String, _ domain: [NodeType], _ range: [NodeType], symmetric: Bool = false) -> OntologyRelation {
            OntologyRelation(name: RelationName(name), iri: ns + name, label: name, comment: "",
                             domain: domain, range: range, symmetric: symmetric)
        }
        let agents: [NodeType] = [.actor, .organization]
        return Ontology(
            namespace: ns, instanceBase: "https://w3id.org/parley/id/",
            classes: [cls("Actor", nil), cls("Person", .actor), cls("Organization", nil), cls("State", .organization),
                      cls("ArmedGroup", .organization), cls("Proposal", nil), cls("Condition", nil)],
            relations: [rel("proposes", agents, [.proposal]), rel("accepts", agents, [.proposal]),
                        rel("rejects", agents, [.proposal]), rel("requires", [.proposal], [.condition]),
                        rel("demands", agents, [.condition]), rel("mediates", agents, [.proposal]),
                        rel("negotiatesWith", agents, agents, symmetric: true), rel("leads", [.actor], [.organization])],
            lexicon: Lexicon())
    }()

    /// Israel, Hezbollah, a US envoy, a ceasefire proposal and a withdrawal
    /// condition, with parallel `rejects` edges from two documents.
    static var small: CorpusGraph {
        let docs = [
            DocumentInfo(name: "000_a.txt", path: "seeds/000_a.txt", title: "Hezbollah rejects truce",
                         url: "https://example.org/news?id=1&lang=en", date: "2024-11-20"),
            DocumentInfo(name: "001_b.txt", path: "seeds/001_b.txt"),
        ]
        let israel = NodeKey(rawValue: "entity/israel"), hezbollah = NodeKey(rawValue: "entity/hezbollah")
        let envoy = NodeKey(rawValue: "actor/amos-hochstein")
        let truce = NodeKey(rawValue: "proposal/us-brokered-israel-lebanon-ceasefire")
        let withdrawal = NodeKey(rawValue: "condition/israeli-withdrawal")
        let nodes = [
            Node(key: israel, type: .organization, label: "Israel", aliases: ["Israeli government", "Jerusalem"],
                 documents: [DocumentID(0), DocumentID(1)], mentionCount: 4, attributes: ["category": .string("State")]),
            Node(key: hezbollah, type: .organization, label: "Hezbollah", aliases: ["the group"],
                 documents: [DocumentID(0), DocumentID(1)], mentionCount: 3,
                 attributes: ["category": .string("ArmedGroup")]),
            Node(key: envoy, type: .actor, label: "Amos Hochstein", documents: [DocumentID(0)], mentionCount: 1,
                 attributes: ["category": .string("Person")]),
            Node(key: truce, type: .proposal, label: "US-brokered Israel-Lebanon ceasefire",
                 documents: [DocumentID(0), DocumentID(1)], mentionCount: 3,
                 attributes: ["kind": .string("ceasefire"), "duration": .string("60 days"), "phases": .int(2)]),
            Node(key: withdrawal, type: .condition, label: "Israeli withdrawal from southern Lebanon",
                 documents: [DocumentID(1)], mentionCount: 1),
        ]
        func p(_ doc: Int, _ sentence: Int32, _ start: Int32, _ evidence: String, _ confidence: Double,
               modality: Modality = .asserted, negated: Bool = false, trigger: String,
               attribution: String? = nil) -> Provenance {
            Provenance(document: DocumentID(doc), sentence: sentence, start: start,
                       end: start + Int32(evidence.unicodeScalars.count), evidence: evidence, confidence: confidence,
                       modality: modality, negated: negated, trigger: trigger, attribution: attribution)
        }
        let edges = [
            Edge(relation: RelationName("mediates"), source: envoy, target: truce,
                 provenance: p(0, 0, 0, "US envoy Amos Hochstein brokered the ceasefire.", 0.8, trigger: "brokered")),
            Edge(relation: RelationName("rejects"), source: hezbollah, target: truce,
                 provenance: p(0, 1, 48, "Hezbollah rejected the US-brokered ceasefire.", 0.9, trigger: "rejected",
                               attribution: "Lebanese officials")),
            Edge(relation: RelationName("rejects"), source: hezbollah, target: truce,
                 provenance: p(1, 0, 0, "Hezbollah again rejected the truce on Monday.", 0.75, trigger: "rejected")),
            Edge(relation: RelationName("accepts"), source: israel, target: truce,
                 provenance: p(1, 1, 46, "Israel would consider the truce.", 0.6, modality: .possible,
                               trigger: "consider")),
            Edge(relation: RelationName("requires"), source: truce, target: withdrawal,
                 provenance: p(1, 2, 80, "The truce requires an Israeli withdrawal from southern Lebanon.", 0.7,
                               trigger: "requires")),
            Edge(relation: RelationName("demands"), source: hezbollah, target: withdrawal,
                 provenance: p(1, 3, 145, "Hezbollah demands an Israeli withdrawal from southern Lebanon.", 0.85,
                               trigger: "demands")),
            Edge(relation: RelationName("negotiatesWith"), source: israel, target: hezbollah,
                 provenance: p(1, 4, 210, "Israel did not negotiate with Hezbollah.", 0.5, negated: true,
                               trigger: "negotiate")),
        ]
        return CorpusGraph(documents: docs, nodes: nodes, edges: edges)
    }

    /// Every string the formats find hard, in labels, aliases, evidence,
    /// attributes, document names and keys.
    static let hardStrings: [String] = [
        "& < > \" '", "]]> and ]]&gt;", "C0: \u{1}\u{7}\u{8}\u{B}\u{C}\u{1F} end", "nonchar \u{FFFE} \u{FFFF}",
        "emoji 🙂 CJK 停火 Arabic وقف", "trailing backslash \\", "node", "EDGE", "a:b", "NUL\u{0}inside",
        "tab\there", "line\nbreak and\r\nCRLF", "  spaced  ", "\\N \\G \\l escString", "<b>html</b>",
        "{ } [ ] ; = -> --", "digraph", "%20 percent", "",
    ]

    /// The small graph's shape with every hard string in every text field,
    /// NaN and infinite confidences, extreme integers and parallel edges.
    static var adversarial: CorpusGraph {
        var docs: [DocumentInfo] = []
        for (i, s) in hardStrings.enumerated() {
            docs.append(DocumentInfo(name: "\(i)_\(s).txt", path: "dir/\(s)", title: s.isEmpty ? nil : s,
                                     url: i % 2 == 0 ? "https://example.org/?q=\(s)" : nil,
                                     date: i % 3 == 0 ? "2024-11-\(10 + i)" : (i % 3 == 1 ? s : nil)))
        }
        var nodes: [Node] = []
        let types: [NodeType] = [.actor, .organization, .proposal, .condition]
        for (i, s) in hardStrings.enumerated() {
            let type = types[i % 4]
            var attributes: [String: AttributeValue] = [
                "kind": .string(s), "score": .double([0.5, .nan, .infinity, -.infinity, 1e-7, 1e300][i % 6]),
                "count": .int([0, Int.max, Int.min, -1][i % 4]), "flag": .bool(i % 2 == 0),
                "mixed": i % 2 == 0 ? .int(i) : .string(s),
            ]
            if i % 4 == 1 { attributes["category"] = .string(["State", "ArmedGroup", "Organization"][i % 3]) }
            nodes.append(Node(key: NodeKey(rawValue: "\(type.rawValue.lowercased())/\(i)-\(s)"), type: type,
                              label: s, aliases: [s + " alias", "other | alias"],
                              documents: [DocumentID(i), DocumentID((i + 1) % hardStrings.count)],
                              mentionCount: i == 0 ? Int.max : i, attributes: attributes))
        }
        // Two keys that mint the same IRI (`…/actor/x`).
        nodes.append(Node(key: NodeKey(rawValue: "entity/x"), type: .actor, label: "X one"))
        nodes.append(Node(key: NodeKey(rawValue: "person/x"), type: .actor, label: "X two"))
        var edges: [Edge] = []
        let relations = ["rejects", "accepts", "negotiatesWith", "requires", "demands", "mediates", "proposes"]
        let confidences: [Double] = [0.82, .nan, .infinity, -.infinity, 1e-7, 1, 0, 0.1 + 0.2]
        for (i, s) in hardStrings.enumerated() {
            for k in 0..<2 { // parallel edges
                let target = nodes[(i + 1 + k * 0) % hardStrings.count].key
                edges.append(Edge(relation: RelationName(relations[i % relations.count]), source: nodes[i].key,
                                  target: target,
                                  provenance: Provenance(document: DocumentID(i), sentence: Int32(k),
                                                         start: Int32.max - 10, end: Int32.max, evidence: s,
                                                         confidence: confidences[(i + k) % confidences.count],
                                                         modality: Modality.allCases[i % 3], negated: k == 1,
                                                         trigger: s, attribution: k == 0 ? s : nil)))
            }
        }
        edges.append(Edge(relation: RelationName("leads"), source: nodes[nodes.count - 2].key,
                          target: nodes[nodes.count - 1].key,
                          provenance: Provenance(document: DocumentID(0), sentence: -1, start: Int32.min, end: 0,
                                                 evidence: "self", confidence: 0.5)))
        return CorpusGraph(documents: docs, nodes: nodes, edges: edges)
    }

    /// `nodes` nodes and `edges` edges with realistic text, for speed tests.
    static func synthetic(nodes nodeCount: Int, edges edgeCount: Int) -> CorpusGraph {
        let docs = (0..<100).map { DocumentInfo(name: String(format: "%03d_%016x.txt", $0, $0 * 7919), path: "seeds/\($0).txt") }
        let types: [NodeType] = [.actor, .organization, .proposal, .condition]
        var nodes: [Node] = []
        nodes.reserveCapacity(nodeCount)
        for i in 0..<nodeCount {
            let type = types[i % 4]
            let label = "Synthetic \(type.rawValue) number \(i) & co"
            nodes.append(Node(key: NodeKey(rawValue: "\(type.rawValue.lowercased())/synthetic-\(i)"), type: type,
                              label: label, aliases: i % 3 == 0 ? ["Alias \(i)", "S\(i)"] : [],
                              documents: [DocumentID(i % 100)], mentionCount: 1 + i % 17,
                              attributes: type == .proposal ? ["kind": .string("ceasefire"), "category": .string("Proposal")]
                                                           : ["category": .string(type.rawValue)]))
        }
        let graph = CorpusGraph(documents: docs, nodes: nodes, edges: [])
        let keys = graph.nodes.map(\.key)
        let relations = ["rejects", "accepts", "negotiatesWith", "requires", "demands", "mediates", "proposes"]
        let evidence = "Hezbollah's leader said on Monday that the group \"rejects\" the US-brokered ceasefire "
            + "unless Israel withdraws from southern Lebanon, according to officials in Beirut."
        var edges: [Edge] = []
        edges.reserveCapacity(edgeCount)
        var state: UInt64 = 0x9E3779B97F4A7C15
        for i in 0..<edgeCount {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let s = Int((state >> 33) % UInt64(keys.count))
            let t = Int((state >> 13) % UInt64(keys.count))
            edges.append(Edge(relation: RelationName(relations[i % relations.count]), source: keys[s], target: keys[t],
                              provenance: Provenance(document: DocumentID(i % 100), sentence: Int32(i % 40),
                                                     start: Int32(i % 5000), end: Int32(i % 5000 + 160),
                                                     evidence: evidence, confidence: [0.9, 0.75, 0.6, 0.82][i % 4],
                                                     modality: .asserted, negated: i % 11 == 0, trigger: "rejects",
                                                     attribution: i % 5 == 0 ? "officials in Beirut" : nil)))
        }
        return CorpusGraph(documents: docs, nodes: graph.nodes, edges: edges)
    }

    /// The package root, from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh empty folder under the system temporary folder.
    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a program and returns its exit status and combined output.
    @discardableResult
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = childEnvironment()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The environment for a child process: `environment` (nil: this
    /// process's own) with `ASAN_OPTIONS` set to `PARLEY_CHILD_ASAN_OPTIONS`
    /// when that is set. `scripts/sanitize address` turns LeakSanitizer off
    /// in the XCTest runner (false positives of XCTest and Foundation) and
    /// back on, through this, in every `parley` the tests start. Without the
    /// variable: unchanged.
    static func childEnvironment(_ environment: [String: String]? = nil) -> [String: String]? {
        guard let options = ProcessInfo.processInfo.environment["PARLEY_CHILD_ASAN_OPTIONS"] else { return environment }
        var result = environment ?? ProcessInfo.processInfo.environment
        result["ASAN_OPTIONS"] = options
        return result
    }

    /// Whether `program` is on the PATH.
    static func isInstalled(_ program: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(program)"]).status) == 0
    }
}
