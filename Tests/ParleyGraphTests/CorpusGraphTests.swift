import XCTest
@testable import ParleyGraph

final class CorpusGraphTests: XCTestCase {
    private func provenance(doc: Int, sentence: Int32, start: Int32) -> Provenance {
        Provenance(document: DocumentID(doc), sentence: sentence, start: start, end: start + 5,
                   evidence: "e", confidence: 0.9, trigger: "t")
    }

    func testMergeUnitesAliasesDocumentsAndMentions() {
        var g = CorpusGraph()
        let key = NodeKey(family: "entity", label: "Hezbollah")
        g.merge(Node(key: key, type: .organization, label: "Hezbollah", aliases: ["the group"], documents: [DocumentID(1)]))
        g.merge(Node(key: key, type: .organization, label: "Hizbollah", aliases: ["Hezbollah militia"], documents: [DocumentID(0)], mentionCount: 2))
        g.finalize()
        XCTAssertEqual(g.nodeCount, 1)
        let node = try! XCTUnwrap(g.node(key))
        XCTAssertEqual(node.label, "Hezbollah")
        XCTAssertEqual(node.aliases, ["Hezbollah militia", "Hizbollah", "the group"])
        XCTAssertEqual(node.documents, [DocumentID(0), DocumentID(1)])
        XCTAssertEqual(node.mentionCount, 3)
    }

    func testTypeIsMajorityVoteNotFirstGuess() {
        var g = CorpusGraph()
        let key = NodeKey(family: "entity", label: "Hamas")
        g.merge(Node(key: key, type: .actor, label: "Hamas"))
        g.merge(Node(key: key, type: .organization, label: "Hamas", mentionCount: 3))
        g.finalize()
        XCTAssertEqual(g.node(key)?.type, .organization)
    }

    func testFinalizeOrderIsIndependentOfInsertionOrder() {
        let a = NodeKey(family: "entity", label: "A"), b = NodeKey(family: "entity", label: "B")
        let e1 = Edge(relation: RelationName("opposes"), source: a, target: b, provenance: provenance(doc: 0, sentence: 2, start: 40))
        let e2 = Edge(relation: RelationName("backs"), source: b, target: a, provenance: provenance(doc: 0, sentence: 1, start: 10))
        var g1 = CorpusGraph(), g2 = CorpusGraph()
        for n in [Node(key: a, type: .organization, label: "A"), Node(key: b, type: .organization, label: "B")] { g1.merge(n) }
        for n in [Node(key: b, type: .organization, label: "B"), Node(key: a, type: .organization, label: "A")] { g2.merge(n) }
        g1.add(e1); g1.add(e2); g2.add(e2); g2.add(e1)
        g1.finalize(); g2.finalize()
        XCTAssertEqual(g1.nodes, g2.nodes)
        XCTAssertEqual(g1.edges, g2.edges)
        XCTAssertEqual(g1.edges.map(\.relation.rawValue), ["backs", "opposes"])
    }

    func testEdgesOfOneSentenceAreSortedWhenTheSentencesAreInOrder() {
        let a = NodeKey(family: "entity", label: "A"), b = NodeKey(family: "entity", label: "B")
        func edge(_ relation: String, _ source: NodeKey, _ target: NodeKey, sentence: Int32) -> Edge {
            Edge(relation: RelationName(relation), source: source, target: target,
                 provenance: provenance(doc: 0, sentence: sentence, start: 10 * sentence))
        }
        var g = CorpusGraph()
        for n in [Node(key: b, type: .organization, label: "B"), Node(key: a, type: .organization, label: "A")] { g.merge(n) }
        for e in [edge("opposes", a, b, sentence: 0), edge("backs", b, a, sentence: 0), edge("backs", a, b, sentence: 0),
                  edge("rejects", a, b, sentence: 1), edge("opposes", b, a, sentence: 2), edge("backs", a, b, sentence: 2)] {
            g.add(e)
        }
        g.finalize()
        XCTAssertEqual(g.edges.map { "\($0.provenance.sentence) \($0.relation) \($0.source.rawValue)" },
                       ["0 backs entity/a", "0 backs entity/b", "0 opposes entity/a",
                        "1 rejects entity/a", "2 backs entity/a", "2 opposes entity/b"])
    }

    func testMergingByPositionGivesTheGraphMergingByKeyGives() {
        let a = NodeKey(family: "entity", label: "A"), b = NodeKey(family: "entity", label: "B")
        let nodes = [Node(key: a, type: .actor, label: "A"), Node(key: b, type: .organization, label: "B"),
                     Node(key: a, type: .organization, label: "a", documents: [DocumentID(1)], mentionCount: 2)]
        let edge = Edge(relation: RelationName("backs"), source: a, target: b, provenance: provenance(doc: 1, sentence: 0, start: 0))
        var byKey = CorpusGraph(), byPosition = CorpusGraph()
        for n in nodes { byKey.merge(n) }
        byKey.add(edge)
        let positionOfA = byPosition.position(merging: nodes[0])
        let positionOfB = byPosition.position(merging: nodes[1])
        byPosition.merge(nodes[2], into: positionOfA)
        // The edge's own keys are not read: the merge gives the renamed ends.
        var renamed = edge
        renamed.source = NodeKey(rawValue: "entity/someone-else")
        byPosition.add(renamed, source: positionOfA, target: positionOfB)
        byKey.finalize()
        byPosition.finalize()
        XCTAssertEqual(byKey.nodes, byPosition.nodes)
        XCTAssertEqual(byKey.edges, byPosition.edges)
        XCTAssertEqual(byPosition.node(a)?.type, .organization)
    }

    func testSlugFoldsCaseAccentsAndPunctuation() {
        XCTAssertEqual(NodeKey.slug("Mohammed bin Abdulrahman Al-Thani"), "mohammed-bin-abdulrahman-al-thani")
        XCTAssertEqual(NodeKey.slug("São Tomé & Príncipe"), "sao-tome-principe")
        XCTAssertEqual(NodeKey.slug("U.S."), "u-s")
        XCTAssertEqual(NodeKey.slug("!!!"), "unnamed")
        XCTAssertEqual(NodeKey.slug(""), "unnamed")
        XCTAssertEqual(NodeKey.slug(" --Hello,  World 2!! "), "hello-world-2")
    }
}
