import XCTest
@testable import ParleyGraph

/// The finalized graph keeps nodes and edges packed (`NodeStore`,
/// `EdgeStore`); what goes in must come back out as the same values.
final class CompactStorageTests: XCTestCase {
    private let a = NodeKey(rawValue: "entity/a"), b = NodeKey(rawValue: "entity/b"), c = NodeKey(rawValue: "actor/c")

    private func edge(_ relation: String, _ s: NodeKey, _ t: NodeKey, sentence: Int32, evidence: String,
                      attribution: String? = nil) -> Edge {
        Edge(relation: RelationName(relation), source: s, target: t,
             provenance: Provenance(document: DocumentID(0), sentence: sentence, start: sentence * 100,
                                    end: sentence * 100 + 9, evidence: evidence, confidence: 0.1 + 0.2,
                                    modality: .conditional, negated: sentence % 2 == 0, trigger: "t\(sentence)",
                                    attribution: attribution))
    }

    private var nodes: [Node] {
        [Node(key: b, type: .organization, label: "B \u{1}é", aliases: ["", "bee"], documents: [DocumentID(0)],
              mentionCount: Int.max, attributes: ["category": .string("State"), "n": .int(-3), "x": .double(-0.0)]),
         Node(key: a, type: NodeType("Ärger"), label: "", documents: [DocumentID(0), DocumentID(1)]),
         Node(key: c, type: .actor, label: "C 🙂", attributes: ["category": .string("State")])]
    }

    func testNodesAndEdgesComeBackAsTheyWentIn() throws {
        let edges = [edge("backs", a, b, sentence: 2, evidence: "A & B \"agree\"", attribution: "officials"),
                     edge("backs", a, b, sentence: 3, evidence: "A & B \"agree\""),
                     edge("opposes", c, a, sentence: 1, evidence: "")]
        let g = CorpusGraph(documents: [DocumentInfo(name: "d", path: "d"), DocumentInfo(name: "e", path: "e")],
                            nodes: nodes, edges: edges)
        XCTAssertEqual(Array(g.nodes), nodes.sorted { $0.key < $1.key })
        XCTAssertEqual(Array(g.edges), [edges[2], edges[0], edges[1]])
        XCTAssertEqual(g.node(b), nodes[0])
        XCTAssertNil(g.node(NodeKey(rawValue: "entity/zz")))
        XCTAssertEqual(g.edgeStore.evidence.count, "A & B \"agree\"".utf8.count, "a repeated sentence is stored once")
        XCTAssertEqual(g.nodeStore.attributeSets.values.count, 3, "equal dictionaries are stored once")
    }

    func testParallelEdgesAreLinkedInOrder() {
        let edges = [edge("backs", a, b, sentence: 1, evidence: "1"), edge("backs", b, a, sentence: 2, evidence: "2"),
                     edge("backs", a, b, sentence: 3, evidence: "3"), edge("opposes", a, b, sentence: 4, evidence: "4"),
                     edge("backs", a, b, sentence: 5, evidence: "5")]
        let g = CorpusGraph(documents: [DocumentInfo(name: "d", path: "d")], nodes: nodes, edges: edges)
        let records = g.edgeStore.records
        XCTAssertEqual(records.map(\.isFirstParallel), [true, true, false, true, false])
        XCTAssertEqual(records.map(\.nextParallel), [2, 0, 4, 0, 0])
        XCTAssertEqual(GraphStatistics(g).distinctRelations, 3)
    }

    func testChangesAfterFinalizeUnpackAndSettleAgain() {
        var g = CorpusGraph(documents: [DocumentInfo(name: "d", path: "d")], nodes: nodes,
                            edges: [edge("backs", a, b, sentence: 1, evidence: "x")])
        g.merge(Node(key: NodeKey(rawValue: "entity/0"), type: .actor, label: "Zero"))
        g.add(edge("backs", NodeKey(rawValue: "entity/0"), a, sentence: 0, evidence: "y"))
        XCTAssertEqual(g.nodes.map(\.key.rawValue), ["actor/c", "entity/a", "entity/b", "entity/0"])
        g.finalize()
        XCTAssertEqual(g.nodes.map(\.key.rawValue), ["actor/c", "entity/0", "entity/a", "entity/b"])
        XCTAssertEqual(g.edges.map(\.source.rawValue), ["entity/0", "entity/a"])
        XCTAssertEqual(g.edges.map(\.target.rawValue), ["entity/a", "entity/b"])
    }

    func testAnEdgeToAMissingNodeKeepsItsKey() {
        let missing = NodeKey(rawValue: "entity/missing")
        let g = CorpusGraph(documents: [DocumentInfo(name: "d", path: "d")], nodes: nodes,
                            edges: [edge("backs", a, missing, sentence: 1, evidence: "x")])
        XCTAssertEqual(g.edges.first?.target, missing)
        XCTAssertLessThan(g.edgeStore.records[0].target, 0)
    }
}
